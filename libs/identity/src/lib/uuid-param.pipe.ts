import { ParseUUIDPipe } from '@nestjs/common';
import { NotFoundError } from '@peerline/http-kit';

/** A malformed id cannot name anything that exists: the answer is the same 404 as for a stranger's id. */
export function uuidParam(what: string): ParseUUIDPipe {
  return new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError(what) });
}
