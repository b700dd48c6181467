/**
 * Worker throughput: outbox → relay → BullMQ → mail.send processor → SMTP (a local catcher).
 * Not a test: prints measurements beside their targets. Run: npm run bench:worker
 *
 *   raw BullMQ addBulk       jobs/s added by Queue.addBulk alone (the ceiling for the relay)
 *   relay dispatch           outbox rows/s moved to BullMQ by OutboxRelay.dispatchOnce (target ≥ 50% of raw)
 *   end to end               mails/s from committed outbox rows to 250 at the catcher, through a
 *                            real worker process (target ≥ 1,000 mails/s)
 *   worker RSS               peak resident memory of that process (target ≤ 250 MB)
 *   worker CPU, Postgres     CPU time of that process and database transactions, per mail: unlike
 *                            mails/s they hardly change when other work shares the cores
 *
 * Uses its own database and Redis db (BENCH_DATABASE_URL, BENCH_REDIS_URL) and drops their data.
 */
import 'reflect-metadata';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { createServer, type AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { loadEnv, type AppConfig } from '@peerline/config';
import { createDataSource, ensureDatabase } from '@peerline/db';
import { createRedisConnection, OutboxRelay, QueueRegistry } from '@peerline/queue';
import { startMailCatcher } from '@peerline/testing';

const DATABASE_URL =
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/peerline_bench';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/10';
const N = Number(process.env.BENCH_MAILS ?? 20_000);
const BATCH = 1000;
const PREFIX = 'peerline-bench';
const ROOT = resolve(__dirname, '..');

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const load = (): string => (loadavg()[0] ?? 0).toFixed(2);
const line = (what: string, value: string, target = ''): void =>
  console.log(`${what.padEnd(28)} ${value.padStart(16)}   ${target}`);

async function prepareDatabase(): Promise<void> {
  await ensureDatabase(DATABASE_URL);
  const client = new Client({ connectionString: DATABASE_URL });
  await client.connect();
  await client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
  await client.end();
  const ds = createDataSource({ DATABASE_URL, DATABASE_POOL_SIZE: 2 });
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ds.destroy();
}

async function flush(): Promise<void> {
  const redis = new Redis(REDIS_URL);
  await redis.flushdb();
  redis.disconnect();
}

/** N mail_messages rows and their outbox rows, as MailService.queueMail would write them. */
async function seedMails(client: Client, n: number, tag: string): Promise<void> {
  await client.query(
    `WITH m AS (
       INSERT INTO mail_messages (to_address, subject, text_body, html_body, template, idempotency_key)
       SELECT 'bench' || i || '@example.com', 'Bench ' || i, 'Hello ' || i, '<p>Hello ' || i || '</p>',
              'bench', $2 || ':' || i
         FROM generate_series(1, $1) AS i
       RETURNING id)
     INSERT INTO outbox (job_name, payload, idempotency_key)
     SELECT 'mail.send', jsonb_build_object('messageId', id), 'mail.send:' || id FROM m`,
    [n, tag],
  );
}

async function rawAddBulk(config: AppConfig): Promise<number> {
  const redis = createRedisConnection({ REDIS_URL }, 'queue');
  const queue = new Queue('bench-raw', { connection: redis, prefix: PREFIX });
  const started = performance.now();
  for (let i = 0; i < N; i += BATCH) {
    await queue.addBulk(
      Array.from({ length: BATCH }, (_, j) => ({
        name: 'mail.send',
        data: {
          payload: { messageId: '00000000-0000-4000-8000-000000000000' },
          outboxId: '00000000-0000-4000-8000-000000000000',
          correlationId: null,
          organizationId: null,
        },
        opts: { jobId: `raw-${i + j}`, attempts: config.JOB_ATTEMPTS },
      })),
    );
  }
  const rate = N / ((performance.now() - started) / 1000);
  await queue.obliterate({ force: true });
  await queue.close();
  redis.disconnect();
  return rate;
}

async function relayDispatch(config: AppConfig, client: Client): Promise<number> {
  await seedMails(client, N, 'relay');
  const ds = createDataSource({ DATABASE_URL, DATABASE_POOL_SIZE: 4 });
  await ds.initialize();
  const redis = createRedisConnection({ REDIS_URL }, 'queue');
  const cfg = { ...config, QUEUE_PREFIX: PREFIX, OUTBOX_BATCH_SIZE: BATCH };
  const queues = new QueueRegistry(cfg, redis);
  const relay = new OutboxRelay(cfg, ds, queues);
  const started = performance.now();
  let moved = 0;
  for (let n = await relay.dispatchOnce(); n > 0; n = await relay.dispatchOnce()) moved += n;
  const rate = moved / ((performance.now() - started) / 1000);
  await queues.close();
  redis.disconnect();
  await ds.destroy();
  await client.query('TRUNCATE mail_messages, outbox CASCADE');
  await flush();
  return rate;
}

async function freePort(): Promise<number> {
  return new Promise((done) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => done(port));
    });
  });
}

