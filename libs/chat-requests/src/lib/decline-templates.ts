/**
 * The reasons an ambassador can pick when declining, each with the polite text the requester
 * receives. A free note may be added; `other` requires one.
 */
export const DECLINE_TEMPLATES = {
  no_time:
    "I can't make time for a chat in the coming weeks, and I didn't want to keep you waiting.",
  not_my_area:
    "Your question is outside what I work on day to day, so I wouldn't be the best person to answer it.",
  better_elsewhere:
    'I think someone else could help you more with this question; the directory lists colleagues who work on it.',
  not_a_fit:
    "I don't think a chat with me is the right way to help with this, but I appreciate you reaching out.",
  other: 'I am not able to take this chat.',
} as const;

export type DeclineTemplate = keyof typeof DECLINE_TEMPLATES;
export const DECLINE_TEMPLATE_CODES = Object.keys(DECLINE_TEMPLATES) as DeclineTemplate[];

/** What a one-click decline from the e-mail uses. */
export const ONE_CLICK_DECLINE: DeclineTemplate = 'no_time';
