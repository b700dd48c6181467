import {
  MAX_REMINDERS,
  nextReminderAfter,
  REMINDER_EVERY_MS,
  RESPOND_WITHIN_MS,
  serviceLevelFrom,
} from './service-level';

const H = 3600 * 1000;
const t0 = new Date('2026-03-02T09:00:00Z');
const at = (hours: number): Date => new Date(t0.getTime() + hours * H);

describe('service level of a delivered request', () => {
  it('answers within 7 days, first reminder after 48 h', () => {
    const sla = serviceLevelFrom(t0);
    expect(sla.respondBy).toEqual(at(168));
    expect(sla.nextReminderAt).toEqual(at(48));
    expect(RESPOND_WITHIN_MS).toBe(168 * H);
    expect(REMINDER_EVERY_MS).toBe(48 * H);
  });

  it('reminds at 48 h steps, three times, all before the deadline', () => {
    const { respondBy, nextReminderAt } = serviceLevelFrom(t0);
    const sent: Date[] = [];
    let next = nextReminderAt;
    while (next !== null) {
      sent.push(next);
      next = nextReminderAfter(sent.length, next, respondBy);
    }
    expect(sent).toEqual([at(48), at(96), at(144)]);
    expect(sent).toHaveLength(MAX_REMINDERS);
  });

  it('stops when the next reminder would fall on or after the deadline', () => {
    const respondBy = at(168);
    // A late run (the worker was down) sends the first reminder at 130 h: the next would be at
    // 178 h, after the expiry, so there is none.
    expect(nextReminderAfter(1, at(130), respondBy)).toBeNull();
    expect(nextReminderAfter(1, at(119), respondBy)).toEqual(at(167));
    expect(nextReminderAfter(3, at(50), respondBy)).toBeNull();
  });
});
