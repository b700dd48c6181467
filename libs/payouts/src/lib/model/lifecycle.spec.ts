import {
  applyCommand,
  approve,
  cancel,
  exportToBatch,
  markPaid,
  mature,
  requiredApprovals,
  scheduledTranche,
  TRANCHE_STATUSES,
  unhire,
  type CommandResult,
  type TrancheCommand,
  type TrancheState,
  type TrancheStatus,
} from './lifecycle';

const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });
const ALL = { referrerEmployed: true, hireEmployed: true };

/** A tranche of 1000.00 EUR due 2026-04-01 in the given state, as it would have got there. */
function at(status: TrancheStatus): TrancheState {
  const s = scheduledTranche({ payoutId: 'p1', amount: eur(100000), dueDate: '2026-04-01' });
  const approved = ['approved', 'exported', 'paid'].includes(status);
  return {
    ...s,
    status,
    approvals: approved ? ['hr-a'] : [],
    batchId: status === 'exported' || status === 'paid' ? 'b1' : null,
    reason:
      status === 'forfeited' ? 'hire_not_employed' : status === 'cancelled' ? 'duplicate' : null,
  };
}

const COMMANDS: Record<string, TrancheCommand> = {
  mature: { type: 'mature', facts: { onDate: '2026-04-01', ...ALL }, conditions: ALL },
  'approve(hr-a)': { type: 'approve', approverId: 'hr-a', threshold: null },
  'approve(hr-z)': { type: 'approve', approverId: 'hr-z', threshold: null },
  cancel: { type: 'cancel', reason: 'wrong referrer' },
  'export(b1)': { type: 'export', batchId: 'b1' },
  'export(b2)': { type: 'export', batchId: 'b2' },
  'markPaid(b1)': { type: 'markPaid', batchId: 'b1' },
  'markPaid(b2)': { type: 'markPaid', batchId: 'b2' },
  unhire: { type: 'unhire', onDate: '2026-02-01' },
};

/** → a status with its effects, `=` for the same state without effects, or `✗ reason`. */
const TABLE: Record<TrancheStatus, Record<keyof typeof COMMANDS, string>> = {
  scheduled: {
    mature: 'eligible',
    'approve(hr-a)': '✗ not_eligible',
    'approve(hr-z)': '✗ not_eligible',
    cancel: 'cancelled',
    'export(b1)': '✗ not_approved',
    'export(b2)': '✗ not_approved',
    'markPaid(b1)': '✗ not_exported',
    'markPaid(b2)': '✗ not_exported',
    unhire: 'cancelled',
  },
  eligible: {
    mature: '=',
    'approve(hr-a)': 'approved [approve]',
    'approve(hr-z)': 'approved [approve]',
    cancel: 'cancelled',
    'export(b1)': '✗ not_approved',
    'export(b2)': '✗ not_approved',
    'markPaid(b1)': '✗ not_exported',
    'markPaid(b2)': '✗ not_exported',
    unhire: 'cancelled',
  },
  approved: {
    mature: '=',
    'approve(hr-a)': '=',
    'approve(hr-z)': '✗ already_approved',
    cancel: 'cancelled [cancel]',
    'export(b1)': 'exported',
    'export(b2)': 'exported',
    'markPaid(b1)': '✗ not_exported',
    'markPaid(b2)': '✗ not_exported',
    unhire: 'cancelled [cancel]',
  },
  exported: {
    mature: '=',
    'approve(hr-a)': '=',
    'approve(hr-z)': '✗ already_approved',
    cancel: '✗ not_cancellable',
    'export(b1)': '=',
    'export(b2)': '✗ already_exported',
    'markPaid(b1)': 'paid [pay]',
    'markPaid(b2)': '✗ batch_mismatch',
    unhire: '=',
  },
  paid: {
    mature: '=',
    'approve(hr-a)': '=',
    'approve(hr-z)': '✗ already_approved',
    cancel: '✗ not_cancellable',
    'export(b1)': '=',
    'export(b2)': '✗ already_exported',
    'markPaid(b1)': '=',
    'markPaid(b2)': '✗ batch_mismatch',
    unhire: '=',
  },
  forfeited: {
    mature: '=',
    'approve(hr-a)': '✗ not_eligible',
    'approve(hr-z)': '✗ not_eligible',
    cancel: '✗ not_cancellable',
    'export(b1)': '✗ not_approved',
    'export(b2)': '✗ not_approved',
    'markPaid(b1)': '✗ not_exported',
    'markPaid(b2)': '✗ not_exported',
    unhire: '=',
  },
  cancelled: {
    mature: '✗ cancelled',
    'approve(hr-a)': '✗ not_eligible',
    'approve(hr-z)': '✗ not_eligible',
    cancel: '=',
    'export(b1)': '✗ not_approved',
    'export(b2)': '✗ not_approved',
    'markPaid(b1)': '✗ not_exported',
    'markPaid(b2)': '✗ not_exported',
    unhire: '=',
  },
};

