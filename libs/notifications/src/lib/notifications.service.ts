import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@peerline/config';
import {
  NOTIFIERS,
  type ChannelOutcome,
  type Notifier,
  type ResolvedRecipient,
} from './channels/notifier';
import type { MailCalendar } from './mail-extras';
import { RecipientRepository } from './recipient.repository';
import { DEFAULT_LOCALE } from './templates/message-formatter';
import { TEMPLATES, type TemplateName, type TemplateParams } from './templates/template-registry';
import { renderMessage } from './templates/template-renderer';
import type { NotificationChannel } from './templates/template.types';

export type NotifyRecipient =
  | { recipientUserId: string; recipientEmail?: never }
  | {
      /** Requesters and candidates have no account: they get e-mail only. */
      recipientEmail: string;
      /** Their own zone when the caller knows it (from a form); else the organization's. */
      recipientTimeZone?: string;
      recipientLocale?: string;
      recipientUserId?: never;
    };

export type NotifyInput<T extends TemplateName> = {
  organizationId: string;
  template: T;
  params: TemplateParams[T];
  /**
   * Unique per message across all organizations, e.g. `chat-request.delivered:<request id>`.
   * A replay with the same key records nothing new on any channel.
   */
  idempotencyKey: string;
  /** Defaults to the template's channels. */
  channels?: readonly NotificationChannel[];
  /**
   * An invite or cancellation (e.g. from buildChatInvite) attached to the e-mail only. A message
   * with one is always sent at once, never folded into the daily digest.
   */
  calendar?: MailCalendar | null;
} & NotifyRecipient;

export type NotifyResult = Partial<Record<NotificationChannel, ChannelOutcome>>;

const ADDRESS = /^[^\s@<>(),;:"\\]+@[^\s@<>(),;:"\\]+$/;

/**
 * The one entry point for domain code: render a template once and record, in the caller's
 * transaction, what each channel must deliver, following the recipient's preferences. Nothing
 * leaves the process here; the worker delivers after the commit (outbox), so a rolled-back
 * command sends nothing.
 */
@Injectable()
export class NotificationsService {
  private readonly preferencesUrl: string;

  constructor(
    private readonly recipients: RecipientRepository,
    @Inject(NOTIFIERS) private readonly notifiers: readonly Notifier[],
    @Inject(APP_CONFIG) config: Pick<AppConfig, 'WEB_URL'>,
  ) {
    this.preferencesUrl = new URL('/settings/notifications', config.WEB_URL).toString();
  }

  async notify<T extends TemplateName>(
    tx: EntityManager,
    input: NotifyInput<T>,
  ): Promise<NotifyResult> {
    if (input.idempotencyKey.length === 0 || input.idempotencyKey.length > 300) {
      throw new Error('notify: idempotency key must have 1 to 300 characters');
    }
    const org = await this.recipients.findOrganization(tx, input.organizationId);
    if (!org) throw new Error('notify: unknown organization');

    let recipient: ResolvedRecipient;
    let timeZone: string;
    let locale: string;
    if (input.recipientUserId !== undefined) {
      const user = await this.recipients.findUser(tx, input.organizationId, input.recipientUserId);
      // Callers pass ids they just read in the same organization: a miss is a programming error.
      if (!user) throw new Error('notify: the recipient is not a user of the organization');
      recipient = {
        userId: user.userId,
        email: user.email,
        active: user.active,
        emailEnabled: user.emailEnabled,
        inAppEnabled: user.inAppEnabled,
        digest: user.digest,
      };
      timeZone = user.timeZone;
      locale = user.locale ?? DEFAULT_LOCALE;
    } else {
      if (input.recipientEmail.length > 320 || !ADDRESS.test(input.recipientEmail)) {
        throw new Error('notify: invalid recipient address');
      }
      recipient = {
        userId: null,
        email: input.recipientEmail,
        active: true,
        emailEnabled: true,
        inAppEnabled: false,
        digest: 'immediate',
      };
      timeZone = input.recipientTimeZone ?? org.timeZone;
      locale = input.recipientLocale ?? DEFAULT_LOCALE;
    }

    const message = renderMessage(input.template, input.params, {
      organizationName: org.name,
      locale,
      timeZone,
      preferencesUrl: this.preferencesUrl,
    });
    const channels = new Set(input.channels ?? TEMPLATES[input.template].channels);
    const result: NotifyResult = {};
    for (const notifier of this.notifiers) {
      if (!channels.has(notifier.channel)) continue;
      result[notifier.channel] = await notifier.record(tx, {
        organizationId: input.organizationId,
        recipient,
        message,
        idempotencyKey: input.idempotencyKey,
        calendar: input.calendar ?? null,
      });
    }
    return result;
  }
}
