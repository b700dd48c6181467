// `npm test`: lint, typecheck, OpenAPI freshness, unit, integration and e2e suites, in that order.
// Every step runs even when an earlier one failed, so one run shows everything that is wrong.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { preflight } from './preflight.mjs';
import { summarize } from './jest-summary.mjs';

const problems = await preflight({ test: true });
if (problems.length) {
  for (const p of problems) console.error(p);
  process.exit(1);
}

const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };
rmSync('reports', { recursive: true, force: true });
mkdirSync('reports', { recursive: true });

const jest = (project, extra = []) => [
  'npx',
  ['jest', '--selectProjects', project, '--json', `--outputFile=reports/jest-${project}.json`, ...extra],
];
const steps = [
  // One ESLint process over the workspace (the one root config every project uses): the typed
  // rules share one TypeScript project service instead of building it again per Nx project, which
  // took about five times as long.
  ['lint', 'npx', ['eslint', '.']],
  ['typecheck', 'npx', ['tsc', '-p', 'tsconfig.json']],
  ['openapi', 'node', ['-r', '@swc-node/register', 'tools/cli/main.ts', 'openapi:check']],
  ['unit', ...jest('unit')],
  ['integration', ...jest('integration', ['--runInBand'])],
  ['e2e', ...jest('e2e', ['--runInBand'])],
];

const failed = [];
for (const [name, cmd, args] of steps) {
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(cmd, args, { stdio: 'inherit', env });
  console.log(`=== ${name}: ${result.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (result.status !== 0) failed.push(name);
}

// The checks that are not jest suites (lint, typecheck, openapi) count as one test each.
const checks = steps.filter(([, cmd, args]) => !args.includes('jest')).map(([name]) => name);
writeFileSync(
  'reports/checks.json',
  JSON.stringify({ passed: checks.filter((c) => !failed.includes(c)).length, failed: checks.filter((c) => failed.includes(c)).length }),
);
const { passed, failed: failedTests } = summarize('reports');
if (failed.length) console.error(`\nFailed steps: ${failed.join(', ')}`);
console.log(`${passed} passed, ${failedTests} failed`);
process.exit(failed.length ? 1 : 0);
