/** ioredis client shared by the Queue instances (producers, counts, job lookups). */
export const QUEUE_REDIS = Symbol('QUEUE_REDIS');
/** ioredis client shared by the Workers; each Worker duplicates it for its blocking reads. */
export const WORKER_REDIS = Symbol('WORKER_REDIS');
