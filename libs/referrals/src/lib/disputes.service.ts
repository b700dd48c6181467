import { Injectable } from '@nestjs/common';
import type { Actor } from '@peerline/contracts';
import { inTransaction } from '@peerline/db';
import { isUuid, NotFoundError } from '@peerline/http-kit';
import { AuditService } from '@peerline/identity';
import { DataSource } from 'typeorm';
import { resolveDispute } from './credit';
import type { DisputeDto, OpenDisputeDto, ResolveDisputeDto } from './dto/referral.dto';
import { toDisputeDto } from './referral.mappers';
import { referralsErrors } from './referrals.errors';
import { ReferralsRepository } from './referrals.repository';
import { assertAnyRole, creditReferralOf, ReferralsService } from './referrals.service';

/**
 * Disputes: the referrer of a duplicate or ineligible referral asks HR to look again; HR upholds
 * or overturns with a written note. An overturn moves the credit in the same transaction (the
 * disputed referral gains it, the previous owner loses it); both are audited.
 */
@Injectable()
export class DisputesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly referrals: ReferralsRepository,
    private readonly service: ReferralsService,
    private readonly audit: AuditService,
  ) {}

  async open(actor: Actor, referralId: string, dto: OpenDisputeDto): Promise<DisputeDto> {
    return inTransaction(this.dataSource, async (tx) => {
      const referral = await this.service.visible(tx, actor, referralId, true);
      // Only the referrer disputes their own referral (HR resolves).
      if (referral.referrerId !== actor.id) throw new NotFoundError('referral');
      if (referral.creditStatus !== 'duplicate' && referral.creditStatus !== 'ineligible') {
        throw referralsErrors.error('DISPUTE_NOT_ALLOWED', { credit: referral.creditStatus });
      }
      const dispute = await this.referrals.insertDispute(
        tx,
        referral.organizationId,
        referral.id,
        actor.id,
        dto.reason.trim(),
      );
      if (!dispute) throw referralsErrors.error('DISPUTE_ALREADY_OPEN');
      await this.audit.record(tx, {
        organizationId: referral.organizationId,
        actor,
        action: 'referral.dispute_opened',
        targetType: 'referral',
        targetId: referral.id,
        after: { disputeId: dispute.id, credit: referral.creditStatus, rule: referral.creditRule },
      });
      return toDisputeDto(dispute);
    });
  }

  async listOpen(actor: Actor): Promise<DisputeDto[]> {
    assertAnyRole(actor, 'hr', 'admin');
    const rows = await this.referrals.openDisputes(
      this.dataSource.manager,
      actor.organizationId,
      100,
    );
    return rows.map(toDisputeDto);
  }

  async resolve(actor: Actor, id: string, dto: ResolveDisputeDto): Promise<DisputeDto> {
    assertAnyRole(actor, 'hr', 'admin');
    if (!isUuid(id)) throw new NotFoundError('dispute');
    const org = actor.organizationId;
    return inTransaction(this.dataSource, async (tx) => {
      const dispute = await this.referrals.findDispute(tx, org, id.toLowerCase(), { lock: true });
      if (!dispute) throw new NotFoundError('dispute');
      if (dispute.status !== 'open') throw referralsErrors.error('DISPUTE_RESOLVED');
      const disputed = await this.referrals.findReferral(tx, org, dispute.referralId, {
        lock: true,
      });
      if (!disputed) throw new NotFoundError('referral');
      const owner = disputed.creditOwnerReferralId
        ? await this.referrals.findReferral(tx, org, disputed.creditOwnerReferralId, { lock: true })
        : null;
      const organization = await this.referrals.organization(tx, org);
      const change = resolveDispute({
        decision: dto.decision,
        disputed: creditReferralOf(disputed),
        currentOwner: owner && owner.creditStatus === 'credited' ? creditReferralOf(owner) : null,
        note: dto.note,
        timeZone: organization?.timeZone ?? 'UTC',
      });
      for (const grant of change.credit) {
        await this.referrals.setCredit(tx, org, grant.referralId, {
          status: 'credited',
          rule: grant.rule,
          explanation: grant.explanation,
          ownerReferralId: grant.referralId,
        });
        const granted = grant.referralId === disputed.id ? disputed : null;
        // A duplicate or ineligible referral that gains the credit joins the pipeline.
        if (granted && (granted.status === 'duplicate' || granted.status === 'ineligible')) {
          await this.referrals.transition(tx, org, granted.id, {
            from: granted.status,
            to: 'submitted',
            actor: { type: actor.kind, id: actor.id },
            reason: 'dispute_overturned',
          });
        }
      }
      for (const revoked of change.revoke) {
        await this.referrals.setCredit(tx, org, revoked.referralId, {
          status: 'duplicate',
          rule: revoked.rule,
          explanation: revoked.explanation,
          ownerReferralId: disputed.id,
        });
      }
      const status = dto.decision === 'overturn' ? 'overturned' : 'upheld';
      const resolved = await this.referrals.resolveDispute(
        tx,
        org,
        dispute.id,
        status,
        actor.kind === 'user' ? actor.id : null,
        dto.note.trim(),
      );
      if (!resolved) throw referralsErrors.error('DISPUTE_RESOLVED');
      await this.audit.record(tx, {
        organizationId: org,
        actor,
        action: 'referral.dispute_resolved',
        targetType: 'referral',
        targetId: disputed.id,
        before: { credit: disputed.creditStatus, owner: disputed.creditOwnerReferralId },
        after: {
          decision: dto.decision,
          note: dto.note.trim(),
          credited: change.credit.map((c) => c.referralId),
          revoked: change.revoke.map((r) => r.referralId),
        },
      });
      const after = await this.referrals.findDispute(tx, org, dispute.id);
      if (!after) throw new NotFoundError('dispute');
      return toDisputeDto(after);
    });
  }
}
