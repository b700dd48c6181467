/** One piece of a message body; each layout (HTML, text) knows how to draw each kind. */
export type MessageBlock =
  | { kind: 'paragraph'; text: string }
  | { kind: 'action'; label: string; url: string }
  | { kind: 'facts'; items: readonly { label: string; value: string }[] }
  | { kind: 'quote'; text: string }
  | { kind: 'list'; items: readonly { title: string; detail?: string; url?: string }[] }
  | { kind: 'note'; text: string };

/** What a template produces from its params: the one source every channel is drawn from. */
export interface MessageContent {
  subject: string;
  /** The inbox preview line (hidden in the HTML body). */
  preheader: string;
  greeting: string;
  blocks: readonly MessageBlock[];
  /** One line for in-app lists, the daily digest and the chat webhook. */
  summary: string;
  /** Where the summary leads (in-app, digest, chat). */
  url: string | null;
}

/** Who a template is for: people without an account never get a preferences link. */
export type TemplateAudience = 'requester' | 'member';

export const NOTIFICATION_CHANNELS = ['email', 'in_app', 'chat'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/** Formatting in the recipient's locale and time zone. */
export interface MessageFormatter {
  readonly locale: string;
  readonly timeZone: string;
  /** e.g. "Tuesday, 3 March 2026 at 14:30 CET". */
  dateTime(iso: string | Date): string;
  /** e.g. "3 March 2026". */
  date(iso: string | Date): string;
  /** A calendar date (YYYY-MM-DD) as written in the locale, with no time-zone shift. */
  calendarDate(isoDate: string): string;
  money(amount: { amountMinor: number; currency: string }): string;
}

export interface TemplateDefinition<P> {
  audience: TemplateAudience;
  /** Channels used when the caller names none. */
  channels: readonly NotificationChannel[];
  /** May wait for the recipient's daily digest instead of going out at once. */
  digestible: boolean;
  render(params: P, f: MessageFormatter): MessageContent;
}

/** Params shared by templates whose links go to the web app. */
export interface Money {
  amountMinor: number;
  currency: string;
}
