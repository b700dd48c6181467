import {
  dailyDigest,
  userInvite,
  type DailyDigestParams,
  type UserInviteParams,
} from './account.templates';
import {
  chatRequestAccepted,
  chatRequestCancelled,
  chatRequestCompleted,
  chatRequestDeclined,
  chatRequestDelivered,
  chatRequestExpired,
  chatRequestForwarded,
  chatRequestIntroduced,
  chatRequestReminder,
  chatRequestScheduled,
  chatRequestVerification,
  chatRequestWithdrawn,
  type ChatRequestAcceptedParams,
  type ChatRequestCancelledParams,
  type ChatRequestCompletedParams,
  type ChatRequestDeclinedParams,
  type ChatRequestDeliveredParams,
  type ChatRequestExpiredParams,
  type ChatRequestForwardedParams,
  type ChatRequestIntroducedParams,
  type ChatRequestReminderParams,
  type ChatRequestScheduledParams,
  type ChatRequestVerificationParams,
  type ChatRequestWithdrawnParams,
} from './chat-request.templates';
import {
  payoutApproved,
  payoutEnded,
  payoutPaid,
  type PayoutApprovedParams,
  type PayoutEndedParams,
  type PayoutPaidParams,
} from './payout.templates';
import {
  referralClosingNote,
  referralConsent,
  referralStatusChanged,
  type ReferralClosingNoteParams,
  type ReferralConsentParams,
  type ReferralStatusChangedParams,
} from './referral.templates';
import type { TemplateDefinition } from './template.types';

/** Template name → its params. Callers get a compile error for a missing or misspelt param. */
export interface TemplateParams {
  'chat-request.verification': ChatRequestVerificationParams;
  'chat-request.delivered': ChatRequestDeliveredParams;
  'chat-request.reminder': ChatRequestReminderParams;
  'chat-request.declined': ChatRequestDeclinedParams;
  'chat-request.expired': ChatRequestExpiredParams;
  'chat-request.accepted': ChatRequestAcceptedParams;
  'chat-request.scheduled': ChatRequestScheduledParams;
  'chat-request.cancelled': ChatRequestCancelledParams;
  'chat-request.withdrawn': ChatRequestWithdrawnParams;
  'chat-request.forwarded': ChatRequestForwardedParams;
  'chat-request.introduced': ChatRequestIntroducedParams;
  'chat-request.completed': ChatRequestCompletedParams;
  'referral.consent': ReferralConsentParams;
  'referral.status-changed': ReferralStatusChangedParams;
  'referral.closing-note': ReferralClosingNoteParams;
  'payout.approved': PayoutApprovedParams;
  'payout.paid': PayoutPaidParams;
  'payout.ended': PayoutEndedParams;
  'digest.daily': DailyDigestParams;
  'identity.invite': UserInviteParams;
}
export type TemplateName = keyof TemplateParams;

export const TEMPLATES: { readonly [T in TemplateName]: TemplateDefinition<TemplateParams[T]> } = {
  'chat-request.verification': chatRequestVerification,
  'chat-request.delivered': chatRequestDelivered,
  'chat-request.reminder': chatRequestReminder,
  'chat-request.declined': chatRequestDeclined,
  'chat-request.expired': chatRequestExpired,
  'chat-request.accepted': chatRequestAccepted,
  'chat-request.scheduled': chatRequestScheduled,
  'chat-request.cancelled': chatRequestCancelled,
  'chat-request.withdrawn': chatRequestWithdrawn,
  'chat-request.forwarded': chatRequestForwarded,
  'chat-request.introduced': chatRequestIntroduced,
  'chat-request.completed': chatRequestCompleted,
  'referral.consent': referralConsent,
  'referral.status-changed': referralStatusChanged,
  'referral.closing-note': referralClosingNote,
  'payout.approved': payoutApproved,
  'payout.paid': payoutPaid,
  'payout.ended': payoutEnded,
  'digest.daily': dailyDigest,
  'identity.invite': userInvite,
};

export const TEMPLATE_NAMES = Object.keys(TEMPLATES) as TemplateName[];

export function isTemplateName(name: string): name is TemplateName {
  return Object.prototype.hasOwnProperty.call(TEMPLATES, name);
}
