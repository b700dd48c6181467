export * from './lib/env.schema';
export * from './lib/config.module';
export { SecretBox } from './lib/secret-box';
