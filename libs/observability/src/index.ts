export * from './lib/correlation';
export * from './lib/correlation.middleware';
export * from './lib/logger';
export * from './lib/logging.module';
export * from './lib/metrics';
export * from './lib/health';
export * from './lib/redaction';
