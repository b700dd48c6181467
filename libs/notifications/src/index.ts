export * from './lib/mail.service';
export * from './lib/mail-transport';
export {
  MAIL_CALENDAR_METHODS,
  MAIL_HEADER_NAMES,
  type MailCalendar,
  type MailCalendarMethod,
  type MailHeaderName,
  type MailHeaders,
} from './lib/mail-extras';
export {
  buildChatInvite,
  type ChatInviteInput,
  type ChatInviteMethod,
  type ChatInviteParty,
} from './lib/calendar/chat-invite';
export * from './lib/smtp-error';
export * from './lib/jobs/mail-send.processor';
export * from './lib/jobs/chat-webhook.processor';
export * from './lib/jobs/digest.processor';
export * from './lib/jobs/mail-retention.processor';
export * from './lib/notifications.service';
export * from './lib/notifications.module';
export type {
  NotificationChannel,
  MessageContent,
  MessageBlock,
} from './lib/templates/template.types';
export { NOTIFICATION_CHANNELS } from './lib/templates/template.types';
export type { ChannelOutcome } from './lib/channels/notifier';
export {
  TEMPLATES,
  TEMPLATE_NAMES,
  isTemplateName,
  type TemplateName,
  type TemplateParams,
} from './lib/templates/template-registry';
export {
  renderMessage,
  type RenderedMessage,
  type RenderContext,
} from './lib/templates/template-renderer';
export { TEMPLATE_FIXTURES } from './lib/templates/template-fixtures';
export type * from './lib/templates/chat-request.templates';
export type * from './lib/templates/referral.templates';
export type * from './lib/templates/payout.templates';
export type * from './lib/templates/account.templates';
