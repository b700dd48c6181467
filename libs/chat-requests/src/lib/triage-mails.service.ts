import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@peerline/config';
import { buildChatInvite, NotificationsService } from '@peerline/notifications';
import type { EntityManager } from 'typeorm';
import type { ChatRequestRecord } from './chat-request.types';
import { RequesterMails } from './requester-mails.service';
import { TriageLinks } from './triage-links.util';
import type { TriageAmbassador } from './triage.repository';

const NOTICE_TEXT_MAX = 600;

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

/** "Peerline <no-reply@x>" → its parts; a bare address is its own name. */
function parseMailbox(value: string): { name: string; email: string } {
  const m = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(value);
  if (m?.[2]) return { name: m[1]?.trim() || 'Peerline', email: m[2].trim() };
  return { name: 'Peerline', email: value.trim() };
}

export interface ChatSlot {
  startsAt: Date;
  durationMinutes: number;
  meetingUrl: string | null;
  sequence: number;
}

/** The people of one chat, as the mails name them. */
export interface ChatParties {
  request: ChatRequestRecord;
  ambassador: Pick<TriageAmbassador, 'id' | 'userId' | 'displayName' | 'timeZone' | 'email'>;
  organizationName: string;
}

/**
 * Every mail of the triage and the chat lifecycle, recorded through NotificationsService in the
 * caller's transaction (outbox): a rolled-back command sends nothing, and each message has an
 * idempotency key so a replayed command or job sends it once.
 */
@Injectable()
export class TriageMails {
  private readonly webUrl: string;
  private readonly publicUrl: string;
  private readonly sender: { name: string; email: string };

  constructor(
    private readonly notifications: NotificationsService,
    private readonly requesterMails: RequesterMails,
    private readonly links: TriageLinks,
    @Inject(APP_CONFIG) config: Pick<AppConfig, 'WEB_URL' | 'PUBLIC_URL' | 'MAIL_FROM'>,
  ) {
    this.webUrl = config.WEB_URL;
    this.publicUrl = config.PUBLIC_URL;
    this.sender = parseMailbox(config.MAIL_FROM);
  }

  statusUrl(requestId: string): string {
    return this.requesterMails.statusUrl(requestId);
  }

  directoryUrl(slug: string): string {
    return new URL(`/${encodeURIComponent(slug)}`, this.webUrl).toString();
  }

  private requestUrl(requestId: string): string {
    return new URL(`/inbox/${requestId}`, this.webUrl).toString();
  }

  private triageUrl(token: string): string {
    return new URL(`/api/v1/public/triage/${token}`, this.publicUrl).toString();
  }

  /** The new request in the ambassador's inbox, with signed one-click accept/decline links. */
  async delivered(
    tx: EntityManager,
    request: ChatRequestRecord,
    ambassador: { id: string; userId: string; displayName: string },
    now: Date,
    respondBy: Date,
    forwarded: { by: string; note: string | null } | null = null,
  ): Promise<void> {
    const links = this.links.issue(
      {
        organizationId: request.organizationId,
        requestId: request.id,
        ambassadorId: ambassador.id,
      },
      now,
    );
    await this.notifications.notify(tx, {
      organizationId: request.organizationId,
      template: 'chat-request.delivered',
      recipientUserId: ambassador.userId,
      // One notice per delivery of this request to this ambassador, however often it is replayed.
      idempotencyKey: `chat-request.delivered:${request.id}:${ambassador.id}`,
      params: {
        ambassadorName: ambassador.displayName,
        requesterName: request.requesterName,
        ask: shorten(request.ask, NOTICE_TEXT_MAX),
        valueProposition: shorten(request.valueProposition, NOTICE_TEXT_MAX),
        topics: request.topics,
        inboxUrl: new URL('/inbox', this.webUrl).toString(),
        acceptUrl: this.triageUrl(links.accept),
        declineUrl: this.triageUrl(links.decline),
        respondBy: respondBy.toISOString(),
        forwardedBy: forwarded?.by ?? null,
        note: forwarded?.note ?? null,
      },
    });
  }

  async reminder(
    tx: EntityManager,
    request: ChatRequestRecord,
    ambassador: { id: string; userId: string; displayName: string },
    number: number,
  ): Promise<void> {
    await this.notifications.notify(tx, {
      organizationId: request.organizationId,
      template: 'chat-request.reminder',
      recipientUserId: ambassador.userId,
      idempotencyKey: `chat-request.reminder:${request.id}:${ambassador.id}:${number}`,
      params: {
        ambassadorName: ambassador.displayName,
        requesterName: request.requesterName,
        deliveredAt: (request.deliveredAt ?? request.updatedAt).toISOString(),
        respondBy: (request.respondBy ?? request.updatedAt).toISOString(),
        inboxUrl: new URL('/inbox', this.webUrl).toString(),
      },
    });
  }

