import { errorBody } from './error-response';

interface FastifyLikeError {
  code?: string;
  statusCode?: number;
  message?: string;
}

const STATUS_CODES: Record<number, string> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

/**
 * Errors raised by fastify itself (body parsing, size limit, content type) before Nest sees the
 * request. Client errors keep their status with our shape; anything else is an opaque 500.
 */
export function mapFastifyError(err: FastifyLikeError): { status: number; body: ReturnType<typeof errorBody> } {
  const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
  if (status === 500) return { status, body: errorBody('INTERNAL', 'Something went wrong on our side.') };
  if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || (err instanceof SyntaxError)) {
    return { status: 400, body: errorBody('MALFORMED_JSON', 'The request body is not valid JSON.') };
  }
  if (status === 413) {
    return { status, body: errorBody('PAYLOAD_TOO_LARGE', 'The request body is too large.') };
  }
  if (status === 415) {
    return { status, body: errorBody('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json.') };
  }
  return { status, body: errorBody(STATUS_CODES[status] ?? 'BAD_REQUEST', err.message ?? 'Bad request.') };
}
