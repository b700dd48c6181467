import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ValidationFailedError } from './domain-error';

export class CursorQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function encodeCursor(value: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/** Decodes a cursor and checks it has exactly the expected string/number keys. */
export function decodeCursor<K extends string>(
  cursor: string,
  keys: readonly K[],
): Record<K, string> {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null) {
      const obj = parsed as Record<string, unknown>;
      if (keys.every((k) => typeof obj[k] === 'string' || typeof obj[k] === 'number')) {
        return Object.fromEntries(keys.map((k) => [k, String(obj[k])])) as Record<K, string>;
      }
    }
  } catch {
    // fall through to the validation error
  }
  throw new ValidationFailedError('The cursor is not valid.', {
    fields: { cursor: ['malformed cursor'] },
  });
}

// A timestamptz as Postgres prints it (`::text`), e.g. 2030-01-02 03:04:05.123456+00.
const PG_TIMESTAMPTZ = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2}){0,2}$/u;
const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;

/**
 * The keyset cursor of lists ordered by (a timestamptz, id): `{ t, i }`. Checked here, so a forged
 * cursor is a 400 and never a failed cast inside Postgres.
 */
export function decodeTimeCursor(cursor: string): { at: string; id: string } {
  const { t, i } = decodeCursor(cursor, ['t', 'i'] as const);
  if (!PG_TIMESTAMPTZ.test(t) || !UUID_SHAPE.test(i)) {
    throw new ValidationFailedError('The cursor is not valid.', {
      fields: { cursor: ['malformed cursor'] },
    });
  }
  return { at: t, id: i };
}

/** Fetch `limit + 1` rows, then call this: it trims and computes the next cursor. */
export function toPage<T>(
  rows: T[],
  limit: number,
  cursorOf: (last: T) => Record<string, string | number>,
): Page<T> {
  const hasMore = rows.length > limit;
  const items = hasMore ? rows.slice(0, limit) : rows;
  return {
    items,
    nextCursor: hasMore ? encodeCursor(cursorOf(items[items.length - 1] as T)) : null,
  };
}
