import { randomBytes } from 'node:crypto';

// The prefix is hex so it never contains the `_` separator; the secret is base64url and may.
const API_KEY_PATTERN = /^pl_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export interface ApiKeyParts {
  prefix: string;
  secret: string;
}

export function formatApiKey(parts: ApiKeyParts): string {
  return `pl_${parts.prefix}_${parts.secret}`;
}

export function generateApiKeyParts(): ApiKeyParts {
  return { prefix: randomBytes(6).toString('hex'), secret: randomBytes(32).toString('base64url') };
}

/** Null for anything that is not exactly a key we could have issued. */
export function parseApiKey(raw: string): ApiKeyParts | null {
  const match = API_KEY_PATTERN.exec(raw);
  if (!match) return null;
  return { prefix: match[1] as string, secret: match[2] as string };
}
