import { Injectable, Logger } from '@nestjs/common';
import type { JobPayloads } from '@peerline/contracts';
import { inTransaction } from '@peerline/db';
import { OutboxService, ProcessesJob, summarizeError, type JobProcessor } from '@peerline/queue';
import { UnrecoverableError } from 'bullmq';
import { DataSource, type EntityManager } from 'typeorm';
import { normalizeEvent, type NormalizedAtsEvent } from '../ats';
import { AtsRepository, type ConnectionRecord, type MatchedReferral } from '../ats.repository';
import { normalizeEmail } from '../credit';
import type { ReferralStatus } from '../referral.states';
import { ReferralsRepository } from '../referrals.repository';
import { ReferralsService } from '../referrals.service';

/** Forward moves only: an old stage event arriving late never moves a referral back. */
const PIPELINE_RANK: Partial<Record<ReferralStatus, number>> = {
  submitted: 0,
  in_review: 1,
  interviewing: 2,
  offer: 3,
};

const ATS: { type: 'ats' } = { type: 'ats' };

/**
 * Applies one stored ATS event (worker side of the webhook): matches it to a referral by ATS
 * application id, candidate id, then e-mail; moves the referral's status; records hires of
 * referred and not-referred candidates; re-keys merges; anonymizes; upserts jobs. A hire of the
 * credited referral emits `referral.hired` (conversion, payouts); an un-hire `referral.unhired`.
 * The event row is locked and finished in the same transaction, so a retried job applies once.
 */
@Injectable()
@ProcessesJob('ats.process-event')
export class AtsEventProcessor implements JobProcessor<'ats.process-event'> {
  private readonly logger = new Logger(AtsEventProcessor.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly ats: AtsRepository,
    private readonly referrals: ReferralsRepository,
    private readonly outbox: OutboxService,
    private readonly service: ReferralsService,
  ) {}

  async handle({ eventId }: JobPayloads['ats.process-event']): Promise<void> {
    try {
      await inTransaction(this.dataSource, async (tx) => {
        const event = await this.ats.lockEvent(tx, eventId);
        if (!event) throw new UnrecoverableError('ats event does not exist');
        if (event.status !== 'received') return;
        const connection = await this.ats.connection(tx, event.organizationId, event.connectionId);
        if (!connection) throw new UnrecoverableError('ats connection does not exist');
        let body: unknown;
        try {
          body = JSON.parse(event.rawBody);
        } catch {
          await this.ats.finishEvent(tx, event, 'failed', null, 'stored body is not JSON');
          return;
        }
        const { events, ignored } = normalizeEvent(connection.provider, body);
        for (const e of events) await this.apply(tx, connection, e, event.id);
        await this.ats.finishEvent(
          tx,
          event,
          events.length === 0 ? 'ignored' : 'processed',
          events,
          ignored,
        );
      });
    } catch (err) {
      if (err instanceof UnrecoverableError) throw err;
      // Shown in webhook health (the event's error, the connection's last error); the row stays
      // 'received' and the queue retries the job.
      const summary = summarizeError(err);
      this.logger.warn(`ats event ${eventId} failed: ${summary}`);
      await this.ats
        .recordAttemptFailure(this.dataSource.manager, eventId, summary)
        .catch(() => undefined);
      throw err;
    }
  }

