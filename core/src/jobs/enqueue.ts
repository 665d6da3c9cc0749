import type { Queryable } from '../store/db.js';
import type { Enqueue, EnqueueOptions, JobName, JobRequest } from './types.js';

const DEFAULT_MAX_ATTEMPTS = 5;

async function one(q: Queryable, name: JobName, data: unknown, opts: EnqueueOptions = {}): Promise<void> {
  await q.query(
    `INSERT INTO jobs (name, data, run_at, max_attempts) VALUES ($1, $2, now() + make_interval(secs => $3), $4)`,
    [name, JSON.stringify(data), (opts.delayMs ?? 0) / 1000, opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS],
  );
}

async function many(q: Queryable, jobs: readonly JobRequest[]): Promise<void> {
  if (jobs.length === 0) return;
  if (jobs.length === 1) return one(q, jobs[0]!.name, jobs[0]!.data, jobs[0]!.opts);
  await q.query(
    `INSERT INTO jobs (name, data, run_at, max_attempts)
     SELECT n, d, now() + make_interval(secs => s), a
       FROM unnest($1::text[], $2::jsonb[], $3::float8[], $4::int4[]) WITH ORDINALITY AS u(n, d, s, a, ord)
      ORDER BY ord`,
    [
      jobs.map((j) => j.name),
      jobs.map((j) => JSON.stringify(j.data)),
      jobs.map((j) => (j.opts?.delayMs ?? 0) / 1000),
      jobs.map((j) => j.opts?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS),
    ],
  );
}

/** Write jobs in the caller's transaction (see jobs/types.ts); the runner picks them up after commit. */
export const enqueue: Enqueue = Object.assign(
  <N extends JobName>(q: Queryable, name: N, data: unknown, opts?: EnqueueOptions) =>
    one(q, name, data, opts),
  { many },
);
