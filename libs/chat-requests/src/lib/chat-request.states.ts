/**
 * Request states (API.md) plus `waiting`: screening passed but the ambassador's week is full (or
 * nobody matching has a slot), so delivery is retried when the next ISO week starts.
 */
export const CHAT_REQUEST_STATUSES = [
  'unverified',
  'screening',
  'review',
  'rejected',
  'waiting',
  'delivered',
  'accepted',
  'scheduled',
  'completed',
  'no_show',
  'cancelled',
  'declined',
  'expired',
  'withdrawn',
] as const;
export type ChatRequestStatus = (typeof CHAT_REQUEST_STATUSES)[number];

/** Who moved a request: the requester holds no account, HR and ambassadors are users. */
export type HistoryActor =
  { type: 'requester' } | { type: 'user' | 'api_key'; id: string } | { type: 'system' };

const TRANSITIONS: { readonly [S in ChatRequestStatus]: readonly ChatRequestStatus[] } = {
  unverified: ['screening', 'expired', 'withdrawn'],
  // Screening runs inside the verify (or resubmit) transaction; it ends in one of these.
  screening: ['delivered', 'waiting', 'review', 'rejected'],
  review: ['delivered', 'waiting', 'rejected', 'withdrawn'],
  // Resubmit (once) goes back to screening; an appeal (once) goes to HR.
  rejected: ['screening', 'review', 'withdrawn'],
  waiting: ['delivered', 'withdrawn'],
  // delivered → delivered: forwarded to a colleague, or re-routed at expiry with consent.
  delivered: ['accepted', 'declined', 'expired', 'withdrawn', 'delivered'],
  accepted: ['scheduled', 'cancelled', 'withdrawn'],
  // scheduled → scheduled: rescheduled (the calendar event is updated).
  scheduled: ['completed', 'no_show', 'cancelled', 'withdrawn', 'scheduled'],
  completed: [],
  no_show: [],
  cancelled: [],
  declined: [],
  expired: [],
  withdrawn: [],
};

export function canTransition(from: ChatRequestStatus, to: ChatRequestStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/**
 * Requests that still take an ambassador's attention or are on their way there: they count
 * against the requester's open-request limit. Unverified ones do not (nobody confirmed them yet).
 */
export const OPEN_STATUSES: readonly ChatRequestStatus[] = [
  'screening',
  'review',
  'waiting',
  'delivered',
  'accepted',
  'scheduled',
];

/** States in which the request holds one of the ambassador's weekly slots. */
export const HOLDS_CAPACITY: readonly ChatRequestStatus[] = ['delivered', 'accepted', 'scheduled'];
