import { Inject, Injectable } from '@nestjs/common';
import { normalizeTopics } from '@peerline/ambassadors';
import { APP_CONFIG, type AppConfig } from '@peerline/config';
import { inTransaction } from '@peerline/db';
import { NotFoundError } from '@peerline/http-kit';
import { DataSource } from 'typeorm';
import { summaryOfResult } from './chat-request.mappers';
import type { HistoryActor } from './chat-request.states';
import { chatRequestsErrors } from './chat-requests.errors';
import { ChatRequestsRepository } from './chat-requests.repository';
import type { VerifyResultDto } from './dto/chat-request.dto';
import type { ChatRequestAcceptedDto, CreateChatRequestDto } from './dto/intake.dto';
import { emailDomain, normalizeEmail } from './requester-email.util';
import { RequesterMails } from './requester-mails.service';
import {
  hashToken,
  looksLikeToken,
  newVerificationToken,
  RequesterTokens,
} from './requester-tokens.util';
import { ScreeningOrchestrator } from './screening-orchestrator.service';

const SLUG = /^[a-z0-9][a-z0-9-]{1,62}$/u;
const REQUESTER: HistoryActor = { type: 'requester' };

type VerifyFailure =
  'VERIFICATION_TOKEN_INVALID' | 'VERIFICATION_TOKEN_USED' | 'VERIFICATION_TOKEN_EXPIRED';

/** Public intake and e-mail verification. Nothing reaches screening before the e-mail is proven. */
@Injectable()
export class IntakeService {
  private readonly ttlHours: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly requests: ChatRequestsRepository,
    private readonly tokens: RequesterTokens,
    private readonly mails: RequesterMails,
    private readonly orchestrator: ScreeningOrchestrator,
    @Inject(APP_CONFIG) config: Pick<AppConfig, 'CHAT_VERIFICATION_TTL_HOURS'>,
  ) {
    this.ttlHours = config.CHAT_VERIFICATION_TTL_HOURS;
  }

  async submit(
    rawSlug: string,
    dto: CreateChatRequestDto,
    clientIp: string,
  ): Promise<ChatRequestAcceptedDto> {
    const slug = rawSlug.trim().toLowerCase();
    if (!SLUG.test(slug)) throw new NotFoundError('organization');
    const ambassadorId = dto.ambassadorId?.toLowerCase() ?? null;
    const topics = [...new Set(dto.topics.map((t) => t.trim()))];
    const routingTopic = dto.topic?.trim() ?? null;
    // Without a chosen ambassador, the request is matched by topic: it needs one we can use.
    if (
      ambassadorId === null &&
      normalizeTopics(routingTopic ? [routingTopic, ...topics] : topics).topics.length === 0
    ) {
      throw chatRequestsErrors.error('ROUTING_NEEDS_TOPIC');
    }
    const email = normalizeEmail(dto.requester.email);
    const { token, hash } = newVerificationToken();
    const requesterName = dto.requester.name.trim();
    // Lookup and insert are one statement (intake is the hot public path); a 404 rolls back.
    return inTransaction(this.dataSource, async (tx) => {
      const inserted = await this.requests.insertRequest(tx, slug, {
        emailNormalized: email,
        emailDomain: emailDomain(email),
        requesterName,
        requestedAmbassadorId: ambassadorId,
        routingTopic,
        routeIfFull: dto.routeIfFull ?? false,
        links: dto.requester.links,
        ask: dto.ask,
        valueProposition: dto.valueProposition,
        topics,
        jobId: dto.jobId?.toLowerCase() ?? null,
        preferredTimes: dto.preferredTimes ?? [],
        clientIpHash: this.tokens.ipHash(clientIp),
        verificationTokenHash: hash,
        verificationTtlHours: this.ttlHours,
      });
      if (!inserted) throw new NotFoundError('organization');
      if (inserted.id === null) throw new NotFoundError('ambassador');
      await this.mails.queueVerification(tx, {
        organizationId: inserted.organizationId,
        organizationName: inserted.organizationName,
        organizationTimeZone: inserted.organizationTimeZone,
        requestId: inserted.id,
        to: email,
        requesterName,
        ambassadorName: inserted.ambassadorName,
        token,
        expiresAt: new Date(Date.now() + this.ttlHours * 3600 * 1000),
      });
      return { id: inserted.id, status: 'unverified' as const };
    });
  }

  /**
   * Confirms the e-mail (the link works once) and screens the request in the same transaction.
   * An expired link expires its request for good; that change is committed before answering 410.
   */
  async verify(token: string): Promise<VerifyResultDto> {
    if (!looksLikeToken(token)) throw chatRequestsErrors.error('VERIFICATION_TOKEN_INVALID');
    const hash = hashToken(token);
    const outcome = await inTransaction(
      this.dataSource,
      async (tx): Promise<VerifyResultDto | VerifyFailure> => {
        const request = await this.requests.findByVerificationHash(tx, hash, { lock: true });
        if (!request) return 'VERIFICATION_TOKEN_INVALID';
        if (request.verifiedAt !== null) return 'VERIFICATION_TOKEN_USED';
        if (request.status === 'expired') return 'VERIFICATION_TOKEN_EXPIRED';
        if (request.status !== 'unverified') {
          throw chatRequestsErrors.error('ILLEGAL_TRANSITION', { status: request.status });
        }
        if (request.verificationExpiresAt.getTime() <= Date.now()) {
          await this.requests.transition(tx, request.organizationId, request.id, {
            from: 'unverified',
            to: 'expired',
            actor: { type: 'system' },
            reason: 'not_verified',
            changes: { statusReason: 'not_verified' },
          });
          return 'VERIFICATION_TOKEN_EXPIRED';
        }
        const moved = await this.requests.transition(tx, request.organizationId, request.id, {
          from: 'unverified',
          to: 'screening',
          actor: REQUESTER,
          reason: 'email_verified',
          changes: { verified: true },
        });
        if (!moved)
          throw chatRequestsErrors.error('ILLEGAL_TRANSITION', { status: request.status });
        const screened = await this.orchestrator.screenAndRoute(
          tx,
          { ...request, status: 'screening', verifiedAt: new Date() },
          REQUESTER,
          'first',
        );
        return {
          id: screened.id,
          status: screened.status,
          statusToken: this.tokens.statusToken(screened.id),
          screening: summaryOfResult(screened.screening),
        };
      },
    );
    if (typeof outcome === 'string') throw chatRequestsErrors.error(outcome);
    return outcome;
  }
}
