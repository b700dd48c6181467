/**
 * Chat-request intake benchmark: `npm run bench:intake` (not a test; prints, asserts nothing).
 *
 * 1. Ensures its own database (peerline_bench_intake), migrated, with an organization `bench`
 *    and one ambassador; earlier bench requests are deleted.
 * 2. Starts the real api as a child process (LOG_LEVEL=warn, intake rate limits lifted) and runs
 *    a keep-alive load of POST /public/orgs/bench/chat-requests at 50 connections.
 * 3. Starts a bare node:http + pg server (child process) doing the same transaction: upsert the
 *    requester, insert the request, its history row, the verification mail and its outbox row,
 *    and runs the same load against it.
 * 4. Verifies a sample of the requests over HTTP (screening included) and times screen() in
 *    process.
 * Targets: intake >= 60% of the baseline's throughput, intake p99 <= 50 ms, screen() p99 <= 5 ms.
 * Load generator, api, baseline and PostgreSQL share the machine.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { Agent, createServer, request as httpRequest } from 'node:http';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createDataSource, ensureDatabase } from '@peerline/db';
import { screen, type ScreeningContext } from '@peerline/screening';
import { Pool } from 'pg';

const DATABASE_URL =
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/peerline_bench_intake';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/9';
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 10) * 1000;
const WARMUP_MS = 2000;
const API_PORT = Number(process.env.BENCH_PORT ?? 3391);
const BASELINE_PORT = API_PORT + 1;
const VERIFY_SAMPLE = Number(process.env.BENCH_VERIFY ?? 500);
const SLUG = 'bench';
const TARGET_SHARE = 0.6;
const TARGET_P99_MS = 50;
const TARGET_SCREEN_P99_MS = 5;

interface Result {
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p99: number;
}

function summarize(latencies: number[], errors: number, elapsedMs: number): Result {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
  return {
    requests: sorted.length,
    errors,
    rps: (sorted.length / elapsedMs) * 1000,
    p50: at(0.5),
    p99: at(0.99),
  };
}

async function closedLoop(
  durationMs: number,
  once: (i: number) => Promise<boolean>,
  maxRequests = Infinity,
): Promise<Result> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  let n = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < deadline && n < maxRequests) {
        const t0 = performance.now();
        const ok = await once(n++);
        if (ok) latencies.push(performance.now() - t0);
        else errors++;
      }
    }),
  );
  return summarize(latencies, errors, performance.now() - started);
}

const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });

function post(
  port: number,
  path: string,
  body: unknown,
): Promise<{ status: number; text: string }> {
  const payload = JSON.stringify(body);
  return new Promise((resolve) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', () => resolve({ status: 0, text: '' }));
    req.end(payload);
  });
}

const RUN = randomBytes(3).toString('hex');

function intakeBody(ambassadorId: string, i: number): Record<string, unknown> {
  return {
    ambassadorId,
    requester: {
      name: `Bench Requester ${i}`,
      email: `bench-${RUN}-${i}@example.org`,
      links: ['https://github.com/bench'],
    },
    ask: `How does your team keep Kafka consumers idempotent when a partition rebalance replays messages already written to Postgres? (${RUN}-${i})`,
    valueProposition:
      'I run the order pipeline at a logistics startup: Go services on Kafka, and I wrote our exactly-once sink for Postgres.',
    topics: ['kafka', 'postgres'],
    consent: true,
  };
}

// ---- the baseline: node:http + pg, the same rows in one transaction --------------------------

async function runBaselineServer(): Promise<void> {
  const pool = new Pool({
    connectionString: DATABASE_URL,
    max: 10,
    application_name: 'peerline-bench-baseline',
  });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
            ambassadorId: string;
            requester: { name: string; email: string; links: string[] };
            ask: string;
            valueProposition: string;
            topics: string[];
          };
          const token = randomBytes(32).toString('base64url');
          const hash = createHash('sha256').update(token).digest('hex');
          const email = body.requester.email.trim().toLowerCase();
          const client = await pool.connect();
          try {
            await client.query('BEGIN');
            const org = await client.query<{ id: string; name: string }>(
              `SELECT id, name FROM organizations WHERE slug = $1`,
              [SLUG],
            );
            const orgId = org.rows[0]?.id;
            const ins = await client.query<{ id: string }>(
              `WITH requester AS (
                 INSERT INTO requesters AS q (organization_id, email_normalized, email_domain, name) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (organization_id, email_normalized) DO UPDATE SET name = EXCLUDED.name, updated_at = now()
                 RETURNING q.id
               ), request AS (
                 INSERT INTO chat_requests (organization_id, requester_id, requested_ambassador_id, ambassador_id, status,
                   requester_name, links, ask, value_proposition, topics, consent_at, client_ip_hash, fingerprint,
                   verification_token_hash, verification_expires_at)
                 SELECT $1, requester.id, $5, $5, 'unverified', $4, $6, $7, $8, $9, now(), 'baseline', 'x', $10, now() + interval '48 hours'
                   FROM requester RETURNING id
               ), history AS (
                 INSERT INTO chat_request_history (organization_id, request_id, to_status, actor_type)
                 SELECT $1, id, 'unverified', 'requester' FROM request
               ) SELECT id FROM request`,
              [
                orgId,
                email,
                email.split('@')[1],
                body.requester.name,
                body.ambassadorId,
                body.requester.links,
                body.ask,
                body.valueProposition,
                body.topics,
                hash,
              ],
            );
            const id = ins.rows[0]?.id;
            const mail = await client.query<{ id: string }>(
              `INSERT INTO mail_messages (organization_id, to_address, subject, text_body, template, idempotency_key)
               VALUES ($1, $2, 'Confirm your e-mail', $3, 'chat-request.verification', $4) RETURNING id`,
              [
                orgId,
                email,
                `Hi, confirm: https://example.org/requests/verify?token=${token}`,
                `baseline:${id}`,
              ],
            );
            await client.query(
              `INSERT INTO outbox (organization_id, job_name, payload, idempotency_key) VALUES ($1, 'mail.send', $2::jsonb, $3)`,
              [
                orgId,
                JSON.stringify({ messageId: mail.rows[0]?.id }),
                `mail.send:${mail.rows[0]?.id}`,
              ],
            );
            await client.query('COMMIT');
            res.writeHead(202, { 'content-type': 'application/json' });
            res.end(JSON.stringify({ id, status: 'unverified' }));
          } catch (err) {
            await client.query('ROLLBACK');
            throw err;
          } finally {
            client.release();
          }
        } catch {
          res.writeHead(500);
          res.end();
        }
      })();
    });
  });
  server.listen(BASELINE_PORT, '127.0.0.1', () => process.stdout.write('baseline ready\n'));
}

// ---- setup --------------------------------------------------------------------------------

async function prepareDatabase(): Promise<string> {
  await ensureDatabase(DATABASE_URL);
  const ds = createDataSource({ DATABASE_URL, DATABASE_POOL_SIZE: 2 });
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ds.query(`DELETE FROM organizations WHERE slug = $1`, [SLUG]);
  const [org] = await ds.query<{ id: string }[]>(
    `INSERT INTO organizations (slug, name) VALUES ($1, 'Bench Inc.') RETURNING id`,
    [SLUG],
  );
  const [user] = await ds.query<{ id: string }[]>(
    `INSERT INTO users (organization_id, email, name, roles) VALUES ($1, 'amb@bench.test', 'Amb', '{ambassador}') RETURNING id`,
    [org?.id],
  );
  const [amb] = await ds.query<{ id: string }[]>(
    `INSERT INTO ambassadors (organization_id, user_id, display_name, time_zone, utc_offset_minutes, topics, weekly_capacity)
     VALUES ($1, $2, 'Bench Ambassador', 'UTC', 0, '{kafka,postgres,go}', 50) RETURNING id`,
    [org?.id, user?.id],
  );
  // Generous screening limits: every request comes from 127.0.0.1.
  await ds.query(
    `INSERT INTO screening_settings (organization_id, overrides) VALUES ($1, $2::jsonb)`,
    [org?.id, JSON.stringify({ hardLimits: { maxRequestsPerIpPerHour: 10000 } })],
  );
  await ds.query('VACUUM ANALYZE');
  await ds.destroy();
  if (!amb) throw new Error('no ambassador');
  return amb.id;
}

async function waitFor(port: number, path: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 160; i++) {
    if (child.exitCode !== null) throw new Error(`a server exited with ${child.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      const req = httpRequest({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
        res.resume();
        resolve((res.statusCode ?? 0) > 0);
      });
      req.on('error', () => resolve(false));
      req.end();
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('a server did not start in 40 s');
}

function startApi(): ChildProcess {
  // BENCH_API_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", to profile the api.
  const nodeArgs = (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean);
  return spawn(
    process.execPath,
    [...nodeArgs, '-r', '@swc-node/register', 'apps/api/src/main.ts'],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: {
        ...process.env,
        DATABASE_URL,
        REDIS_URL,
        API_PORT: String(API_PORT),
        API_HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        SEED_DEMO_ON_START: 'false',
        CHAT_INTAKE_RATE_LIMIT_PER_IP: '1000000',
        CHAT_INTAKE_RATE_LIMIT_PER_EMAIL: '1000000',
        CHAT_PUBLIC_RATE_LIMIT_PER_IP: '1000000',
      },
    },
  );
}

function startBaseline(): ChildProcess {
  return spawn(
    process.execPath,
    ['-r', '@swc-node/register', 'bench/intake.ts', '--baseline-server'],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, BENCH_DATABASE_URL: DATABASE_URL },
    },
  );
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

function screeningP99(): number {
  const context: ScreeningContext = {
    ambassadorTopics: ['kafka', 'postgres', 'go'],
    rateCounters: { perIpLastHour: 1, perEmailLastHour: 0 },
    openRequestsOfRequester: 0,
    nearDuplicatesSentRecently: 0,
    isFirstTimeSender: true,
    emailBlocked: false,
    domainBlocked: false,
    isDisposableDomain: false,
  };
  const times: number[] = [];
  for (let i = 0; i < 22_000; i++) {
    const b = intakeBody('x', i) as { ask: string; valueProposition: string; topics: string[] };
    const t0 = performance.now();
    screen(
      {
        ask: b.ask,
        valueProposition: b.valueProposition,
        topics: b.topics,
        links: [],
        requesterEmail: 'a@example.org',
      },
      context,
    );
    if (i >= 2000) times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(0.99 * times.length)] ?? NaN;
}

function line(name: string, r: Result): string {
  const f = (ms: number) => `${ms.toFixed(2)} ms`.padStart(10);
  return `${name.padEnd(44)} ${r.rps.toFixed(0).padStart(6)} req/s ${f(r.p50)} ${f(r.p99)} ${String(r.errors).padStart(7)}`;
}

async function main(): Promise<void> {
  if (process.argv.includes('--baseline-server')) return runBaselineServer();
  const ambassadorId = await prepareDatabase();
  const path = `/api/v1/public/orgs/${SLUG}/chat-requests`;
  const api = startApi();
  const baseline = startBaseline();
  const ids: string[] = [];
  let apiResult: Result;
  let baseResult: Result;
  let verifyResult: Result;
  try {
    await waitFor(API_PORT, '/healthz', api);
    await waitFor(BASELINE_PORT, '/', baseline);
    let n = 0;
    const intake = (port: number, keep: boolean) => async () => {
      const res = await post(port, port === API_PORT ? path : '/', intakeBody(ambassadorId, n++));
      if (keep && res.status === 202 && ids.length < VERIFY_SAMPLE)
        ids.push((JSON.parse(res.text) as { id: string }).id);
      return res.status === 202;
    };
    process.stdout.write(
      `api intake: warm-up ${WARMUP_MS / 1000} s, load ${DURATION_MS / 1000} s…\n`,
    );
    await closedLoop(WARMUP_MS, intake(API_PORT, false));
    apiResult = await closedLoop(DURATION_MS, intake(API_PORT, true));
    process.stdout.write(`baseline: warm-up, load…\n`);
    await closedLoop(WARMUP_MS, intake(BASELINE_PORT, false));
    baseResult = await closedLoop(DURATION_MS, intake(BASELINE_PORT, false));

    // Verification needs each request's raw token: it is only in the mail text.
    const pool = new Pool({ connectionString: DATABASE_URL, max: 2 });
    const rows = await pool.query<{ key: string; text_body: string }>(
      `SELECT idempotency_key AS key, text_body FROM mail_messages WHERE idempotency_key = ANY ($1::text[])`,
      [ids.map((id) => `chat-request.verification:${id}:email`)],
    );
    await pool.end();
    const tokens = rows.rows
      .map((r) => /[?&]token=([A-Za-z0-9_-]{43})/u.exec(r.text_body)?.[1])
      .filter((t): t is string => t !== undefined);
    process.stdout.write(`verify ${tokens.length} requests (screening + delivery)…\n`);
    verifyResult = await closedLoop(
      60_000,
      async (i) => {
        const token = tokens[i];
        if (!token) return false;
        return (
          (await post(API_PORT, '/api/v1/public/chat-requests/verify', { token })).status === 200
        );
      },
      tokens.length,
    );
  } finally {
    agent.destroy();
    await stop(api);
    await stop(baseline);
  }
  const screenP99 = screeningP99();
  const share = apiResult.rps / baseResult.rps;
  console.log(
    `\n\nChat-request intake, ${CONNECTIONS} connections, ${DURATION_MS / 1000} s each (1-min load average: ${loadavg()[0]?.toFixed(1)}; 2 cores shared by load, servers and PostgreSQL)`,
  );
  console.log(
    `targets: api >= ${TARGET_SHARE * 100}% of the baseline's throughput, api p99 <= ${TARGET_P99_MS} ms, screen() p99 <= ${TARGET_SCREEN_P99_MS} ms\n`,
  );
  console.log(
    `${'path'.padEnd(44)} ${'throughput'.padStart(12)} ${'p50'.padStart(10)} ${'p99'.padStart(10)} ${'errors'.padStart(7)}`,
  );
  console.log(line('api POST /public/orgs/:slug/chat-requests', apiResult));
  console.log(line('baseline node:http + pg (same transaction)', baseResult));
  console.log(
    line(`api POST /public/chat-requests/verify (${verifyResult.requests})`, verifyResult),
  );
  console.log(
    `\napi / baseline throughput: ${(share * 100).toFixed(0)}% (target >= ${TARGET_SHARE * 100}%)`,
  );
  console.log(`api intake p99: ${apiResult.p99.toFixed(2)} ms (target <= ${TARGET_P99_MS} ms)`);
  console.log(
    `screen() p99 in process: ${screenP99.toFixed(3)} ms (target <= ${TARGET_SCREEN_P99_MS} ms)`,
  );
}

main().then(
  () => {
    if (!process.argv.includes('--baseline-server')) process.exit(0);
  },
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
