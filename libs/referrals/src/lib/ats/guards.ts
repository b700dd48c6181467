// Small type guards for narrowing untrusted JSON (webhook bodies, API responses). Internal to the
// ATS adapters: nothing here is exported from the lib.

export type JsonObject = Readonly<Record<string, unknown>>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// The property of an object, or undefined when the value is not an object.
export function prop(value: unknown, key: string): unknown {
  return isObject(value) ? value[key] : undefined;
}

// A nested property: path(body, 'payload', 'application', 'id').
export function path(value: unknown, ...keys: string[]): unknown {
  let current: unknown = value;
  for (const key of keys) current = prop(current, key);
  return current;
}

// A non-empty trimmed string, or null.
export function str(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

// An identifier as a string: vendors send numbers (Greenhouse) or strings (Lever, Ashby). Only
// safe integers are accepted as numbers, so 1e21 or 1.5 never become an id.
export function id(value: unknown): string | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? String(value) : null;
  return str(value);
}

export function arr(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

// Trim, Unicode NFC, lower case: the same normalization the credit rules use for candidate
// e-mails (credit/candidate-identity.ts), so ATS addresses compare equal to stored ones.
export function normalizeEmail(raw: string): string {
  return raw.trim().normalize('NFC').toLowerCase();
}

export function email(value: unknown): string | null {
  const s = str(value);
  return s === null ? null : normalizeEmail(s);
}
