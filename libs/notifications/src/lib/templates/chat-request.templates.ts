import type { TemplateDefinition } from './template.types';

export interface ChatRequestVerificationParams {
  requesterName: string;
  ambassadorName: string;
  organizationName: string;
  verifyUrl: string;
  expiresAt: string;
}

export interface ChatRequestDeliveredParams {
  ambassadorName: string;
  requesterName: string;
  /** The requester's specific ask, shortened by the caller if needed. */
  ask: string;
  valueProposition: string;
  topics: readonly string[];
  inboxUrl: string;
  acceptUrl: string;
  declineUrl: string;
  respondBy: string;
  /** The colleague who forwarded or introduced the requester to this ambassador. */
  forwardedBy?: string | null;
  /** Their note to this ambassador. */
  note?: string | null;
}

export interface ChatRequestReminderParams {
  ambassadorName: string;
  requesterName: string;
  deliveredAt: string;
  respondBy: string;
  inboxUrl: string;
}

export interface ChatRequestDeclinedParams {
  requesterName: string;
  ambassadorName: string;
  /** The decline template's text the ambassador chose. */
  reason: string;
  note: string | null;
  statusUrl: string;
  directoryUrl: string;
}

export interface ChatRequestExpiredParams {
  requesterName: string;
  ambassadorName: string;
  statusUrl: string;
  directoryUrl: string;
}

export interface ChatRequestAcceptedParams {
  requesterName: string;
  ambassadorName: string;
  /** Null until a time is agreed. */
  startsAt: string | null;
  durationMinutes: number | null;
  /**
   * Link to the .ics calendar file, when a time is set. Null when the invite is attached to the
   * e-mail instead (the text then says so).
   */
  calendarUrl: string | null;
  statusUrl: string;
  /** The time moved: the mail says so, and the attached invite replaces the earlier one. */
  rescheduled?: boolean;
}

/** To the ambassador, with the invite attached. */
export interface ChatRequestScheduledParams {
  ambassadorName: string;
  requesterName: string;
  startsAt: string;
  durationMinutes: number;
  rescheduled: boolean;
  requestUrl: string;
}

/** To the requester: the ambassador cancelled (a cancellation is attached when a time was set). */
export interface ChatRequestCancelledParams {
  requesterName: string;
  ambassadorName: string;
  startsAt: string | null;
  reason: string | null;
  statusUrl: string;
  directoryUrl: string;
}

/** To the ambassador: the requester withdrew (a cancellation is attached when a time was set). */
export interface ChatRequestWithdrawnParams {
  ambassadorName: string;
  requesterName: string;
  startsAt: string | null;
  requestUrl: string;
  /**
   * The ambassador's own copy of a cancellation they made: the same mail (and attached
   * cancellation) worded as their action, not the requester's.
   */
  cancelledByYou?: boolean;
}

/** To the requester: their request now goes to a colleague of the ambassador. */
export interface ChatRequestForwardedParams {
  requesterName: string;
  fromAmbassadorName: string;
  toAmbassadorName: string;
  note: string | null;
  statusUrl: string;
}

/** To the requester: after the chat, the ambassador introduced them to a colleague. */
export interface ChatRequestIntroducedParams {
  requesterName: string;
  fromAmbassadorName: string;
  toAmbassadorName: string;
  note: string | null;
  /** The new request's own status page. */
  statusUrl: string;
}

/** To the requester after the chat: please rate it. */
export interface ChatRequestCompletedParams {
  requesterName: string;
  ambassadorName: string;
  feedbackUrl: string;
}

const shorten = (text: string, max: number): string =>
  text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;

