export * from './jest/test-env';
export * from './lib/reset';
