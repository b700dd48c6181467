import { execUpdate, type Queryable } from './sql';

/**
 * Records that a job's effect is done. Conditional, so a second run changes nothing; it also fills
 * dispatched_at in case the relay's own mark was rolled back after the job had already run.
 */
export async function markOutboxProcessed(q: Queryable, outboxId: string): Promise<boolean> {
  const { count } = await execUpdate(
    q,
    `UPDATE outbox SET processed_at = now(), dispatched_at = COALESCE(dispatched_at, now())
     WHERE id = $1 AND processed_at IS NULL`,
    [outboxId],
  );
  return count > 0;
}

/** Records a final failure, so the relay does not send the job again after BullMQ forgets it. */
export async function markOutboxFailed(
  q: Queryable,
  outboxId: string,
  error: string,
): Promise<boolean> {
  const { count } = await execUpdate(
    q,
    `UPDATE outbox SET failed_at = now(), last_error = $2
     WHERE id = $1 AND processed_at IS NULL AND failed_at IS NULL`,
    [outboxId, error],
  );
  return count > 0;
}