export const chatRequestVerification: TemplateDefinition<ChatRequestVerificationParams> = {
  audience: 'requester',
  channels: ['email'],
  digestible: false,
  render: (p, f) => ({
    subject: `Confirm your e-mail to send your request to ${p.ambassadorName}`,
    preheader: `One click and your request goes to ${p.organizationName}.`,
    greeting: `Hi ${p.requesterName},`,
    blocks: [
      {
        kind: 'paragraph',
        text: `you asked ${p.ambassadorName} at ${p.organizationName} for a peer chat. Please confirm that this e-mail address is yours; only then does your request go ahead.`,
      },
      { kind: 'action', label: 'Confirm my e-mail', url: p.verifyUrl },
      {
        kind: 'note',
        text: `The link works once and expires on ${f.dateTime(p.expiresAt)}. If you did not ask for this, ignore this e-mail and nothing will be sent.`,
      },
    ],
    summary: `Confirm your e-mail for your request to ${p.ambassadorName}`,
    url: p.verifyUrl,
  }),
};

export const chatRequestDelivered: TemplateDefinition<ChatRequestDeliveredParams> = {
  audience: 'member',
  channels: ['email', 'in_app'],
  digestible: true,
  render: (p, f) => {
    const forwardedBy = p.forwardedBy ?? null;
    const note = p.note ?? null;
    return {
      subject: forwardedBy
        ? `${forwardedBy} forwarded ${p.requesterName}'s chat request to you`
        : `${p.requesterName} would like a peer chat with you`,
      preheader: shorten(p.ask, 120),
      greeting: `Hi ${p.ambassadorName},`,
      blocks: [
        ...(forwardedBy
          ? [
              {
                kind: 'paragraph' as const,
                text: note
                  ? `${forwardedBy} forwarded this request to you:`
                  : `${forwardedBy} forwarded this request to you.`,
              },
            ]
          : note
            ? [{ kind: 'paragraph' as const, text: 'A note came with this request:' }]
            : []),
        ...(note ? [{ kind: 'quote' as const, text: shorten(note, 600) }] : []),
        {
          kind: 'paragraph',
          text: `${p.requesterName} passed screening and asks for a short chat.`,
        },
        { kind: 'facts', items: [{ label: 'Their question', value: shorten(p.ask, 600) }] },
        {
          kind: 'facts',
          items: [
            { label: 'What they bring', value: shorten(p.valueProposition, 600) },
            { label: 'Topics', value: p.topics.length > 0 ? p.topics.join(', ') : '—' },
            { label: 'Please answer by', value: f.dateTime(p.respondBy) },
          ],
        },
        { kind: 'action', label: 'Accept', url: p.acceptUrl },
        { kind: 'action', label: 'Decline', url: p.declineUrl },
        { kind: 'note', text: `All your requests are in your inbox: ${p.inboxUrl}` },
      ],
      summary: forwardedBy
        ? `${forwardedBy} forwarded a chat request from ${p.requesterName}`
        : `New chat request from ${p.requesterName}`,
      url: p.inboxUrl,
    };
  },
};

export const chatRequestReminder: TemplateDefinition<ChatRequestReminderParams> = {
  audience: 'member',
  channels: ['email', 'in_app'],
  digestible: true,
  render: (p, f) => ({
    subject: `Reminder: ${p.requesterName} is waiting for your answer`,
    preheader: `Please answer by ${f.dateTime(p.respondBy)}.`,
    greeting: `Hi ${p.ambassadorName},`,
    blocks: [
      {
        kind: 'paragraph',
        text: `${p.requesterName}'s request reached you on ${f.dateTime(p.deliveredAt)} and still has no answer. Accept or decline it by ${f.dateTime(p.respondBy)}; after that it expires and ${p.requesterName} is told.`,
      },
      { kind: 'action', label: 'Open my inbox', url: p.inboxUrl },
    ],
    summary: `${p.requesterName} is waiting for your answer`,
    url: p.inboxUrl,
  }),
};

