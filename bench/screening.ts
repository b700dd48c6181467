// npm run bench:screening
// In-process latency of screen() over the in-domain requests (real lengths and shapes), after a
// warm-up. Target: p99 <= 5 ms. Not a test: it prints, it does not assert.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  loadDefaultModel,
  screen,
  type ScreeningContext,
  type ScreeningRequest,
} from '@peerline/screening';

const TARGET_P99_MS = 5;
const CALLS = 20_000;
const WARM_UP = 2_000;

interface Row {
  ask: string;
  valueProposition: string;
  topics: string[];
  links: string[];
  jobId?: string;
}

function loadRequests(): ScreeningRequest[] {
  const path = join(__dirname, '..', 'libs', 'screening', 'data', 'in-domain-v1.jsonl');
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => {
      const row = JSON.parse(line) as Row;
      return {
        ask: row.ask,
        valueProposition: row.valueProposition,
        topics: row.topics,
        links: row.links,
        requesterEmail: 'bench@example.org',
        ...(row.jobId !== undefined ? { jobId: row.jobId } : {}),
      };
    });
}

const context: ScreeningContext = {
  ambassadorTopics: [
    'typescript',
    'node',
    'react',
    'kubernetes',
    'postgres',
    'go',
    'rust',
    'kafka',
    'security',
  ],
  ambassadorTeam: 'Platform',
  rateCounters: { perIpLastHour: 1, perEmailLastHour: 0 },
  openRequestsOfRequester: 0,
  nearDuplicatesSentRecently: 0,
  isFirstTimeSender: true,
  emailBlocked: false,
  domainBlocked: false,
  isDisposableDomain: false,
};

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number;
}

function main(): void {
  const requests = loadRequests();
  const loadStart = process.hrtime.bigint();
  loadDefaultModel();
  const loadMs = Number(process.hrtime.bigint() - loadStart) / 1e6;
  const firstStart = process.hrtime.bigint();
  screen(requests[0] as ScreeningRequest, context);
  const firstMs = Number(process.hrtime.bigint() - firstStart) / 1e6;

  for (let i = 0; i < WARM_UP; i++)
    screen(requests[i % requests.length] as ScreeningRequest, context);
  const times = new Float64Array(CALLS);
  const outcomes = { passed: 0, review: 0, rejected: 0 };
  for (let i = 0; i < CALLS; i++) {
    const request = requests[i % requests.length] as ScreeningRequest;
    const start = process.hrtime.bigint();
    const result = screen(request, context);
    times[i] = Number(process.hrtime.bigint() - start) / 1e6;
    outcomes[result.outcome]++;
  }
  times.sort();
  const p50 = percentile(times, 0.5);
  const p99 = percentile(times, 0.99);
  console.log(
    `screen() over ${CALLS} calls (${requests.length} distinct in-domain requests, after ${WARM_UP} warm-up calls)`,
  );
  console.log(
    `model load (decode artifact): ${loadMs.toFixed(1)} ms; first call (builds the profanity matcher): ${firstMs.toFixed(1)} ms`,
  );
  console.log(
    `p50 ${p50.toFixed(3)} ms   p90 ${percentile(times, 0.9).toFixed(3)} ms   p99 ${p99.toFixed(3)} ms   max ${(times[times.length - 1] as number).toFixed(3)} ms`,
  );
  console.log(`target p99 <= ${TARGET_P99_MS} ms: ${p99 <= TARGET_P99_MS ? 'met' : 'NOT MET'}`);
  console.log(`outcomes: ${JSON.stringify(outcomes)}`);
}

main();
