import { isIsoDate } from './dates';
import { ledgerEffect, type LedgerEffect } from './ledger';
import type { Money, PolicyConditions } from './policy';

/**
 * The life of one tranche payout (PRODUCT.md §5): `scheduled → eligible → approved → exported →
 * paid`, or `forfeited` / `cancelled` with a reason.
 *
 * | state \ command | mature            | approve(a)                  | cancel         | export(b)      | markPaid(b)       | unhire       |
 * |-----------------|-------------------|-----------------------------|----------------|----------------|-------------------|--------------|
 * | scheduled       | eligible/forfeited¹ | ✗ not_eligible            | cancelled      | ✗ not_approved | ✗ not_exported    | cancelled    |
 * | eligible        | = (no-op)         | +a; approved² [approve]     | cancelled      | ✗ not_approved | ✗ not_exported    | cancelled    |
 * | approved        | =                 | = if a approved, else ✗ already_approved | cancelled [cancel] | exported | ✗ not_exported | cancelled [cancel] |
 * | exported        | =                 | = / ✗ already_approved      | ✗ not_cancellable | = same b, else ✗ already_exported | paid [pay] same b, else ✗ batch_mismatch | = |
 * | paid            | =                 | = / ✗ already_approved      | ✗ not_cancellable | = same b, else ✗ already_exported | = same b, else ✗ batch_mismatch | = |
 * | forfeited       | =                 | ✗ not_eligible              | ✗ not_cancellable | ✗ not_approved | ✗ not_exported | = |
 * | cancelled       | ✗ cancelled       | ✗ not_eligible              | =              | ✗ not_approved | ✗ not_exported    | =            |
 *
 * `=` returns the same state, no effects, `changed: false` (a replay: idempotent); `✗` refuses;
 * `[x]` is the ledger effect emitted. ¹ only on or after the due date (else ✗ not_due); forfeited
 * when a policy condition fails. ² four eyes: the tranche stays eligible, collecting distinct
 * approvers, until it has 2 when its amount is strictly above the threshold (1 otherwise); the
 * same approver again while it waits is ✗ same_approver.
 *
 * A command emits an effect only on the transition that creates it, and each effect kind has one
 * transition (approve: → approved; pay: exported → paid; cancel: approved → cancelled), none of
 * them repeatable: so a payout gets at most one of each, and a paid one exactly one approve and
 * no cancel.
 */

export const TRANCHE_STATUSES = [
  'scheduled',
  'eligible',
  'approved',
  'exported',
  'paid',
  'forfeited',
  'cancelled',
] as const;
export type TrancheStatus = (typeof TRANCHE_STATUSES)[number];

export interface TrancheState {
  payoutId: string;
  status: TrancheStatus;
  amount: Money;
  dueDate: string;
  /** Distinct approver ids, in the order they approved. */
  approvals: string[];
  batchId: string | null;
  /** Why it was forfeited or cancelled, else null. */
  reason: string | null;
}

export type RefusalReason =
  | 'not_due'
  | 'not_eligible'
  | 'same_approver'
  | 'already_approved'
  | 'currency_mismatch'
  | 'not_cancellable'
  | 'not_approved'
  | 'already_exported'
  | 'not_exported'
  | 'batch_mismatch'
  | 'cancelled'
  | 'invalid_date'
  | 'invalid_approver'
  | 'invalid_batch'
  | 'reason_required';

export type CommandResult =
  { next: TrancheState; effects: LedgerEffect[]; changed: boolean } | { refused: RefusalReason };

export type ForfeitReason =
  'referrer_not_employed' | 'hire_not_employed' | 'referrer_and_hire_not_employed';

/** Employment facts on the tranche's due date, and the date the check runs (≥ the due date). */
export interface MaturityFacts {
  onDate: string;
  referrerEmployed: boolean;
  hireEmployed: boolean;
}

export type TrancheCommand =
  | { type: 'mature'; facts: MaturityFacts; conditions: PolicyConditions }
  | { type: 'approve'; approverId: string; threshold: Money | null }
  | { type: 'cancel'; reason: string }
  | { type: 'export'; batchId: string }
  | { type: 'markPaid'; batchId: string }
  | { type: 'unhire'; onDate: string };

export function scheduledTranche(input: {
  payoutId: string;
  amount: Money;
  dueDate: string;
}): TrancheState {
  return {
    payoutId: input.payoutId,
    status: 'scheduled',
    amount: { ...input.amount },
    dueDate: input.dueDate,
    approvals: [],
    batchId: null,
    reason: null,
  };
}

const refuse = (refused: RefusalReason): CommandResult => ({ refused });
const same = (state: TrancheState): CommandResult => ({ next: state, effects: [], changed: false });
const moved = (next: TrancheState, effects: LedgerEffect[] = []): CommandResult => ({
  next,
  effects,
  changed: true,
});

/** An id or reference: non-empty, no surrounding blanks (so "a" and "a " cannot be two approvers). */
const isId = (v: unknown): v is string => typeof v === 'string' && v !== '' && v === v.trim();

/** Approvals needed: 2 when the amount is strictly above the threshold, else 1. */
export function requiredApprovals(amount: Money, threshold: Money | null): 1 | 2 {
  return threshold !== null && amount.amountMinor > threshold.amountMinor ? 2 : 1;
}

