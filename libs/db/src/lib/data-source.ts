import { DataSource, type DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../migrations';
import { SnakeNamingStrategy } from './naming.strategy';

export interface DataSourceConfig {
  DATABASE_URL: string;
  DATABASE_POOL_SIZE: number;
}

export function dataSourceOptions(
  config: DataSourceConfig,
  entities: DataSourceOptions['entities'] = [],
): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.DATABASE_URL,
    entities,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    logging: false,
    extra: { max: config.DATABASE_POOL_SIZE, application_name: 'peerline' },
  };
}

export function createDataSource(
  config: DataSourceConfig,
  entities?: DataSourceOptions['entities'],
): DataSource {
  return new DataSource(dataSourceOptions(config, entities));
}
