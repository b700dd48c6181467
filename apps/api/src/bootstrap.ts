import 'reflect-metadata';
import helmet from '@fastify/helmet';
import { NestFactory } from '@nestjs/core';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { loadEnv } from '@peerline/config';
import {
  AllExceptionsFilter,
  createValidationPipe,
  errorBody,
  mapFastifyError,
} from '@peerline/http-kit';
import { Metrics, sanitizeCorrelationId } from '@peerline/observability';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { QueuesBoard } from './ops/queues-board';

export const API_PREFIX = 'api/v1';

/** Builds the api (tests call this too, so they run exactly what production runs). */
export async function createApiApp(): Promise<NestFastifyApplication> {
  const config = loadEnv();
  const adapter = new FastifyAdapter({
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
    // The request id is the correlation id: the caller's x-correlation-id when it is plain, else new.
    genReqId: (req: { headers: Record<string, unknown> }) =>
      sanitizeCorrelationId(req.headers['x-correlation-id']),
    // Errors fastify raises before routing (a malformed URL) and ones node raises before fastify
    // (oversized headers) answer in the API's error shape too.
    // 600: the signed one-click triage links carry a JWT in the path (about 480 characters).
    routerOptions: { maxParamLength: 600 },
    frameworkErrors: (err: FastifyError, _req: FastifyRequest, reply: FastifyReply) => {
      const { status, body } = mapFastifyError(err);
      void reply.status(status).send(body);
    },
    clientErrorHandler: (err: Error & { code?: string }, socket) => {
      if (!socket.writable) return socket.destroy();
      const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
      const body = JSON.stringify(
        errorBody(
          status === 431 ? 'HEADERS_TOO_LARGE' : 'BAD_REQUEST',
          status === 431
            ? 'The request line or headers are too large.'
            : 'The request is not valid HTTP.',
        ),
      );
      socket.end(
        `HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
          `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    },
  });
  const fastify = adapter.getInstance();
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, {
    rawBody: true,
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  const metrics = app.get(Metrics);
  fastify.addHook('onResponse', (req, reply, done) => {
    metrics.httpDuration.observe(
      {
        method: req.method,
        route: req.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
    done();
  });
  app.setGlobalPrefix(API_PREFIX, { exclude: ['healthz', 'readyz', 'metrics'] });
  app.useGlobalFilters(new AllExceptionsFilter());
  app.useGlobalPipes(createValidationPipe());
  await app.register(helmet, {
    // Swagger UI needs inline scripts and styles; the API itself serves only JSON.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
      },
    },
  });
  // bull-board at /queues behind an admin-token hook (see QueuesBoard).
  await app.register(app.get(QueuesBoard).plugin());
  app.enableCors({
    origin: config.CORS_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    credentials: true,
  });
  SwaggerModule.setup('docs', app, buildOpenApiDocument(app), {
    jsonDocumentUrl: 'docs/openapi.json',
  });
  app.enableShutdownHooks();
  return app;
}

/**
 * The OpenAPI document without connecting anywhere: Nest's preview mode builds the module graph
 * and routes but instantiates no provider, so this works without PostgreSQL or Redis.
 */
export async function generateOpenApiDocument(): Promise<OpenAPIObject> {
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, new FastifyAdapter(), {
    preview: true,
    logger: false,
  });
  app.setGlobalPrefix(API_PREFIX, { exclude: ['healthz', 'readyz', 'metrics'] });
  try {
    return buildOpenApiDocument(app);
  } finally {
    await app.close();
  }
}

export function buildOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const doc = new DocumentBuilder()
    .setTitle('Peerline API')
    .setDescription(
      'Company referral and ambassador platform. Errors: { error: { code, message, details } }.',
    )
    .setVersion('1')
    .addBearerAuth()
    .addApiKey({ type: 'apiKey', name: 'X-Api-Key', in: 'header' }, 'api-key')
    .build();
  return SwaggerModule.createDocument(app, doc);
}
