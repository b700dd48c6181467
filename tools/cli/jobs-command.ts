import { loadEnv } from '@peerline/config';
import { QUEUES, type QueueName } from '@peerline/contracts';
import { createDataSource } from '@peerline/db';
import { createRedisConnection, QueueRegistry, retryFailedJobs } from '@peerline/queue';

function isQueueName(name: string): name is QueueName {
  return (QUEUES as readonly string[]).includes(name);
}

/** `jobs:retry-failed [--queue mail]`: failed jobs get fresh attempts; see retryFailedJobs. */
export async function retryFailedJobsCommand(queue: string | undefined): Promise<void> {
  if (queue !== undefined && !isQueueName(queue)) {
    throw new Error(`unknown queue ${queue} (known: ${QUEUES.join(', ')})`);
  }
  const config = loadEnv();
  const ds = createDataSource({ ...config, DATABASE_POOL_SIZE: 2 });
  const redis = createRedisConnection(config, 'queue');
  const queues = new QueueRegistry(config, redis);
  try {
    await ds.initialize();
    const result = await retryFailedJobs(queues.all(), ds, queue ? { queue } : {});
    console.log(
      `retried ${result.retried} failed jobs${queue ? ` on queue ${queue}` : ''}; ` +
        `${result.redriven} failed outbox rows without a job handed back to the relay`,
    );
  } finally {
    await queues.close();
    redis.disconnect();
    if (ds.isInitialized) await ds.destroy();
  }
}