/** CPU time (user + system) of a process in ms; /proc counts clock ticks of 10 ms on Linux. */
function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

async function transactions(client: Client): Promise<number> {
  const { rows } = await client.query<{ n: string }>(
    `SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = current_database()`,
  );
  return Number(rows[0]?.n ?? 0);
}

function rssMb(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * What production runs: the webpack bundle (docker/Dockerfile), not the in-memory TypeScript
 * compiler of `npm start`, whose compiled sources and native module would inflate the RSS.
 * BENCH_WORKER=source measures `node -r @swc-node/register apps/worker/src/main.ts` instead.
 */
function workerEntry(): string[] {
  if (process.env.BENCH_WORKER === 'source')
    return ['-r', '@swc-node/register', 'apps/worker/src/main.ts'];
  const build = spawnSync('npx', ['webpack', '--env', 'app=worker'], {
    cwd: ROOT,
    stdio: 'ignore',
  });
  if (build.status !== 0) throw new Error('webpack --env app=worker failed');
  return ['dist/worker/main.js'];
}

async function endToEnd(client: Client): Promise<{
  rate: number;
  seconds: number;
  peakRss: number;
  workerCpuPerMail: number;
  transactionsPerMail: number;
}> {
  const catcher = await startMailCatcher();
  const port = await freePort();
  await seedMails(client, N, 'e2e');
  // BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the worker instead.
  // The old-generation cap is what a container should set too: without it V8 lets the heap grow
  // lazily under load (≈300 MB RSS here) although the live set stays under 100 MB.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '--max-old-space-size=160')
    .split(' ')
    .filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, ...workerEntry()], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      JWT_ACCESS_SECRET: 'bench-only-secret-0123456789-0123456789',
      ENCRYPTION_KEY: 'bench-only-key-0123456789-0123456789-abcd',
      DATABASE_URL,
      REDIS_URL,
      QUEUE_PREFIX: PREFIX,
      SMTP_URL: catcher.url,
      WORKER_PORT: String(port),
      LOG_LEVEL: 'warn',
      WORKER_CONCURRENCY: process.env.BENCH_CONCURRENCY ?? '100',
      SMTP_POOL_SIZE: process.env.BENCH_SMTP_POOL ?? '20',
      DATABASE_POOL_SIZE: '30',
      OUTBOX_BATCH_SIZE: String(BATCH),
      OUTBOX_POLL_MS: '20',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssMb(child.pid ?? 0))), 100);
  // The clock starts at the first delivered mail: process start-up (compiling TypeScript in
  // memory) is not throughput.
  await catcher.waitFor((m) => m.length > 0, 60_000);
  const started = performance.now();
  const first = catcher.messages.length;
  const cpuAtStart = cpuMs(child.pid ?? 0);
  const xactsAtStart = await transactions(client);
  await catcher.waitFor((m) => m.length >= N, 600_000);
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const workerCpuPerMail = (cpuMs(child.pid ?? 0) - cpuAtStart) / (N - first);
  const transactionsPerMail = ((await transactions(client)) - xactsAtStart) / (N - first);
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  await catcher.close();
  return {
    rate: (N - first) / seconds,
    seconds,
    peakRss,
    workerCpuPerMail,
    transactionsPerMail,
  };
}

async function main(): Promise<void> {
  const config = { ...loadEnv(), DATABASE_URL, REDIS_URL };
  await prepareDatabase();
  await flush();
  const client = new Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    const loadAtStart = load();
    console.log(
      `bench:worker — ${fmt(N)} jobs per phase, batches of ${BATCH}, node ${process.version}\n`,
    );
    const raw = await rawAddBulk(config);
    const relay = await relayDispatch(config, client);
    const e2e = await endToEnd(client);
    line('raw BullMQ addBulk', `${fmt(raw)} jobs/s`);
    line(
      'relay dispatch',
      `${fmt(relay)} rows/s`,
      `${((relay / raw) * 100).toFixed(0)}% of raw (target ≥ 50%)`,
    );
    line(
      'end to end (SMTP 250)',
      `${fmt(e2e.rate)} mails/s`,
      `target ≥ 1,000 mails/s (${e2e.seconds.toFixed(1)} s)`,
    );
    line(
      'worker peak RSS',
      `${e2e.peakRss.toFixed(0)} MB`,
      `target ≤ 250 MB (${process.env.BENCH_WORKER === 'source' ? 'TypeScript source' : 'webpack bundle'})`,
    );
    line('worker CPU per mail', `${e2e.workerCpuPerMail.toFixed(2)} ms`, '(user + system)');
    line(
      'Postgres per mail',
      `${e2e.transactionsPerMail.toFixed(2)} xacts`,
      '(relay polls included)',
    );
    // On shared cores mails/s depends on the neighbours: the load belongs beside it.
    line('load average (1 min)', `${loadAtStart} → ${load()}`, 'at start → at end');
  } finally {
    await client.end();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