export const chatRequestDeclined: TemplateDefinition<ChatRequestDeclinedParams> = {
  audience: 'requester',
  channels: ['email'],
  digestible: false,
  render: (p) => ({
    subject: `${p.ambassadorName} cannot take your chat request`,
    preheader: p.reason,
    greeting: `Hi ${p.requesterName},`,
    blocks: [
      {
        kind: 'paragraph',
        text: `thank you for reaching out. ${p.ambassadorName} cannot take your request this time.`,
      },
      { kind: 'quote', text: p.reason },
      ...(p.note ? [{ kind: 'quote' as const, text: p.note }] : []),
      {
        kind: 'paragraph',
        text: 'Another ambassador may be a better fit for your question.',
      },
      { kind: 'action', label: 'Browse the directory', url: p.directoryUrl },
      { kind: 'note', text: `Your request's status page: ${p.statusUrl}` },
    ],
    summary: `${p.ambassadorName} declined your chat request`,
    url: p.statusUrl,
  }),
};

export const chatRequestExpired: TemplateDefinition<ChatRequestExpiredParams> = {
  audience: 'requester',
  channels: ['email'],
  digestible: false,
  render: (p) => ({
    subject: `Your chat request to ${p.ambassadorName} has expired`,
    preheader: 'No answer came in time; you can ask someone else.',
    greeting: `Hi ${p.requesterName},`,
    blocks: [
      {
        kind: 'paragraph',
        text: `${p.ambassadorName} could not answer your request in time, so it has expired. This says nothing about your request: ambassadors are busy engineers.`,
      },
      { kind: 'action', label: 'Find another ambassador', url: p.directoryUrl },
      { kind: 'note', text: `Your request's status page: ${p.statusUrl}` },
    ],
    summary: `Your chat request to ${p.ambassadorName} expired`,
    url: p.statusUrl,
  }),
};

export const chatRequestAccepted: TemplateDefinition<ChatRequestAcceptedParams> = {
  audience: 'requester',
  channels: ['email'],
  digestible: false,
  render: (p, f) => {
    const when = p.startsAt !== null ? f.dateTime(p.startsAt) : null;
    const moved = when !== null && p.rescheduled === true;
    // Without a link to the .ics file, a set time comes with the invite attached to this mail.
    const attached = when !== null && !p.calendarUrl;
    return {
      subject: moved
        ? `Your chat with ${p.ambassadorName} moved to ${when}`
        : when
          ? `Your chat with ${p.ambassadorName} is on ${when}`
          : `${p.ambassadorName} accepted your chat request`,
      preheader: attached
        ? 'The calendar invite is attached to this e-mail.'
        : when
          ? 'Add it to your calendar with the attached link.'
          : `${p.ambassadorName} will propose a time.`,
      greeting: `Hi ${p.requesterName},`,
      blocks: [
        {
          kind: 'paragraph',
          text: moved
            ? `${p.ambassadorName} moved your peer chat to a new time.`
            : `good news: ${p.ambassadorName} accepted your request for a peer chat.`,
        },
        ...(when
          ? [
              {
                kind: 'facts' as const,
                items: [
                  { label: moved ? 'New time' : 'When', value: when },
                  {
                    label: 'Length',
                    value: p.durationMinutes !== null ? `${p.durationMinutes} minutes` : '—',
                  },
                ],
              },
            ]
          : [
              {
                kind: 'paragraph' as const,
                text: `${p.ambassadorName} will propose a time; you will get another e-mail then.`,
              },
            ]),
        ...(p.calendarUrl
          ? [
              { kind: 'action' as const, label: 'Add to my calendar (.ics)', url: p.calendarUrl },
              {
                kind: 'note' as const,
                text: 'The .ics file works with Google Calendar, Outlook and Apple Calendar; times are shown in your time zone.',
              },
            ]
          : []),
        ...(attached
          ? [
              {
                kind: 'note' as const,
                text: moved
                  ? 'The updated calendar invite is attached; it replaces the earlier one in your calendar.'
                  : 'The calendar invite is attached to this e-mail; your calendar shows the time in your own time zone.',
              },
            ]
          : []),
        { kind: 'note', text: `Your request's status page: ${p.statusUrl}` },
      ],
      summary: moved
        ? `Your chat with ${p.ambassadorName} moved to ${when}`
        : `${p.ambassadorName} accepted your chat request`,
      url: p.statusUrl,
    };
  },
};

