// Sums every jest --json report in a folder (plus the non-jest checks) into one
// "N passed, N failed" line.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function summarize(dir) {
  let passed = 0;
  let failed = 0;
  if (!existsSync(dir)) return { passed, failed };
  for (const f of readdirSync(dir).filter((n) => /^jest-.*\.json$/.test(n))) {
    const report = JSON.parse(readFileSync(join(dir, f), 'utf8'));
    passed += report.numPassedTests;
    // A suite that failed to run (syntax error, setup crash) has no failed tests: count it.
    failed += report.numFailedTests + report.numRuntimeErrorTestSuites;
  }
  if (existsSync(join(dir, 'checks.json'))) {
    const checks = JSON.parse(readFileSync(join(dir, 'checks.json'), 'utf8'));
    passed += checks.passed;
    failed += checks.failed;
  }
  return { passed, failed };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { passed, failed } = summarize(process.argv[2] ?? 'reports');
  console.log(`${passed} passed, ${failed} failed`);
}
