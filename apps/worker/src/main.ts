import { Logger } from '@nestjs/common';
import { loadEnv } from '@peerline/config';
import { createWorkerApp } from './bootstrap';

async function main(): Promise<void> {
  const config = loadEnv();
  const app = await createWorkerApp();
  const logger = new Logger('Worker');

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received: stopping the relay and finishing running jobs`);
    // A job still running after its lock duration is picked up again by another worker anyway.
    const deadline = setTimeout(() => {
      logger.error('shutdown took too long; exiting with jobs still running');
      process.exit(1);
    }, config.WORKER_LOCK_DURATION_MS + 5_000);
    deadline.unref();
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error(`shutdown failed: ${err instanceof Error ? err.message : String(err)}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);

  await app.listen({ host: config.API_HOST, port: config.WORKER_PORT });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address !== null ? address.port : config.WORKER_PORT;
  logger.log(`worker ready; /healthz and /metrics on port ${port}`);
}

main().catch((err: unknown) => {
  // The env schema's message names the variable; nothing else about the config is printed.
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
