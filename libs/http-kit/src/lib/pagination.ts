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
export function decodeCursor<K extends string>(cursor: string, keys: readonly K[]): Record<K, string> {
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
  throw new ValidationFailedError('The cursor is not valid.', { fields: { cursor: ['malformed cursor'] } });
}

/** Fetch `limit + 1` rows, then call this: it trims and computes the next cursor. */
export function toPage<T>(rows: T[], limit: number, cursorOf: (last: T) => Record<string, string | number>): Page<T> {
  const hasMore = rows.length > limit;
  const items = hasMore ? rows.slice(0, limit) : rows;
  return { items, nextCursor: hasMore ? encodeCursor(cursorOf(items[items.length - 1] as T)) : null };
}
