import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { loadEnv } from '@peerline/config';
import { commands } from './commands';

const USAGE = `Usage: npm run cli -- <command> [options]

  org:create --slug acme --name "Acme" --admin-email a@acme.test [--admin-name N] [--admin-password P] [--time-zone Europe/Berlin]
  user:create --org acme --email e@acme.test --name "Name" --roles hr,employee [--password P]
  seed:demo                       idempotent demo data (organizations acme and globex)
  seed:scale --ambassadors 100000 benchmark data: tops organization "scale" up to N ambassadors
  start:prepare                   create the database if needed, migrate, seed the demo when empty
  migration:run | migration:revert | migration:show
  migration:generate --name AddThing   write a migration from the entity/schema diff
  openapi:write | openapi:check   the committed docs/openapi.json
  jobs:retry-failed [--queue mail]  retry failed jobs (all queues unless --queue) with fresh attempts
`;

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  const run = command ? commands[command] : undefined;
  if (!run) {
    console.error(USAGE);
    process.exit(command ? 2 : 0);
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      slug: { type: 'string' },
      name: { type: 'string' },
      org: { type: 'string' },
      email: { type: 'string' },
      roles: { type: 'string' },
      password: { type: 'string' },
      'admin-email': { type: 'string' },
      'admin-name': { type: 'string' },
      'admin-password': { type: 'string' },
      'time-zone': { type: 'string' },
      queue: { type: 'string' },
      ambassadors: { type: 'string' },
    },
    strict: true,
  });
  loadEnv();
  await run(values);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
