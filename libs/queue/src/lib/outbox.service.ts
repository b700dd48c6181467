import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { JobName, JobPayloads } from '@peerline/contracts';
import { getCorrelationId } from '@peerline/observability';
import { isValidPayload } from './job-payload.validators';

export interface EnqueueOptions {
  organizationId?: string | null;
  /** Not before this time: the relay leaves the row alone until then. */
  availableAt?: Date;
}

const MAX_KEY_LENGTH = 500;

/**
 * Writes side effects into the outbox inside the caller's transaction, so the effect is queued
 * if and only if the command commits.
 */
@Injectable()
export class OutboxService {
  /**
   * Returns the new outbox id, or null when the idempotency key was already used (a replayed
   * command): the first enqueue wins and nothing new is queued.
   */
  async enqueue<J extends JobName>(
    tx: EntityManager,
    job: J,
    payload: JobPayloads[J],
    idempotencyKey: string,
    opts: EnqueueOptions = {},
  ): Promise<string | null> {
    // Fails the command now rather than the job later: a bad payload is a programming error.
    if (!isValidPayload(job, payload)) throw new Error(`invalid payload for job ${job}`);
    if (idempotencyKey.length === 0 || idempotencyKey.length > MAX_KEY_LENGTH) {
      throw new Error(`idempotency key must have 1 to ${MAX_KEY_LENGTH} characters`);
    }
    const rows = await tx.query<{ id: string }[]>(
      `INSERT INTO outbox (organization_id, job_name, payload, idempotency_key, correlation_id, available_at)
       VALUES ($1, $2, $3::jsonb, $4, $5, COALESCE($6::timestamptz, now()))
       ON CONFLICT (idempotency_key) DO NOTHING
       RETURNING id`,
      [
        opts.organizationId ?? null,
        job,
        JSON.stringify(payload),
        idempotencyKey,
        getCorrelationId() ?? null,
        opts.availableAt ?? null,
      ],
    );
    return rows[0]?.id ?? null;
  }
}
