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
  /** Link to the .ics calendar file, when a time is set. */
  calendarUrl: string | null;
  statusUrl: string;
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
  render: (p, f) => ({
    subject: `${p.requesterName} would like a peer chat with you`,
    preheader: shorten(p.ask, 120),
    greeting: `Hi ${p.ambassadorName},`,
    blocks: [
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
    summary: `New chat request from ${p.requesterName}`,
    url: p.inboxUrl,
  }),
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
    const scheduled = p.startsAt !== null;
    return {
      subject: scheduled
        ? `Your chat with ${p.ambassadorName} is on ${f.dateTime(p.startsAt ?? '')}`
        : `${p.ambassadorName} accepted your chat request`,
      preheader: scheduled
        ? 'Add it to your calendar with the attached link.'
        : `${p.ambassadorName} will propose a time.`,
      greeting: `Hi ${p.requesterName},`,
      blocks: [
        {
          kind: 'paragraph',
          text: `good news: ${p.ambassadorName} accepted your request for a peer chat.`,
        },
        ...(scheduled
          ? [
              {
                kind: 'facts' as const,
                items: [
                  { label: 'When', value: f.dateTime(p.startsAt ?? '') },
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
        { kind: 'note', text: `Your request's status page: ${p.statusUrl}` },
      ],
      summary: `${p.ambassadorName} accepted your chat request`,
      url: p.statusUrl,
    };
  },
};
