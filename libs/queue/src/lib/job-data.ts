import { UnrecoverableError } from 'bullmq';
import { isJobName, type JobName, type JobPayloads } from '@peerline/contracts';
import { isRecord, isUuid, isValidPayload } from './job-payload.validators';

/** What the relay puts in every BullMQ job: the outbox payload plus where it came from. */
export interface OutboxJobData<J extends JobName = JobName> {
  payload: JobPayloads[J];
  outboxId: string;
  correlationId: string | null;
  organizationId: string | null;
}

export type ParsedOutboxJob = { [J in JobName]: { name: J; data: OutboxJobData<J> } }[JobName];

const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Checks a job pulled from Redis before any handler sees it. A malformed job will be just as
 * malformed on the next attempt, so it fails with UnrecoverableError (no retries). Messages name
 * the job, never the payload's values.
 */
export function parseOutboxJob(name: string, data: unknown): ParsedOutboxJob {
  if (!isJobName(name)) throw new UnrecoverableError('unknown job name');
  if (!isRecord(data)) throw new UnrecoverableError(`malformed job data for ${name}`);
  const { payload, outboxId, correlationId, organizationId } = data;
  if (!isUuid(outboxId)) throw new UnrecoverableError(`malformed outboxId for ${name}`);
  if (correlationId !== null && correlationId !== undefined) {
    if (typeof correlationId !== 'string' || !CORRELATION_ID.test(correlationId)) {
      throw new UnrecoverableError(`malformed correlationId for ${name}`);
    }
  }
  if (organizationId !== null && organizationId !== undefined && !isUuid(organizationId)) {
    throw new UnrecoverableError(`malformed organizationId for ${name}`);
  }
  if (!isValidPayload(name, payload)) throw new UnrecoverableError(`malformed payload for ${name}`);
  // isValidPayload narrowed payload for `name`, but TypeScript cannot carry that link into the union.
  return {
    name,
    data: {
      payload,
      outboxId,
      correlationId: correlationId ?? null,
      organizationId: organizationId ?? null,
    },
  } as ParsedOutboxJob;
}
