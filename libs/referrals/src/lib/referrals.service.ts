import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@peerline/config';
import { Clock, type Actor, type Role } from '@peerline/contracts';
import { inTransaction } from '@peerline/db';
import { decodeTimeCursor, isUuid, NotFoundError, toPage, type Page } from '@peerline/http-kit';
import { NotificationsService } from '@peerline/notifications';
import { OutboxService } from '@peerline/queue';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { decideCredit, normalizeEmail, type CreditReferral, type PriorApplication } from './credit';
import type {
  ConsentDecisionDto,
  ConsentResultDto,
  CreateReferralDto,
  ReferralDto,
} from './dto/referral.dto';
import { toReferralDto } from './referral.mappers';
import type { ReferralActor, ReferralStatus } from './referral.states';
import type { CreditStatus, ReferralRecord } from './referral.types';
import { referralsErrors } from './referrals.errors';
import { ReferralsRepository } from './referrals.repository';
import { AtsRepository } from './ats.repository';

/** Unanswered consent requests lapse after 14 days (PRODUCT.md §4). */
export const CONSENT_DAYS = 14;
const DAY_MS = 86_400_000;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;
const DEFAULT_LIMIT = 20;

export function assertAnyRole(actor: Actor, ...roles: Role[]): void {
  if (!actor.roles.some((r) => roles.includes(r))) throw referralsErrors.error('FORBIDDEN');
}

const hashToken = (token: string): string =>
  createHash('sha256').update(token, 'utf8').digest('hex');

/** What the credit decision turns the consented referral into. */
const STATUS_OF_CREDIT: Record<CreditStatus, ReferralStatus> = {
  credited: 'submitted',
  duplicate: 'duplicate',
  ineligible: 'ineligible',
};

export function creditReferralOf(r: ReferralRecord): CreditReferral {
  return {
    id: r.id,
    referrerId: r.referrerId,
    referrerName: r.referrerName,
    jobId: r.jobId,
    jobTitle: r.jobTitle,
    candidate: {
      email: r.candidateEmail,
      atsCandidateIds: r.atsCandidateId ? [r.atsCandidateId] : [],
    },
    submittedAt: r.submittedAt ?? r.consentedAt ?? r.createdAt,
    credited: r.creditStatus === 'credited',
  };
}

/**
 * Referrals (PRODUCT.md §4): an employee or ambassador refers a candidate for one open job; the
 * candidate consents through a signed, single-use link; at consent the credit rules decide
 * (serialized per candidate with an advisory lock, so parallel duplicates cannot both win).
 * Referrers see their own referrals, HR all of the organization's; anything else is a 404.
 */
