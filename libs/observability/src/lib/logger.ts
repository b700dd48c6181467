import pino, { type Logger } from 'pino';
import { getCorrelationId } from './correlation';
import { REDACT_PATHS } from './redaction';

export function pinoOptions(level: string): pino.LoggerOptions {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    // Every line written inside a request or job carries its correlation id.
    mixin: () => {
      const correlationId = getCorrelationId();
      return correlationId ? { correlationId } : {};
    },
  };
}

/** A JSON-lines logger for code outside Nest's DI (CLI, worker internals). */
export function createLogger(level: string, name?: string): Logger {
  return pino({ ...pinoOptions(level), name });
}
