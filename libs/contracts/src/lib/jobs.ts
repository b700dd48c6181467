/**
 * The typed job registry: job name → payload → queue. Payloads carry ids, never personal data
 * (an e-mail address is looked up by the processor, so nothing personal lands in Redis).
 */
export const QUEUES = ['mail', 'default'] as const;
export type QueueName = (typeof QUEUES)[number];

/** Jobs that travel through the outbox: a command writes the row, the relay adds the job. */
export interface JobPayloads {
  'mail.send': { messageId: string };
  /** One message to an organization's chat webhook (a chat_webhook_deliveries row). */
  'notification.webhook': { deliveryId: string };
  /** An inbound ATS webhook event stored by the api, processed by the worker (ats_events row). */
  'ats.process-event': { eventId: string };
  /**
   * A referral ended in a hire (or the hire was reversed): the worker records the conversion
   * (chat → referral → hire); the payouts lib consumes the same events for bonuses.
   */
  'referral.hired': { referralId: string };
  'referral.unhired': { referralId: string };
  /** A consented, credited referral goes to the organization's ATS (push adapter, retried). */
  'referrals.push': { referralId: string };
  /** Payouts' side of the same hire / un-hire: schedule the tranches, or cancel pending ones. */
  'payouts.schedule-tranches': { referralId: string };
  'payouts.cancel-tranches': { referralId: string };
  /** A no-op used by the outbox tests and health checks: its processor records one effect row. */
  'system.probe': { probeId: string; seq: number };
}
export type JobName = keyof JobPayloads;

export const JOB_QUEUE: { readonly [J in JobName]: QueueName } = {
  'mail.send': 'mail',
  'notification.webhook': 'default',
  'ats.process-event': 'default',
  'referral.hired': 'default',
  'referral.unhired': 'default',
  'referrals.push': 'default',
  'payouts.schedule-tranches': 'default',
  'payouts.cancel-tranches': 'default',
  'system.probe': 'default',
};

export const JOB_NAMES = Object.keys(JOB_QUEUE) as JobName[];

export function isJobName(name: string): name is JobName {
  return Object.prototype.hasOwnProperty.call(JOB_QUEUE, name);
}

/**
 * Jobs that BullMQ's job schedulers create on a timetable. They carry no payload and no outbox
 * row: each run looks in Postgres for work that is due, and guards its effects with unique keys,
 * so an extra or a concurrent run changes nothing. Their timetable is in libs/queue (JOB_SCHEDULES).
 */
export const SCHEDULED_JOB_QUEUE: {
  readonly [
    J in
      | 'notifications.digest'
      | 'outbox.cleanup'
      | 'mail.retention-purge'
      | 'chat-requests.expire-unverified'
      | 'chat-requests.retry-waiting'
      | 'chat-requests.service-level'
      | 'referrals.lapse-consent'
      | 'payouts.mature'
      | 'screening.retrain-org-models'
      | 'ambassadors.refresh-utc-offsets'
  ]: QueueName;
} = {
  'notifications.digest': 'default',
  'outbox.cleanup': 'default',
  'mail.retention-purge': 'default',
  // Unverified requests past their 48 h link; waiting requests whose ISO week came round.
  'chat-requests.expire-unverified': 'default',
  'chat-requests.retry-waiting': 'default',
  // Reminders to ambassadors who have not answered, and expiry (or re-routing) after 7 days.
  'chat-requests.service-level': 'default',
  // Referrals whose candidate did not consent within 14 days.
  'referrals.lapse-consent': 'default',
  // Tranches whose due date came: eligible, or forfeited when a condition fails.
  'payouts.mature': 'default',
  // Organizations with new moderation labels get their screening model retrained.
  'screening.retrain-org-models': 'default',
  // Stored UTC offsets of ambassadors' time zones (the tz filter), moved on DST changes.
  'ambassadors.refresh-utc-offsets': 'default',
};
export type ScheduledJobName = keyof typeof SCHEDULED_JOB_QUEUE;

export function isScheduledJobName(name: string): name is ScheduledJobName {
  return Object.prototype.hasOwnProperty.call(SCHEDULED_JOB_QUEUE, name);
}
