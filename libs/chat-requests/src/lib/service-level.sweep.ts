import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '@peerline/contracts';
import { inTransaction } from '@peerline/db';
import { summarizeError } from '@peerline/queue';
import { DataSource, type EntityManager } from 'typeorm';
import { CapacityPort } from './capacity.port';
import type { HistoryActor } from './chat-request.states';
import { ChatRequestsRepository } from './chat-requests.repository';
import { DeliveryService } from './delivery.service';
import {
  MAX_REMINDERS,
  nextReminderAfter,
  REMINDER_EVERY_MS,
  RESPOND_WITHIN_MS,
} from './service-level';
import { TriageMails } from './triage-mails.service';
import { TriageRepository, type SlaDue } from './triage.repository';

const SYSTEM: HistoryActor = { type: 'system' };

export type SweepAction = 'reminded' | 'expired' | 'rerouted' | 'postponed';

export interface SweepResult {
  reminded: number;
  expired: number;
  rerouted: number;
  postponed: number;
  failed: number;
}

/**
 * The service level of delivered requests, run by the `chat-requests.service-level` job with the
 * time from the injected Clock (tests pass their own instant):
 * - a reminder to the ambassador every 48 h without an answer, at most 3;
 * - at the answer-by date (7 days after delivery) the request is re-routed to the next best
 *   match when the requester consented, else it expires, its slot is released and the requester
 *   gets a polite note;
 * - while the ambassador is away nothing is sent to them: the request is re-routed (with consent)
 *   or its clock stands still until they are back.
 * Each request is handled in its own transaction under a SKIP LOCKED row lock, the reminder count
 * is a compare-and-set, and every mail has an idempotency key: overlapping runs in several worker
 * processes send each reminder once.
 */
@Injectable()
export class ServiceLevelSweep {
  private readonly logger = new Logger(ServiceLevelSweep.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly requests: ChatRequestsRepository,
    private readonly triage: TriageRepository,
    private readonly delivery: DeliveryService,
    private readonly capacity: CapacityPort,
    private readonly mails: TriageMails,
    private readonly clock: Clock,
  ) {}

  async run(now: Date = this.clock.now(), batch = 200): Promise<SweepResult> {
    const result: SweepResult = { reminded: 0, expired: 0, rerouted: 0, postponed: 0, failed: 0 };
    for (;;) {
      const due = await this.triage.dueForSla(this.dataSource.manager, now, batch);
      let handled = 0;
      for (const item of due) {
        try {
          const action = await inTransaction(this.dataSource, (tx) => this.handle(tx, item, now));
          if (action) {
            result[action]++;
            handled++;
          }
        } catch (err) {
          result.failed++;
          this.logger.error(
            `service level of chat request ${item.id} failed: ${summarizeError(err)}`,
          );
        }
      }
      // Handled rows are no longer due at `now`; stop when a batch made no progress.
      if (due.length < batch || handled === 0) return result;
    }
  }

  private async handle(tx: EntityManager, item: SlaDue, now: Date): Promise<SweepAction | null> {
    const request = await this.triage.lockDueForSla(tx, item.organizationId, item.id, now);
    if (!request?.ambassadorId) return null;
    const org = request.organizationId;
    const ambassador = await this.triage.ambassador(tx, org, request.ambassadorId);

    if (ambassador?.active && ambassador.away) {
      if (this.delivery.mayRoute(request)) {
        if (await this.delivery.reroute(tx, request, SYSTEM, 'rerouted_ambassador_away')) {
          return 'rerouted';
        }
      }
      await this.triage.postponeSla(
        tx,
        org,
        request.id,
        new Date(now.getTime() + RESPOND_WITHIN_MS),
        request.remindersSent < MAX_REMINDERS ? new Date(now.getTime() + REMINDER_EVERY_MS) : null,
      );
      return 'postponed';
    }

    // A profile whose user left (or lost the role) cannot answer: the request ends now.
    const deadline = request.respondBy !== null && request.respondBy.getTime() <= now.getTime();
    if (deadline || !ambassador?.active) {
      if (this.delivery.mayRoute(request)) {
        if (await this.delivery.reroute(tx, request, SYSTEM, 'rerouted_no_answer')) {
          return 'rerouted';
        }
      }
      const moved = await this.requests.transition(tx, org, request.id, {
        from: 'delivered',
        to: 'expired',
        actor: SYSTEM,
        reason: 'no_answer',
        changes: { statusReason: 'no_answer' },
      });
      if (!moved) return null;
      await this.capacity.release(
        tx,
        org,
        request.ambassadorId,
        request.capacityReference ?? request.id,
      );
      const organization = await this.triage.organization(tx, org);
      await this.mails.expired(
        tx,
        request,
        ambassador?.displayName ?? 'The ambassador',
        organization?.slug ?? '',
      );
      return 'expired';
    }

    if (!ambassador || request.remindersSent >= MAX_REMINDERS || request.respondBy === null) {
      return null;
    }
    const number = request.remindersSent + 1;
    const recorded = await this.triage.recordReminder(
      tx,
      org,
      request.id,
      request.remindersSent,
      nextReminderAfter(number, now, request.respondBy),
    );
    if (!recorded) return null;
    await this.mails.reminder(tx, request, ambassador, number);
    return 'reminded';
  }
}
