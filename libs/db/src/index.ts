export * from './lib/naming.strategy';
export * from './lib/base.entity';
export * from './lib/data-source';
export * from './lib/transaction';
export * from './lib/pg-errors';
export * from './lib/db.module';
export * from './lib/database-admin';
export { MIGRATIONS } from './migrations';
