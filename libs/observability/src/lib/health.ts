import type { DataSource } from 'typeorm';
import type { Redis } from 'ioredis';

export interface CheckResult {
  status: 'up' | 'down';
  [detail: string]: unknown;
}

async function timed(check: () => Promise<Record<string, unknown>>, timeoutMs: number): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const details = await Promise.race([
      check(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { status: 'up', ...details };
  } catch (err) {
    return { status: 'down', error: err instanceof Error ? err.message : String(err) };
  } finally {
    clearTimeout(timer);
  }
}

export function checkDatabase(ds: DataSource, timeoutMs = 2000): Promise<CheckResult> {
  return timed(async () => {
    await ds.query('SELECT 1');
    return {};
  }, timeoutMs);
}

/** Down when a migration has not been run: the code expects a schema the database lacks. */
export function checkMigrations(ds: DataSource, timeoutMs = 2000): Promise<CheckResult> {
  return timed(async () => {
    const pending = await ds.showMigrations();
    if (pending) throw new Error('pending migrations: run npm run migration:run');
    return {};
  }, timeoutMs);
}

export function checkRedis(redis: Redis, timeoutMs = 2000): Promise<CheckResult> {
  return timed(async () => {
    await redis.ping();
    return {};
  }, timeoutMs);
}

export function overall(checks: Record<string, CheckResult>): 'ok' | 'error' {
  return Object.values(checks).every((c) => c.status === 'up') ? 'ok' : 'error';
}
