/**
 * Public directory benchmark: `npm run bench:directory` (not a test; prints, asserts nothing).
 *
 * 1. Ensures a separate database (peerline_bench_directory) holds an organization `scale` with 100k
 *    ambassadors (the seed:scale command; only the missing ones are added).
 * 2. Starts the real api as a child process (LOG_LEVEL=warn) and runs a keep-alive HTTP load of
 *    the public search at 50 connections for 10 s per scenario.
 * 3. Runs the same statements the api runs for each request (one search statement that reads the
 *    organization's clock in a CTE; a second one only when away ambassadors may fill the page)
 *    directly on PostgreSQL through a pg pool at the same concurrency. The api additionally
 *    counts each request against the per-address rate limit in Redis (limit raised, see startApi).
 * Targets: p95 <= 15 ms and >= 3,000 req/s. Load generator, api and PostgreSQL share the machine.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { Agent, get } from 'node:http';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  runDirectorySearch,
  toFilters,
  type SearchRowBase,
  type SqlStatement,
} from '@peerline/ambassadors';
import { Pool } from 'pg';

const DATABASE_URL =
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/peerline_bench_directory';
const AMBASSADORS = Number(process.env.BENCH_AMBASSADORS ?? 100_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 10) * 1000;
const WARMUP_MS = 2000;
const PORT = Number(process.env.BENCH_PORT ?? 3390);
const SLUG = 'scale';
const TARGET_P95_MS = 15;
const TARGET_RPS = 3000;

type Query = Record<string, string | string[]>;
interface Scenario {
  name: string;
  /** Requests rotate through these. */
  queries: Query[];
}

const SCENARIOS: Scenario[] = [
  { name: 'browse (no filters, limit 20)', queries: [{}] },
  {
    name: 'filters (topic, team, language, tz, hasCapacity)',
    queries: [
      { topic: 'kubernetes' },
      { topic: ['rust', 'kafka'] },
      { team: 'Platform', level: 'Senior' },
      { language: 'de', tzFrom: '-5', tzTo: '2' },
      { hasCapacity: 'true', topic: 'react' },
    ],
  },
  {
    name: 'relevance (q full text, name fuzzy)',
    queries: [{ q: 'distributed tracing' }, { q: 'kubernetes production' }, { name: 'jonh' }],
  },
];

/** CPU seconds per process group from /proc (Linux), to show what else competed for the cores. */
type CpuSnapshot = Map<number, { group: string; ticks: number }>;
let apiPid = -1;

function cpuSnapshot(): CpuSnapshot {
  const snap: CpuSnapshot = new Map();
  let pids: string[] = [];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return snap;
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = Number(fields[11]) + Number(fields[12]);
      const n = Number(pid);
      const group =
        n === process.pid
          ? 'load'
          : n === apiPid
            ? 'api'
            : comm === 'postgres'
              ? 'postgres'
              : 'other';
      snap.set(n, { group, ticks });
    } catch {
      // the process ended between listing and reading
    }
  }
  return snap;
}

function cpuSince(before: CpuSnapshot): string {
  const used = new Map<string, number>();
  for (const [pid, now] of cpuSnapshot()) {
    const delta = now.ticks - (before.get(pid)?.ticks ?? 0);
    if (delta > 0) used.set(now.group, (used.get(now.group) ?? 0) + delta / 100);
  }
  return ['api', 'postgres', 'load', 'other']
    .map((g) => `${g} ${(used.get(g) ?? 0).toFixed(1)}s`)
    .join(', ');
}

interface Result {
  cpu?: string;
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p95: number;
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
    p95: at(0.95),
    p99: at(0.99),
  };
}

/** CONNECTIONS loops, each sending its next request when the previous one finished. */
async function closedLoop(
  durationMs: number,
  once: (i: number) => Promise<boolean>,
): Promise<Result> {
  const cpu = cpuSnapshot();
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  let n = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        const ok = await once(n++);
        if (ok) latencies.push(performance.now() - t0);
        else errors++;
      }
    }),
  );
  return { ...summarize(latencies, errors, performance.now() - started), cpu: cpuSince(cpu) };
}

function toSearch(query: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) for (const one of [v].flat()) params.append(k, one);
  return params.toString();
}

const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });

