function field(body: unknown, name: string): string {
  if (typeof body !== 'object' || body === null) return '';
  const value = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value.trim().toLowerCase() : '';
}

/**
 * One bucket per client address, organization and account: guessing one account's password is
 * slowed down without letting a single noisy client lock out everyone behind the same address.
 * The throttler hashes this before it becomes a Redis key, so no e-mail address lands in Redis.
 */
export function loginTracker(ip: string, body: unknown): string {
  return JSON.stringify([ip, field(body, 'organization'), field(body, 'email')]);
}
