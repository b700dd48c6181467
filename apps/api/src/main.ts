import { loadEnv } from '@peerline/config';
import { createApiApp } from './bootstrap';

async function main(): Promise<void> {
  const config = loadEnv();
  const app = await createApiApp();
  await app.listen({ host: config.API_HOST, port: config.API_PORT });
}

main().catch((err: unknown) => {
  // The env schema's message names the variable; nothing else about the config is printed.
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