export const chatRequestScheduled: TemplateDefinition<ChatRequestScheduledParams> = {
  audience: 'member',
  channels: ['email', 'in_app'],
  digestible: false,
  render: (p, f) => {
    const when = f.dateTime(p.startsAt);
    return {
      subject: p.rescheduled
        ? `Your chat with ${p.requesterName} moved to ${when}`
        : `Your chat with ${p.requesterName} is on ${when}`,
      preheader: 'The calendar invite is attached.',
      greeting: `Hi ${p.ambassadorName},`,
      blocks: [
        {
          kind: 'paragraph',
          text: p.rescheduled
            ? `your peer chat with ${p.requesterName} has a new time. ${p.requesterName} has been told.`
            : `your peer chat with ${p.requesterName} is scheduled. ${p.requesterName} has the invite too.`,
        },
        {
          kind: 'facts',
          items: [
            { label: p.rescheduled ? 'New time' : 'When', value: when },
            { label: 'Length', value: `${p.durationMinutes} minutes` },
          ],
        },
        {
          kind: 'note',
          text: p.rescheduled
            ? 'The updated calendar invite is attached; it replaces the earlier one in your calendar.'
            : 'The calendar invite is attached to this e-mail.',
        },
        { kind: 'action', label: 'Open the request', url: p.requestUrl },
      ],
      summary: p.rescheduled
        ? `Your chat with ${p.requesterName} moved to ${when}`
        : `Chat with ${p.requesterName} scheduled for ${when}`,
      url: p.requestUrl,
    };
  },
};

export const chatRequestCancelled: TemplateDefinition<ChatRequestCancelledParams> = {
  audience: 'requester',
  channels: ['email'],
  digestible: false,
  render: (p, f) => {
    const when = p.startsAt !== null ? f.dateTime(p.startsAt) : null;
    return {
      subject: when
        ? `Your chat with ${p.ambassadorName} on ${when} is cancelled`
        : `${p.ambassadorName} had to cancel your chat`,
      preheader: p.reason ?? 'We are sorry; another ambassador may be able to help.',
      greeting: `Hi ${p.requesterName},`,
      blocks: [
        {
          kind: 'paragraph',
          text: when
            ? `we are sorry: ${p.ambassadorName} had to cancel your peer chat on ${when}.`
            : `we are sorry: ${p.ambassadorName} had to cancel your peer chat.`,
        },
        ...(p.reason ? [{ kind: 'quote' as const, text: p.reason }] : []),
        ...(when
          ? [
              {
                kind: 'note' as const,
                text: 'The cancellation is attached; it removes the chat from your calendar.',
              },
            ]
          : []),
        {
          kind: 'paragraph',
          text: 'If your question is still open, another ambassador may be able to help.',
        },
        { kind: 'action', label: 'Browse the directory', url: p.directoryUrl },
        { kind: 'note', text: `Your request's status page: ${p.statusUrl}` },
      ],
      summary: `${p.ambassadorName} cancelled your chat`,
      url: p.statusUrl,
    };
  },
};

export const chatRequestWithdrawn: TemplateDefinition<ChatRequestWithdrawnParams> = {
  audience: 'member',
  channels: ['email', 'in_app'],
  digestible: true,
  render: (p, f) => {
    const when = p.startsAt !== null ? f.dateTime(p.startsAt) : null;
    const byYou = p.cancelledByYou === true;
    return {
      subject: byYou
        ? `You cancelled your chat with ${p.requesterName}`
        : when
          ? `${p.requesterName} cancelled your chat on ${when}`
          : `${p.requesterName} withdrew their chat request`,
      preheader: 'There is nothing you need to do.',
      greeting: `Hi ${p.ambassadorName},`,
      blocks: [
        {
          kind: 'paragraph',
          text: byYou
            ? `your peer chat with ${p.requesterName}${when ? ` on ${when}` : ''} is cancelled, as you asked. ${p.requesterName} has been told.`
            : when
              ? `${p.requesterName} withdrew their request, so your chat on ${when} will not take place. There is nothing you need to do.`
              : `${p.requesterName} withdrew their chat request. There is nothing you need to do.`,
        },
        ...(when
          ? [
              {
                kind: 'note' as const,
                text: 'The cancellation is attached; it removes the chat from your calendar.',
              },
            ]
          : []),
        { kind: 'action', label: 'Open the request', url: p.requestUrl },
      ],
      summary: byYou
        ? `You cancelled your chat with ${p.requesterName}`
        : `${p.requesterName} withdrew their chat request`,
      url: p.requestUrl,
    };
  },
};

