import { defineErrors } from '@peerline/http-kit';

export const chatRequestsErrors = defineErrors({
  VERIFICATION_TOKEN_INVALID: [400, 'This verification link is not valid.'],
  VERIFICATION_TOKEN_USED: [
    410,
    'This verification link was already used. Open your status page from the e-mail instead.',
  ],
  VERIFICATION_TOKEN_EXPIRED: [
    410,
    'This verification link has expired. Please send your request again.',
  ],
  ILLEGAL_TRANSITION: [409, 'The request is not in a state that allows this.'],
  RESUBMIT_LIMIT_REACHED: [409, 'A request can be edited and resubmitted only once.'],
  APPEAL_LIMIT_REACHED: [409, 'A request can be appealed only once.'],
  ROUTING_NEEDS_TOPIC: [
    400,
    'Choose an ambassador, or name a topic so we can find the best match for you.',
  ],
  INVALID_SCREENING_SETTINGS: [400, 'The screening settings are not valid.'],
  NOT_AN_AMBASSADOR: [404, 'There is no ambassador profile for you.'],
  FORBIDDEN: [403, 'You may not do this.'],
  AMBASSADOR_FULL: [409, 'That ambassador has no free slot this week. Try another colleague.'],
  FORWARD_TO_SELF: [400, 'Choose a colleague other than yourself.'],
  SLOT_NOT_IN_FUTURE: [400, 'The chat must start in the future.'],
  SLOT_TOO_FAR: [400, 'The chat must start within the next 180 days.'],
  ALREADY_RATED: [409, 'This chat has been rated already.'],
  CHAT_NOT_STARTED: [
    409,
    'The chat has not started yet: mark it completed or a no-show once its time has come.',
  ],
  TRIAGE_LINK_INVALID: [400, 'This link is not valid. Open the request from your inbox instead.'],
  TRIAGE_LINK_EXPIRED: [410, 'This link has expired. Open the request from your inbox instead.'],
  TRIAGE_LINK_USED: [410, 'This link was already used; nothing was changed.'],
  TRIAGE_LINK_SUPERSEDED: [
    410,
    'This request is no longer in your inbox (it was forwarded or withdrawn); nothing was changed.',
  ],
});

export type ChatRequestsErrorCode = keyof typeof chatRequestsErrors.catalogue;
