/**
 * The typed job registry: job name → payload → queue. Payloads carry ids, never personal data
 * (an e-mail address is looked up by the processor, so nothing personal lands in Redis).
 */
export const QUEUES = ['mail', 'default'] as const;
export type QueueName = (typeof QUEUES)[number];

export interface JobPayloads {
  'mail.send': { messageId: string };
  /** A no-op used by the outbox tests and health checks: its processor records one effect row. */
  'system.probe': { probeId: string; seq: number };
}
export type JobName = keyof JobPayloads;

export const JOB_QUEUE: { readonly [J in JobName]: QueueName } = {
  'mail.send': 'mail',
  'system.probe': 'default',
};

export const JOB_NAMES = Object.keys(JOB_QUEUE) as JobName[];

export function isJobName(name: string): name is JobName {
  return Object.prototype.hasOwnProperty.call(JOB_QUEUE, name);
}
