import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AmbassadorsService } from '@peerline/ambassadors';
import { resetEnvCache } from '@peerline/config';
import type { Role } from '@peerline/contracts';
import type { OrganizationView, UserDto } from '@peerline/identity';
import type { DataSource } from 'typeorm';
// The worker has no import alias either; e2e flows start it in-process like the api.
import { createWorkerApp } from '../apps/worker/src/bootstrap';
import {
  IdentityHarness,
  type CallOptions,
  type HttpResult,
  type TokenPair,
} from './identity.harness';

export { errorCode } from './identity.harness';

/** Test runs override a few variables (SMTP catcher, generous rate limits); config is cached. */
export function useEnv(overrides: Record<string, string>): void {
  for (const [k, v] of Object.entries(overrides)) process.env[k] = v;
  resetEnvCache();
}

export interface TestAmbassador {
  user: UserDto;
  tokens: TokenPair;
  id: string;
}

export const SPECIFIC_ASK =
  'How does your team keep Kafka consumers idempotent when a partition rebalance replays messages that were already written to Postgres?';
export const SPECIFIC_VALUE =
  'I run the order pipeline at a logistics startup: 40 Go services on Kafka, and I wrote our exactly-once sink for Postgres.';
export const GENERIC_ASK =
  'So-and-so suggested that I contact you. I am an engineer with 7 years experience looking for a job. My resume is attached. If you can help me, I would appreciate it.';
export const GENERIC_VALUE = 'I am an engineer with 7 years experience.';

// Words only, no digits (the profanity filter reads some numbers as leetspeak), and enough
// of them per text that generated requests are not near-duplicates of each other.
const VOCABULARY = [
  'offsets',
  'retries',
  'rebalances',
  'outbox',
  'schemas',
  'backfills',
  'alerts',
  'partitions',
  'migrations',
  'indexes',
  'replicas',
  'failover',
  'vacuum',
  'sharding',
  'tracing',
  'metrics',
  'dashboards',
  'deploys',
  'canaries',
  'rollbacks',
  'feature flags',
  'load tests',
  'benchmarks',
  'profiling',
  'caching',
  'queues',
  'workers',
  'cron jobs',
  'webhooks',
  'idempotency',
  'locking',
  'timeouts',
  'circuit breakers',
  'rate limits',
  'pagination',
  'search',
  'embeddings',
  'billing',
  'invoices',
  'payments',
  'ledgers',
  'audits',
  'permissions',
  'tenancy',
  'onboarding',
  'exports',
  'imports',
  'parsers',
  'compilers',
  'linters',
  'formatters',
  'monorepos',
  'containers',
  'clusters',
  'autoscaling',
  'budgets',
  'incidents',
  'postmortems',
  'runbooks',
  'paging',
  'on-call',
  'secrets',
];

function pick(seed: number, k: number): string {
  const x = Math.sin(seed * 9301 + k * 49297) * 233280;
  return VOCABULARY[Math.floor((x - Math.floor(x)) * VOCABULARY.length)] ?? 'queues';
}

/** A distinct specific request per index: passes screening and is no near-duplicate of others. */
export function specificText(i: number): { ask: string; valueProposition: string } {
  const w = (k: number): string => pick(i, k);
  return {
    ask: `How does your team handle ${w(1)} and ${w(2)} for ${w(3)} in Kafka consumers when ${w(4)} meet ${w(5)} in Postgres?`,
    valueProposition: `I own ${w(6)}, ${w(7)} and ${w(8)} at a logistics startup in Go; I built our ${w(9)} with ${w(10)} and ${w(11)}.`,
  };
}

export class ChatHarness {
  worker: NestFastifyApplication | undefined;

  private constructor(readonly http: IdentityHarness) {}

  static async boot(env: Record<string, string> = {}): Promise<ChatHarness> {
    useEnv(env);
    return new ChatHarness(await IdentityHarness.start());
  }

  get app(): NestFastifyApplication {
    return this.http.app;
  }

  async startWorker(): Promise<void> {
    this.worker = await createWorkerApp();
    await this.worker.init();
  }

  async close(): Promise<void> {
    if (this.worker) await this.worker.close();
    await this.http.close();
  }

  reset(): Promise<void> {
    return this.http.reset();
  }

  createOrg(slug: string): Promise<OrganizationView> {
    return this.http.createOrg(slug);
  }

  signedIn(
    org: OrganizationView,
    email: string,
    roles: Role[],
  ): Promise<{ user: UserDto; tokens: TokenPair }> {
    return this.http.signedIn(org, email, roles);
  }

  call(method: string, path: string, options: CallOptions = {}): Promise<HttpResult> {
    return this.http.call(method, path, options);
  }

  get ds(): DataSource {
    return this.http.dataSource;
  }

  async ambassador(
    org: OrganizationView,
    email: string,
    opts: { topics?: string[]; capacity?: number; name?: string } = {},
  ): Promise<TestAmbassador> {
    const { user, tokens } = await this.signedIn(org, email, ['ambassador', 'employee']);
    const { id } = await this.app.get(AmbassadorsService).createProfileIfMissing(
      org.id,
      user.id,
      {
        displayName: opts.name ?? email.split('@')[0] ?? 'Ambassador',
        timeZone: 'Europe/Berlin',
        topics: opts.topics ?? ['kafka', 'go', 'postgres'],
        bio: 'Backend engineer.',
      },
      { status: 'active', weeklyCapacity: opts.capacity ?? 5 },
    );
    return { user, tokens, id };
  }

  requestBody(over: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      requester: {
        name: 'Ada Lovelace',
        email: 'ada@example.org',
        links: ['https://github.com/ada'],
      },
      ask: SPECIFIC_ASK,
      valueProposition: SPECIFIC_VALUE,
      topics: ['kafka', 'postgres'],
      consent: true,
      ...over,
    };
  }

  async submit(slug: string, body: Record<string, unknown>): Promise<HttpResult> {
    return this.call('POST', `/public/orgs/${slug}/chat-requests`, { body });
  }

  /** The verification token as the queued mail carries it (tests that do not run the worker). */
  async verificationToken(requestId: string): Promise<string> {
    const rows = await this.ds.query<{ text: string }[]>(
      `SELECT text_body AS text FROM mail_messages WHERE idempotency_key = $1`,
      [`chat-request.verification:${requestId}:email`],
    );
    const token = /[?&]token=([A-Za-z0-9_-]{43})/u.exec(rows[0]?.text ?? '')?.[1];
    if (!token) throw new Error(`no verification mail for ${requestId}`);
    return token;
  }

  async submitAndVerify(slug: string, body: Record<string, unknown>): Promise<VerifiedRequest> {
    const res = await this.submit(slug, body);
    if (res.status !== 202)
      throw new Error(`intake answered ${res.status}: ${JSON.stringify(res.body)}`);
    const { id } = res.body as { id: string };
    const verified = await this.call('POST', '/public/chat-requests/verify', {
      body: { token: await this.verificationToken(id) },
    });
    if (verified.status !== 200) {
      throw new Error(`verify answered ${verified.status}: ${JSON.stringify(verified.body)}`);
    }
    return verified.body as VerifiedRequest;
  }

  async statusOf(id: string): Promise<string | undefined> {
    const rows = await this.ds.query<{ status: string }[]>(
      `SELECT status FROM chat_requests WHERE id = $1`,
      [id],
    );
    return rows[0]?.status;
  }
}

export interface VerifiedRequest {
  id: string;
  status: string;
  statusToken: string;
  screening: { outcome: string; reasons: { code: string; message: string }[]; coaching: string[] };
}
