/**
 * The embedded job runner (no REDIS_URL): the `jobs` table is the queue. A runner claims due rows with
 * a lease (`FOR UPDATE SKIP LOCKED`, so several runners share the table), runs their handlers, deletes a
 * row when its handler succeeds and reschedules it with exponential backoff when it fails, until its
 * attempts are spent and it is kept as dead (`dead_at`, `run_at = infinity`).
 *
 * Nothing lives only in memory: a runner that dies leaves leased rows whose lease expires, and the next
 * runner (after a restart, or another process) claims them again. Repeating jobs are rows of
 * `job_schedules`; whoever moves a schedule forward enqueues its run, so one run happens per period.
 */
import type { Core } from '../core.js';
import { coreErrors } from '../errors.js';
import type { JobHandler, JobHandlers, JobName } from './types.js';
import { onWakeJobs, Waker } from './wake.js';

export interface Schedule {
  name: JobName;
  everyMs: number;
}

export interface RunnerOptions {
  /** Poll this often when nothing wakes the runner (ms). */
  pollMs: number;
  /** A claimed job is another runner's to take after this long (ms). */
  leaseMs: number;
  /** Jobs run at once by this runner. */
  concurrency: number;
  /** First retry delay (ms); it doubles with every failed attempt. */
  backoffMs: number;
  /** Longest retry delay (ms). */
  maxBackoffMs: number;
  /** How long `stop()` waits for running jobs before leaving them to their leases (ms). */
  stopGraceMs: number;
  schedules: Schedule[];
}

interface Claimed {
  id: string;
  name: string;
  data: unknown;
  attempts: number;
  max_attempts: number;
}

/** Retry delay after `attempt` failed attempts (1-based): `base · 2^(attempt-1)`, capped. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}

/** A short, secret-free description of a failure for `jobs.last_error`. */
export function describeError(err: unknown): string {
  if (
    err &&
    typeof err === 'object' &&
    'code' in err &&
    typeof (err as { code: unknown }).code === 'string'
  ) {
    const e = err as { code: string; message?: string };
    return `${e.code}: ${e.message ?? ''}`.slice(0, 2000);
  }
  return (err instanceof Error ? err.message : String(err)).slice(0, 2000);
}

export class EmbeddedRunner {
  private stopped = false;
  private loopDone: Promise<void> | null = null;
  private readonly inflight = new Set<Promise<void>>();
  private readonly waker = new Waker();
  private nextScheduleCheck = 0;
  private unhook: (() => void) | null = null;

  constructor(
    private readonly core: Core,
    private readonly handlers: Partial<JobHandlers>,
    private readonly opts: RunnerOptions,
  ) {}

  async start(): Promise<void> {
    for (const s of this.opts.schedules) {
      await this.core.db.query(
        `INSERT INTO job_schedules (name, every_ms) VALUES ($1, $2)
         ON CONFLICT (name) DO UPDATE SET every_ms = excluded.every_ms`,
        [s.name, s.everyMs],
      );
    }
    this.unhook = onWakeJobs(this.core, () => this.wake());
    this.loopDone = this.loop();
  }

