import type { Enqueue } from './types.js';

/** Write a job row in the caller's transaction (see jobs/types.ts). */
export const enqueue: Enqueue = async (q, name, data, opts = {}) => {
  await q.query(
    `INSERT INTO jobs (name, data, run_at, max_attempts) VALUES ($1, $2, now() + make_interval(secs => $3), $4)`,
    [name, JSON.stringify(data), (opts.delayMs ?? 0) / 1000, opts.maxAttempts ?? 5],
  );
};