  private async apply(
    tx: EntityManager,
    c: ConnectionRecord,
    e: NormalizedAtsEvent,
    eventRowId: string,
  ): Promise<void> {
    const q = (id: string | null): string | null => (id === null ? null : `${c.id}:${id}`);
    const org = c.organizationId;
    switch (e.kind) {
      case 'application_created': {
        const emails = e.candidate.emails.map(normalizeEmail);
        const match = await this.ats.matchReferral(tx, org, {
          applicationId: q(e.applicationId),
          candidateId: q(e.candidateId),
          emails,
          atsJobId: e.atsJobId,
        });
        if (match) {
          await this.ats.linkReferral(tx, org, match.id, {
            applicationId: q(e.applicationId),
            candidateId: q(e.candidateId),
          });
        }
        await this.ats.upsertApplication(tx, c, {
          applicationId: e.applicationId,
          candidateId: q(e.candidateId),
          atsJobId: e.atsJobId,
          email: emails[0] ?? null,
          referralId: match?.id ?? null,
          appliedAt: e.appliedAt ? new Date(e.appliedAt) : new Date(),
        });
        if (match && match.status === 'submitted') {
          await this.move(tx, match, 'in_review', 'ats: application created', null);
        }
        return;
      }
      case 'stage_changed': {
        if (e.phase === null) return;
        const match = await this.ats.matchReferral(tx, org, {
          applicationId: q(e.applicationId),
          candidateId: q(e.candidateId),
          emails: [],
          atsJobId: null,
        });
        const from = match ? PIPELINE_RANK[match.status as ReferralStatus] : undefined;
        const to = PIPELINE_RANK[e.phase];
        if (match && from !== undefined && to !== undefined && to > from) {
          await this.move(tx, match, e.phase, `ats: stage ${e.stage ?? e.phase}`, null);
        }
        return;
      }
      case 'hired': {
        const emails = e.candidate.emails.map(normalizeEmail);
        const match = await this.ats.matchReferral(tx, org, {
          applicationId: q(e.applicationId),
          candidateId: q(e.candidateId),
          emails,
          atsJobId: e.atsJobId,
        });
        const creditedEmail = e.creditedTo?.email ? normalizeEmail(e.creditedTo.email) : null;
        // credited_to / creditedToUser flags a mismatch for HR; it never moves money.
        const mismatch =
          match !== null &&
          creditedEmail !== null &&
          creditedEmail !== normalizeEmail(match.referrerEmail);
        const first = await this.ats.recordHire(tx, c, {
          applicationId: e.applicationId,
          candidateId: q(e.candidateId),
          atsJobId: e.atsJobId,
          referralId: match?.id ?? null,
          startDate: e.startDate,
          creditedToMismatch: mismatch,
          creditedTo: e.creditedTo ? { name: e.creditedTo.name, email: creditedEmail } : null,
        });
        if (!match || !first) return;
        await this.ats.linkReferral(tx, org, match.id, {
          applicationId: q(e.applicationId),
          candidateId: q(e.candidateId),
        });
        await this.ats.setHireFacts(tx, org, match.id, { hired: true, startDate: e.startDate });
        if (PIPELINE_RANK[match.status as ReferralStatus] !== undefined) {
          await this.move(tx, match, 'hired', 'ats: hired', null);
        }
        if (match.creditStatus === 'credited') {
          await this.emit(tx, org, match.id, eventRowId, [
            'payouts.schedule-tranches',
            'referral.hired',
          ]);
        }
        return;
      }
      case 'unhired': {
        await this.ats.recordUnhire(tx, c, e.applicationId, q(e.candidateId));
        const match = await this.ats.matchReferral(tx, org, {
          applicationId: q(e.applicationId),
          candidateId: q(e.candidateId),
          emails: [],
          atsJobId: null,
        });
        if (!match || match.status !== 'hired') return;
        await this.ats.setHireFacts(tx, org, match.id, { hired: false, startDate: null });
        await this.move(
          tx,
          match,
          'withdrawn',
          'ats: hire reversed',
          'The hire was reversed in the ATS.',
        );
        if (match.creditStatus === 'credited') {
          await this.emit(tx, org, match.id, eventRowId, [
            'payouts.cancel-tranches',
            'referral.unhired',
          ]);
        }
        return;
      }
      case 'rejected': {
        const match = await this.ats.matchReferral(tx, org, {
          applicationId: q(e.applicationId),
          candidateId: q(e.candidateId),
          emails: [],
          atsJobId: null,
        });
        if (match && PIPELINE_RANK[match.status as ReferralStatus] !== undefined) {
          await this.move(
            tx,
            match,
            'rejected',
            'ats: rejected',
            e.reason
              ? `Not moving forward: ${e.reason}`
              : 'The hiring team decided not to move forward.',
          );
        }
        return;
      }
      case 'candidate_merged': {
        const to = q(e.toCandidateId);
        if (to)
          await this.ats.rekeyCandidate(
            tx,
            org,
            e.fromCandidateIds.map((id) => `${c.id}:${id}`),
            to,
          );
        return;
      }
      case 'candidate_anonymized':
        await this.ats.anonymizeCandidate(tx, org, `${c.id}:${e.candidateId}`);
        return;
      // Greenhouse also sends delete_candidate for the losing side of a merge, so a deletion
      // never wipes attribution; only an explicit anonymization removes personal data.
      case 'candidate_deleted':
        return;
      case 'application_deleted':
        return;
      case 'job_upserted':
        await this.ats.upsertJob(tx, org, e);
        return;
    }
  }

  /**
   * The events of a credited referral's hire or un-hire, for payouts and the conversion record;
   * keyed by the ATS event row, so one ATS event emits each once.
   */
  private async emit(
    tx: EntityManager,
    organizationId: string,
    referralId: string,
    eventRowId: string,
    jobs: readonly (
      | 'payouts.schedule-tranches'
      | 'payouts.cancel-tranches'
      | 'referral.hired'
      | 'referral.unhired'
    )[],
  ): Promise<void> {
    for (const job of jobs) {
      await this.outbox.enqueue(tx, job, { referralId }, `${job}:${referralId}:${eventRowId}`, {
        organizationId,
      });
    }
  }

  private async move(
    tx: EntityManager,
    match: MatchedReferral,
    to: ReferralStatus,
    reason: string,
    closingReason: string | null,
  ): Promise<void> {
    await this.referrals.transition(tx, match.organizationId, match.id, {
      from: match.status as ReferralStatus,
      to,
      actor: ATS,
      reason,
      set: closingReason === null ? {} : { closingReason },
    });
    match.status = to;
    // "No black hole": the referrer hears about every step.
    const referral = await this.referrals.findReferral(tx, match.organizationId, match.id);
    if (!referral) return;
    await this.service.tellReferrer(tx, referral, to);
    if (to === 'hired' || to === 'rejected' || to === 'withdrawn') {
      await this.service.tellCandidate(tx, referral, to);
    }
  }
}
