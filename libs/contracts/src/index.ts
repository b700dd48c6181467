export * from './lib/roles';
export * from './lib/jobs';
export * from './lib/errors';
export * from './lib/clock';
