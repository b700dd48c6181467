import {
  CHAT_REQUEST_STATUSES,
  canTransition,
  HOLDS_CAPACITY,
  OPEN_STATUSES,
} from './chat-request.states';

describe('chat request states', () => {
  it('moves a verified request into screening and from there to one of its outcomes', () => {
    expect(canTransition('unverified', 'screening')).toBe(true);
    for (const to of ['delivered', 'waiting', 'review', 'rejected'] as const)
      expect(canTransition('screening', to)).toBe(true);
  });

  it('never delivers a request nobody verified or screened', () => {
    expect(canTransition('unverified', 'delivered')).toBe(false);
    expect(canTransition('rejected', 'delivered')).toBe(false);
  });

  it('lets a rejected request be resubmitted (to screening) or appealed (to review)', () => {
    expect(canTransition('rejected', 'screening')).toBe(true);
    expect(canTransition('rejected', 'review')).toBe(true);
  });

  it('follows the chat lifecycle: no completing before scheduling, no accepting a withdrawn request', () => {
    expect(canTransition('delivered', 'accepted')).toBe(true);
    expect(canTransition('accepted', 'scheduled')).toBe(true);
    expect(canTransition('scheduled', 'completed')).toBe(true);
    expect(canTransition('accepted', 'completed')).toBe(false);
    expect(canTransition('delivered', 'completed')).toBe(false);
    expect(canTransition('delivered', 'scheduled')).toBe(false);
    expect(canTransition('withdrawn', 'accepted')).toBe(false);
    // Forwarding keeps a request delivered; rescheduling keeps it scheduled.
    expect(canTransition('delivered', 'delivered')).toBe(true);
    expect(canTransition('scheduled', 'scheduled')).toBe(true);
    expect(canTransition('accepted', 'accepted')).toBe(false);
  });

  it('keeps terminal states terminal', () => {
    for (const from of [
      'completed',
      'no_show',
      'cancelled',
      'declined',
      'expired',
      'withdrawn',
    ] as const)
      for (const to of CHAT_REQUEST_STATUSES) expect(canTransition(from, to)).toBe(false);
  });

  it('counts only states that hold a slot as holding capacity, all of which are open', () => {
    for (const s of HOLDS_CAPACITY) expect(OPEN_STATUSES).toContain(s);
  });
});
