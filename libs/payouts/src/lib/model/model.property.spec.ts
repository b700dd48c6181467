/**
 * The acceptance properties of issue 7, on the pure model: for random policies and hires the
 * tranches sum exactly to the bonus; after any sequence of lifecycle commands (repeats, random
 * approvers and thresholds, replayed ledger effects) the ledger balances and no tranche is paid
 * twice; above the threshold one approver alone never approves.
 */
import fc from 'fast-check';
import { addDays } from './dates';
import { isBalanced, post, type LedgerEffect, type LedgerEntry } from './ledger';
import {
  applyCommand,
  scheduledTranche,
  type TrancheCommand,
  type TrancheState,
  type TrancheStatus,
} from './lifecycle';
import { bonusFor, normalizeLabel, REFERRAL_TYPES, validatePolicy, type Money } from './policy';
import { applyCap, splitTranches } from './tranches';

const RUNS = { numRuns: 300 };
const eur = (amountMinor: number): Money => ({ amountMinor, currency: 'EUR' });

// ---- random policies and hires ------------------------------------------------------------------

const amountMinorArb = fc.oneof(
  fc.integer({ min: 0, max: 10_000_000 }),
  fc.integer({ min: 0, max: 1000 }),
  fc.maxSafeNat(),
);
const departmentArb = fc.option(
  fc.constantFrom('Engineering', ' engineering', 'Sales', 'OPS', 'Ops '),
  { nil: null },
);
const levelArb = fc.option(fc.constantFrom('Junior', 'Senior', ' senior ', 'Staff'), { nil: null });
const typeArb = fc.constantFrom(...REFERRAL_TYPES);

/** 1–12 tranches: distinct cut points in 1..99 give integer percents summing to 100. */
const tranchesArb = fc
  .integer({ min: 1, max: 12 })
  .chain((n) =>
    fc.tuple(
      fc.uniqueArray(fc.integer({ min: 1, max: 99 }), { minLength: n - 1, maxLength: n - 1 }),
      fc.uniqueArray(fc.integer({ min: 0, max: 3650 }), { minLength: n, maxLength: n }),
    ),
  )
  .map(([cuts, days]) => {
    const c = [0, ...[...cuts].sort((a, b) => a - b), 100];
    return [...days]
      .sort((a, b) => a - b)
      .map((daysAfterStart, i) => ({ percent: c[i + 1] - c[i], daysAfterStart }));
  });

const policyArb = fc.constantFrom('EUR', 'USD', 'JPY').chain((currency) => {
  const money = amountMinorArb.map((amountMinor) => ({ amountMinor, currency }));
  const rule = fc
    .record({
      referralType: fc.option(typeArb, { nil: null }),
      department: departmentArb,
      level: levelArb,
      amount: money,
    })
    .filter((r) => r.referralType !== null || r.department !== null || r.level !== null);
  return fc.record({
    defaultAmount: money,
    rules: fc.uniqueArray(rule, {
      maxLength: 50,
      selector: (r) =>
        JSON.stringify([r.referralType, normalizeLabel(r.department), normalizeLabel(r.level)]),
    }),
    tranches: tranchesArb,
    conditions: fc.record({ referrerEmployed: fc.boolean(), hireEmployed: fc.boolean() }),
    capPerReferrerPerYear: fc.option(
      fc
        .integer({ min: 1, max: Number.MAX_SAFE_INTEGER })
        .map((amountMinor) => ({ amountMinor, currency })),
      { nil: null },
    ),
    approvalThreshold: fc.option(money, { nil: null }),
  });
});

const hireArb = fc.record({
  referral: fc.record({ type: typeArb, department: departmentArb, level: levelArb }),
  startDate: fc.integer({ min: 0, max: 40_000 }).map((n) => addDays('2000-01-01', n)),
  alreadyThisYear: amountMinorArb,
});

