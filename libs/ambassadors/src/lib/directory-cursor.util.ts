import { decodeCursor, encodeCursor, ValidationFailedError } from '@peerline/http-kit';
import type { DirectoryCursor, DirectoryRow } from './ambassador.types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// A real as PostgreSQL prints it (shortest exact form): 0.0607927, 1e-05, 0.4.
const REAL = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

function malformed(): ValidationFailedError {
  return new ValidationFailedError('The cursor is not valid.', {
    fields: { cursor: ['malformed cursor'] },
  });
}

/**
 * The cursor holds the last row's sort key. Its mode must match the query's (a relevance cursor
 * means nothing to a capacity-ordered query); every value is checked so a forged cursor is a
 * 400, not a failed cast inside PostgreSQL.
 */
export function decodeDirectoryCursor(cursor: string, relevance: boolean): DirectoryCursor {
  if (relevance) {
    const { m, s, r, i } = decodeCursor(cursor, ['m', 's', 'r', 'i'] as const);
    if (m !== 'r' || !REAL.test(s) || s.length > 32) throw malformed();
    return { mode: 'relevance', score: s, remaining: checkRemaining(r), id: checkId(i) };
  }
  const { m, r, i } = decodeCursor(cursor, ['m', 'r', 'i'] as const);
  if (m !== 'c') throw malformed();
  return { mode: 'capacity', remaining: checkRemaining(r), id: checkId(i) };
}

function checkRemaining(r: string): number {
  if (!/^\d{1,3}$/.test(r)) throw malformed();
  return Number(r);
}

function checkId(i: string): string {
  if (!isUuid(i)) throw malformed();
  return i;
}

export function directoryCursorOf(row: DirectoryRow): Record<string, string | number> {
  return row.score === null
    ? { m: 'c', r: row.remaining, i: row.id }
    : { m: 'r', s: row.score, r: row.remaining, i: row.id };
}

export function encodeDirectoryCursor(row: DirectoryRow): string {
  return encodeCursor(directoryCursorOf(row));
}
