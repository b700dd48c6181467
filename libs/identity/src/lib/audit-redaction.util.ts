export type AuditSnapshot = Record<string, unknown>;

// Matches passwordHash, token, tokenHash, inviteToken, refreshToken, secret, keyHash, apiKey, key.
const SECRET_KEY = /password|secret|token|hash|api_?key|^key$/i;

/**
 * Audit rows are readable by hr and kept for years, so anything secret is dropped even when a
 * caller passes it by mistake. Nested objects and arrays are cleaned too.
 */
export function redactSecrets(snapshot: AuditSnapshot | null | undefined): AuditSnapshot | null {
  if (snapshot === null || snapshot === undefined) return null;
  return cleanObject(snapshot);
}

function cleanObject(obj: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(obj)) {
    if (SECRET_KEY.test(key)) continue;
    out[key] = cleanValue(value);
  }
  return out;
}

function cleanValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(cleanValue);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object' && value !== null)
    return cleanObject(value as Record<string, unknown>);
  return value;
}