describe('property: tranche amounts sum exactly to the bonus', () => {
  it('for random policies and hires (capped bonus, split, due dates)', () => {
    fc.assert(
      fc.property(policyArb, hireArb, (raw, hire) => {
        const checked = validatePolicy(raw);
        if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
        const policy = checked.policy;
        const { amount: bonus } = bonusFor(policy, hire.referral);
        const already = { amountMinor: hire.alreadyThisYear, currency: bonus.currency };
        const capped = applyCap(bonus, already, policy.capPerReferrerPerYear);
        expect(capped.currency).toBe(bonus.currency);
        expect(capped.amountMinor).toBeGreaterThanOrEqual(0);
        expect(capped.amountMinor).toBeLessThanOrEqual(bonus.amountMinor);
        const cap = policy.capPerReferrerPerYear;
        if (cap)
          expect(capped.amountMinor).toBeLessThanOrEqual(
            Math.max(0, cap.amountMinor - already.amountMinor),
          );
        else expect(capped).toEqual(bonus);

        const plan = splitTranches(capped, policy.tranches, hire.startDate);
        expect(plan).toHaveLength(policy.tranches.length);
        const total = plan.reduce((s, t) => s + BigInt(t.amount.amountMinor), 0n);
        expect(total).toBe(BigInt(capped.amountMinor));
        plan.forEach((t, i) => {
          expect(Number.isSafeInteger(t.amount.amountMinor)).toBe(true);
          expect(t.amount.amountMinor).toBeGreaterThanOrEqual(0);
          expect(t.amount.currency).toBe(capped.currency);
          expect(t.index).toBe(i);
          expect(t.dueDate).toBe(addDays(hire.startDate, policy.tranches[i].daysAfterStart));
          if (i > 0) expect(t.dueDate > plan[i - 1].dueDate).toBe(true);
          const floor = (BigInt(capped.amountMinor) * BigInt(t.percent)) / 100n;
          if (i < plan.length - 1) expect(BigInt(t.amount.amountMinor)).toBe(floor);
          else {
            // The last gets its own floor plus the remainder: less than one cent per other tranche.
            expect(BigInt(t.amount.amountMinor) >= floor).toBe(true);
            expect(BigInt(t.amount.amountMinor) - floor < BigInt(plan.length)).toBe(true);
          }
        });
      }),
      RUNS,
    );
  });
});

// ---- random command sequences ------------------------------------------------------------------

const DUE = '2026-04-01';
const approverArb = fc.constantFrom('hr-a', 'hr-b', 'hr-c');
const batchArb = fc.constantFrom('b1', 'b2');
const mostlyTrue = fc.oneof(
  { weight: 4, arbitrary: fc.constant(true) },
  { weight: 1, arbitrary: fc.constant(false) },
);
const thresholdArb = fc.option(fc.integer({ min: 0, max: 200_000 }).map(eur), { nil: null });

const commandArb = (
  approver: fc.Arbitrary<string>,
  threshold: fc.Arbitrary<Money | null>,
): fc.Arbitrary<TrancheCommand> =>
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record({
        type: fc.constant('mature' as const),
        facts: fc.record({
          onDate: fc.constantFrom('2026-03-31', DUE, '2026-07-01'),
          referrerEmployed: mostlyTrue,
          hireEmployed: mostlyTrue,
        }),
        conditions: fc.record({ referrerEmployed: fc.boolean(), hireEmployed: fc.boolean() }),
      }),
    },
    {
      weight: 10,
      arbitrary: fc.record({
        type: fc.constant('approve' as const),
        approverId: approver,
        threshold,
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        type: fc.constant('cancel' as const),
        reason: fc.constantFrom('duplicate', 'fraud', ' '),
      }),
    },
    {
      weight: 6,
      arbitrary: fc.record({ type: fc.constant('export' as const), batchId: batchArb }),
    },
    {
      weight: 6,
      arbitrary: fc.record({ type: fc.constant('markPaid' as const), batchId: batchArb }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        type: fc.constant('unhire' as const),
        onDate: fc.constantFrom('2026-02-01', '2026-05-01'),
      }),
    },
  );

/** A step: a command to one tranche, a repeat of an earlier step, or a replayed ledger effect. */
type Step =
  | { kind: 'command'; target: number; command: TrancheCommand }
  | { kind: 'repeat'; pick: number }
  | { kind: 'replay'; pick: number };

