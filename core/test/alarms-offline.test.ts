import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runOfflineScan } from '../src/alarms/offline.js';
import { handleNotify } from '../src/dispatch/notify.js';
import type { AlarmEventPayload } from '../src/events.js';
import { type JobsHandle, startJobs } from '../src/jobs/start.js';
import type { JobData } from '../src/jobs/types.js';
import { obliterateQueues, type Seeded, seed, testPlugins, until } from './alarms-fixtures.js';
import { makeTestCore, type TestCore } from './helpers.js';

const NAMES = ['notify', 'analyze', 'webhook', 'offline-scan'];

describe('offline scan', () => {
  let core: TestCore;
  let seeded: Seeded;
  const emitted: AlarmEventPayload[] = [];
  const LONG_AGO = new Date(0);

  beforeAll(async () => {
    core = await makeTestCore('offline', { plugins: testPlugins() });
    seeded = await seed(core);
    core.bus.on('alarm', (p) => emitted.push(p));
    if (core.config.redisUrl)
      await obliterateQueues(core.config.redisUrl, `fenghuo:${core.config.schema}`, NAMES);
  });
  afterAll(async () => {
    if (core.config.redisUrl)
      await obliterateQueues(core.config.redisUrl, `fenghuo:${core.config.schema}`, NAMES);
    await core.dispose();
  });
  beforeEach(async () => {
    for (const t of ['notifications', 'jobs', 'archive_events', 'alarms'])
      await core.db.query(`DELETE FROM ${t}`);
    await core.db.query('UPDATE sensors SET last_seen = NULL, interval_sec = NULL');
    emitted.length = 0;
  });

  const seen = (sensor: string, secondsAgo: number) =>
    core.db.query(`UPDATE sensors SET last_seen = now() - $2 * interval '1 second' WHERE id = $1`, [
      sensor,
      secondsAgo,
    ]);
  const alarms = async () =>
    (
      await core.db.query<{
        id: string;
        sensor_id: string;
        kind: string;
        metric: string;
        level: string;
        status: string;
        value: number;
        limit_value: number;
      }>(
        'SELECT id::text, sensor_id, kind, metric, level, status, value, limit_value FROM alarms ORDER BY alarms.id',
      )
    ).rows;

  it('raises an offline alarm for a sensor silent over 3× its interval, once, and clears it when it reports again', async () => {
    await seen('S1', 40); // 3 × 10 s (the plugin's interval) = 30 s: offline
    await seen('S2', 5); // recent
    // S3 never reported: not commissioned, left alone.
    await seen('X1', 40);
    await core.db.query(`UPDATE sensors SET interval_sec = 100 WHERE id = 'X1'`); // its own interval: 300 s
    const r = await runOfflineScan(core, { notBefore: LONG_AGO });
    expect(r.raised.map((p) => p.sensorId)).toEqual(['S1']);
    const [a] = await alarms();
    expect(a).toMatchObject({
      sensor_id: 'S1',
      kind: 'offline',
      metric: '*',
      level: 'alarm',
      status: 'raised',
      limit_value: 30,
    });
    expect(a!.value).toBeGreaterThanOrEqual(39);
    expect(emitted.map((p) => [p.sensorId, p.metric, p.status])).toEqual([['S1', '*', 'raised']]);
    const ev = (
      await core.db.query<{ id: string; kind: string; data: Record<string, unknown> }>(
        'SELECT id::text, kind, data FROM archive_events',
      )
    ).rows;
    expect(ev).toHaveLength(1);
    expect(ev[0]).toMatchObject({
      kind: 'alarm.raised',
      data: { kind: 'offline', intervalSec: 10, limitSec: 30 },
    });
    const jobs = (await core.db.query<{ name: string; data: unknown }>('SELECT name, data FROM jobs')).rows;
    expect(jobs).toEqual([
      { name: 'notify', data: { alarmId: a!.id, change: 'offline', eventId: ev[0]!.id } },
    ]);

    expect(await runOfflineScan(core, { notBefore: LONG_AGO })).toEqual({ raised: [], cleared: [] });

    await seen('S1', 0);
    const back = await runOfflineScan(core, { notBefore: LONG_AGO });
    expect(back.cleared.map((p) => [p.id, p.status])).toEqual([[a!.id, 'cleared']]);
    expect((await alarms())[0]!.status).toBe('cleared');
    expect(
      (
        await core.db.query<{ name: string; data: { change: string } }>(
          'SELECT name, data FROM jobs ORDER BY jobs.id',
        )
      ).rows.map((j) => j.data.change),
    ).toEqual(['offline', 'cleared']);
  });

  it('does not count the time before this process began scanning (the platform was down) as silence', async () => {
    await seen('S1', 3_600);
    const r = await runOfflineScan(core);
    expect(r.raised).toEqual([]);
    expect(await alarms()).toEqual([]);
  });

  it('tells the owner unit which sensor went offline and when it came back', async () => {
    await seen('S1', 40);
    await runOfflineScan(core, { notBefore: LONG_AGO });
    await seen('S1', 0);
    await runOfflineScan(core, { notBefore: LONG_AGO });
    const jobs = (await core.db.query<{ data: JobData['notify'] }>('SELECT data FROM jobs ORDER BY jobs.id'))
      .rows;
    for (const j of jobs) await handleNotify(core, j.data);
    const n = (
      await core.db.query<{ unit_id: string; title: string; title_en: string; body: string }>(
        'SELECT unit_id, title, title_en, body FROM notifications ORDER BY notifications.id',
      )
    ).rows;
    expect(n.map((x) => [x.unit_id, x.title])).toEqual([
      ['gasco', '【设备离线】1号阀门井 传感器 S1'],
      ['gasco', '【设备恢复】1号阀门井 传感器 S1'],
    ]);
    expect(n[0]!.title_en).toBe('[Sensor offline] Valve well 1: sensor S1');
    expect(n[0]!.body).toContain('（预期每 10 秒上报一次）');
  });

  it('runs by itself on its schedule in the job runner', async () => {
    let jobs: JobsHandle | null = null;
    try {
      await core.db.query(`UPDATE sensors SET interval_sec = 1 WHERE id = 'S2'`);
      await seen('S2', 60);
      jobs = await startJobs(core, { notify: async () => {} }, { pollMs: 50, offlineScanEveryMs: 250 });
      // Silence counts from the first scan of this process: 3 × 1 s later the sensor is offline.
      const a = await until(
        async () => (await alarms()).find((x) => x.sensor_id === 'S2'),
        8_000,
        'the offline alarm',
      );
      expect(a).toMatchObject({ kind: 'offline', status: 'raised' });
      expect(seeded.sid.s2).toBeGreaterThan(0);
    } finally {
      await jobs?.stop();
    }
  });
});
