import type { Queryable } from '../store/db.js';

/** Names of the jobs core runs, and their data. */
export interface JobData {
  /** Notify the owner unit of an alarm (in-app record + webhook deliveries). */
  notify: { alarmId: string; change: 'raised' | 'stepped' | 'cleared' | 'offline' };
  /** Run the risk type's analysis for an alarm and store the warning. */
  analyze: { alarmId: string };
  /** Deliver one webhook (retried with backoff). */
  webhook: { deliveryId: string };
  /** Look for sensors silent longer than 3× their interval. */
  'offline-scan': Record<string, never>;
}
export type JobName = keyof JobData;

export interface EnqueueOptions {
  delayMs?: number;
  maxAttempts?: number;
}

/** Write a job in the caller's transaction; the runner (embedded or BullMQ relay) picks it up after commit. */
export type Enqueue = <N extends JobName>(q: Queryable, name: N, data: JobData[N], opts?: EnqueueOptions) => Promise<void>;
