import { Logger, Module, type DynamicModule, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { APP_CONFIG, loadEnv, type AppConfig } from '@peerline/config';
import { DbModule } from '@peerline/db';
import { MailService, NotificationsModule, NotificationsService } from '@peerline/notifications';

@Module({})
class CommandSideModule {}

export interface CommandSide {
  app: INestApplicationContext;
  ds: DataSource;
  mail: MailService;
  notifications: NotificationsService;
}

/**
 * What an api command has for notifications (MailService, NotificationsService), without the
 * worker: jobs are queued here and delivered by a worker process the test starts.
 */
export async function startCommandSide(overrides: Partial<AppConfig> = {}): Promise<CommandSide> {
  Logger.overrideLogger(false);
  const config: AppConfig = Object.freeze({ ...loadEnv(), DATABASE_POOL_SIZE: 4, ...overrides });
  const configModule: DynamicModule = {
    module: class TestConfigModule {},
    global: true,
    providers: [{ provide: APP_CONFIG, useValue: config }],
    exports: [APP_CONFIG],
  };
  const app = await NestFactory.createApplicationContext(
    { module: CommandSideModule, imports: [configModule, DbModule, NotificationsModule] },
    { logger: false, abortOnError: false },
  );
  await app.init();
  return {
    app,
    ds: app.get(DataSource),
    mail: app.get(MailService),
    notifications: app.get(NotificationsService),
  };
}