/** On (or after) the due date: eligible when the policy's conditions hold that day, else forfeited. */
export function mature(
  state: TrancheState,
  facts: MaturityFacts,
  conditions: PolicyConditions,
): CommandResult {
  switch (state.status) {
    case 'scheduled': {
      if (!isIsoDate(facts.onDate)) return refuse('invalid_date');
      if (facts.onDate < state.dueDate) return refuse('not_due');
      const referrerGone = conditions.referrerEmployed && !facts.referrerEmployed;
      const hireGone = conditions.hireEmployed && !facts.hireEmployed;
      const reason: ForfeitReason | null =
        referrerGone && hireGone
          ? 'referrer_and_hire_not_employed'
          : referrerGone
            ? 'referrer_not_employed'
            : hireGone
              ? 'hire_not_employed'
              : null;
      return moved(
        reason ? { ...state, status: 'forfeited', reason } : { ...state, status: 'eligible' },
      );
    }
    case 'eligible':
    case 'approved':
    case 'exported':
    case 'paid':
    case 'forfeited':
      return same(state);
    case 'cancelled':
      return refuse('cancelled');
  }
}

/**
 * One HR approval. Below or at the threshold the first approval approves; above it the tranche
 * waits (eligible, approvals recorded) for a second, different approver. Emits `approve` on the
 * transition to approved.
 */
export function approve(
  state: TrancheState,
  approverId: string,
  threshold: Money | null,
): CommandResult {
  if (!isId(approverId)) return refuse('invalid_approver');
  switch (state.status) {
    case 'eligible': {
      if (threshold !== null && threshold.currency !== state.amount.currency)
        return refuse('currency_mismatch');
      if (state.approvals.includes(approverId)) return refuse('same_approver');
      const approvals = [...state.approvals, approverId];
      if (approvals.length < requiredApprovals(state.amount, threshold))
        return moved({ ...state, approvals });
      return moved({ ...state, status: 'approved', approvals }, [
        ledgerEffect(state.payoutId, 'approve', state.amount),
      ]);
    }
    case 'approved':
    case 'exported':
    case 'paid':
      return state.approvals.includes(approverId) ? same(state) : refuse('already_approved');
    case 'scheduled':
    case 'forfeited':
    case 'cancelled':
      return refuse('not_eligible');
  }
}

/** Cancels a tranche not yet exported; an approved one gets the reversing `cancel` effect. */
export function cancel(state: TrancheState, reason: string): CommandResult {
  const why = typeof reason === 'string' ? reason.trim() : '';
  if (why === '') return refuse('reason_required');
  return cancelWith(state, why);
}

function cancelWith(state: TrancheState, reason: string): CommandResult {
  switch (state.status) {
    case 'scheduled':
    case 'eligible':
      return moved({ ...state, status: 'cancelled', reason });
    case 'approved':
      return moved({ ...state, status: 'cancelled', reason }, [
        ledgerEffect(state.payoutId, 'cancel', state.amount),
      ]);
    case 'cancelled':
      return same(state);
    case 'exported':
    case 'paid':
    case 'forfeited':
      return refuse('not_cancellable');
  }
}

/** Puts an approved tranche in a payroll batch: once, into exactly one batch. */
export function exportToBatch(state: TrancheState, batchId: string): CommandResult {
  if (!isId(batchId)) return refuse('invalid_batch');
  switch (state.status) {
    case 'approved':
      return moved({ ...state, status: 'exported', batchId });
    case 'exported':
    case 'paid':
      return state.batchId === batchId ? same(state) : refuse('already_exported');
    case 'scheduled':
    case 'eligible':
    case 'forfeited':
    case 'cancelled':
      return refuse('not_approved');
  }
}

/** Its batch was paid: emits `pay`. Replays (same batch) change nothing. */
export function markPaid(state: TrancheState, batchId: string): CommandResult {
  if (!isId(batchId)) return refuse('invalid_batch');
  switch (state.status) {
    case 'exported':
      return state.batchId === batchId
        ? moved({ ...state, status: 'paid' }, [
            ledgerEffect(state.payoutId, 'pay', state.amount, batchId),
          ])
        : refuse('batch_mismatch');
    case 'paid':
      return state.batchId === batchId ? same(state) : refuse('batch_mismatch');
    case 'scheduled':
    case 'eligible':
    case 'approved':
    case 'forfeited':
    case 'cancelled':
      return refuse('not_exported');
  }
}

/**
 * The hire left inside probation (the caller decides that it is inside): every tranche not yet
 * exported (scheduled, eligible, approved) is cancelled with the reason
 * `unhired_in_probation:<date>`; exported, paid, forfeited and cancelled ones stay as they are.
 */
export function unhire(state: TrancheState, onDate: string): CommandResult {
  if (!isIsoDate(onDate)) return refuse('invalid_date');
  switch (state.status) {
    case 'scheduled':
    case 'eligible':
    case 'approved':
      return cancelWith(state, `unhired_in_probation:${onDate}`);
    case 'exported':
    case 'paid':
    case 'forfeited':
    case 'cancelled':
      return same(state);
  }
}

export function applyCommand(state: TrancheState, command: TrancheCommand): CommandResult {
  switch (command.type) {
    case 'mature':
      return mature(state, command.facts, command.conditions);
    case 'approve':
      return approve(state, command.approverId, command.threshold);
    case 'cancel':
      return cancel(state, command.reason);
    case 'export':
      return exportToBatch(state, command.batchId);
    case 'markPaid':
      return markPaid(state, command.batchId);
    case 'unhire':
      return unhire(state, command.onDate);
  }
}
