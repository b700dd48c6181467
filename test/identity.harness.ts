import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { APP_CONFIG, type AppConfig } from '@peerline/config';
import type { Role } from '@peerline/contracts';
import {
  OrganizationsService,
  UsersService,
  type OrganizationView,
  type UserDto,
} from '@peerline/identity';
import { flushRedis, resetDatabase, TEST_REDIS_URL } from '@peerline/testing';
import { createHmac } from 'node:crypto';
import { DataSource } from 'typeorm';
// E2E suites boot exactly what production boots; the api app has no import alias (yet).
import { createApiApp } from '../apps/api/src/bootstrap';

export const PASSWORD = 'correct horse battery staple';

export interface HttpResult {
  status: number;
  headers: Headers;
  body: unknown;
}

export interface CallOptions {
  body?: unknown;
  /** Sent as is, for malformed or oversized bodies. */
  rawBody?: string;
  token?: string;
  apiKey?: string;
  headers?: Record<string, string>;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

export interface ErrorShape {
  error: { code: string; message: string; details: Record<string, unknown> };
}

export class IdentityHarness {
  private constructor(
    readonly app: NestFastifyApplication,
    readonly baseUrl: string,
  ) {}

  static async start(): Promise<IdentityHarness> {
    const app = await createApiApp();
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.getHttpServer().address();
    if (address === null || typeof address === 'string')
      throw new Error('the api did not listen on a TCP port');
    return new IdentityHarness(app, `http://127.0.0.1:${address.port}/api/v1`);
  }

  get config(): AppConfig {
    return this.app.get<AppConfig>(APP_CONFIG);
  }

  get dataSource(): DataSource {
    return this.app.get(DataSource);
  }

  get organizations(): OrganizationsService {
    return this.app.get(OrganizationsService);
  }

  get users(): UsersService {
    return this.app.get(UsersService);
  }

  async reset(): Promise<void> {
    await resetDatabase(this.dataSource);
    await flushRedis(TEST_REDIS_URL);
  }

  async close(): Promise<void> {
    await this.app.close();
  }

  async call(method: string, path: string, options: CallOptions = {}): Promise<HttpResult> {
    const headers: Record<string, string> = { ...options.headers };
    let body: string | undefined;
    if (options.rawBody !== undefined) {
      body = options.rawBody;
      headers['content-type'] ??= 'application/json';
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    if (options.token !== undefined) headers['authorization'] = `Bearer ${options.token}`;
    if (options.apiKey !== undefined) headers['x-api-key'] = options.apiKey;
    const res = await fetch(this.baseUrl + path, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('application/json') && text.length > 0) {
      parsed = JSON.parse(text) as unknown;
    }
    return { status: res.status, headers: res.headers, body: parsed };
  }

  async createOrg(slug: string): Promise<OrganizationView> {
    return this.organizations.createOrganization({ slug, name: `${slug} Inc.` });
  }

  async createUser(org: OrganizationView, email: string, roles: Role[]): Promise<UserDto> {
    return this.users.createUser(org.id, {
      email,
      name: email.split('@')[0] ?? email,
      roles,
      password: PASSWORD,
    });
  }

  async login(orgSlug: string, email: string, password = PASSWORD): Promise<TokenPair> {
    const res = await this.call('POST', '/auth/login', {
      body: { organization: orgSlug, email, password },
    });
    if (res.status !== 200)
      throw new Error(`login of ${email} failed with ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body as TokenPair;
  }

  /** A user with the roles, logged in. */
  async signedIn(
    org: OrganizationView,
    email: string,
    roles: Role[],
  ): Promise<{ user: UserDto; tokens: TokenPair }> {
    const user = await this.createUser(org, email, roles);
    return { user, tokens: await this.login(org.slug, email) };
  }
}

export function errorCode(res: HttpResult): string | undefined {
  return (res.body as Partial<ErrorShape> | undefined)?.error?.code;
}

/** Hand-made JWTs, to present the api with tokens it would never issue. */
export function craftJwt(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  secret: string | null,
): string {
  const encode = (part: Record<string, unknown>) =>
    Buffer.from(JSON.stringify(part)).toString('base64url');
  const signingInput = `${encode(header)}.${encode(payload)}`;
  if (secret === null) return `${signingInput}.`;
  const alg = header['alg'] === 'HS512' ? 'sha512' : 'sha256';
  return `${signingInput}.${createHmac(alg, secret).update(signingInput).digest('base64url')}`;
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
