import type { DataSource, EntityManager } from 'typeorm';
import { isSerializationFailure } from './pg-errors';

type Isolation = 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE';

/**
 * One transaction per command. Serialization failures and deadlocks are retried a few times:
 * they are the database telling us to try again, not a user error.
 */
export async function inTransaction<T>(
  dataSource: DataSource,
  work: (tx: EntityManager) => Promise<T>,
  options: { isolation?: Isolation; retries?: number } = {},
): Promise<T> {
  const retries = options.retries ?? 3;
  for (let attempt = 0; ; attempt++) {
    try {
      // READ COMMITTED is PostgreSQL's default: naming it costs a second round trip
      // (TypeORM sends START TRANSACTION, then SET TRANSACTION ISOLATION LEVEL).
      return options.isolation === undefined || options.isolation === 'READ COMMITTED'
        ? await dataSource.transaction(work)
        : await dataSource.transaction(options.isolation, work);
    } catch (err) {
      if (attempt < retries && isSerializationFailure(err)) continue;
      throw err;
    }
  }
}

/**
 * A transaction-scoped advisory lock on a text key (released at commit or rollback): serializes
 * the callers that name the same key, e.g. every credit decision for one candidate. Keys are
 * hashed to 64 bits; prefix them with their purpose so purposes never collide.
 */
export async function lockKey(tx: EntityManager, key: string): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [key]);
}
