import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { DomainError } from './domain-error';
import { errorBody } from './error-response';
import { mapFastifyError } from './fastify-errors';

interface ReplyLike {
  status(code: number): ReplyLike;
  header(name: string, value: string): ReplyLike;
  send(body: unknown): void;
  sent?: boolean;
}

const HTTP_CODES: Record<number, [string, string]> = {
  400: ['BAD_REQUEST', 'The request is not valid.'],
  401: ['UNAUTHORIZED', 'Authentication is required.'],
  403: ['FORBIDDEN', 'You may not do this.'],
  404: ['NOT_FOUND', 'The resource was not found.'],
  405: ['METHOD_NOT_ALLOWED', 'This method is not allowed here.'],
  409: ['CONFLICT', 'The request conflicts with the current state.'],
  413: ['PAYLOAD_TOO_LARGE', 'The request body is too large.'],
  415: ['UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json.'],
  429: ['RATE_LIMITED', 'Too many requests; try again later.'],
};

/** Every error leaves the API as `{ error: { code, message, details } }`; a 500 says nothing more. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<ReplyLike>();
    if (reply.sent) return;
    const { status, body, headers } = this.toResponse(exception);
    if (status >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    for (const [k, v] of Object.entries(headers)) reply.header(k, v);
    reply.status(status).send(body);
  }

  private toResponse(exception: unknown): {
    status: number;
    body: ReturnType<typeof errorBody>;
    headers: Record<string, string>;
  } {
    if (exception instanceof DomainError) {
      return { status: exception.status, body: errorBody(exception.code, exception.message, exception.details), headers: {} };
    }
    if (exception instanceof ThrottlerException) {
      return { status: 429, body: errorBody('RATE_LIMITED', 'Too many requests; try again later.'), headers: {} };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      // Nest re-throws fastify's body-parser errors as a bare HttpException(message, 400):
      // the message is all that says the body was not JSON.
      if (status === 400 && /\bJSON\b/.test(exception.message)) {
        return { status, body: errorBody('MALFORMED_JSON', 'The request body is not valid JSON.'), headers: {} };
      }
      const [code, message] = HTTP_CODES[status] ?? (status >= 500 ? ['INTERNAL', 'Something went wrong on our side.'] : ['BAD_REQUEST', exception.message]);
      return { status, body: errorBody(code, message), headers: {} };
    }
    const mapped = mapFastifyError((exception ?? {}) as { code?: string; statusCode?: number; message?: string });
    return { ...mapped, headers: {} };
  }
}
