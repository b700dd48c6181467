// Checks that PostgreSQL and Redis answer before anything starts, and says how to fix it in one
// line when they do not. Used by `npm start` and `npm test`.
import net from 'node:net';
import { existsSync } from 'node:fs';

if (existsSync('.env')) process.loadEnvFile('.env');

function reachable(urlString, fallbackPort) {
  const url = new URL(urlString);
  const port = Number(url.port || fallbackPort);
  return new Promise((resolve) => {
    const socket = net.connect({ host: url.hostname, port, timeout: 2000 });
    socket.once('connect', () => (socket.end(), resolve(true)));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(false));
  });
}

export async function preflight({ test = false } = {}) {
  const db = (test && process.env.TEST_DATABASE_URL) || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/peerline';
  const redis = (test && process.env.TEST_REDIS_URL) || process.env.REDIS_URL || 'redis://127.0.0.1:6379/0';
  const problems = [];
  if (!(await reachable(db, 5432)))
    problems.push(
      `PostgreSQL is not reachable at ${new URL(db).host}: start it with "docker compose -f docker/compose.yml up -d postgres" or "apt-get install postgresql && pg_ctlcluster 15 main start", or set DATABASE_URL.`,
    );
  if (!(await reachable(redis, 6379)))
    problems.push(
      `Redis is not reachable at ${new URL(redis).host}: start it with "docker compose -f docker/compose.yml up -d redis" or "apt-get install redis-server && redis-server --daemonize yes", or set REDIS_URL.`,
    );
  return problems;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const problems = await preflight({ test: process.argv.includes('--test') });
  for (const p of problems) console.error(p);
  process.exit(problems.length ? 1 : 0);
}