@Injectable()
export class ReferralsService {
  private readonly webUrl: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly referrals: ReferralsRepository,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
    private readonly ats: AtsRepository,
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) config: Pick<AppConfig, 'WEB_URL'>,
  ) {
    this.webUrl = config.WEB_URL;
  }

  async create(
    actor: Actor,
    dto: CreateReferralDto,
  ): Promise<{ id: string; status: ReferralStatus }> {
    assertAnyRole(actor, 'employee', 'ambassador');
    // An API key is no person: it cannot vouch for a candidate.
    if (actor.kind !== 'user') throw referralsErrors.error('FORBIDDEN');
    const org = actor.organizationId;
    const email = normalizeEmail(dto.candidate.email);
    return inTransaction(this.dataSource, async (tx) => {
      const job = await this.referrals.findJob(tx, org, dto.jobId.toLowerCase(), { lock: true });
      if (!job) throw new NotFoundError('job');
      if (job.status !== 'open') throw referralsErrors.error('JOB_NOT_OPEN');
      const referrer = await this.referrals.user(tx, org, actor.id);
      if (!referrer) throw new NotFoundError('user');
      if (normalizeEmail(referrer.email) === email) throw referralsErrors.error('SELF_REFERRAL');
      let chatRequestId: string | null = null;
      if (dto.type === 'conversation') {
        if (!dto.chatRequestId) throw referralsErrors.error('CHAT_REQUIRED');
        const chat = await this.referrals.completedChatOf(
          tx,
          org,
          dto.chatRequestId.toLowerCase(),
          actor.id,
        );
        if (!chat) throw referralsErrors.error('CHAT_NOT_COMPLETED');
        chatRequestId = chat.id;
      }
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(this.clock.now().getTime() + CONSENT_DAYS * DAY_MS);
      const id = await this.referrals.insertReferral(tx, org, {
        jobId: job.id,
        referrerId: actor.id,
        type: dto.type,
        chatRequestId,
        candidateName: dto.candidate.name.trim(),
        candidateEmail: email,
        candidateLinks: dto.candidate.links ?? [],
        endorsement: {
          relationship: dto.endorsement.relationship.trim(),
          knownForMonths: dto.endorsement.knownForMonths ?? null,
          skills: dto.endorsement.skills.map((s) => s.trim()),
          evidence: dto.endorsement.evidence?.trim() || null,
          statement: dto.endorsement.statement.trim(),
        },
        consentTokenHash: hashToken(token),
        consentExpiresAt: expiresAt,
      });
      const organization = await this.referrals.organization(tx, org);
      const consentUrl = new URL('/referrals/consent', this.webUrl);
      consentUrl.searchParams.set('token', token);
      await this.notifications.notify(tx, {
        organizationId: org,
        template: 'referral.consent',
        recipientEmail: email,
        idempotencyKey: `referral.consent:${id}`,
        params: {
          candidateName: dto.candidate.name.trim(),
          referrerName: referrer.name,
          organizationName: organization?.name ?? 'the company',
          jobTitle: job.title,
          consentUrl: consentUrl.toString(),
          expiresAt: expiresAt.toISOString(),
        },
      });
      return { id, status: 'awaiting_consent' as const };
    });
  }

  /**
   * The candidate's answer. Accepting makes the referral valid: the credit rules decide at this
   * moment whether it is the one that counts (submitted), a duplicate or ineligible, and the
   * referrer is told which rule applied.
   */
  async consent(dto: ConsentDecisionDto): Promise<ConsentResultDto> {
    if (!TOKEN_SHAPE.test(dto.token)) throw referralsErrors.error('CONSENT_TOKEN_INVALID');
    const now = this.clock.now();
    return inTransaction(this.dataSource, async (tx) => {
      const referral = await this.referrals.findByConsentHash(tx, hashToken(dto.token));
      if (!referral) throw referralsErrors.error('CONSENT_TOKEN_INVALID');
      if (referral.status === 'lapsed') throw referralsErrors.error('CONSENT_EXPIRED');
      if (referral.status !== 'awaiting_consent') throw referralsErrors.error('CONSENT_TOKEN_USED');
      if (now.getTime() >= referral.consentExpiresAt.getTime()) {
        throw referralsErrors.error('CONSENT_EXPIRED');
      }
      const candidate: ReferralActor = { type: 'candidate' };
      const optIn = dto.closingNote === true;
      if (dto.decision === 'decline') {
        await this.move(tx, referral, 'declined_by_candidate', candidate, 'candidate_declined', {
          closingReason: 'The candidate declined the referral.',
        });
        await this.tellReferrer(tx, referral, 'declined_by_candidate');
        return { id: referral.id, status: 'declined_by_candidate' };
      }

      await this.referrals.lockCandidate(tx, referral.organizationId, referral.candidateEmail);
      // Read the clock once the lock is held: decisions for one candidate are then ordered in
      // time exactly as they were made, so "first valid" means first decided.
      const decidedAt = this.clock.now();
      const decision = await this.decide(tx, referral, decidedAt);
      const status = STATUS_OF_CREDIT[decision.status];
      await this.move(tx, referral, status, candidate, `consented:${decision.rule}`, {
        consented: { optIn },
        submitted: decidedAt,
        credit: {
          status: decision.status,
          rule: decision.rule,
          explanation: decision.explanation,
          ownerReferralId: decision.ownerReferralId,
        },
      });
      for (const revoked of decision.revoke) {
        await this.referrals.setCredit(tx, referral.organizationId, revoked.referralId, {
          status: 'duplicate',
          rule: revoked.rule,
          explanation: revoked.explanation,
          ownerReferralId: referral.id,
        });
        // Not yet moved on by the ATS: it leaves the pipeline as a duplicate.
        await this.referrals.transition(tx, referral.organizationId, revoked.referralId, {
          from: 'submitted',
          to: 'duplicate',
          actor: { type: 'system' },
          reason: `credit_revoked:${revoked.rule}`,
        });
      }
      // Only now, with consent and credit, does the referral go to the ATS.
      if (
        decision.status === 'credited' &&
        (await this.ats.pushConnection(tx, referral.organizationId))
      ) {
        await this.outbox.enqueue(
          tx,
          'referrals.push',
          { referralId: referral.id },
          `referrals.push:${referral.id}`,
          {
            organizationId: referral.organizationId,
          },
        );
      }
      await this.tellReferrer(tx, referral, status);
      return { id: referral.id, status };
    });
  }

  async list(actor: Actor, query: { limit?: number; cursor?: string }): Promise<Page<ReferralDto>> {
    const all = actor.roles.includes('hr') || actor.roles.includes('admin');
    if (!all && actor.kind !== 'user') return { items: [], nextCursor: null };
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after = query.cursor === undefined ? null : decodeTimeCursor(query.cursor);
    const rows = await this.referrals.listReferrals(
      this.dataSource.manager,
      actor.organizationId,
      all ? null : actor.id,
      after,
      limit + 1,
    );
    const page = toPage(rows, limit, (r) => ({ t: r.cursorAt, i: r.id }));
    return {
      items: page.items.map((r) => toReferralDto(r, [], [])),
      nextCursor: page.nextCursor,
    };
  }

  async get(actor: Actor, id: string): Promise<ReferralDto> {
    const em = this.dataSource.manager;
    const referral = await this.visible(em, actor, id);
    const history = await this.referrals.history(em, referral.organizationId, referral.id);
    const disputes = await this.referrals.disputesOf(em, referral.organizationId, referral.id);
    return toReferralDto(referral, history, disputes);
  }

  /** The referral if the actor may see it: their own, or any of the organization for HR. */
  async visible(
    em: EntityManager,
    actor: Actor,
    id: string,
    lock = false,
  ): Promise<ReferralRecord> {
    if (!isUuid(id)) throw new NotFoundError('referral');
    const referral = await this.referrals.findReferral(em, actor.organizationId, id.toLowerCase(), {
      lock,
    });
    const all = actor.roles.includes('hr') || actor.roles.includes('admin');
    if (!referral || (!all && referral.referrerId !== actor.id))
      throw new NotFoundError('referral');
    return referral;
  }

  /** The scheduled sweep: consent requests nobody answered within 14 days lapse. */
  async lapseDue(now: Date = this.clock.now(), take = 200): Promise<number> {
    const due = await this.referrals.dueForLapse(this.dataSource.manager, now, take);
    let lapsed = 0;
    for (const { organizationId, id } of due) {
      const moved = await inTransaction(this.dataSource, async (tx) => {
        const referral = await this.referrals.findReferral(tx, organizationId, id, { lock: true });
        if (!referral || referral.status !== 'awaiting_consent') return false;
        if (referral.consentExpiresAt.getTime() > now.getTime()) return false;
        await this.move(tx, referral, 'lapsed', { type: 'system' }, 'no_consent', {
          closingReason: 'The candidate did not answer within 14 days.',
        });
        await this.tellReferrer(tx, referral, 'lapsed');
        return true;
      });
      if (moved) lapsed++;
    }
    return lapsed;
  }

  private async decide(tx: EntityManager, referral: ReferralRecord, now: Date) {
    const org = referral.organizationId;
    const settings = await this.referrals.settings(tx, org);
    const job = await this.referrals.findJob(tx, org, referral.jobId);
    const referrer = await this.referrals.user(tx, org, referral.referrerId);
    const organization = await this.referrals.organization(tx, org);
    if (!job || !referrer) throw new Error('referral without its job or referrer');
    const atsIds = referral.atsCandidateId ? [referral.atsCandidateId] : [];
    const others = await this.referrals.candidateReferrals(
      tx,
      org,
      referral.candidateEmail,
      atsIds,
      referral.id,
    );
    const prior = await this.referrals.priorApplications(tx, org, referral.candidateEmail, atsIds);
    const priorApplications: PriorApplication[] = prior.map((p) => ({
      candidate: {
        email: p.email ?? referral.candidateEmail,
        atsCandidateIds: p.atsCandidateId ? [p.atsCandidateId] : [],
      },
      appliedAt: p.appliedAt,
      viaReferralId: p.referralId,
    }));
    return decideCredit({
      settings: {
        model: settings.creditModel,
        ownershipWindowMonths: settings.ownershipWindowMonths,
        priorApplicantWindowMonths: settings.priorApplicantWindowMonths,
        excludedGroups: settings.excludedGroups,
      },
      referral: { ...creditReferralOf(referral), submittedAt: now, credited: false },
      job: {
        id: job.id,
        title: job.title,
        hiringManagerId: job.hiringManagerId,
        recruiterId: job.recruiterId,
      },
      referrer: {
        id: referrer.id,
        name: referrer.name,
        email: referrer.email,
        // Groups are the referrer's roles (e.g. HR staff can be excluded from bonuses).
        groups: referrer.roles,
      },
      others: others.map(creditReferralOf),
      priorApplications,
      timeZone: organization?.timeZone ?? 'UTC',
    });
  }

  private async move(
    tx: EntityManager,
    referral: ReferralRecord,
    to: ReferralStatus,
    actor: ReferralActor,
    reason: string,
    set: Parameters<ReferralsRepository['transition']>[3]['set'],
  ): Promise<void> {
    const moved = await this.referrals.transition(tx, referral.organizationId, referral.id, {
      from: referral.status,
      to,
      actor,
      reason,
      set,
    });
    if (!moved) throw referralsErrors.error('CONSENT_TOKEN_USED');
  }

  /**
   * The candidate's closing note (PRODUCT.md §4), when they opted in at consent: once, when the
   * application ends. The note never carries the ATS's internal rejection reason.
   */
  async tellCandidate(
    tx: EntityManager,
    referral: ReferralRecord,
    outcome: 'hired' | 'rejected' | 'withdrawn',
  ): Promise<void> {
    if (!referral.closingNoteOptIn) return;
    const organization = await this.referrals.organization(tx, referral.organizationId);
    await this.notifications.notify(tx, {
      organizationId: referral.organizationId,
      template: 'referral.closing-note',
      recipientEmail: referral.candidateEmail,
      // One note per referral, however the ending is replayed or revised.
      idempotencyKey: `referral.closing-note:${referral.id}`,
      params: {
        candidateName: referral.candidateName,
        referrerName: referral.referrerName,
        organizationName: organization?.name ?? 'the company',
        jobTitle: referral.jobTitle,
        outcome,
      },
    });
  }

  async tellReferrer(
    tx: EntityManager,
    referral: ReferralRecord,
    status: ReferralStatus,
  ): Promise<void> {
    await this.notifications.notify(tx, {
      organizationId: referral.organizationId,
      template: 'referral.status-changed',
      recipientUserId: referral.referrerId,
      idempotencyKey: `referral.status:${referral.id}:${status}`,
      params: {
        referrerName: referral.referrerName,
        candidateName: referral.candidateName,
        jobTitle: referral.jobTitle,
        status,
        referralUrl: new URL(`/referrals/${referral.id}`, this.webUrl).toString(),
      },
    });
  }
}
