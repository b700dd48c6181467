import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

export interface WorkerProcess {
  child: ChildProcess;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The worker's HTTP port (/healthz, /metrics). */
  port: number;
  /** Resolves once GET /healthz answers. */
  ready(timeoutMs?: number): Promise<void>;
  alive(): boolean;
  kill(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * The real worker (apps/worker/src/main.ts) in a child process, so a test can SIGKILL it. Test
 * values for the recovery timings: a killed worker's jobs come back within a few seconds.
 */
export async function startWorkerProcess(env: Record<string, string> = {}): Promise<WorkerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/worker/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      // DATABASE_URL, REDIS_URL and QUEUE_PREFIX come from the jest setup (the test's own).
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      WORKER_PORT: String(port),
      OUTBOX_POLL_MS: '50',
      OUTBOX_REDISPATCH_AFTER_SECONDS: '5',
      WORKER_LOCK_DURATION_MS: '4000',
      WORKER_STALLED_INTERVAL_MS: '1000',
      MAIL_SEND_LEASE_SECONDS: '4',
      JOB_BACKOFF_MS: '200',
      JOB_ATTEMPTS: '10',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const onData = (d: Buffer): void => {
    output += d.toString();
    // Bounded: a long run at info level writes a lot; the tail is what a failure needs.
    if (output.length > 2_000_000) output = output.slice(-1_000_000);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  const alive = (): boolean => child.exitCode === null && child.signalCode === null;
  return {
    child,
    output: () => output,
    exited,
    port,
    alive,
    ready: async (timeoutMs = 30_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (!alive()) throw new Error(`worker exited during start\n${output.slice(-4000)}`);
        const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) return;
        if (Date.now() > deadline) throw new Error(`worker not ready\n${output.slice(-4000)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    kill: async (signal) => {
      if (alive()) child.kill(signal);
      return exited;
    },
  };
}

/** A port nothing listens on right now (the OS picks it). */
async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => done(port));
    });
  });
}
