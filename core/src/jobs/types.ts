import type { Queryable } from '../store/db.js';

/** Names of the jobs core runs, and their data. Every handler is idempotent: a job may run twice. */
export interface JobData {
  /**
   * Notify the owner unit of an alarm (in-app record + webhook deliveries). `eventId` is the archive
   * event of the step being notified; notifications are unique per (event, unit).
   */
  notify: { alarmId: string; change: 'raised' | 'stepped' | 'cleared' | 'offline'; eventId?: string };
  /**
   * Run the risk type's analysis for an alarm and store the warning. `eventId` is the archive event of
   * the raise or step up that asked for it; an analysis older than the warning's last one is skipped.
   */
  analyze: { alarmId: string; eventId?: string };
  /** Deliver one webhook (retried with backoff). */
  webhook: { deliveryId: string };
  /** Look for sensors silent longer than 3× their interval. */
  'offline-scan': Record<string, never>;
  /** Re-analyse open alarms that held their level (see alarms/held.ts). */
  'held-scan': Record<string, never>;
}
export type JobName = keyof JobData;

export interface EnqueueOptions {
  delayMs?: number;
  maxAttempts?: number;
}

/** One job to write, for {@link Enqueue.many}. */
export type JobRequest = {
  [N in JobName]: { name: N; data: JobData[N]; opts?: EnqueueOptions };
}[JobName];

/**
 * Write a job in the caller's transaction; the runner (embedded or BullMQ relay) picks it up after
 * commit. `many` writes several in one statement.
 */
export interface Enqueue {
  <N extends JobName>(q: Queryable, name: N, data: JobData[N], opts?: EnqueueOptions): Promise<void>;
  many(q: Queryable, jobs: readonly JobRequest[]): Promise<void>;
}

/** What a handler learns about the run: which attempt this is (from 1) of how many. */
export interface JobRun {
  id: string;
  attempt: number;
  maxAttempts: number;
}

/** A job handler. It throws to ask for a retry (with backoff) until the attempts are spent. */
export type JobHandler<N extends JobName = JobName> = (data: JobData[N], run: JobRun) => Promise<void>;

export type JobHandlers = { [N in JobName]: JobHandler<N> };
