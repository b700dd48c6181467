import { encodeCursor } from '@peerline/http-kit';
import type { DirectoryRow } from './ambassador.types';
import { decodeDirectoryCursor, encodeDirectoryCursor } from './directory-cursor.util';

const id = '0b7c5a1e-8a8e-4c1e-9a51-0c8f2b8f0a11';
const row = (score: string | null): DirectoryRow => ({
  id,
  displayName: 'x',
  photoUrl: null,
  title: null,
  team: null,
  department: null,
  level: null,
  location: null,
  timeZone: 'UTC',
  utcOffsetMinutes: 0,
  languages: [],
  topics: [],
  status: 'active',
  returnsOn: null,
  remaining: 4,
  score,
});

describe('directory cursors', () => {
  it('round-trip the sort key of the last row', () => {
    expect(decodeDirectoryCursor(encodeDirectoryCursor(row(null)), false)).toEqual({
      mode: 'capacity',
      remaining: 4,
      id,
    });
    expect(decodeDirectoryCursor(encodeDirectoryCursor(row('0.0607927')), true)).toEqual({
      mode: 'relevance',
      score: '0.0607927',
      remaining: 4,
      id,
    });
  });

  it.each([
    ['not base64 json', '%%%'],
    ['a relevance cursor for a capacity query', encodeCursor({ m: 'r', s: '0.5', r: 1, i: id })],
    ['a negative capacity', encodeCursor({ m: 'c', r: -1, i: id })],
    ['an id that is not a uuid', encodeCursor({ m: 'c', r: 1, i: "1' OR 1=1" })],
    ['a missing key', encodeCursor({ m: 'c', r: 1 })],
  ])('rejects %s with VALIDATION_FAILED', (_what, cursor) => {
    expect(() => decodeDirectoryCursor(cursor, false)).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED', status: 400 }),
    );
  });

  it('rejects a score that is not a number', () => {
    const cursor = encodeCursor({ m: 'r', s: 'NaN', r: 1, i: id });
    expect(() => decodeDirectoryCursor(cursor, true)).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
  });
});