function describeResult(before: TrancheState, r: CommandResult): string {
  if ('refused' in r) return `✗ ${r.refused}`;
  if (!r.changed) {
    expect(r.next).toBe(before);
    expect(r.effects).toEqual([]);
    return '=';
  }
  const effects = r.effects.map((e) => e.effect);
  return effects.length ? `${r.next.status} [${effects.join(', ')}]` : r.next.status;
}

describe('tranche lifecycle: the state × command table', () => {
  const cases = TRANCHE_STATUSES.flatMap((status) =>
    Object.keys(COMMANDS).map((command) => [status, command, TABLE[status][command]] as const),
  );
  it.each(cases)('%s + %s → %s', (status, command, expected) => {
    const before = at(status);
    const r = applyCommand(before, COMMANDS[command]);
    expect(describeResult(before, r)).toBe(expected);
    // Applying the same command to where it led changes nothing more.
    if ('next' in r && r.changed) {
      const again = applyCommand(r.next, COMMANDS[command]);
      expect(describeResult(r.next, again)).toBe('=');
    }
  });

  it('never changes the state it is given', () => {
    const before = at('eligible');
    const copy = structuredClone(before);
    approve(before, 'hr-a', null);
    cancel(before, 'x');
    expect(before).toEqual(copy);
  });
});

describe('mature', () => {
  const s = at('scheduled');
  it.each([
    [{ referrerEmployed: true, hireEmployed: true }, 'eligible', null],
    [{ referrerEmployed: false, hireEmployed: true }, 'forfeited', 'referrer_not_employed'],
    [{ referrerEmployed: true, hireEmployed: false }, 'forfeited', 'hire_not_employed'],
    [
      { referrerEmployed: false, hireEmployed: false },
      'forfeited',
      'referrer_and_hire_not_employed',
    ],
  ])('with the conditions on, %p → %s (%s)', (facts, status, reason) => {
    const r = mature(s, { onDate: '2026-04-01', ...facts }, ALL);
    expect(r).toEqual({ next: { ...s, status, reason }, effects: [], changed: true });
  });

  it('ignores a fact whose condition the policy does not set', () => {
    const r = mature(
      s,
      { onDate: '2026-04-01', referrerEmployed: false, hireEmployed: false },
      {
        referrerEmployed: false,
        hireEmployed: false,
      },
    );
    expect('next' in r && r.next.status).toBe('eligible');
    const onlyHire = mature(
      s,
      { onDate: '2026-04-01', referrerEmployed: false, hireEmployed: true },
      {
        referrerEmployed: false,
        hireEmployed: true,
      },
    );
    expect('next' in onlyHire && onlyHire.next.status).toBe('eligible');
  });

  it('refuses before the due date, and a bad date', () => {
    expect(mature(s, { onDate: '2026-03-31', ...ALL }, ALL)).toEqual({ refused: 'not_due' });
    expect(mature(s, { onDate: '2026-04-31', ...ALL }, ALL)).toEqual({ refused: 'invalid_date' });
    expect(mature(s, { onDate: '2026-04-02', ...ALL }, ALL)).toMatchObject({
      next: { status: 'eligible' },
    });
  });

  it('decides once: maturing an eligible tranche again with the referrer gone changes nothing', () => {
    const r = mature(
      at('eligible'),
      { onDate: '2026-05-01', referrerEmployed: false, hireEmployed: false },
      ALL,
    );
    expect(r).toEqual({ next: at('eligible'), effects: [], changed: false });
  });
});

