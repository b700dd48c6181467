import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { ROLES, type Role } from '@peerline/contracts';
import { loadEnv } from '@peerline/config';
import { OrganizationsService, UsersService } from '@peerline/identity';
import { DataSource } from 'typeorm';
import { CliModule } from './cli.module';
import { DEMO_ORGANIZATIONS, DEMO_PASSWORD } from './demo-data';
import { generateMigration, migrate, revert, showPending, withDataSource } from './migrations';
import { seedDemoAmbassadors, seedScale } from './seed-ambassadors';

type Args = Record<string, string | boolean | undefined>;

function required(args: Args, name: string): string {
  const v = args[name];
  if (typeof v !== 'string' || v.trim() === '') throw new Error(`--${name} is required`);
  return v;
}

function parseRoles(value: string): Role[] {
  const roles = value.split(',').map((r) => r.trim());
  const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length) throw new Error(`unknown roles: ${unknown.join(', ')} (known: ${ROLES.join(', ')})`);
  return roles as Role[];
}

async function withContext<T>(work: (ctx: INestApplicationContext) => Promise<T>): Promise<T> {
  const ctx = await NestFactory.createApplicationContext(CliModule, { logger: ['error', 'warn'] });
  try {
    return await work(ctx);
  } finally {
    await ctx.close();
  }
}

/** Creates what is missing and leaves what exists: running it twice changes nothing. */
async function seedDemo(ctx: INestApplicationContext): Promise<void> {
  const orgs = ctx.get(OrganizationsService);
  const users = ctx.get(UsersService);
  for (const demo of DEMO_ORGANIZATIONS) {
    const org =
      (await orgs.findOrganizationBySlug(demo.slug)) ??
      (await orgs.createOrganization({ slug: demo.slug, name: demo.name, timeZone: demo.timeZone }));
    for (const u of demo.users) {
      if (await users.findUserByEmail(org.id, u.email)) continue;
      await users.createUser(org.id, { ...u, password: DEMO_PASSWORD });
    }
    await seedDemoAmbassadors(ctx, org, demo.ambassadors, DEMO_PASSWORD);
  }
  printDemoLogins();
}

function printDemoLogins(): void {
  const env = loadEnv();
  console.log(`\nDemo organizations (password for every user: ${DEMO_PASSWORD}):`);
  for (const demo of DEMO_ORGANIZATIONS) {
    for (const u of demo.users) console.log(`  ${demo.slug.padEnd(7)} ${u.roles.join('+').padEnd(21)} ${u.email}`);
    const more = demo.ambassadors.filter((a) => !demo.users.some((u) => u.email === a.email)).length;
    console.log(`  ${demo.slug.padEnd(7)} ${'ambassador+employee'.padEnd(21)} ${more} more directory profiles (…@${demo.slug}.test)`);
  }
  console.log(`\nAPI      ${env.PUBLIC_URL}/api/v1`);
  console.log(`Swagger  ${env.PUBLIC_URL}/docs`);
  console.log(`Ready    ${env.PUBLIC_URL}/readyz`);
  console.log(`Worker   http://${env.API_HOST}:${env.WORKER_PORT}/healthz\n`);
}

async function openApiJson(): Promise<string> {
  // Imported lazily: only these commands need the whole api composed.
  const { generateOpenApiDocument } = await import('../../apps/api/src/bootstrap');
  return JSON.stringify(await generateOpenApiDocument(), null, 2) + '\n';
}

const OPENAPI_FILE = 'docs/openapi.json';

