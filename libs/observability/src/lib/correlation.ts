import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

interface CorrelationContext {
  correlationId: string;
}

const storage = new AsyncLocalStorage<CorrelationContext>();

/** The id that follows a request into its outbox rows and jobs. */
export function getCorrelationId(): string | undefined {
  return storage.getStore()?.correlationId;
}

export function runWithCorrelationId<T>(correlationId: string | undefined, fn: () => T): T {
  return storage.run({ correlationId: correlationId ?? randomUUID() }, fn);
}

const VALID_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Accepts a caller's id only when it is short and plain, so logs cannot be forged with it. */
export function sanitizeCorrelationId(value: unknown): string {
  return typeof value === 'string' && VALID_ID.test(value) ? value : randomUUID();
}
