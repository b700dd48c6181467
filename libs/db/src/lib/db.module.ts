import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@peerline/config';
import { dataSourceOptions } from './data-source';

/** The single TypeORM connection; libs add their entities with TypeOrmModule.forFeature. */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions(config),
        autoLoadEntities: true,
        migrationsRun: false,
        retryAttempts: 2,
        retryDelay: 500,
      }),
    }),
  ],
})
export class DbModule {}
