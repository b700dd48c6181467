import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, SecretBox, type AppConfig } from '@peerline/config';
import { Clock, type Actor } from '@peerline/contracts';
import { inTransaction } from '@peerline/db';
import { DomainError, isUuid, NotFoundError, ValidationFailedError } from '@peerline/http-kit';
import { AuditService } from '@peerline/identity';
import { OutboxService } from '@peerline/queue';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { normalizeEvent, verifyDelivery, type InboundDelivery } from './ats';
import { AtsRepository, type AtsEventRecord, type ConnectionRecord } from './ats.repository';
import type {
  AtsEventDto,
  AtsHireDto,
  ConnectionCreatedDto,
  ConnectionDto,
  CreateConnectionDto,
  PushConfigDto,
  WebhookAckDto,
} from './dto/integration.dto';
import { assertAnyRole } from './referrals.service';

export const ATS_SECRETS = Symbol('ATS_SECRETS');

function toConnectionDto(c: ConnectionRecord, publicUrl: string): ConnectionDto {
  return {
    id: c.id,
    provider: c.provider,
    name: c.name,
    webhookUrl: new URL(`/api/v1/integrations/${c.id}/webhook`, publicUrl).toString(),
    health: {
      received: c.receivedCount,
      processed: c.processedCount,
      failed: c.failedCount,
      lastError: c.lastError,
      lastReceivedAt: c.lastReceivedAt ? c.lastReceivedAt.toISOString() : null,
    },
    pushBaseUrl: c.pushBaseUrl,
    createdAt: c.createdAt.toISOString(),
  };
}

function toEventDto(e: AtsEventRecord): AtsEventDto {
  return {
    id: e.id,
    eventId: e.eventId,
    eventType: e.eventType,
    status: e.status,
    error: e.error,
    receivedAt: e.receivedAt.toISOString(),
    processedAt: e.processedAt ? e.processedAt.toISOString() : null,
  };
}

/**
 * ATS connections per organization and their inbound webhooks (INTEGRATIONS.md): the signature
 * is checked over the raw bytes before anything is parsed or stored, the raw event is stored
 * once per event id and a worker job is queued in the same transaction, and the ATS gets its 2xx
 * at once. A replay is acknowledged and changes nothing.
 */
