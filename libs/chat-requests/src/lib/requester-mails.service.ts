import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@peerline/config';
import { MailService, renderMessage } from '@peerline/notifications';
import type { EntityManager } from 'typeorm';
import type { ChatRequestRecord } from './chat-request.types';
import { ChatRequestsRepository } from './chat-requests.repository';
import { RequesterTokens } from './requester-tokens.util';

/**
 * Mails to requesters. They have no account, so the links carry their tokens: the one-time
 * verification token, and the status token (derived, see RequesterTokens) for the status page.
 */
// Requesters have no account and no stored locale yet; the notifications lib's default.
const VERIFICATION_LOCALE = 'en-GB';

@Injectable()
export class RequesterMails {
  private readonly webUrl: string;

  constructor(
    private readonly mail: MailService,
    private readonly requests: ChatRequestsRepository,
    private readonly tokens: RequesterTokens,
    @Inject(APP_CONFIG) config: Pick<AppConfig, 'WEB_URL'>,
  ) {
    this.webUrl = config.WEB_URL;
  }

  statusUrl(requestId: string): string {
    const url = new URL(`/requests/${requestId}`, this.webUrl);
    url.searchParams.set('token', this.tokens.statusToken(requestId));
    return url.toString();
  }

  /**
   * The verification template, rendered here and queued with MailService: NotificationsService
   * would look the organization up again, and intake (the hot public path) already has it.
   */
  async queueVerification(
    tx: EntityManager,
    input: {
      organizationId: string;
      organizationName: string;
      organizationTimeZone: string;
      requestId: string;
      to: string;
      requesterName: string;
      ambassadorName: string | null;
      token: string;
      expiresAt: Date;
    },
  ): Promise<void> {
    const verifyUrl = new URL('/requests/verify', this.webUrl);
    verifyUrl.searchParams.set('token', input.token);
    const message = renderMessage(
      'chat-request.verification',
      {
        requesterName: input.requesterName,
        // "Best match" requests are matched after verification, when screening has run.
        ambassadorName: input.ambassadorName ?? `an ambassador at ${input.organizationName}`,
        organizationName: input.organizationName,
        verifyUrl: verifyUrl.toString(),
        expiresAt: input.expiresAt.toISOString(),
      },
      {
        organizationName: input.organizationName,
        locale: VERIFICATION_LOCALE,
        timeZone: input.organizationTimeZone,
        preferencesUrl: null,
      },
    );
    await this.mail.queueMail(tx, {
      organizationId: input.organizationId,
      to: input.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      template: message.template,
      // The key NotificationsService would use for the e-mail channel of this notification.
      idempotencyKey: `chat-request.verification:${input.requestId}:email`,
    });
  }

  /**
   * The reasons and how to do better. There is no rejection template in notifications yet, so
   * the text is rendered here; `round` makes each rejection of the same request its own mail.
   */
  async queueRejection(
    tx: EntityManager,
    request: ChatRequestRecord,
    round: string,
    hrNote: string | null,
  ): Promise<void> {
    const org = (await this.requests.organizationName(tx, request.organizationId)) ?? 'the company';
    const lines: string[] = [
      `Hi ${request.requesterName},`,
      '',
      `thank you for your request for a peer chat at ${org}. It was not sent on, for these reasons:`,
      '',
      ...request.screeningReasons.map((r) => `- ${r.message}`),
    ];
    if (hrNote) lines.push('', 'A note from the team that reviewed it:', hrNote);
    if (request.screeningCoaching.length > 0) {
      lines.push('', 'How to make it stronger:', ...request.screeningCoaching.map((c) => `- ${c}`));
    }
    const options: string[] = [];
    if (request.resubmitCount === 0) options.push('edit and resubmit it once');
    if (request.appealedAt === null) options.push('appeal once to a person at the company');
    if (options.length > 0)
      lines.push('', `You can ${options.join(', or ')}, from your status page.`);
    lines.push('', `Your status page: ${this.statusUrl(request.id)}`);
    await this.mail.queueMail(tx, {
      organizationId: request.organizationId,
      to: request.requesterEmail,
      subject: `Your chat request at ${org} was not sent`,
      text: lines.join('\n'),
      template: 'chat-request.rejected',
      idempotencyKey: `chat-request.rejected:${request.id}:${round}`,
    });
  }
}
