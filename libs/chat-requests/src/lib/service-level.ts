/**
 * The service level of a delivered request (PRODUCT.md §3): a reminder to the ambassador every
 * 48 h without an answer, at most 3, and expiry 7 days after delivery.
 */
export const REMINDER_EVERY_MS = 48 * 3600 * 1000;
export const MAX_REMINDERS = 3;
export const RESPOND_WITHIN_MS = 7 * 24 * 3600 * 1000;

export interface ServiceLevelClock {
  respondBy: Date;
  nextReminderAt: Date | null;
}

/** The clock of a request delivered (or forwarded, re-routed) at `at`. */
export function serviceLevelFrom(at: Date): ServiceLevelClock {
  return {
    respondBy: new Date(at.getTime() + RESPOND_WITHIN_MS),
    nextReminderAt: new Date(at.getTime() + REMINDER_EVERY_MS),
  };
}

/**
 * After reminder number `sent` (1-based) went out at `now`: the next one 48 h later, unless the
 * limit is reached or the request expires first.
 */
export function nextReminderAfter(sent: number, now: Date, respondBy: Date): Date | null {
  if (sent >= MAX_REMINDERS) return null;
  const next = new Date(now.getTime() + REMINDER_EVERY_MS);
  return next.getTime() < respondBy.getTime() ? next : null;
}
