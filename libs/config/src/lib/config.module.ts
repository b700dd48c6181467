import { Global, Module } from '@nestjs/common';
import { loadEnv, type Env } from './env.schema';

export const APP_CONFIG = Symbol('APP_CONFIG');

/** Nest token for the validated configuration: `@Inject(APP_CONFIG) config: AppConfig`. */
export type AppConfig = Readonly<Env>;

@Global()
@Module({
  providers: [{ provide: APP_CONFIG, useFactory: (): AppConfig => Object.freeze({ ...loadEnv() }) }],
  exports: [APP_CONFIG],
})
export class AppConfigModule {}
