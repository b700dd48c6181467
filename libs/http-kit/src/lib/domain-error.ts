/**
 * An expected failure of a command. Libs throw these with their own codes; the filter turns
 * them into `{ error: { code, message, details } }` with the given HTTP status.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** Not found and not yours are the same answer. */
export class NotFoundError extends DomainError {
  constructor(what = 'resource') {
    super('NOT_FOUND', `The ${what} was not found.`, 404);
  }
}

export class ValidationFailedError extends DomainError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('VALIDATION_FAILED', message, 400, details);
  }
}

export class UnauthorizedError extends DomainError {
  constructor(code = 'UNAUTHORIZED', message = 'Authentication is required.') {
    super(code, message, 401);
  }
}

export class ConflictError extends DomainError {
  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super(code, message, 409, details);
  }
}

/**
 * A lib's error catalogue: code → [status, user-facing message]. `errors.raise('CODE')`
 * throws the DomainError with that status and message.
 */
export function defineErrors<C extends string>(catalogue: Record<C, readonly [number, string]>) {
  return {
    catalogue,
    error(code: C, details: Record<string, unknown> = {}): DomainError {
      const [status, message] = catalogue[code];
      return new DomainError(code, message, status, details);
    },
  };
}
