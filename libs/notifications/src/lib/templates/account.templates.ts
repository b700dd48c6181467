import type { TemplateDefinition } from './template.types';

export interface UserInviteParams {
  inviteeName: string;
  inviterName: string;
  organizationName: string;
  acceptUrl: string;
  expiresAt: string;
}

export interface DigestItem {
  title: string;
  url: string | null;
  at: string;
}

export interface DailyDigestParams {
  recipientName: string;
  /** The recipient's local date the digest is for (YYYY-MM-DD). */
  localDate: string;
  items: readonly DigestItem[];
  inboxUrl: string;
}

export const userInvite: TemplateDefinition<UserInviteParams> = {
  audience: 'requester',
  channels: ['email'],
  digestible: false,
  render: (p, f) => ({
    subject: `${p.inviterName} invited you to ${p.organizationName} on Peerline`,
    preheader: 'Set your password to get started.',
    greeting: `Hi ${p.inviteeName},`,
    blocks: [
      {
        kind: 'paragraph',
        text: `${p.inviterName} invited you to join ${p.organizationName} on Peerline, where engineers talk to peers and refer people they know.`,
      },
      { kind: 'action', label: 'Accept the invitation', url: p.acceptUrl },
      { kind: 'note', text: `The link works once and expires on ${f.dateTime(p.expiresAt)}.` },
    ],
    summary: `Invitation to ${p.organizationName}`,
    url: p.acceptUrl,
  }),
};

export const dailyDigest: TemplateDefinition<DailyDigestParams> = {
  audience: 'member',
  channels: ['email'],
  digestible: false,
  render: (p, f) => {
    const n = p.items.length;
    return {
      subject: `Your Peerline digest for ${f.calendarDate(p.localDate)}: ${n} ${n === 1 ? 'update' : 'updates'}`,
      preheader: p.items[0]?.title ?? 'Nothing new.',
      greeting: `Hi ${p.recipientName},`,
      blocks: [
        { kind: 'paragraph', text: `here is what happened since your last digest.` },
        {
          kind: 'list',
          items: p.items.map((i) => ({
            title: i.title,
            detail: f.dateTime(i.at),
            ...(i.url ? { url: i.url } : {}),
          })),
        },
        { kind: 'action', label: 'Open my inbox', url: p.inboxUrl },
      ],
      summary: `${n} ${n === 1 ? 'update' : 'updates'} in your daily digest`,
      url: p.inboxUrl,
    };
  },
};