  async expired(
    tx: EntityManager,
    request: ChatRequestRecord,
    ambassadorName: string,
    slug: string,
  ): Promise<void> {
    await this.notifications.notify(tx, {
      organizationId: request.organizationId,
      template: 'chat-request.expired',
      recipientEmail: request.requesterEmail,
      idempotencyKey: `chat-request.expired:${request.id}`,
      params: {
        requesterName: request.requesterName,
        ambassadorName,
        statusUrl: this.statusUrl(request.id),
        directoryUrl: this.directoryUrl(slug),
      },
    });
  }

  async accepted(tx: EntityManager, parties: ChatParties): Promise<void> {
    const { request, ambassador } = parties;
    await this.notifications.notify(tx, {
      organizationId: request.organizationId,
      template: 'chat-request.accepted',
      recipientEmail: request.requesterEmail,
      idempotencyKey: `chat-request.accepted:${request.id}`,
      params: {
        requesterName: request.requesterName,
        ambassadorName: ambassador.displayName,
        startsAt: null,
        durationMinutes: null,
        calendarUrl: null,
        statusUrl: this.statusUrl(request.id),
      },
    });
  }

  async declined(
    tx: EntityManager,
    parties: ChatParties,
    reason: string,
    note: string | null,
    slug: string,
  ): Promise<void> {
    const { request, ambassador } = parties;
    await this.notifications.notify(tx, {
      organizationId: request.organizationId,
      template: 'chat-request.declined',
      recipientEmail: request.requesterEmail,
      idempotencyKey: `chat-request.declined:${request.id}`,
      params: {
        requesterName: request.requesterName,
        ambassadorName: ambassador.displayName,
        reason,
        note,
        statusUrl: this.statusUrl(request.id),
        directoryUrl: this.directoryUrl(slug),
      },
    });
  }

  async forwarded(
    tx: EntityManager,
    request: ChatRequestRecord,
    from: { id: string; displayName: string },
    to: { id: string; displayName: string },
    note: string | null,
  ): Promise<void> {
    await this.notifications.notify(tx, {
      organizationId: request.organizationId,
      template: 'chat-request.forwarded',
      recipientEmail: request.requesterEmail,
      idempotencyKey: `chat-request.forwarded:${request.id}:${from.id}:${to.id}`,
      params: {
        requesterName: request.requesterName,
        fromAmbassadorName: from.displayName,
        toAmbassadorName: to.displayName,
        note,
        statusUrl: this.statusUrl(request.id),
      },
    });
  }

  async introduced(
    tx: EntityManager,
    source: ChatRequestRecord,
    newRequestId: string,
    from: { displayName: string },
    to: { displayName: string },
    note: string | null,
  ): Promise<void> {
    await this.notifications.notify(tx, {
      organizationId: source.organizationId,
      template: 'chat-request.introduced',
      recipientEmail: source.requesterEmail,
      idempotencyKey: `chat-request.introduced:${newRequestId}`,
      params: {
        requesterName: source.requesterName,
        fromAmbassadorName: from.displayName,
        toAmbassadorName: to.displayName,
        note,
        statusUrl: this.statusUrl(newRequestId),
      },
    });
  }

  /**
   * A new or moved slot: the requester and the ambassador each get an invite with the same UID
   * (updates replace the event) and a higher SEQUENCE on every change. Each invite names only its
   * recipient as attendee, so neither side's address is shown to the other.
   */
  async scheduled(
    tx: EntityManager,
    parties: ChatParties,
    slot: ChatSlot,
    rescheduled: boolean,
  ): Promise<void> {
    const { request, ambassador } = parties;
    const invite = (attendee: { name: string; email: string }): string =>
      buildChatInvite({
        uid: `${request.id}@peerline`,
        sequence: slot.sequence,
        method: 'REQUEST',
        startsAt: slot.startsAt,
        durationMinutes: slot.durationMinutes,
        timeZone: ambassador.timeZone,
        summary: `Peer chat: ${request.requesterName} × ${ambassador.displayName} (${parties.organizationName})`,
        description: this.inviteDescription(parties, slot),
        url: slot.meetingUrl,
        organizer: this.sender,
        attendees: [attendee],
      });
    const key = `${request.id}:${slot.sequence}`;
    await this.notifications.notify(tx, {
      organizationId: request.organizationId,
      template: 'chat-request.accepted',
      recipientEmail: request.requesterEmail,
      idempotencyKey: `chat-request.scheduled:requester:${key}`,
      params: {
        requesterName: request.requesterName,
        ambassadorName: ambassador.displayName,
        startsAt: slot.startsAt.toISOString(),
        durationMinutes: slot.durationMinutes,
        calendarUrl: null,
        statusUrl: this.statusUrl(request.id),
        rescheduled,
      },
      calendar: {
        method: 'REQUEST',
        content: invite({ name: request.requesterName, email: request.requesterEmail }),
      },
    });
    await this.notifications.notify(tx, {
      organizationId: request.organizationId,
      template: 'chat-request.scheduled',
      recipientUserId: ambassador.userId,
      idempotencyKey: `chat-request.scheduled:ambassador:${key}`,
      params: {
        ambassadorName: ambassador.displayName,
        requesterName: request.requesterName,
        startsAt: slot.startsAt.toISOString(),
        durationMinutes: slot.durationMinutes,
        rescheduled,
        requestUrl: this.requestUrl(request.id),
      },
      calendar: {
        method: 'REQUEST',
        content: invite({ name: ambassador.displayName, email: ambassador.email }),
      },
    });
  }