function httpGet(path: string): Promise<number> {
  return new Promise((resolve) => {
    const req = get({ host: '127.0.0.1', port: PORT, path, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
  });
}

function httpLoad(scenario: Scenario, durationMs: number): Promise<Result> {
  const paths = scenario.queries.map(
    (q) => `/api/v1/public/orgs/${SLUG}/ambassadors?${toSearch(q)}`,
  );
  return closedLoop(
    durationMs,
    async (i) => (await httpGet(paths[i % paths.length] ?? '')) === 200,
  );
}

/** Prepared where the api's repository prepares it (one name per statement text). */
function named(st: SqlStatement): { name?: string; text: string; values: unknown[] } {
  if (!st.prepare) return { text: st.sql, values: st.params };
  const name = `b_${createHash('sha1').update(st.sql).digest('hex').slice(0, 24)}`;
  return { name, text: st.sql, values: st.params };
}

function pgLoad(pool: Pool, scenario: Scenario, durationMs: number): Promise<Result> {
  const filters = scenario.queries.map((q) =>
    toFilters({
      ...q,
      topic: q['topic'] === undefined ? undefined : [q['topic']].flat(),
      tzFrom: q['tzFrom'] === undefined ? undefined : Number(q['tzFrom']),
      tzTo: q['tzTo'] === undefined ? undefined : Number(q['tzTo']),
    } as Parameters<typeof toFilters>[0]),
  );
  return closedLoop(durationMs, async (i) => {
    const client = await pool.connect();
    try {
      // What the api's repository does per request: the same statements, prepared, on one client.
      const run = async (st: SqlStatement): Promise<SearchRowBase[]> => {
        if (st.nameThreshold === null) return (await client.query(named(st))).rows;
        await client.query('BEGIN');
        await client.query(`SELECT set_config('pg_trgm.word_similarity_threshold', $1, true)`, [
          String(st.nameThreshold),
        ]);
        const rows = (await client.query(named(st))).rows;
        await client.query('COMMIT');
        return rows;
      };
      const chosen = filters[i % filters.length];
      if (!chosen) return false;
      const rows = await runDirectorySearch(
        { slug: SLUG, filters: chosen, after: null, take: 21 },
        run,
      );
      return rows.length > 0;
    } catch {
      return false;
    } finally {
      client.release();
    }
  });
}

function seed(): void {
  console.log(
    `seeding ${AMBASSADORS} ambassadors into ${new URL(DATABASE_URL).pathname.slice(1)} (if missing)…`,
  );
  const res = spawnSync(
    process.execPath,
    [
      '-r',
      '@swc-node/register',
      'tools/cli/main.ts',
      'seed:scale',
      '--ambassadors',
      String(AMBASSADORS),
    ],
    { stdio: 'inherit', env: { ...process.env, DATABASE_URL } },
  );
  if (res.status !== 0) throw new Error('seed:scale failed');
}

async function startApi(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      DATABASE_URL,
      API_PORT: String(PORT),
      API_HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SEED_DEMO_ON_START: 'false',
      REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/11',
      // The load comes from one address; the per-address limit still runs (a Redis call per
      // request, as in production) but never trips.
      DIRECTORY_RATE_LIMIT_PER_IP: '1000000000',
      TRUST_PROXY: 'false',
    },
  });
  apiPid = child.pid ?? -1;
  for (let i = 0; i < 120; i++) {
    if (child.exitCode !== null) throw new Error(`the api exited with ${child.exitCode}`);
    const status = await new Promise<number>((resolve) => {
      get({ host: '127.0.0.1', port: PORT, path: '/healthz' }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      }).on('error', () => resolve(0));
    });
    if (status === 200) return child;
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill('SIGTERM');
  throw new Error('the api did not become healthy in 30 s');
}

function line(scenario: string, where: string, r: Result): string {
  const f = (ms: number) => `${ms.toFixed(2)} ms`.padStart(10);
  return `${scenario.padEnd(50)} ${where.padEnd(9)} ${r.rps.toFixed(0).padStart(7)} req/s ${f(r.p50)} ${f(r.p95)} ${f(r.p99)} ${String(r.errors).padStart(6)}   ${r.cpu ?? ''}`;
}

async function main(): Promise<void> {
  seed();
  const api = await startApi();
  const pool = new Pool({
    connectionString: DATABASE_URL,
    max: CONNECTIONS,
    application_name: 'peerline-bench',
  });
  const rows: string[] = [];
  try {
    for (const scenario of SCENARIOS) {
      process.stdout.write(
        `\n${scenario.name}: warm-up, http ${DURATION_MS / 1000} s, postgres ${DURATION_MS / 1000} s…`,
      );
      await httpLoad(scenario, WARMUP_MS);
      const http = await httpLoad(scenario, DURATION_MS);
      await pgLoad(pool, scenario, WARMUP_MS);
      const pg = await pgLoad(pool, scenario, DURATION_MS);
      rows.push(line(scenario.name, 'http', http), line('', 'postgres', pg));
      rows.push(`${''.padEnd(50)} (1-min load average after: ${loadavg()[0]?.toFixed(1)})`);
    }
  } finally {
    await pool.end();
    agent.destroy();
    api.kill('SIGTERM');
    await new Promise((r) => api.once('exit', r));
  }
  console.log(
    `\n\nPublic directory search, organization "${SLUG}" with ${AMBASSADORS} ambassadors, ${CONNECTIONS} connections, ${DURATION_MS / 1000} s each`,
  );
  console.log(`targets: p95 <= ${TARGET_P95_MS} ms, >= ${TARGET_RPS} req/s (http)\n`);
  console.log(
    `${'scenario'.padEnd(50)} ${'path'.padEnd(9)} ${'throughput'.padStart(13)} ${'p50'.padStart(10)} ${'p95'.padStart(10)} ${'p99'.padStart(10)} ${'errors'.padStart(6)}   CPU used in the run (2 cores)`,
  );
  for (const r of rows) console.log(r);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
