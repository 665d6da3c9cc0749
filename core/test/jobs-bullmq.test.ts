/**
 * Jobs on Redis: the outbox relay and BullMQ Workers. Runs when REDIS_URL is set (the CI configuration
 * with services); the embedded runner's tests (jobs.test.ts) run in both configurations.
 */
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type JobsHandle, startJobs } from '../src/jobs/start.js';
import { wakeJobs } from '../src/jobs/wake.js';
import { obliterateQueues, testPlugins, until } from './alarms-fixtures.js';
import { makeTestCore, type TestCore } from './helpers.js';

const REDIS_URL = process.env.REDIS_URL;
const NAMES = ['notify', 'analyze', 'webhook', 'offline-scan'];

describe.runIf(REDIS_URL)('jobs on BullMQ', () => {
  let core: TestCore;
  let prefix: string;
  let conn: Redis;
  const running: JobsHandle[] = [];

  beforeAll(async () => {
    core = await makeTestCore('jobs_bullmq', { plugins: testPlugins() });
    prefix = `fenghuo:${core.config.schema}`;
    await obliterateQueues(REDIS_URL!, prefix, NAMES);
    conn = new Redis(REDIS_URL!, { maxRetriesPerRequest: null });
  });
  afterAll(async () => {
    await Promise.all(running.splice(0).map((r) => r.stop()));
    await conn.quit();
    await obliterateQueues(REDIS_URL!, prefix, NAMES);
    await core.dispose();
  });
  beforeEach(async () => {
    await Promise.all(running.splice(0).map((r) => r.stop()));
    await obliterateQueues(REDIS_URL!, prefix, NAMES);
    await core.db.query('DELETE FROM jobs');
  });

  const start = async (...args: Parameters<typeof startJobs> extends [unknown, ...infer R] ? R : never) => {
    const r = await startJobs(core, ...args);
    running.push(r);
    return r;
  };
  const queue = (name: string) => new Queue(name, { connection: conn, prefix });
  const outbox = async () => (await core.db.query<{ id: string }>('SELECT id::text FROM jobs')).rows;

  it('relays an outbox row to its BullMQ queue as outbox-<id>, deletes the row, and a Worker runs it', async () => {
    const seen: string[] = [];
    const r = await start(
      { notify: async (d) => void seen.push(d.alarmId) },
      { pollMs: 60_000, offlineScanEveryMs: 0 },
    );
    expect(r.mode).toBe('bullmq');
    await core.db.tx((q) => core.enqueue(q, 'notify', { alarmId: '11', change: 'raised', eventId: '3' }));
    const [{ id }] = (await outbox()) as [{ id: string }];
    wakeJobs(core);
    await until(() => seen.length === 1, 5_000, 'the worker to run the job');
    expect(seen).toEqual(['11']);
    expect(await outbox()).toEqual([]);
    const q = queue('notify');
    const job = await q.getJob(`outbox-${id}`);
    expect(job?.data).toEqual({ alarmId: '11', change: 'raised', eventId: '3' });
    await until(async () => (await job!.getState()) === 'completed', 5_000, 'completed');
    await q.close();
  });

  it('runs a row relayed twice (the relay died before deleting it) only once', async () => {
    await core.db.tx((q) => core.enqueue(q, 'analyze', { alarmId: '12' }));
    const [{ id }] = (await outbox()) as [{ id: string }];
    // The first relay got as far as adding the job, then died: the row is still in the outbox.
    const q = queue('analyze');
    await q.add('analyze', { alarmId: '12' }, { jobId: `outbox-${id}` });
    const seen: string[] = [];
    await start({ analyze: async (d) => void seen.push(d.alarmId) }, { pollMs: 50, offlineScanEveryMs: 0 });
    await until(async () => (await outbox()).length === 0, 5_000, 'the relay to delete the row');
    await until(() => seen.length >= 1, 5_000, 'the job to run');
    await new Promise((res) => setTimeout(res, 300));
    expect(seen).toEqual(['12']);
    await q.close();
  });

  it('retries a failing job with backoff and keeps it in the failed set when its attempts are spent', async () => {
    const times: number[] = [];
    await start(
      {
        webhook: async (_d, run) => {
          times.push(Date.now());
          throw new Error(`down ${run.attempt}/${run.maxAttempts}`);
        },
      },
      { pollMs: 50, backoffMs: 100, offlineScanEveryMs: 0 },
    );
    await core.db.tx((q) => core.enqueue(q, 'webhook', { deliveryId: '1' }, { maxAttempts: 3 }));
    const [{ id }] = (await outbox()) as [{ id: string }];
    wakeJobs(core);
    const q = queue('webhook');
    await until(
      async () => (await (await q.getJob(`outbox-${id}`))?.getState()) === 'failed',
      10_000,
      'failed',
    );
    const job = (await q.getJob(`outbox-${id}`))!;
    expect(job.attemptsMade).toBe(3);
    expect(job.failedReason).toBe('down 3/3');
    expect(times).toHaveLength(3);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(90);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(190);
    await q.close();
  });

  it('turns a delayed outbox row into a delayed BullMQ job', async () => {
    const seen: number[] = [];
    await start({ analyze: async () => void seen.push(Date.now()) }, { pollMs: 50, offlineScanEveryMs: 0 });
    const t0 = Date.now();
    await core.db.tx((q) => core.enqueue(q, 'analyze', { alarmId: '13' }, { delayMs: 800 }));
    const [{ id }] = (await outbox()) as [{ id: string }];
    wakeJobs(core);
    await until(async () => (await outbox()).length === 0, 5_000, 'the relay');
    const q = queue('analyze');
    expect(await (await q.getJob(`outbox-${id}`))?.getState()).toBe('delayed');
    await until(() => seen.length === 1, 5_000, 'the delayed job');
    expect(seen[0]! - t0).toBeGreaterThanOrEqual(700);
    await q.close();
  });

  it('declares the offline-scan scheduler once however many processes start, and runs it every period', async () => {
    const runs: number[] = [];
    const handlers = { 'offline-scan': async () => void runs.push(Date.now()) };
    const t0 = Date.now();
    await start(handlers, { pollMs: 50, offlineScanEveryMs: 300 });
    await start(handlers, { pollMs: 50, offlineScanEveryMs: 300 });
    const q = queue('offline-scan');
    expect(await q.getJobSchedulers()).toHaveLength(1);
    await new Promise((res) => setTimeout(res, 1_300));
    const elapsed = Date.now() - t0;
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(runs.length).toBeLessThanOrEqual(Math.floor(elapsed / 300) + 1);
    await q.close();
  });
});
