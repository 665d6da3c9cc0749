/**
 * Jobs on Redis (REDIS_URL set): the `jobs` table stays the outbox (a job is written in the same
 * transaction as the change that causes it), and a relay moves its rows to BullMQ, one queue per job
 * name, where Workers in any `serve` or `worker` process run them with attempts and backoff.
 *
 * The relay leases rows, adds them with jobId `outbox-<id>` (BullMQ ignores an id it already holds),
 * and only then deletes them: a crash between the two re-adds the rows after the lease, which at worst
 * runs a job twice (if the first copy was already done and removed) and never loses one. Rows with a
 * future `run_at` become BullMQ delayed jobs. Repeating jobs are BullMQ job schedulers, which exist
 * once in Redis however many processes declare them.
 */
import { type Job, Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { Core } from '../core.js';
import { describeError, type Schedule } from './runner.js';
import type { JobHandler, JobHandlers, JobName } from './types.js';
import { onWakeJobs, Waker } from './wake.js';

export interface BullOptions {
  redisUrl: string;
  /** Key prefix of every queue, e.g. `fenghuo:public`. */
  prefix: string;
  pollMs: number;
  leaseMs: number;
  concurrency: number;
  backoffMs: number;
  schedules: Schedule[];
  /** Run Workers in this process (a relay-only process would set it false). */
  work: boolean;
  /** Most outbox rows moved per relay round. */
  relayBatch: number;
}

interface OutboxRow {
  id: string;
  name: string;
  data: unknown;
  attempts: number;
  max_attempts: number;
  delay_ms: number;
}

/** Completed jobs are kept a while so that a re-relayed outbox row is recognised by its jobId. */
const KEEP_COMPLETED = { age: 24 * 3600, count: 100_000 };
/** Failed jobs (attempts spent) are the dead letters: kept a week for an operator to inspect or retry. */
const KEEP_FAILED = { age: 7 * 24 * 3600 };

export class BullRunner {
  private readonly conn: Redis;
  private readonly queues = new Map<JobName, Queue>();
  private readonly workers: Worker[] = [];
  private stopped = false;
  private loopDone: Promise<void> | null = null;
  private readonly waker = new Waker();
  private unhook: (() => void) | null = null;

  constructor(
    private readonly core: Core,
    private readonly handlers: Partial<JobHandlers>,
    private readonly opts: BullOptions,
  ) {
    // Workers block on Redis; ioredis must not give up on a command (BullMQ requires null here).
    this.conn = new Redis(opts.redisUrl, { maxRetriesPerRequest: null });
    this.conn.on('error', (err) => core.log.warn({ err: describeError(err) }, 'redis connection error'));
  }

  /** The queue of one job name (made on first use). */
  queue(name: JobName): Queue {
    let q = this.queues.get(name);
    if (!q) {
      q = new Queue(name, {
        connection: this.conn,
        prefix: this.opts.prefix,
        defaultJobOptions: { removeOnComplete: KEEP_COMPLETED, removeOnFail: KEEP_FAILED },
      });
      this.queues.set(name, q);
    }
    return q;
  }

  async start(): Promise<void> {
    for (const s of this.opts.schedules) {
      await this.queue(s.name).upsertJobScheduler(
        s.name,
        { every: s.everyMs },
        { name: s.name, data: {}, opts: { attempts: 1, removeOnComplete: 100, removeOnFail: 100 } },
      );
    }
    if (this.opts.work) {
      for (const [name, handler] of Object.entries(this.handlers) as [JobName, JobHandler][]) {
        const worker = new Worker(
          name,
          async (job: Job) =>
            handler(job.data as never, {
              id: job.id ?? '',
              attempt: job.attemptsMade + 1,
              maxAttempts: job.opts.attempts ?? 1,
            }),
          { connection: this.conn, prefix: this.opts.prefix, concurrency: this.opts.concurrency },
        );
        worker.on('failed', (job, err) => {
          const final = job ? job.attemptsMade >= (job.opts.attempts ?? 1) : true;
          this.core.log[final ? 'error' : 'warn'](
            { job: job?.id, name, attempt: job?.attemptsMade, err: describeError(err) },
            final ? 'job failed for good' : 'job failed',
          );
        });
        worker.on('error', (err) =>
          this.core.log.warn({ err: describeError(err), name }, 'job worker error'),
        );
        this.workers.push(worker);
      }
      await Promise.all(this.workers.map((w) => w.waitUntilReady()));
    }
    this.unhook = onWakeJobs(this.core, () => this.wake());
    this.loopDone = this.loop();
  }

  wake(): void {
    this.waker.wake();
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.unhook?.();
    this.wake();
    await this.loopDone;
    await Promise.all(this.workers.map((w) => w.close()));
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    await this.conn.quit().catch(() => this.conn.disconnect());
  }

  private sleep(ms: number): Promise<void> {
    return this.stopped ? Promise.resolve() : this.waker.sleep(ms);
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      let moved = 0;
      try {
        moved = await this.relay();
        failures = 0;
      } catch (err) {
        if (this.stopped) break;
        failures++;
        this.core.log.warn({ err: describeError(err) }, 'job relay could not move the outbox to redis');
      }
      if (moved < this.opts.relayBatch) {
        await this.sleep(
          failures > 0 ? Math.min(30_000, this.opts.pollMs * 2 ** failures) : this.opts.pollMs,
        );
      }
    }
  }

  /** Move one batch of outbox rows to BullMQ; returns how many. */
  async relay(): Promise<number> {
    const { rows } = await this.core.db.query<OutboxRow>(
      `UPDATE jobs SET locked_until = now() + $2 * interval '1 millisecond'
        WHERE id IN (
          SELECT id FROM jobs
           WHERE dead_at IS NULL AND (locked_until IS NULL OR locked_until < now())
           ORDER BY run_at, id
           LIMIT $1
           FOR UPDATE SKIP LOCKED)
       RETURNING id::text, name, data, attempts, max_attempts,
                 greatest(0, extract(epoch FROM run_at - now()) * 1000)::float8 AS delay_ms`,
      [this.opts.relayBatch, this.opts.leaseMs],
    );
    if (rows.length === 0) return 0;
    const byQueue = new Map<JobName, OutboxRow[]>();
    for (const r of rows) {
      const list = byQueue.get(r.name as JobName) ?? [];
      list.push(r);
      byQueue.set(r.name as JobName, list);
    }
    for (const [name, list] of byQueue) {
      await this.queue(name).addBulk(
        list.map((r) => ({
          name,
          data: r.data,
          opts: {
            jobId: `outbox-${r.id}`,
            attempts: Math.max(1, r.max_attempts - r.attempts),
            backoff: { type: 'exponential', delay: this.opts.backoffMs },
            ...(r.delay_ms > 0 ? { delay: Math.ceil(r.delay_ms) } : {}),
          },
        })),
      );
    }
    await this.core.db.query('DELETE FROM jobs WHERE id = ANY($1::bigint[])', [rows.map((r) => r.id)]);
    return rows.length;
  }
}
