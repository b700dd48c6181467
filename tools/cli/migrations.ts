import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { loadEnv } from '@peerline/config';
import { createDataSource, ensureDatabase } from '@peerline/db';

export async function withDataSource<T>(work: (ds: DataSource) => Promise<T>): Promise<T> {
  const ds = createDataSource(loadEnv());
  await ds.initialize();
  try {
    return await work(ds);
  } finally {
    await ds.destroy();
  }
}

export async function migrate(): Promise<string[]> {
  const env = loadEnv();
  if (env.NODE_ENV !== 'production') await ensureDatabase(env.DATABASE_URL);
  return withDataSource(async (ds) => (await ds.runMigrations({ transaction: 'each' })).map((m) => m.name));
}

export async function revert(): Promise<void> {
  await withDataSource((ds) => ds.undoLastMigration({ transaction: 'each' }));
}

export async function showPending(): Promise<boolean> {
  return withDataSource((ds) => ds.showMigrations());
}

/**
 * Writes a migration holding the difference between the entities and the database (the
 * database must be migrated first). The entities come from the composed app, not a glob.
 */
export async function generateMigration(ds: DataSource, name: string): Promise<string | null> {
  if (!/^[A-Z][A-Za-z0-9]+$/.test(name)) throw new Error('--name must be PascalCase, e.g. AddJobs');
  const sql = await ds.driver.createSchemaBuilder().log();
  if (sql.upQueries.length === 0) return null;
  const timestamp = Date.now();
  const q = (s: string) => s.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
  const up = sql.upQueries.map((x) => `    await q.query(\`${q(x.query)}\`);`).join('\n');
  const down = sql.downQueries.reverse().map((x) => `    await q.query(\`${q(x.query)}\`);`).join('\n');
  const file = join('libs/db/src/migrations', `${timestamp}-${name.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase()}.ts`);
  writeFileSync(
    file,
    `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${name}${timestamp} implements MigrationInterface {
  name = '${name}${timestamp}';

  async up(q: QueryRunner): Promise<void> {
${up}
  }

  async down(q: QueryRunner): Promise<void> {
${down}
  }
}
`,
  );
  return file;
}
