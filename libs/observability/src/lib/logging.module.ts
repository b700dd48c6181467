import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG, type AppConfig } from '@peerline/config';
import { sanitizeCorrelationId } from './correlation';
import { CorrelationMiddleware } from './correlation.middleware';
import { pinoOptions } from './logger';

const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/** JSON logs via nestjs-pino, with redaction and the request's correlation id. */
/**
 * Some public links carry their credential in the path (the one-click triage links). Any path
 * segment that looks like a token (long, or a JWS with dots) is logged as `:token`.
 */
export function redactPath(path: string): string {
  return path
    .split('/')
    .map((segment) =>
      segment.length > 64 || /^[\w-]+\.[\w-]+\.[\w-]+$/.test(segment) ? ':token' : segment,
    )
    .join('/');
}

@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        // Nest 11's path syntax; the library's default '*' is the legacy form.
        forRoutes: [{ path: '*path', method: RequestMethod.ALL }],
        pinoHttp: {
          ...pinoOptions(config.LOG_LEVEL),
          // pino-http runs before CorrelationMiddleware, so the id is decided here and reused there.
          genReqId: (req) => sanitizeCorrelationId(req.headers['x-correlation-id']),
          autoLogging: {
            ignore: (req) => {
              const url = (req as { originalUrl?: string }).originalUrl ?? req.url ?? '';
              return QUIET_PATHS.has(url.split('?')[0] ?? '');
            },
          },
          // Only method, path and status: no query strings, bodies or headers (they hold tokens).
          serializers: {
            req: (req: { id: string; method: string; url: string }) => ({
              id: req.id,
              method: req.method,
              path: redactPath(req.url.split('?')[0] ?? ''),
            }),
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
          },
        },
      }),
    }),
  ],
})
export class LoggingModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(CorrelationMiddleware).forRoutes('*path');
  }
}
