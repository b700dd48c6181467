import type { EntityManager } from 'typeorm';
import type { MailCalendar } from '../mail-extras';
import type { RenderedMessage } from '../templates/template-renderer';
import type { NotificationChannel } from '../templates/template.types';

/** Who the message is for, after preferences were applied. */
export interface ResolvedRecipient {
  /** Null for requesters and candidates, who have no account. */
  userId: string | null;
  email: string;
  active: boolean;
  emailEnabled: boolean;
  inAppEnabled: boolean;
  /** Digestible messages wait for the daily digest. */
  digest: 'immediate' | 'daily';
}

export interface NotificationDelivery {
  organizationId: string;
  recipient: ResolvedRecipient;
  message: RenderedMessage;
  /** The caller's key; each channel derives its own from it. */
  idempotencyKey: string;
  /** An invite for the e-mail channel only; other channels ignore it. */
  calendar: MailCalendar | null;
}

/**
 * queued: recorded for delivery now; digest: waiting for the daily digest; duplicate: the key
 * was used before (a replayed command); skipped: the recipient or channel does not take it.
 */
export type ChannelOutcome = 'queued' | 'digest' | 'duplicate' | 'skipped';

/**
 * One delivery channel. `record` runs inside the caller's transaction and only writes rows (the
 * message, the outbox entry): delivery happens after the commit, in the worker.
 */
export interface Notifier {
  readonly channel: NotificationChannel;
  record(tx: EntityManager, delivery: NotificationDelivery): Promise<ChannelOutcome>;
}

export const NOTIFIERS = Symbol('NOTIFIERS');