describe('approve: four eyes', () => {
  const threshold = eur(50000); // the tranche (100000) is above it
  const eligible = at('eligible');

  it('needs 2 approvals strictly above the threshold, 1 at or below it or without one', () => {
    expect(requiredApprovals(eur(50001), threshold)).toBe(2);
    expect(requiredApprovals(eur(50000), threshold)).toBe(1);
    expect(requiredApprovals(eur(0), eur(0))).toBe(1);
    expect(requiredApprovals(eur(1), eur(0))).toBe(2);
    expect(requiredApprovals(eur(Number.MAX_SAFE_INTEGER), null)).toBe(1);
  });

  it('waits for a second, different approver above the threshold', () => {
    const first = approve(eligible, 'hr-a', threshold);
    expect(first).toEqual({
      next: { ...eligible, approvals: ['hr-a'] },
      effects: [],
      changed: true,
    });
    if (!('next' in first)) throw new Error('refused');
    expect(approve(first.next, 'hr-a', threshold)).toEqual({ refused: 'same_approver' });
    const second = approve(first.next, 'hr-b', threshold);
    expect(second).toEqual({
      next: { ...eligible, status: 'approved', approvals: ['hr-a', 'hr-b'] },
      effects: [
        {
          key: 'p1:approve',
          effect: 'approve',
          payoutId: 'p1',
          amount: eur(100000),
          batchId: null,
        },
      ],
      changed: true,
    });
    if (!('next' in second)) throw new Error('refused');
    // Replays by either approver: same state, no second effect; a third approver is too late.
    expect(approve(second.next, 'hr-a', threshold)).toEqual({
      next: second.next,
      effects: [],
      changed: false,
    });
    expect(approve(second.next, 'hr-b', threshold)).toEqual({
      next: second.next,
      effects: [],
      changed: false,
    });
    expect(approve(second.next, 'hr-c', threshold)).toEqual({ refused: 'already_approved' });
  });

  it('approves at once at or below the threshold', () => {
    const r = approve(eligible, 'hr-a', eur(100000));
    expect(r).toMatchObject({ next: { status: 'approved', approvals: ['hr-a'] }, changed: true });
    expect('next' in r && r.effects.map((e) => e.key)).toEqual(['p1:approve']);
  });

  it('refuses a threshold in another currency and malformed approver ids', () => {
    expect(approve(eligible, 'hr-a', { amountMinor: 1, currency: 'USD' })).toEqual({
      refused: 'currency_mismatch',
    });
    expect(approve(eligible, '', null)).toEqual({ refused: 'invalid_approver' });
    expect(approve(eligible, 'hr-a ', null)).toEqual({ refused: 'invalid_approver' });
  });

  it('a cancelled half-approved tranche leaves no ledger effect', () => {
    const first = approve(eligible, 'hr-a', threshold);
    if (!('next' in first)) throw new Error('refused');
    expect(cancel(first.next, 'duplicate')).toEqual({
      next: { ...eligible, approvals: ['hr-a'], status: 'cancelled', reason: 'duplicate' },
      effects: [],
      changed: true,
    });
  });
});

describe('cancel, export, markPaid, unhire', () => {
  it('cancels with a trimmed reason, requires one, and keeps the first reason on a repeat', () => {
    expect(cancel(at('eligible'), '  ')).toEqual({ refused: 'reason_required' });
    const r = cancel(at('eligible'), ' duplicate ');
    expect(r).toMatchObject({ next: { status: 'cancelled', reason: 'duplicate' } });
    if (!('next' in r)) throw new Error('refused');
    expect(cancel(r.next, 'another reason')).toEqual({ next: r.next, effects: [], changed: false });
  });

  it('reverses an approved tranche on cancel', () => {
    expect(cancel(at('approved'), 'fraud')).toEqual({
      next: { ...at('approved'), status: 'cancelled', reason: 'fraud' },
      effects: [
        { key: 'p1:cancel', effect: 'cancel', payoutId: 'p1', amount: eur(100000), batchId: null },
      ],
      changed: true,
    });
  });

  it('exports into one batch and pays from that batch only', () => {
    const exported = exportToBatch(at('approved'), 'b7');
    expect(exported).toEqual({
      next: { ...at('approved'), status: 'exported', batchId: 'b7' },
      effects: [],
      changed: true,
    });
    if (!('next' in exported)) throw new Error('refused');
    expect(exportToBatch(exported.next, 'b8')).toEqual({ refused: 'already_exported' });
    expect(markPaid(exported.next, 'b8')).toEqual({ refused: 'batch_mismatch' });
    const paid = markPaid(exported.next, 'b7');
    expect(paid).toEqual({
      next: { ...exported.next, status: 'paid' },
      effects: [
        { key: 'p1:pay', effect: 'pay', payoutId: 'p1', amount: eur(100000), batchId: 'b7' },
      ],
      changed: true,
    });
    expect(exportToBatch(at('approved'), ' ')).toEqual({ refused: 'invalid_batch' });
    expect(markPaid(exported.next, '')).toEqual({ refused: 'invalid_batch' });
  });

  it('un-hire in probation cancels the pending tranches of a referral and leaves the rest', () => {
    const referral = (['paid', 'approved', 'scheduled'] as const).map((status, i) => ({
      ...at(status),
      payoutId: `p${i}`,
    }));
    const results = referral.map((t) => unhire(t, '2026-02-10'));
    expect(results.map((r) => ('next' in r ? r.next.status : r.refused))).toEqual([
      'paid',
      'cancelled',
      'cancelled',
    ]);
    expect(results.map((r) => ('next' in r ? r.next.reason : null))).toEqual([
      null,
      'unhired_in_probation:2026-02-10',
      'unhired_in_probation:2026-02-10',
    ]);
    expect(results.flatMap((r) => ('next' in r ? r.effects.map((e) => e.key) : []))).toEqual([
      'p1:cancel',
    ]);
    expect(unhire(at('scheduled'), '10.02.2026')).toEqual({ refused: 'invalid_date' });
  });
});