  /** The ambassador cancelled: the requester is told, and both calendars drop the event. */
  async cancelledByAmbassador(
    tx: EntityManager,
    parties: ChatParties,
    slot: ChatSlot | null,
    reason: string | null,
    slug: string,
  ): Promise<void> {
    const { request, ambassador } = parties;
    await this.notifications.notify(tx, {
      organizationId: request.organizationId,
      template: 'chat-request.cancelled',
      recipientEmail: request.requesterEmail,
      idempotencyKey: `chat-request.cancelled:${request.id}`,
      params: {
        requesterName: request.requesterName,
        ambassadorName: ambassador.displayName,
        startsAt: slot ? slot.startsAt.toISOString() : null,
        reason,
        statusUrl: this.statusUrl(request.id),
        directoryUrl: this.directoryUrl(slug),
      },
      ...(slot
        ? {
            calendar: {
              method: 'CANCEL' as const,
              content: this.cancelInvite(parties, slot, {
                name: request.requesterName,
                email: request.requesterEmail,
              }),
            },
          }
        : {}),
    });
    if (slot) {
      await this.notifications.notify(tx, {
        organizationId: request.organizationId,
        template: 'chat-request.withdrawn',
        recipientUserId: ambassador.userId,
        idempotencyKey: `chat-request.cancelled:ambassador:${request.id}`,
        channels: ['email'],
        params: {
          ambassadorName: ambassador.displayName,
          requesterName: request.requesterName,
          startsAt: slot.startsAt.toISOString(),
          requestUrl: this.requestUrl(request.id),
          cancelledByYou: true,
        },
        calendar: {
          method: 'CANCEL',
          content: this.cancelInvite(parties, slot, {
            name: ambassador.displayName,
            email: ambassador.email,
          }),
        },
      });
    }
  }

  /** The requester withdrew a request the ambassador had (a set slot is cancelled too). */
  async withdrawn(tx: EntityManager, parties: ChatParties, slot: ChatSlot | null): Promise<void> {
    const { request, ambassador } = parties;
    await this.notifications.notify(tx, {
      organizationId: request.organizationId,
      template: 'chat-request.withdrawn',
      recipientUserId: ambassador.userId,
      idempotencyKey: `chat-request.withdrawn:${request.id}`,
      params: {
        ambassadorName: ambassador.displayName,
        requesterName: request.requesterName,
        startsAt: slot ? slot.startsAt.toISOString() : null,
        requestUrl: this.requestUrl(request.id),
      },
      ...(slot
        ? {
            calendar: {
              method: 'CANCEL' as const,
              content: this.cancelInvite(parties, slot, {
                name: ambassador.displayName,
                email: ambassador.email,
              }),
            },
          }
        : {}),
    });
  }

  async completed(tx: EntityManager, parties: ChatParties): Promise<void> {
    const { request, ambassador } = parties;
    await this.notifications.notify(tx, {
      organizationId: request.organizationId,
      template: 'chat-request.completed',
      recipientEmail: request.requesterEmail,
      idempotencyKey: `chat-request.completed:${request.id}`,
      params: {
        requesterName: request.requesterName,
        ambassadorName: ambassador.displayName,
        feedbackUrl: this.statusUrl(request.id),
      },
    });
  }

  private cancelInvite(
    parties: ChatParties,
    slot: ChatSlot,
    attendee: { name: string; email: string },
  ): string {
    return buildChatInvite({
      uid: `${parties.request.id}@peerline`,
      // A cancellation is one more revision of the same event.
      sequence: slot.sequence + 1,
      method: 'CANCEL',
      startsAt: slot.startsAt,
      durationMinutes: slot.durationMinutes,
      timeZone: parties.ambassador.timeZone,
      summary: `Peer chat: ${parties.request.requesterName} × ${parties.ambassador.displayName} (${parties.organizationName})`,
      description: 'This chat was cancelled.',
      url: slot.meetingUrl,
      organizer: this.sender,
      attendees: [attendee],
    });
  }

  private inviteDescription(parties: ChatParties, slot: ChatSlot): string {
    const lines = [
      `A peer chat arranged through Peerline at ${parties.organizationName}.`,
      '',
      `Question: ${shorten(parties.request.ask, NOTICE_TEXT_MAX)}`,
    ];
    if (slot.meetingUrl) lines.push('', `Join: ${slot.meetingUrl}`);
    return lines.join('\n');
  }
}
