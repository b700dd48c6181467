export * from './jest/test-env';
export * from './lib/reset';
export * from './lib/mail-catcher';
export * from './lib/wait-until';
