// `npm start`: checks services, migrates, seeds the demo on an empty database, then runs the api
// and the worker until Ctrl-C (which stops both gracefully).
import { spawn, spawnSync } from 'node:child_process';
import net from 'node:net';
import { preflight } from './preflight.mjs';
import { startDevMailCatcher } from './dev-mail.mjs';

const problems = await preflight();
if (problems.length) {
  for (const p of problems) console.error(p);
  process.exit(1);
}

// Without a mail server in development, mail lands in tmp/mail/ instead of failing its retries.
const smtp = new URL(process.env.SMTP_URL || 'smtp://127.0.0.1:1025');
const smtpPort = Number(smtp.port || 25);
const smtpUp = await new Promise((resolve) => {
  const s = net.connect({ host: smtp.hostname, port: smtpPort, timeout: 1000 });
  s.once('connect', () => (s.end(), resolve(true)));
  s.once('timeout', () => (s.destroy(), resolve(false)));
  s.once('error', () => resolve(false));
});
let devMail;
if (!smtpUp && (process.env.NODE_ENV ?? 'development') === 'development') {
  devMail = await startDevMailCatcher({ host: smtp.hostname, port: smtpPort });
  console.log(`no SMTP server at ${smtp.host}: development mail is saved under tmp/mail/`);
}

const node = (file) => ['-r', '@swc-node/register', '--enable-source-maps', file];
const prepared = spawnSync('node', [...node('tools/cli/main.ts'), 'start:prepare'], { stdio: 'inherit' });
if (prepared.status !== 0) process.exit(prepared.status ?? 1);

const apps = [
  ['api', 'apps/api/src/main.ts'],
  ['worker', 'apps/worker/src/main.ts'],
];
const children = apps.map(([name, file]) => {
  const child = spawn('node', node(file), { stdio: 'inherit', env: { ...process.env, APP_NAME: name } });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${name} exited (${signal ?? code}); stopping the others`);
      stop(code ?? 1);
    }
  });
  return child;
});

let stopping = false;
function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  const deadline = setTimeout(() => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  }, 15000);
  deadline.unref();
  Promise.all(children.map((c) => (c.exitCode !== null ? null : new Promise((r) => c.once('exit', r))))).then(() => {
    devMail?.close();
    process.exit(code);
  });
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
