export * from './lib/roles';
export * from './lib/jobs';
export * from './lib/errors';
