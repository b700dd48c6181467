import Handlebars from 'handlebars';
import { HTML_LAYOUT, HTML_PARTIALS, TEXT_LAYOUT, TEXT_PARTIALS } from './email-layouts';
import { messageFormatter } from './message-formatter';
import { TEMPLATES, type TemplateName, type TemplateParams } from './template-registry';
import type { MessageBlock, MessageContent, TemplateAudience } from './template.types';

export interface RenderContext {
  organizationName: string;
  locale: string;
  timeZone: string;
  /** Shown to people with an account; null for requesters and candidates. */
  preferencesUrl: string | null;
}

/** Slack-compatible incoming-webhook body (Mattermost and Teams' Slack mode accept it too). */
export interface ChatMessage {
  text: string;
  blocks?: readonly Record<string, unknown>[];
}

export interface RenderedMessage {
  template: TemplateName;
  audience: TemplateAudience;
  digestible: boolean;
  subject: string;
  text: string;
  html: string;
  summary: string;
  url: string | null;
  chat: ChatMessage;
  /** The preferences page for members (it is also their List-Unsubscribe); null for requesters. */
  preferencesUrl: string | null;
}

const WRAP_AT = 76;

/** Greedy word wrap for text/plain bodies; long words (URLs) stay whole. */
export function wrapText(text: string, width = WRAP_AT): string {
  return text
    .split('\n')
    .map((line) => {
      const out: string[] = [];
      let current = '';
      for (const word of line.split(/ +/)) {
        if (current && current.length + 1 + word.length > width) {
          out.push(current);
          current = word;
        } else {
          current = current ? `${current} ${word}` : word;
        }
      }
      out.push(current);
      return out.join('\n');
    })
    .join('\n');
}

function environment(kind: 'html' | 'text'): typeof Handlebars {
  const env = Handlebars.create();
  const partials = kind === 'html' ? HTML_PARTIALS : TEXT_PARTIALS;
  for (const [name, source] of Object.entries(partials)) env.registerPartial(name, source);
  env.registerHelper('wrap', (text: unknown) => wrapText(String(text ?? '')));
  // Handlebars drops the whitespace after a standalone block tag; this puts the blank line back.
  env.registerHelper('nl', () => '\n');
  env.registerHelper('fact', (label: unknown, value: unknown) =>
    wrapText(`${String(label)}: ${String(value)}`),
  );
  env.registerHelper('quote', (text: unknown) =>
    wrapText(String(text ?? ''), WRAP_AT - 2)
      .split('\n')
      .map((l) => `> ${l}`)
      .join('\n'),
  );
  return env;
}

const htmlEnv = environment('html');
const textEnv = environment('text');
// strict: a block that names a field it does not have is a bug, found by the snapshot tests.
const renderHtml = htmlEnv.compile(HTML_LAYOUT, { strict: false, preventIndent: true });
const renderText = textEnv.compile(TEXT_LAYOUT, { noEscape: true, preventIndent: true });

const SAFE_URL = /^https?:\/\/[^\s]+$/i;

function checkUrl(url: string, template: TemplateName): void {
  // A javascript: or data: link in a mail would be an injection; links come from our own code.
  if (!SAFE_URL.test(url)) throw new Error(`template ${template}: links must be http(s) URLs`);
}

function checkBlocks(blocks: readonly MessageBlock[], template: TemplateName): void {
  for (const b of blocks) {
    if (b.kind === 'action') checkUrl(b.url, template);
    if (b.kind === 'list') for (const i of b.items) if (i.url) checkUrl(i.url, template);
  }
}

const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();

function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function chatMessage(content: MessageContent): ChatMessage {
  const summary = slackEscape(content.summary);
  const text = content.url ? `${summary} <${content.url}|Open>` : summary;
  const blocks: Record<string, unknown>[] = [
    {
      type: 'section',
      text: { type: 'mrkdwn', text: `*${slackEscape(content.subject)}*\n${summary}` },
    },
  ];
  if (content.url) {
    blocks.push({
      type: 'actions',
      elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open' }, url: content.url }],
    });
  }
  return { text, blocks };
}

function footerFor(audience: TemplateAudience, organizationName: string): string {
  return audience === 'member'
    ? `You get this message as a member of ${organizationName} on Peerline.`
    : `Peerline sends this message for ${organizationName} because this address was given to it. You will only get messages about this request.`;
}

/** Draws one message from its template: the subject, both bodies and the one-line forms. */
export function renderMessage<T extends TemplateName>(
  template: T,
  params: TemplateParams[T],
  ctx: RenderContext,
): RenderedMessage {
  const definition = TEMPLATES[template];
  const f = messageFormatter(ctx.locale, ctx.timeZone);
  const content = definition.render(params, f);
  checkBlocks(content.blocks, template);
  if (content.url) checkUrl(content.url, template);
  const preferencesUrl = definition.audience === 'member' ? ctx.preferencesUrl : null;
  const view = {
    ...content,
    subject: oneLine(content.subject),
    lang: f.locale,
    organizationName: ctx.organizationName,
    footer: footerFor(definition.audience, ctx.organizationName),
    preferencesUrl,
  };
  return {
    template,
    audience: definition.audience,
    digestible: definition.digestible,
    subject: view.subject,
    text: renderText(view).replace(/\n{3,}/g, '\n\n'),
    html: renderHtml(view),
    summary: oneLine(content.summary),
    url: content.url,
    chat: chatMessage({ ...content, subject: view.subject, summary: oneLine(content.summary) }),
    preferencesUrl,
  };
}
