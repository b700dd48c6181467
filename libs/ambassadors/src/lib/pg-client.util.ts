import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';

/** The part of node-postgres' client the directory uses: named (prepared) queries. */
export interface PgClient {
  query(config: { name?: string; text: string; values?: unknown[] }): Promise<{ rows: unknown[] }>;
}

// Each distinct statement text becomes a prepared statement on every pooled connection that runs
// it; the directory has a few dozen shapes in practice (filter combinations, three limits). The
// cap bounds server memory should something generate many more; those run unprepared.
const MAX_PREPARED = 96;
const names = new Map<string, string>();

/**
 * Planning the directory query costs ~0.5 ms and executing it ~0.15 ms; a prepared statement
 * plans once per connection (PostgreSQL keeps custom plans where a generic one would be worse).
 */
export function preparedName(text: string): string | undefined {
  let name = names.get(text);
  if (name === undefined && names.size < MAX_PREPARED) {
    name = `amb_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * Runs `work` on one pooled connection (the transaction's, when `em` is in one), so a request's
 * statements share a connection and use prepared statements, which TypeORM's query() cannot.
 */
export async function withPgClient<T>(
  em: EntityManager,
  work: (client: PgClient, inTransaction: boolean) => Promise<T>,
): Promise<T> {
  const existing = em.queryRunner;
  const runner = existing ?? em.connection.createQueryRunner();
  const client = (await runner.connect()) as PgClient;
  try {
    return await work(client, existing?.isTransactionActive ?? false);
  } finally {
    if (!existing) await runner.release();
  }
}

export async function queryPrepared<R>(
  client: PgClient,
  text: string,
  values: unknown[],
  prepare = true,
): Promise<R[]> {
  const name = prepare ? preparedName(text) : undefined;
  const result = await client.query(name === undefined ? { text, values } : { name, text, values });
  return result.rows as R[];
}
