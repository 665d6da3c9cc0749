/**
 * The embedded job runner (the `jobs` table as the queue). These tests choose the embedded mode
 * themselves, so they run on PGlite and on PostgreSQL alike.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type JobsHandle, startJobs } from '../src/jobs/start.js';
import type { JobData } from '../src/jobs/types.js';
import { wakeJobs } from '../src/jobs/wake.js';
import { testPlugins, until } from './alarms-fixtures.js';
import { makeTestCore, type TestCore } from './helpers.js';

interface JobRow {
  id: string;
  name: string;
  attempts: number;
  max_attempts: number;
  last_error: string | null;
  dead_at: Date | null;
  run_at: Date | string;
  locked_until: Date | null;
}

describe('embedded job runner', () => {
  let core: TestCore;
  const running: JobsHandle[] = [];

  beforeAll(async () => {
    core = await makeTestCore('jobs', { plugins: testPlugins(), config: { redisUrl: undefined } });
  });
  afterAll(async () => {
    await core.dispose();
  });
  beforeEach(async () => {
    await Promise.all(running.splice(0).map((r) => r.stop()));
    await core.db.query('DELETE FROM jobs');
    await core.db.query('DELETE FROM job_schedules');
  });

  const start = async (...args: Parameters<typeof startJobs> extends [unknown, ...infer R] ? R : never) => {
    const r = await startJobs(core, ...args);
    running.push(r);
    return r;
  };
  const rows = async () =>
    (
      await core.db.query<JobRow>(
        'SELECT id::text, name, attempts, max_attempts, last_error, dead_at, run_at, locked_until FROM jobs ORDER BY jobs.id',
      )
    ).rows;

  it('runs a job as soon as the committing code wakes it, and deletes its row', async () => {
    const seen: JobData['notify'][] = [];
    // A poll this slow would take a minute: only the wake-up can make it fast.
    const r = await start(
      { notify: async (d) => void seen.push(d) },
      { pollMs: 60_000, offlineScanEveryMs: 0 },
    );
    expect(r.mode).toBe('embedded');
    await new Promise((res) => setTimeout(res, 50));
    const t0 = Date.now();
    await core.db.tx((q) => core.enqueue(q, 'notify', { alarmId: '1', change: 'raised', eventId: '7' }));
    wakeJobs(core);
    await until(() => seen.length === 1, 5_000, 'the job to run');
    expect(Date.now() - t0).toBeLessThan(2_000);
    expect(seen[0]).toEqual({ alarmId: '1', change: 'raised', eventId: '7' });
    await until(async () => (await rows()).length === 0, 5_000, 'the row to be deleted');
  });

  it('wakes on an alarm emitted after commit', async () => {
    const seen: string[] = [];
    await start(
      { analyze: async (d) => void seen.push(d.alarmId) },
      { pollMs: 60_000, offlineScanEveryMs: 0 },
    );
    await new Promise((res) => setTimeout(res, 50));
    await core.db.tx((q) => core.enqueue(q, 'analyze', { alarmId: '42' }));
    core.bus.emit('alarm', {
      id: '42',
      city: 'c1',
      sensorId: 'S1',
      objectId: 'o',
      riskType: 'test-gas',
      metric: 'ch4',
      level: 'blue',
      previousLevel: null,
      status: 'raised',
      value: 1,
      limit: 1,
      ts: null,
      storedAtMs: Date.now(),
    });
    await until(() => seen.length === 1, 3_000, 'the job to run');
    expect(seen).toEqual(['42']);
  });

  it('retries a failing job with exponential backoff, keeps its last error, then keeps it as dead', async () => {
    const times: number[] = [];
    await start(
      {
        webhook: async (_d, run) => {
          times.push(Date.now());
          throw new Error(`receiver down (attempt ${run.attempt} of ${run.maxAttempts})`);
        },
      },
      { pollMs: 20, backoffMs: 150, offlineScanEveryMs: 0 },
    );
    await core.db.tx((q) => core.enqueue(q, 'webhook', { deliveryId: '5' }, { maxAttempts: 3 }));
    wakeJobs(core);
    const dead = await until(
      async () => (await rows()).find((r) => r.dead_at !== null),
      10_000,
      'the job to be dead-lettered',
    );
    expect(times).toHaveLength(3);
    // Backoff doubles: ≥ 150 ms, then ≥ 300 ms.
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(140);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(290);
    expect(dead).toMatchObject({ name: 'webhook', attempts: 3, max_attempts: 3, locked_until: null });
    expect(dead.last_error).toBe('receiver down (attempt 3 of 3)');
    expect(String(dead.run_at)).toMatch(/infinity/i);
    // Dead jobs stay dead.
    await new Promise((res) => setTimeout(res, 300));
    expect(times).toHaveLength(3);
  });

  it('records a job nobody handles as failed with FH_JOBS_HANDLER_MISSING', async () => {
    await start({}, { pollMs: 20, offlineScanEveryMs: 0 });
    await core.db.query(`INSERT INTO jobs (name, data, max_attempts) VALUES ('no-such-job', '{}', 1)`);
    wakeJobs(core);
    const dead = await until(
      async () => (await rows()).find((r) => r.dead_at !== null),
      5_000,
      'dead letter',
    );
    expect(dead.last_error).toBe('FH_JOBS_HANDLER_MISSING: no handler is registered for job "no-such-job"');
  });

  it('lets a second runner reclaim a job whose lease ran out when the first runner died mid-job', async () => {
    let release!: () => void;
    const hung = new Promise<void>((r) => {
      release = r;
    });
    const startedByA: number[] = [];
    const a = await startJobs(
      core,
      {
        notify: async () => {
          startedByA.push(Date.now());
          await hung;
        },
      },
      { pollMs: 20, leaseMs: 600, stopGraceMs: 10, offlineScanEveryMs: 0 },
    );
    await core.db.tx((q) => core.enqueue(q, 'notify', { alarmId: '9', change: 'raised', eventId: '1' }));
    wakeJobs(core);
    await until(() => startedByA.length === 1, 5_000, 'runner A to start the job');
    // Runner A stops without finishing (as a killed process would): the row stays leased.
    await a.stop();
    const leased = (await rows())[0]!;
    expect(leased.attempts).toBe(1);
    expect(leased.locked_until).not.toBeNull();

    const ranByB: number[] = [];
    await start({ notify: async () => void ranByB.push(Date.now()) }, { pollMs: 20, offlineScanEveryMs: 0 });
    await until(() => ranByB.length === 1, 5_000, 'runner B to reclaim the job');
    // Not before the lease ran out.
    expect(ranByB[0]! - startedByA[0]!).toBeGreaterThanOrEqual(550);
    await until(async () => (await rows()).length === 0, 5_000, 'the row to be deleted');
    release();
    await new Promise((res) => setTimeout(res, 50));
    expect(ranByB).toHaveLength(1);
  });

  it('runs a repeating job once per period however many runners poll its schedule', async () => {
    const runs: number[] = [];
    const handlers = { 'offline-scan': async () => void runs.push(Date.now()) };
    const t0 = Date.now();
    await start(handlers, { pollMs: 20, offlineScanEveryMs: 300 });
    await start(handlers, { pollMs: 20, offlineScanEveryMs: 300 });
    await new Promise((res) => setTimeout(res, 1_300));
    const elapsed = Date.now() - t0;
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(runs.length).toBeLessThanOrEqual(Math.floor(elapsed / 300) + 1);
    const sorted = [...runs].sort((x, y) => x - y);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]! - sorted[i - 1]!).toBeGreaterThanOrEqual(250);
  });

  it('does not run a delayed job before it is due, and writes several jobs in one call', async () => {
    const seen: string[] = [];
    await start({ analyze: async (d) => void seen.push(d.alarmId) }, { pollMs: 20, offlineScanEveryMs: 0 });
    const t0 = Date.now();
    await core.db.tx((q) =>
      core.enqueue.many(q, [
        { name: 'analyze', data: { alarmId: 'now' } },
        { name: 'analyze', data: { alarmId: 'later' }, opts: { delayMs: 700 } },
      ]),
    );
    wakeJobs(core);
    await until(() => seen.length === 2, 5_000, 'both jobs');
    expect(seen).toEqual(['now', 'later']);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(650);
  });
});
