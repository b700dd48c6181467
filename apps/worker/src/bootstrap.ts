import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadEnv } from '@peerline/config';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './worker.module';

/**
 * Builds the worker: the outbox relay, the job processors and GET /healthz. Processing starts in
 * `listen()` (or `init()`), and `close()` drains: relay first, then running jobs, then connections.
 */
export async function createWorkerApp(): Promise<NestFastifyApplication> {
  loadEnv();
  const app = await NestFactory.create<NestFastifyApplication>(WorkerModule, new FastifyAdapter(), {
    bufferLogs: true,
    abortOnError: false,
  });
  // JSON lines with redaction; job logs carry the correlation id of the request that caused them.
  app.useLogger(app.get(Logger));
  return app;
}