export const chatRequestForwarded: TemplateDefinition<ChatRequestForwardedParams> = {
  audience: 'requester',
  channels: ['email'],
  digestible: false,
  render: (p) => ({
    subject: `Your chat request now goes to ${p.toAmbassadorName}`,
    preheader: `${p.fromAmbassadorName} passed your request on to a colleague.`,
    greeting: `Hi ${p.requesterName},`,
    blocks: [
      {
        kind: 'paragraph',
        text: `${p.fromAmbassadorName} thinks ${p.toAmbassadorName} can help you better with your question and passed your request on. ${p.toAmbassadorName} will answer it; you do not need to do anything.`,
      },
      ...(p.note
        ? [
            { kind: 'paragraph' as const, text: `${p.fromAmbassadorName} wrote:` },
            { kind: 'quote' as const, text: p.note },
          ]
        : []),
      { kind: 'action', label: 'See my request', url: p.statusUrl },
    ],
    summary: `Your chat request was forwarded to ${p.toAmbassadorName}`,
    url: p.statusUrl,
  }),
};

export const chatRequestIntroduced: TemplateDefinition<ChatRequestIntroducedParams> = {
  audience: 'requester',
  channels: ['email'],
  digestible: false,
  render: (p) => ({
    subject: `${p.fromAmbassadorName} introduced you to ${p.toAmbassadorName}`,
    preheader: `A new chat request to ${p.toAmbassadorName} is open.`,
    greeting: `Hi ${p.requesterName},`,
    blocks: [
      {
        kind: 'paragraph',
        text: `after your chat, ${p.fromAmbassadorName} suggested that you also talk to ${p.toAmbassadorName} and introduced you. A new chat request to ${p.toAmbassadorName} is open, and ${p.toAmbassadorName} will answer it as usual.`,
      },
      ...(p.note
        ? [
            { kind: 'paragraph' as const, text: `${p.fromAmbassadorName} wrote:` },
            { kind: 'quote' as const, text: p.note },
          ]
        : []),
      { kind: 'action', label: 'See the new request', url: p.statusUrl },
      {
        kind: 'note',
        text: 'The new request has its own status page; the link above leads to it.',
      },
    ],
    summary: `${p.fromAmbassadorName} introduced you to ${p.toAmbassadorName}`,
    url: p.statusUrl,
  }),
};

export const chatRequestCompleted: TemplateDefinition<ChatRequestCompletedParams> = {
  audience: 'requester',
  channels: ['email'],
  digestible: false,
  render: (p) => ({
    subject: `How was your chat with ${p.ambassadorName}?`,
    preheader: 'Rating it takes a minute.',
    greeting: `Hi ${p.requesterName},`,
    blocks: [
      {
        kind: 'paragraph',
        text: `thank you for taking the time to talk to ${p.ambassadorName}. We hope it helped.`,
      },
      {
        kind: 'paragraph',
        text: 'Would you rate the chat from 1 to 5? A short note is welcome too. It takes a minute and helps keep these chats useful.',
      },
      { kind: 'action', label: 'Rate the chat', url: p.feedbackUrl },
    ],
    summary: `Please rate your chat with ${p.ambassadorName}`,
    url: p.feedbackUrl,
  }),
};
