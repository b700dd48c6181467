import { DateFormatter, explain } from './credit-explanations';
import {
  CreditInputError,
  type CreditFormat,
  type CreditReassignment,
  type CreditReferral,
} from './credit.types';

export type DisputeDecision = 'uphold' | 'overturn';

export interface ResolveDisputeInput extends CreditFormat {
  // uphold: the credit decision stands. overturn: the disputed referral takes the credit.
  readonly decision: DisputeDecision;
  // The referral whose referrer opened the dispute (a duplicate or ineligible one).
  readonly disputed: CreditReferral;
  // The referral holding the credit the disputed one asks for; null when nobody holds it (e.g.
  // the disputed referral was ineligible as a prior applicant and there is no other referral).
  readonly currentOwner: CreditReferral | null;
  // HR's written reason; required for both outcomes (it is audited and shown to the referrer).
  readonly note: string;
}

// What a dispute resolution changes. The caller applies it, the dispute's resolution and the
// audit row in one transaction; an overturn therefore never leaves two owners or none.
export function resolveDispute(input: ResolveDisputeInput): CreditReassignment {
  const { decision, disputed, currentOwner, note } = input;
  if (note.trim() === '') throw new CreditInputError('note must not be empty');
  if (disputed.credited) {
    throw new CreditInputError('the disputed referral already holds the credit');
  }
  if (currentOwner !== null) {
    if (currentOwner.id === disputed.id) {
      throw new CreditInputError('currentOwner must be another referral than the disputed one');
    }
    if (!currentOwner.credited) throw new CreditInputError('currentOwner must hold the credit');
  }
  // The formatter is built for both outcomes so that a bad locale or zone fails the same way.
  const f = new DateFormatter(input);

  switch (decision) {
    case 'uphold':
      return { credit: [], revoke: [] };
    case 'overturn':
      return {
        credit: [
          {
            referralId: disputed.id,
            status: 'credited',
            rule: 'dispute_overturned',
            explanation: explain.disputeCredited(disputed, note, f),
          },
        ],
        revoke:
          currentOwner === null
            ? []
            : [
                {
                  referralId: currentOwner.id,
                  status: 'duplicate',
                  rule: 'dispute_overturned',
                  explanation: explain.disputeRevoked(disputed, note, f),
                },
              ],
      };
  }
}