export const commands: Record<string, (args: Args) => Promise<void>> = {
  'migration:run': async () => {
    const ran = await migrate();
    console.log(ran.length ? `ran ${ran.join(', ')}` : 'no pending migrations');
  },
  'migration:revert': async () => {
    await revert();
    console.log('reverted the last migration');
  },
  'migration:show': async () => {
    console.log((await showPending()) ? 'there are pending migrations' : 'no pending migrations');
  },
  'migration:generate': async (args) => {
    const name = required(args, 'name');
    const file = await withContext((ctx) => generateMigration(ctx.get(DataSource), name));
    console.log(file ? `wrote ${file}: review it and add it to libs/db/src/migrations/index.ts` : 'no schema changes');
  },
  'org:create': async (args) => {
    const slug = required(args, 'slug');
    const name = required(args, 'name');
    const email = required(args, 'admin-email');
    const given = args['admin-password'];
    const password = typeof given === 'string' ? given : randomBytes(12).toString('base64url');
    await withContext(async (ctx) => {
      const tz = args['time-zone'];
      const org = await ctx.get(OrganizationsService).createOrganization({
        slug,
        name,
        timeZone: typeof tz === 'string' ? tz : undefined,
      });
      const adminName = args['admin-name'];
      await ctx.get(UsersService).createUser(org.id, {
        email,
        name: typeof adminName === 'string' ? adminName : 'Administrator',
        roles: ['admin'],
        password,
      });
      console.log(`created organization ${org.slug} (${org.id}) with admin ${email}`);
      if (typeof given !== 'string') console.log(`admin password (shown once): ${password}`);
    });
  },
  'user:create': async (args) => {
    const slug = required(args, 'org');
    const given = args['password'];
    const password = typeof given === 'string' ? given : randomBytes(12).toString('base64url');
    await withContext(async (ctx) => {
      const org = await ctx.get(OrganizationsService).findOrganizationBySlug(slug);
      if (!org) throw new Error(`no organization with slug ${slug}`);
      const user = await ctx.get(UsersService).createUser(org.id, {
        email: required(args, 'email'),
        name: required(args, 'name'),
        roles: parseRoles(required(args, 'roles')),
        password,
      });
      console.log(`created user ${user.email} (${user.id}) in ${slug}`);
      if (typeof given !== 'string') console.log(`password (shown once): ${password}`);
    });
  },
  'seed:demo': async () => {
    await migrate();
    await withContext(seedDemo);
  },
  'seed:scale': async (args) => {
    const raw = args['ambassadors'] ?? '100000';
    const target = typeof raw === 'string' ? Number(raw) : NaN;
    if (!Number.isInteger(target) || target < 1 || target > 5_000_000) {
      throw new Error('--ambassadors must be a whole number from 1 to 5000000');
    }
    await migrate();
    await withContext((ctx) => seedScale(ctx, target));
  },
  'start:prepare': async () => {
    const ran = await migrate();
    if (ran.length) console.log(`migrated: ${ran.join(', ')}`);
    const empty = await withDataSource(async (ds) => {
      const rows: { n: number }[] = await ds.query('SELECT count(*)::int AS n FROM organizations');
      return rows[0]?.n === 0;
    });
    if (empty && loadEnv().SEED_DEMO_ON_START) {
      console.log('empty database: seeding the demo organizations');
      await withContext(seedDemo);
    } else {
      printDemoLogins();
    }
  },
  'openapi:write': async () => {
    writeFileSync(OPENAPI_FILE, await openApiJson());
    console.log(`wrote ${OPENAPI_FILE}`);
  },
  'openapi:check': async () => {
    const current = await openApiJson();
    let committed = '';
    try {
      committed = readFileSync(OPENAPI_FILE, 'utf8');
    } catch {
      // a missing file is stale too
    }
    if (committed !== current) throw new Error(`${OPENAPI_FILE} is stale: run npm run openapi and commit it`);
    console.log(`${OPENAPI_FILE} is current`);
  },
  'jobs:retry-failed': async (args) => {
    // Lazy: only this command needs BullMQ and Redis.
    const { retryFailedJobsCommand } = await import('./jobs-command');
    const queue = args['queue'];
    await retryFailedJobsCommand(typeof queue === 'string' ? queue : undefined);
  },
};