const stepsArb = (tranches: number, command: fc.Arbitrary<TrancheCommand>): fc.Arbitrary<Step[]> =>
  fc.array(
    fc.oneof(
      {
        weight: 8,
        arbitrary: fc.record({
          kind: fc.constant('command' as const),
          target: fc.nat(tranches - 1),
          command,
        }),
      },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('repeat' as const), pick: fc.nat() }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('replay' as const), pick: fc.nat() }) },
    ),
    { maxLength: 60, size: 'max' },
  );

interface World {
  states: TrancheState[];
  ledger: readonly LedgerEntry[];
  /** Every effect any command returned, before the ledger's de-duplication. */
  emitted: LedgerEffect[];
  /** Every state each tranche went through. */
  seen: TrancheState[][];
}

/** Runs the steps like the service would: apply, write the effects to the ledger, check it balances. */
function run(amounts: number[], steps: Step[]): World {
  const states = amounts.map((a, i) =>
    scheduledTranche({ payoutId: `p${i}`, amount: eur(a), dueDate: DUE }),
  );
  const world: World = { states, ledger: [], emitted: [], seen: states.map((s) => [s]) };
  const done: { target: number; command: TrancheCommand }[] = [];
  for (const step of steps) {
    if (step.kind === 'replay') {
      // A crash after the commit and a retry: the same effect posted again.
      if (world.emitted.length === 0) continue;
      world.ledger = post(world.ledger, world.emitted[step.pick % world.emitted.length]).entries;
    } else {
      const { target, command } =
        step.kind === 'command'
          ? step
          : done.length
            ? done[step.pick % done.length]
            : { target: -1, command: null };
      if (command === null) continue;
      done.push({ target, command });
      const r = applyCommand(world.states[target], command);
      if ('next' in r) {
        world.states[target] = r.next;
        world.seen[target].push(r.next);
        for (const e of r.effects) {
          world.emitted.push(e);
          world.ledger = post(world.ledger, e).entries;
        }
      }
    }
    expect(isBalanced(world.ledger)).toBe(true);
  }
  return world;
}

const count = (w: World, payoutId: string, effect: LedgerEffect['effect']) =>
  w.emitted.filter((e) => e.payoutId === payoutId && e.effect === effect).length;

const accountOf = (w: World, payoutId: string, account: LedgerEntry['account']) =>
  w.ledger
    .filter((e) => e.key.startsWith(`${payoutId}:`) && e.account === account)
    .reduce((s, e) => s + e.debitMinor - e.creditMinor, 0);

const amountsArb = fc.array(
  fc.oneof(fc.integer({ min: 0, max: 300_000 }), fc.constant(0), fc.maxSafeNat()),
  {
    minLength: 1,
    maxLength: 4,
  },
);