  /** Look for due jobs now. */
  wake(): void {
    this.waker.wake();
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.unhook?.();
    this.wake();
    await this.loopDone;
    if (this.inflight.size > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...this.inflight]),
        new Promise<void>((r) => {
          timer = setTimeout(r, this.opts.stopGraceMs);
        }),
      ]);
      clearTimeout(timer);
    }
  }

  private sleep(ms: number): Promise<void> {
    return this.stopped ? Promise.resolve() : this.waker.sleep(ms);
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      let more = false;
      try {
        await this.tickSchedules();
        const free = this.opts.concurrency - this.inflight.size;
        if (free > 0) {
          const jobs = await this.claim(free);
          for (const j of jobs) this.track(this.run(j));
          // A full claim may have left more due rows; look again once a slot frees up.
          more = jobs.length === free && this.inflight.size < this.opts.concurrency;
        }
        failures = 0;
      } catch (err) {
        if (this.stopped) break;
        failures++;
        this.core.log.warn({ err: describeError(err) }, 'job runner could not poll the jobs table');
      }
      if (!more)
        await this.sleep(
          failures > 0 ? Math.min(30_000, this.opts.pollMs * 2 ** failures) : this.opts.pollMs,
        );
    }
  }

  private track(p: Promise<void>): void {
    this.inflight.add(p);
    void p.finally(() => {
      this.inflight.delete(p);
      this.wake();
    });
  }

  private async tickSchedules(): Promise<void> {
    if (this.opts.schedules.length === 0 || Date.now() < this.nextScheduleCheck) return;
    this.nextScheduleCheck = Date.now() + Math.min(1000, ...this.opts.schedules.map((s) => s.everyMs / 4));
    // One statement: moving the schedule forward and enqueuing its run commit together.
    const { rows } = await this.core.db.query<{ name: string }>(
      `WITH due AS (
         UPDATE job_schedules SET next_run_at = now() + every_ms * interval '1 millisecond'
          WHERE name = ANY($1::text[]) AND next_run_at <= now()
         RETURNING name
       )
       INSERT INTO jobs (name, data, max_attempts) SELECT name, '{}'::jsonb, 1 FROM due RETURNING name`,
      [this.opts.schedules.map((s) => s.name)],
    );
    if (rows.length > 0) this.waker.wake();
  }

  private async claim(n: number): Promise<Claimed[]> {
    const { rows } = await this.core.db.query<Claimed>(
      `UPDATE jobs SET locked_until = now() + $2 * interval '1 millisecond', attempts = attempts + 1
        WHERE id IN (
          SELECT id FROM jobs
           WHERE run_at <= now() AND (locked_until IS NULL OR locked_until < now())
           ORDER BY run_at, id
           LIMIT $1
           FOR UPDATE SKIP LOCKED)
       RETURNING id::text, name, data, attempts, max_attempts`,
      [n, this.opts.leaseMs],
    );
    return rows;
  }

  private async run(j: Claimed): Promise<void> {
    const handler = this.handlers[j.name as JobName] as JobHandler | undefined;
    try {
      if (!handler) throw coreErrors.JOBS_HANDLER_MISSING({ name: j.name });
      await handler(j.data as never, { id: j.id, attempt: j.attempts, maxAttempts: j.max_attempts });
    } catch (err) {
      await this.failed(j, err).catch((e) =>
        this.core.log.error({ err: describeError(e), job: j.id }, 'could not record a failed job'),
      );
      return;
    }
    // `attempts` is the claim's token: if the lease ran out and another runner took the job, the row is
    // theirs now (their run is a duplicate, which handlers tolerate).
    await this.core.db
      .query('DELETE FROM jobs WHERE id = $1 AND attempts = $2', [j.id, j.attempts])
      .catch((e) =>
        this.core.log.error({ err: describeError(e), job: j.id }, 'could not delete a finished job'),
      );
  }

  private async failed(j: Claimed, err: unknown): Promise<void> {
    const message = describeError(err);
    if (j.attempts >= j.max_attempts) {
      this.core.log.error(
        { job: j.id, name: j.name, attempts: j.attempts, err: message },
        'job failed for good',
      );
      await this.core.db.query(
        `UPDATE jobs SET dead_at = now(), run_at = 'infinity', locked_until = NULL, last_error = $3
          WHERE id = $1 AND attempts = $2`,
        [j.id, j.attempts, message],
      );
      return;
    }
    const delay = backoffDelay(j.attempts, this.opts.backoffMs, this.opts.maxBackoffMs);
    this.core.log.warn(
      { job: j.id, name: j.name, attempt: j.attempts, retryInMs: delay, err: message },
      'job failed',
    );
    await this.core.db.query(
      `UPDATE jobs SET run_at = now() + $3 * interval '1 millisecond', locked_until = NULL, last_error = $4
        WHERE id = $1 AND attempts = $2`,
      [j.id, j.attempts, delay, message],
    );
  }
}
