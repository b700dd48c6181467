import { Inject, Injectable, Logger } from '@nestjs/common';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, type AppConfig } from '@peerline/config';
import { QueueRegistry } from '@peerline/queue';

export const QUEUES_BOARD_PATH = '/queues';
const COOKIE = 'peerline_queues';

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

function bearer(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}

type Verdict = 'admin' | 'not-admin' | 'invalid';

/**
 * bull-board at /queues, for admins only. bull-board registers its own fastify routes, which Nest
 * guards never see, so an onRequest hook in the board's encapsulated plugin scope checks every
 * request to it (UI, static files and its JSON API alike).
 *
 * The token is an ordinary access token, checked by asking our own GET /api/v1/me through
 * fastify.inject: the same passport strategy, signature, expiry, audience, active-user and
 * current-roles checks as every API call, without reaching into identity's internals. A browser
 * cannot add an Authorization header to the board's own requests, so `/queues?token=<access
 * token>` moves the token into an HttpOnly, SameSite=Strict cookie scoped to /queues (it lives no
 * longer than the token) and redirects to the URL without it, so the token leaves the address
 * bar and history. SameSite=Strict also keeps other sites from driving the board's POST actions
 * (retry, clean) with the cookie. Scripts and CLIs send `Authorization: Bearer` directly.
 */
@Injectable()
export class QueuesBoard {
  private readonly logger = new Logger(QueuesBoard.name);

  constructor(
    private readonly queues: QueueRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The board as a fastify plugin, registered by the api's bootstrap like helmet: before Nest
   * initializes, so Nest's own error handling for body-parser errors stays in place at the root.
   */
  plugin(): FastifyPluginAsync {
    return async (fastify) => this.mount(fastify);
  }

  private async mount(fastify: FastifyInstance): Promise<void> {
    const serverAdapter = new FastifyAdapter();
    serverAdapter.setBasePath(QUEUES_BOARD_PATH);
    createBullBoard({
      queues: [...this.queues.all().values()].map((q) => new BullMQAdapter(q)),
      serverAdapter,
      options: { uiConfig: { boardTitle: 'Peerline jobs' } },
    });
    await fastify.register(async (scope) => {
      scope.addHook('onRequest', (req, reply) => this.guard(fastify, req, reply));
      await scope.register(serverAdapter.registerPlugin(), { prefix: QUEUES_BOARD_PATH });
    });
    this.logger.log(`bull-board mounted at ${QUEUES_BOARD_PATH} (admin access token required)`);
  }

  private async guard(
    fastify: FastifyInstance,
    req: FastifyRequest,
    reply: FastifyReply,
  ): Promise<void> {
    const url = new URL(req.url, 'http://local');
    const fromQuery = url.searchParams.get('token') ?? undefined;
    const token =
      bearer(req.headers.authorization) ?? fromQuery ?? readCookie(req.headers.cookie, COOKIE);
    const verdict = token ? await this.verify(fastify, token) : 'invalid';
    if (verdict !== 'admin') {
      const [status, code, message] =
        verdict === 'not-admin'
          ? [403, 'FORBIDDEN', 'The job board is for admins.']
          : [
              401,
              'UNAUTHORIZED',
              'An admin access token is required: /queues?token=<access token>.',
            ];
      await reply
        .code(status)
        .header('cache-control', 'no-store')
        .send({ error: { code, message, details: {} } });
      return;
    }
    if (fromQuery !== undefined) {
      url.searchParams.delete('token');
      const secure = this.config.PUBLIC_URL.startsWith('https:') ? '; Secure' : '';
      await reply
        .code(303)
        .header(
          'set-cookie',
          `${COOKIE}=${encodeURIComponent(token ?? '')}; Path=${QUEUES_BOARD_PATH}; HttpOnly; SameSite=Strict; Max-Age=${this.config.JWT_ACCESS_TTL_SECONDS}${secure}`,
        )
        .header('cache-control', 'no-store')
        .header('location', `${url.pathname}${url.search}`)
        .send();
    }
  }

  private async verify(fastify: FastifyInstance, token: string): Promise<Verdict> {
    const res = await fastify.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${token}` },
    });
    if (res.statusCode !== 200) return 'invalid';
    const me = res.json<{ roles?: unknown }>();
    return Array.isArray(me.roles) && me.roles.includes('admin') ? 'admin' : 'not-admin';
  }
}
