import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handleNotify } from '../src/dispatch/notify.js';
import { handleWebhook } from '../src/dispatch/webhook.js';
import { CoreError } from '../src/errors.js';
import { type JobsHandle, startJobs } from '../src/jobs/start.js';
import {
  analysis,
  applyAndEmit,
  change,
  defaultAnalyze,
  obliterateQueues,
  type Seeded,
  seed,
  testPlugins,
  until,
  webhookServer,
} from './alarms-fixtures.js';
import { makeTestCore, type TestCore } from './helpers.js';

const NAMES = ['notify', 'analyze', 'webhook', 'offline-scan'];

describe('dispatch: in-app notifications and webhooks', () => {
  let core: TestCore;
  let seeded: Seeded;
  let hook: Awaited<ReturnType<typeof webhookServer>>;
  const statuses: number[] = [];
  let jobs: JobsHandle | null = null;

  beforeAll(async () => {
    core = await makeTestCore('dispatch', { plugins: testPlugins() });
    seeded = await seed(core);
    hook = await webhookServer(statuses);
    if (core.config.redisUrl)
      await obliterateQueues(core.config.redisUrl, `fenghuo:${core.config.schema}`, NAMES);
  });
  afterAll(async () => {
    await jobs?.stop();
    await hook.close();
    if (core.config.redisUrl)
      await obliterateQueues(core.config.redisUrl, `fenghuo:${core.config.schema}`, NAMES);
    await core.dispose();
  });
  beforeEach(async () => {
    await jobs?.stop();
    jobs = null;
    for (const t of ['webhook_deliveries', 'notifications', 'warnings', 'jobs', 'archive_events', 'alarms']) {
      await core.db.query(`DELETE FROM ${t}`);
    }
    await core.db.query(`UPDATE units SET webhook_url = $1 WHERE id = 'gasco'`, [
      `${hook.url}/hook?token=s3cr3t-t0ken`,
    ]);
    hook.received.length = 0;
    statuses.length = 0;
    analysis.impl = defaultAnalyze;
  });

  const notifications = async () =>
    (
      await core.db.query<{
        unit_id: string;
        kind: string;
        title: string;
        body: string;
        title_en: string;
        body_en: string;
        alarm_id: string;
        warning_id: string | null;
      }>(
        'SELECT unit_id, kind, title, body, title_en, body_en, alarm_id::text, warning_id::text FROM notifications ORDER BY notifications.id',
      )
    ).rows;
  const deliveries = async () =>
    (
      await core.db.query<{
        id: string;
        unit_id: string;
        status: string;
        attempts: number;
        last_error: string | null;
      }>(
        'SELECT id::text, unit_id, status, attempts, last_error FROM webhook_deliveries ORDER BY webhook_deliveries.id',
      )
    ).rows;
  const archiveKinds = async () =>
    (
      await core.db.query<{ kind: string }>('SELECT kind FROM archive_events ORDER BY archive_events.id')
    ).rows.map((r) => r.kind);

  async function raiseAndNotifyJob() {
    const [p] = await applyAndEmit(core, [change(seeded, null, 'orange', 34.5, 30, '2026-11-29T08:00:00Z')]);
    const { rows } = await core.db.query<{ data: { alarmId: string; change: 'raised'; eventId: string } }>(
      "SELECT data FROM jobs WHERE name = 'notify'",
    );
    await core.db.query('DELETE FROM jobs');
    return { alarm: p!, job: rows[0]!.data };
  }

  it('notifies the owner unit in Chinese with English beside, and queues one webhook, however often the job runs', async () => {
    const { alarm, job } = await raiseAndNotifyJob();
    await handleNotify(core, job);
    await handleNotify(core, job);
    const n = await notifications();
    expect(n).toHaveLength(1);
    expect(n[0]).toMatchObject({
      unit_id: 'gasco',
      kind: 'alarm.raised',
      alarm_id: alarm.id,
      warning_id: null,
    });
    expect(n[0]!.title).toBe('【报警】1号阀门井甲烷橙色（II级）');
    expect(n[0]!.title_en).toBe('[Alarm] Valve well 1: Methane, orange (II)');
    expect(n[0]!.body).toContain(
      '传感器 S1 于 2026-11-29 16:00:00 测得甲烷 34.5 %LEL，达到橙色（II级）限值 30 %LEL',
    );
    expect(n[0]!.body_en).toContain(
      'Sensor S1 measured Methane 34.5 %LEL at 2026-11-29 16:00:00 (UTC+08:00)',
    );
    const d = await deliveries();
    expect(d).toEqual([{ id: d[0]!.id, unit_id: 'gasco', status: 'pending', attempts: 0, last_error: null }]);
    const queued = (await core.db.query<{ name: string; data: unknown }>('SELECT name, data FROM jobs')).rows;
    expect(queued).toEqual([{ name: 'webhook', data: { deliveryId: d[0]!.id } }]);
    expect(await archiveKinds()).toEqual(['alarm.raised', 'notify.in_app']);
  });

  it('POSTs the delivery to the unit webhook and records it delivered', async () => {
    const { alarm, job } = await raiseAndNotifyJob();
    await handleNotify(core, job);
    const [d] = await deliveries();
    await handleWebhook(
      core,
      { deliveryId: d!.id },
      { id: 'j', attempt: 1, maxAttempts: 6 },
      { timeoutMs: 5_000 },
    );
    expect(hook.received).toHaveLength(1);
    const got = hook.received[0]!;
    expect(got.url).toBe('/hook?token=s3cr3t-t0ken');
    expect(got.headers['content-type']).toMatch(/application\/json/);
    expect(got.headers['x-fenghuo-delivery']).toBe(d!.id);
    expect(got.body).toMatchObject({
      deliveryId: d!.id,
      type: 'alarm.raised',
      city: 'c1',
      alarm: { id: alarm.id, sensorId: 'S1', level: 'orange', value: 34.5, limit: 30, status: 'raised' },
      text: {
        title: { zh: '【报警】1号阀门井甲烷橙色（II级）', en: '[Alarm] Valve well 1: Methane, orange (II)' },
      },
    });
    expect((await deliveries())[0]).toMatchObject({ status: 'delivered', attempts: 1 });
    // Delivered is final: running the job again sends nothing.
    await handleWebhook(
      core,
      { deliveryId: d!.id },
      { id: 'j', attempt: 2, maxAttempts: 6 },
      { timeoutMs: 5_000 },
    );
    expect(hook.received).toHaveLength(1);
    expect(await archiveKinds()).toEqual(['alarm.raised', 'notify.in_app', 'notify.webhook_delivered']);
  });

  it('retries a webhook answered with 500 through the job runner and delivers it on the next attempt', async () => {
    statuses.push(500);
    const { job } = await raiseAndNotifyJob();
    jobs = await startJobs(core, {}, { pollMs: 50, backoffMs: 100, offlineScanEveryMs: 0 });
    await core.db.tx((q) => core.enqueue(q, 'notify', job));
    core.bus.emit('alarm', { ...(await notificationsPayload()), id: job.alarmId });
    await until(async () => (await deliveries())[0]?.status === 'delivered', 10_000, 'delivery');
    expect(hook.received).toHaveLength(2);
    expect(hook.received[0]!.headers['x-fenghuo-delivery']).toBe(
      hook.received[1]!.headers['x-fenghuo-delivery'],
    );
    expect((await deliveries())[0]).toMatchObject({ status: 'delivered', attempts: 2, last_error: null });
  });

  it('marks a delivery failed after its last attempt and keeps the secret in its URL out of logs and records', async () => {
    const lines: string[] = [];
    const log = core.log;
    core.log = pino(
      { level: 'debug' },
      new Writable({
        write(chunk, _enc, cb) {
          lines.push(String(chunk));
          cb();
        },
      }),
    );
    try {
      statuses.push(503, 503);
      const { job } = await raiseAndNotifyJob();
      await handleNotify(core, job);
      const [d] = await deliveries();
      const err = await handleWebhook(
        core,
        { deliveryId: d!.id },
        { id: 'j', attempt: 1, maxAttempts: 2 },
        { timeoutMs: 5_000 },
      ).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(CoreError);
      expect((err as CoreError).code).toBe('FH_DISPATCH_WEBHOOK_FAILED');
      expect((await deliveries())[0]).toMatchObject({
        status: 'pending',
        attempts: 1,
        last_error: 'HTTP 503',
      });
      // The last attempt records the failure instead of asking for another retry.
      await handleWebhook(
        core,
        { deliveryId: d!.id },
        { id: 'j', attempt: 2, maxAttempts: 2 },
        { timeoutMs: 5_000 },
      );
      expect((await deliveries())[0]).toMatchObject({
        status: 'failed',
        attempts: 2,
        last_error: 'HTTP 503',
      });
      expect(await archiveKinds()).toEqual(['alarm.raised', 'notify.in_app', 'notify.webhook_failed']);

      // A receiver that is gone: a network error, told without the URL.
      const gone = await webhookServer();
      await gone.close();
      await core.db.query(`UPDATE webhook_deliveries SET status = 'pending', url = $1`, [
        `${gone.url}/x?token=s3cr3t-t0ken`,
      ]);
      await handleWebhook(
        core,
        { deliveryId: d!.id },
        { id: 'j', attempt: 3, maxAttempts: 3 },
        { timeoutMs: 5_000 },
      );
      expect((await deliveries())[0]!.last_error).toBe('network error ECONNREFUSED');

      const records = JSON.stringify([
        await deliveries(),
        (await core.db.query('SELECT data FROM archive_events')).rows,
        (await core.db.query('SELECT last_error FROM jobs')).rows,
      ]);
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.join('\n')).not.toContain('s3cr3t');
      expect(records).not.toContain('s3cr3t');
    } finally {
      core.log = log;
    }
  });

  it('gives up on a receiver that does not answer within the time limit', async () => {
    const { createServer } = await import('node:http');
    const silent = createServer(() => {
      // Never answers.
    });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    const port = (silent.address() as { port: number }).port;
    try {
      const { job } = await raiseAndNotifyJob();
      await handleNotify(core, job);
      const [d] = await deliveries();
      await core.db.query('UPDATE webhook_deliveries SET url = $1', [`http://127.0.0.1:${port}/slow`]);
      const t0 = Date.now();
      await handleWebhook(
        core,
        { deliveryId: d!.id },
        { id: 'j', attempt: 1, maxAttempts: 1 },
        { timeoutMs: 200 },
      );
      expect(Date.now() - t0).toBeLessThan(2_000);
      expect((await deliveries())[0]).toMatchObject({
        status: 'failed',
        last_error: 'no answer within 200 ms',
      });
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });

  it('carries an alarm to the owner webhook and its warning to the departments, through the jobs', async () => {
    jobs = await startJobs(core, {}, { pollMs: 50, backoffMs: 100, offlineScanEveryMs: 0 });
    await applyAndEmit(core, [change(seeded, null, 'yellow', 22, 20, new Date().toISOString())]);
    await until(() => hook.received.length >= 2, 10_000, 'the alarm and warning webhooks');
    expect(hook.received.map((r) => r.body['type']).sort()).toEqual(['alarm.raised', 'warning.issued']);
    const w = hook.received.find((r) => r.body['type'] === 'warning.issued')!.body['warning'] as Record<
      string,
      unknown
    >;
    expect(w).toMatchObject({ tier: 'yellow', status: 'active', revision: 1 });
    await until(async () => (await notifications()).length >= 4, 5_000, 'in-app notifications');
    const n = await notifications();
    expect(
      n
        .filter((x) => x.kind === 'warning.issued')
        .map((x) => x.unit_id)
        .sort(),
    ).toEqual(['emergency', 'gasco', 'gov']);
    expect(n.filter((x) => x.kind === 'alarm.raised').map((x) => x.unit_id)).toEqual(['gasco']);
    expect(n.find((x) => x.kind === 'warning.issued')!.title).toBe('【黄色预警】1号阀门井燃气泄漏黄色预警');
  });

  async function notificationsPayload() {
    return {
      id: '',
      city: 'c1',
      sensorId: 'S1',
      objectId: 'well-1',
      riskType: 'test-gas',
      metric: 'ch4',
      level: 'orange',
      previousLevel: null,
      status: 'raised',
      value: 34.5,
      limit: 30,
      ts: null,
      storedAtMs: Date.now(),
    };
  }
});