describe('property: lifecycle and ledger under any sequence of commands', () => {
  const reached = new Map<TrancheStatus, number>();
  let reversals = 0;

  it('keeps the ledger balanced and never pays a tranche twice', () => {
    fc.assert(
      fc.property(
        amountsArb.chain((amounts) =>
          fc.tuple(
            fc.constant(amounts),
            stepsArb(amounts.length, commandArb(approverArb, thresholdArb)),
          ),
        ),
        ([amounts, steps]) => {
          const w = run(amounts, steps);
          expect(isBalanced(w.ledger)).toBe(true);
          for (const s of w.states) {
            const id = s.payoutId;
            const [approves, pays, cancels] = [
              count(w, id, 'approve'),
              count(w, id, 'pay'),
              count(w, id, 'cancel'),
            ];
            reached.set(s.status, (reached.get(s.status) ?? 0) + 1);
            if (cancels) reversals++;
            // At most one effect of each kind per payout, whatever the repeats.
            expect(pays).toBeLessThanOrEqual(1);
            expect(approves).toBeLessThanOrEqual(1);
            expect(cancels).toBeLessThanOrEqual(1);
            // Paid: exactly one approval effect, no reversal; and only a paid tranche was paid.
            if (s.status === 'paid') expect([approves, pays, cancels]).toEqual([1, 1, 0]);
            else expect(pays).toBe(0);
            // A reversal only follows an approval, and ends the tranche cancelled.
            if (cancels) expect([approves, s.status]).toEqual([1, 'cancelled']);
            // The ledger matches the state: expense while approved or later, payable until paid.
            const a = s.amount.amountMinor;
            const approved = ['approved', 'exported', 'paid'].includes(s.status);
            expect(accountOf(w, id, 'bonus_expense')).toBe(approved ? a : 0);
            expect(accountOf(w, id, 'bonus_payable')).toBe(
              s.status === 'approved' || s.status === 'exported' ? 0 - a : 0,
            );
            expect(accountOf(w, id, 'cash')).toBe(s.status === 'paid' ? 0 - a : 0);
            // Approvers are distinct; an exported or paid tranche sits in exactly one batch.
            expect(new Set(s.approvals).size).toBe(s.approvals.length);
            expect(s.batchId !== null).toBe(s.status === 'exported' || s.status === 'paid');
          }
          // The batch of a tranche never changes once set.
          for (const history of w.seen) {
            const batches = new Set(history.map((h) => h.batchId).filter((b) => b !== null));
            expect(batches.size).toBeLessThanOrEqual(1);
          }
        },
      ),
      RUNS,
    );
    // The runs did reach the interesting ends (the property is not vacuously true).
    expect([...reached.keys()].sort()).toEqual([
      'approved',
      'cancelled',
      'eligible',
      'exported',
      'forfeited',
      'paid',
      'scheduled',
    ]);
    expect(reached.get('paid')).toBeGreaterThan(5);
    expect(reversals).toBeGreaterThan(0);
  });
});

describe('property: four eyes', () => {
  it('above the threshold, one approver alone never approves (whatever else happens)', () => {
    let waited = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        approverArb,
        fc.integer({ min: 1, max: 3 }).chain((n) => fc.tuple(fc.constant(n), fc.nat())),
        (threshold, above, solo, [n, seed]) => {
          const amounts = Array.from({ length: n }, (_, i) => threshold + above + ((seed + i) % 7));
          // Every approval in the sequence comes from the same person.
          const steps = fc.sample(
            stepsArb(n, commandArb(fc.constant(solo), fc.constant(eur(threshold)))),
            {
              numRuns: 1,
              seed,
            },
          )[0];
          const w = run(amounts, steps);
          for (const [i, history] of w.seen.entries()) {
            for (const s of history)
              expect(['approved', 'exported', 'paid']).not.toContain(s.status);
            expect(count(w, `p${i}`, 'approve')).toBe(0);
            if (w.states[i].approvals.length === 1) waited++;
          }
          expect(w.ledger).toEqual([]);
        },
      ),
      RUNS,
    );
    expect(waited).toBeGreaterThan(0);
  });

  it('with random approvers, an approved tranche above the threshold has two different approvers', () => {
    let approvedAbove = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200_000 }),
        amountsArb.chain((amounts) => fc.tuple(fc.constant(amounts), fc.nat())),
        (threshold, [amounts, seed]) => {
          const steps = fc.sample(
            stepsArb(amounts.length, commandArb(approverArb, fc.constant(eur(threshold)))),
            {
              numRuns: 1,
              seed,
            },
          )[0];
          const w = run(amounts, steps);
          for (const history of w.seen)
            for (const s of history) {
              const needed = s.amount.amountMinor > threshold ? 2 : 1;
              if (['approved', 'exported', 'paid'].includes(s.status)) {
                expect(s.approvals.length).toBe(needed);
                expect(new Set(s.approvals).size).toBe(needed);
                if (needed === 2) approvedAbove++;
              } else if (s.status === 'eligible') expect(s.approvals.length).toBeLessThan(needed);
              else if (s.status === 'cancelled')
                expect(s.approvals.length).toBeLessThanOrEqual(needed);
              else expect(s.approvals).toEqual([]);
            }
        },
      ),
      RUNS,
    );
    expect(approvedAbove).toBeGreaterThan(0);
  });
});