@Injectable()
export class IntegrationsService {
  private readonly publicUrl: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly ats: AtsRepository,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(ATS_SECRETS) private readonly secrets: SecretBox,
    @Inject(APP_CONFIG) config: Pick<AppConfig, 'PUBLIC_URL'>,
  ) {
    this.publicUrl = config.PUBLIC_URL;
  }

  async create(actor: Actor, dto: CreateConnectionDto): Promise<ConnectionCreatedDto> {
    assertAnyRole(actor, 'admin');
    const secret = randomBytes(32).toString('hex');
    return inTransaction(this.dataSource, async (tx) => {
      const c = await this.ats.insertConnection(tx, actor.organizationId, {
        provider: dto.provider,
        name: dto.name.trim(),
        secretEncrypted: this.secrets.seal(secret),
        createdBy: actor.kind === 'user' ? actor.id : null,
      });
      await this.audit.record(tx, {
        organizationId: actor.organizationId,
        actor,
        action: 'ats_connection.created',
        targetType: 'ats_connection',
        targetId: c.id,
        after: { provider: c.provider, name: c.name },
      });
      // The secret is shown once, here; only its encrypted form is stored.
      return { ...toConnectionDto(c, this.publicUrl), secret };
    });
  }

  async list(actor: Actor): Promise<ConnectionDto[]> {
    assertAnyRole(actor, 'admin', 'hr');
    const rows = await this.ats.connections(this.dataSource.manager, actor.organizationId);
    return rows.map((c) => toConnectionDto(c, this.publicUrl));
  }

  async events(actor: Actor, id: string, limit = 50): Promise<AtsEventDto[]> {
    assertAnyRole(actor, 'admin', 'hr');
    if (!isUuid(id)) throw new NotFoundError('integration');
    const em = this.dataSource.manager;
    const c = await this.ats.connection(em, actor.organizationId, id.toLowerCase());
    if (!c) throw new NotFoundError('integration');
    return (await this.ats.events(em, actor.organizationId, c.id, limit)).map(toEventDto);
  }

  /**
   * The hires this connection reported, newest first; with `onlyMismatches`, those the ATS
   * credits to someone other than the Peerline referrer, for HR to settle (no money moves on
   * the ATS's word).
   */
  async hires(
    actor: Actor,
    id: string,
    onlyMismatches: boolean,
    limit = 100,
  ): Promise<AtsHireDto[]> {
    assertAnyRole(actor, 'admin', 'hr');
    if (!isUuid(id)) throw new NotFoundError('integration');
    const em = this.dataSource.manager;
    const c = await this.ats.connection(em, actor.organizationId, id.toLowerCase());
    if (!c) throw new NotFoundError('integration');
    const rows = await this.ats.hires(em, actor.organizationId, c.id, onlyMismatches, limit);
    return rows.map((h) => ({
      ...h,
      hiredAt: h.hiredAt.toISOString(),
      unhiredAt: h.unhiredAt?.toISOString() ?? null,
    }));
  }

  /**
   * Turns on pushing consented referrals to this ATS (Greenhouse Candidate Ingestion, Ashby
   * referral.create). The API key is stored sealed and never shown again.
   */
  async configurePush(actor: Actor, id: string, dto: PushConfigDto): Promise<ConnectionDto> {
    assertAnyRole(actor, 'admin');
    if (!isUuid(id)) throw new NotFoundError('integration');
    return inTransaction(this.dataSource, async (tx) => {
      const c = await this.ats.connection(tx, actor.organizationId, id.toLowerCase());
      if (!c) throw new NotFoundError('integration');
      if (c.provider === 'lever') {
        throw new DomainError(
          'PUSH_NOT_SUPPORTED',
          'Pushing referrals is available for Greenhouse and Ashby.',
          400,
        );
      }
      const missing =
        c.provider === 'greenhouse'
          ? dto.onBehalfOf
            ? null
            : 'onBehalfOf'
          : dto.referralFormId
            ? null
            : 'referralFormId';
      if (missing) {
        throw new ValidationFailedError(`${missing} is required for ${c.provider}.`, {
          fields: { [missing]: ['required'] },
        });
      }
      const baseUrl = dto.baseUrl.replace(/\/+$/, '');
      const sealed = this.secrets.seal(
        JSON.stringify({
          baseUrl,
          apiKey: dto.apiKey,
          onBehalfOf: dto.onBehalfOf ?? null,
          referralFormId: dto.referralFormId ?? null,
        }),
      );
      await this.ats.setPushConfig(tx, actor.organizationId, c.id, sealed, baseUrl);
      await this.audit.record(tx, {
        organizationId: actor.organizationId,
        actor,
        action: 'ats_connection.push_configured',
        targetType: 'ats_connection',
        targetId: c.id,
        after: { baseUrl },
      });
      return toConnectionDto({ ...c, pushBaseUrl: baseUrl }, this.publicUrl);
    });
  }

  async receive(id: string, delivery: InboundDelivery): Promise<WebhookAckDto> {
    if (!isUuid(id)) throw new NotFoundError('integration');
    const c = await this.ats.connectionForWebhook(this.dataSource.manager, id.toLowerCase());
    if (!c) throw new NotFoundError('integration');
    const verified = verifyDelivery(
      c.provider,
      this.secrets.open(c.secretEncrypted),
      delivery,
      this.clock.now(),
    );
    if (!verified.ok) throw new DomainError(verified.code, verified.message, verified.status);
    const { eventType } = normalizeEvent(c.provider, verified.body);
    return inTransaction(this.dataSource, async (tx) => {
      const stored = await this.ats.insertEvent(tx, c, {
        eventId: verified.eventId,
        eventType,
        rawBody: delivery.rawBody.toString('utf8'),
      });
      if (stored === null) return { received: true, duplicate: true };
      // Lever signs only token + triggeredAt: the same token with another event id is a replay
      // of a captured signature, refused (and the event row rolls back with it).
      if (
        verified.leverToken !== undefined &&
        !(await this.ats.useReplayToken(tx, c.id, verified.leverToken))
      ) {
        throw new DomainError('SIGNATURE_REPLAYED', 'This signature was already used.', 401);
      }
      await this.outbox.enqueue(
        tx,
        'ats.process-event',
        { eventId: stored },
        `ats.process-event:${stored}`,
        {
          organizationId: c.organizationId,
        },
      );
      return { received: true, duplicate: false };
    });
  }
}
