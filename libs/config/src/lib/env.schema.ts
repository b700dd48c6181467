import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';

const DEV_JWT_SECRET = 'dev-only-access-secret-change-me-0123456789';
const DEV_ENCRYPTION_KEY = 'dev-only-encryption-key-change-me-0123456789';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const port = z.coerce.number().int().min(0).max(65535);
const url = (protocols: string[]) =>
  z.string().refine(
    (v) => {
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    },
    `must be a URL with protocol ${protocols.join(' or ')}`,
  );

export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    API_HOST: z.string().min(1).default('127.0.0.1'),
    API_PORT: port.default(3000),
    WORKER_PORT: port.default(3001),
    PUBLIC_URL: url(['http:', 'https:']).default('http://localhost:3000'),
    WEB_URL: url(['http:', 'https:']).default('http://localhost:3000'),
    CORS_ORIGINS: z.string().default('http://localhost:3000,http://localhost:4200'),
    TRUST_PROXY: bool.default(false),
    BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(10_000_000).default(100_000),
    DATABASE_URL: url(['postgres:', 'postgresql:']).default(
      'postgres://postgres@127.0.0.1:5432/peerline',
    ),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    REDIS_URL: url(['redis:', 'rediss:']).default('redis://127.0.0.1:6379/0'),
    QUEUE_PREFIX: z
      .string()
      .regex(/^[a-z0-9:_-]+$/)
      .default('peerline'),
    JWT_ACCESS_SECRET: z.string().min(32, 'must be at least 32 characters').default(DEV_JWT_SECRET),
    JWT_ACCESS_TTL_SECONDS: z.coerce.number().int().min(30).max(3600).default(900),
    REFRESH_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(30),
    INVITE_TTL_HOURS: z.coerce.number().int().min(1).max(720).default(72),
    ENCRYPTION_KEY: z
      .string()
      .min(32, 'must be at least 32 characters')
      .default(DEV_ENCRYPTION_KEY),
    LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).max(10_000).default(10),
    LOGIN_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
    // Public chat-request intake, counted in Redis: per client address and per requester e-mail.
    CHAT_INTAKE_RATE_LIMIT_PER_IP: z.coerce.number().int().min(1).max(1_000_000).default(30),
    CHAT_INTAKE_RATE_LIMIT_PER_EMAIL: z.coerce.number().int().min(1).max(1_000_000).default(5),
    CHAT_INTAKE_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(3600),
    // The other public chat-request routes (verify, status page, withdraw…), per client address.
    CHAT_PUBLIC_RATE_LIMIT_PER_IP: z.coerce.number().int().min(1).max(1_000_000).default(120),
    CHAT_PUBLIC_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
    // The candidates' referral consent route, per client address.
    REFERRAL_CONSENT_RATE_LIMIT_PER_IP: z.coerce.number().int().min(1).max(1_000_000).default(30),
    REFERRAL_CONSENT_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
    // The public ambassador directory (search, profile, match), per client address, in Redis.
    DIRECTORY_RATE_LIMIT_PER_IP: z.coerce.number().int().min(1).max(1_000_000_000).default(120),
    DIRECTORY_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
    // Life of the e-mail verification link of a new chat request.
    CHAT_VERIFICATION_TTL_HOURS: z.coerce.number().int().min(1).max(720).default(48),
    // Life of the one-click accept/decline links in the delivery e-mail.
    TRIAGE_LINK_TTL_DAYS: z.coerce.number().int().min(1).max(30).default(7),
    SMTP_URL: url(['smtp:', 'smtps:']).default('smtp://127.0.0.1:1025'),
    MAIL_FROM: z.string().min(3).default('Peerline <no-reply@peerline.local>'),
    // Pooled SMTP connections per worker process: the ceiling of parallel sends.
    SMTP_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(5),
    OUTBOX_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(200),
    OUTBOX_BATCH_SIZE: z.coerce.number().int().min(1).max(5000).default(500),
    OUTBOX_REDISPATCH_AFTER_SECONDS: z.coerce.number().int().min(5).max(86_400).default(60),
    JOB_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
    JOB_BACKOFF_MS: z.coerce.number().int().min(10).max(600_000).default(2000),
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(20),
    WORKER_LOCK_DURATION_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
    WORKER_STALLED_INTERVAL_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
    // A job stalls when its worker dies; two crashes in a row are not the job's fault.
    WORKER_MAX_STALLED_COUNT: z.coerce.number().int().min(1).max(20).default(2),
    // How long a mail claim protects a message being sent (ADR 4); must outlast one SMTP attempt.
    MAIL_SEND_LEASE_SECONDS: z.coerce.number().int().min(2).max(3600).default(120),
    CHAT_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
    // The digest job looks for recipients whose local morning has passed this often.
    DIGEST_SWEEP_EVERY_SECONDS: z.coerce.number().int().min(1).max(3600).default(300),
    // Schedulers live in Redis; re-upserting them this often restores them after Redis lost its data.
    JOB_SCHEDULER_REFRESH_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
    OUTBOX_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(7),
    MAIL_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
    SEED_DEMO_ON_START: bool.default(true),
  })
  .superRefine((env, ctx) => {
    // Development defaults are public (they are in .env.example): refuse them in production.
    if (env.NODE_ENV !== 'production') return;
    if (env.JWT_ACCESS_SECRET === DEV_JWT_SECRET)
      ctx.addIssue({
        code: 'custom',
        path: ['JWT_ACCESS_SECRET'],
        message: 'must be set in production',
      });
    if (env.ENCRYPTION_KEY === DEV_ENCRYPTION_KEY)
      ctx.addIssue({
        code: 'custom',
        path: ['ENCRYPTION_KEY'],
        message: 'must be set in production',
      });
  });

export type Env = z.infer<typeof envSchema>;

export class EnvValidationError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      'Invalid configuration: ' +
        problems.map((p) => `${p.variable} ${p.message}`).join('; ') +
        ' (see .env.example)',
    );
    this.name = 'EnvValidationError';
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings mean "not set", so an exported-but-empty variable falls back to its default.
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, v]) => v !== undefined && v !== ''),
  );
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    throw new EnvValidationError(
      result.error.issues.map((i) => ({
        variable: i.path.join('.') || '(env)',
        message: i.message,
      })),
    );
  }
  return result.data;
}

let cached: Env | undefined;

/** Reads `.env` (if present) once, then validates process.env. */
export function loadEnv(): Env {
  if (cached) return cached;
  const file = resolve(process.cwd(), '.env');
  if (existsSync(file)) process.loadEnvFile(file);
  cached = parseEnv(process.env);
  return cached;
}

/** For tests that change process.env between apps. */
export function resetEnvCache(): void {
  cached = undefined;
}
