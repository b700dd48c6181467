import { Injectable, type NestMiddleware } from '@nestjs/common';
import { runWithCorrelationId, sanitizeCorrelationId } from './correlation';

interface RawRequest {
  headers: Record<string, string | string[] | undefined>;
  /** set by pino-http when the logging middleware ran first */
  id?: unknown;
  correlationId?: string;
}
interface RawReply {
  setHeader(name: string, value: string): void;
}

/** Takes the caller's x-correlation-id (or makes one) and keeps it for the rest of the request. */
@Injectable()
export class CorrelationMiddleware implements NestMiddleware {
  use(req: RawRequest, res: RawReply, next: () => void): void {
    const id = typeof req.id === 'string' ? req.id : sanitizeCorrelationId(req.headers['x-correlation-id']);
    req.correlationId = id;
    res.setHeader('x-correlation-id', id);
    runWithCorrelationId(id, next);
  }
}
