export * from './lib/env.schema';
export * from './lib/config.module';
