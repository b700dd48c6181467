const ADDRESS = /[^\s<>"'(),;:@]+@[^\s<>"'(),;:]+/g;
const MAX_LENGTH = 300;

/** Replaces anything shaped like an e-mail address: SMTP replies and driver errors often echo one. */
export function redactAddresses(text: string): string {
  return text.replace(ADDRESS, '[address]');
}

/**
 * A short, log-safe description of an error for logs, Redis (failedReason) and last_error columns:
 * the error's name and first message line, with addresses removed, bounded in length.
 */
export function summarizeError(err: unknown, maxLength = MAX_LENGTH): string {
  const name = err instanceof Error ? err.name : typeof err;
  const message = err instanceof Error ? err.message : typeof err === 'string' ? err : '';
  const firstLine = message.split(/\r?\n/, 1)[0] ?? '';
  const text = redactAddresses(firstLine ? `${name}: ${firstLine}` : name);
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}
