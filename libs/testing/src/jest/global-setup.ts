import './resolve-aliases';
import { Client } from 'pg';
import { createDataSource, ensureDatabase } from '@peerline/db';
import { TEST_DATABASE_URL, TEST_REDIS_URL } from './test-env';
import { Redis } from 'ioredis';

/** Creates and migrates the test database once per jest run; says how to fix a missing service. */
export default async function globalSetup(): Promise<void> {
  try {
    await ensureDatabase(TEST_DATABASE_URL);
  } catch (err) {
    throw new Error(
      `PostgreSQL is not reachable at ${new URL(TEST_DATABASE_URL).host} (${(err as Error).message}). ` +
        'Start it: docker compose -f docker/compose.yml up -d postgres, or apt-get install postgresql.',
    );
  }
  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    throw new Error(
      `Redis is not reachable at ${new URL(TEST_REDIS_URL).host} (${(err as Error).message}). ` +
        'Start it: docker compose -f docker/compose.yml up -d redis, or apt-get install redis-server.',
    );
  } finally {
    redis.disconnect();
  }
  // A clean schema each run: tests never depend on what an earlier run left behind.
  const client = new Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  await client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
  await client.end();
  const ds = createDataSource({ DATABASE_URL: TEST_DATABASE_URL, DATABASE_POOL_SIZE: 2 });
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ds.destroy();
}
