import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeContext } from '../src/analysis/context.js';
import { handleAnalyze } from '../src/analysis/run.js';
import { invalidateSpatialIndex } from '../src/analysis/spatial.js';
import type { WarningEventPayload } from '../src/events.js';
import { ensurePartitions } from '../src/store/partitions.js';
import { liftWarning } from '../src/warnings/actions.js';
import {
  analysis,
  applyAndEmit,
  change,
  defaultAnalyze,
  type Seeded,
  seed,
  testPlugins,
} from './alarms-fixtures.js';
import { makeTestCore, type TestCore } from './helpers.js';

const OPTS = { timeoutMs: 2_000 };

describe('analysis → warnings', () => {
  let core: TestCore;
  let seeded: Seeded;
  const warnings: WarningEventPayload[] = [];

  beforeAll(async () => {
    core = await makeTestCore('analysis', { plugins: testPlugins() });
    seeded = await seed(core);
    core.bus.on('warning', (w) => warnings.push(w));
  });
  afterAll(async () => {
    await core.dispose();
  });
  beforeEach(async () => {
    for (const t of ['webhook_deliveries', 'notifications', 'warnings', 'jobs', 'archive_events', 'alarms']) {
      await core.db.query(`DELETE FROM ${t}`);
    }
    warnings.length = 0;
    analysis.impl = defaultAnalyze;
    analysis.calls.length = 0;
  });

  /** Apply a change and return the analyze job it enqueued. */
  async function step(
    from: Parameters<typeof change>[1],
    to: Parameters<typeof change>[2],
    value: number,
    limit: number,
  ) {
    await applyAndEmit(core, [change(seeded, from, to, value, limit, '2026-11-29T08:00:00Z')]);
    const { rows } = await core.db.query<{ data: { alarmId: string; eventId: string } }>(
      "SELECT data FROM jobs WHERE name = 'analyze' ORDER BY jobs.id DESC LIMIT 1",
    );
    await core.db.query('DELETE FROM jobs');
    return rows[0]!.data;
  }
  const warningRows = async () =>
    (
      await core.db.query<{
        id: string;
        tier: string;
        status: string;
        revision: number;
        targets: { id: string; distanceM: number }[];
        title_zh: string;
        title_en: string;
        body_zh: string;
        body_en: string;
        instructions_zh: string;
        impact_radius_m: number;
        impact: unknown;
        findings: unknown[];
      }>('SELECT *, id::text FROM warnings')
    ).rows;
  const archive = async () =>
    (
      await core.db.query<{ kind: string; data: Record<string, unknown> }>(
        'SELECT kind, data FROM archive_events ORDER BY archive_events.id',
      )
    ).rows;
  const notified = async (kind: string) =>
    (
      await core.db.query<{ unit_id: string }>(
        'SELECT unit_id FROM notifications WHERE kind = $1 ORDER BY unit_id',
        [kind],
      )
    ).rows.map((r) => r.unit_id);

  it('issues a warning whose targets come from the spatial index and whose texts come from the templates', async () => {
    const job = await step(null, 'yellow', 22, 20);
    await handleAnalyze(core, job, OPTS);
    expect(analysis.calls).toHaveLength(1);
    expect(analysis.calls[0]).toMatchObject({
      alarmId: job.alarmId,
      city: 'c1',
      metric: 'ch4',
      level: 'yellow',
      previousLevel: null,
      value: 22,
      limit: 20,
      cause: 'value',
      ts: '2026-11-29T08:00:00.000Z',
      utcOffsetMin: 480, // the city's zone, Asia/Shanghai
      sensor: { id: 'S1', objectId: 'well-1', location: [120, 30] },
      object: { id: 'well-1', kind: 'valve_well', role: 'monitored', ownerUnit: 'gasco' },
    });
    const [w] = await warningRows();
    expect(w).toMatchObject({ tier: 'yellow', status: 'active', revision: 1, impact_radius_m: 200 });
    // Within 200 m: the filling station (≈ 48 m, a polygon) and the school (≈ 96 m); the other city's
    // school at 48 m and the monitored main are not targets or hazards of this city.
    expect(w!.targets.map((t) => t.id)).toEqual(['station-1', 'school-1']);
    expect(w!.targets[0]!.distanceM).toBeGreaterThan(45);
    expect(w!.targets[0]!.distanceM).toBeLessThan(51);
    expect(w!.targets[1]!.distanceM).toBeGreaterThan(93);
    expect(w!.targets[1]!.distanceM).toBeLessThan(99);
    expect(w!.title_zh).toBe('1号阀门井燃气泄漏黄色预警');
    expect(w!.title_en).toBe('Yellow warning: gas leak at Valve well 1');
    expect(w!.body_zh).toBe('1号阀门井甲烷 22 %LEL，影响范围内：加油站、实验小学（2 处）');
    expect(w!.body_en).toBe(
      'Methane at Valve well 1: 22 %LEL; inside the impact area: Filling station, Experimental school (2)',
    );
    expect(w!.instructions_zh).toBe('1. 疏散周边人员');
    expect(w!.impact).toEqual({ type: 'Point', coordinates: [120, 30] });
    expect((await archive()).map((e) => e.kind)).toEqual([
      'alarm.raised',
      'analysis.completed',
      'warning.issued',
      'notify.in_app',
    ]);
    expect(await notified('warning.issued')).toEqual(['emergency', 'gasco', 'gov']);
    expect(warnings).toEqual([{ id: w!.id, city: 'c1', alarmId: job.alarmId, tier: 'yellow', revision: 1 }]);
  });

  it('gives the analysis the offset of the city’s own time zone at the reading’s instant', async () => {
    await core.db.query("UPDATE cities SET timezone = 'America/St_Johns' WHERE id = 'c1'");
    try {
      await handleAnalyze(core, await step(null, 'yellow', 22, 20), OPTS);
      expect(analysis.calls[0]!.utcOffsetMin).toBe(-210); // Newfoundland in November: UTC−03:30
    } finally {
      await core.db.query("UPDATE cities SET timezone = 'Asia/Shanghai' WHERE id = 'c1'");
    }
  });

  it('updates the same warning (revision 2) when the alarm steps up, and a job run twice changes nothing', async () => {
    const first = await step(null, 'blue', 12, 10);
    await handleAnalyze(core, first, OPTS);
    expect(await notified('warning.issued')).toEqual(['gasco']);
    const second = await step('blue', 'red', 55, 50);
    await handleAnalyze(core, second, OPTS);
    await handleAnalyze(core, second, OPTS);
    // An older job arriving late is dropped too.
    await handleAnalyze(core, first, OPTS);
    expect(analysis.calls.map((c) => [c.previousLevel, c.level])).toEqual([
      [null, 'blue'],
      ['blue', 'red'],
    ]);
    const rows = await warningRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ tier: 'red', revision: 2, status: 'active' });
    expect((await archive()).filter((e) => e.kind.startsWith('warning.')).map((e) => e.kind)).toEqual([
      'warning.issued',
      'warning.updated',
    ]);
    expect(await notified('warning.updated')).toEqual(['emergency', 'gasco', 'gov']);
    expect(warnings.map((w) => [w.tier, w.revision])).toEqual([
      ['blue', 1],
      ['red', 2],
    ]);
  });

  it('lifts the warning when a re-analysis concludes there is none, and lets an operator lift it too', async () => {
    await handleAnalyze(core, await step(null, 'orange', 31, 30), OPTS);
    analysis.impl = () => ({ tier: null, findings: [{ zh: '传感器漂移', en: 'Sensor drift' }], actions: [] });
    await handleAnalyze(core, await step('orange', 'red', 51, 50), OPTS);
    const [w] = await warningRows();
    expect(w).toMatchObject({ status: 'lifted', tier: 'orange', revision: 2 });
    expect((await archive()).map((e) => e.kind)).toContain('warning.lifted');
    // Re-issued by a later analysis that finds a warning again.
    analysis.impl = defaultAnalyze;
    await core.db.query("UPDATE alarms SET level = 'orange'");
    await handleAnalyze(core, await step('orange', 'red', 52, 50), OPTS);
    expect((await warningRows())[0]).toMatchObject({ status: 'active', tier: 'red', revision: 3 });
    const p = await liftWarning(core, 'c1', w!.id, 'duty-officer', '现场已排除险情');
    expect(p).toMatchObject({ id: w!.id, revision: 4 });
    expect((await warningRows())[0]).toMatchObject({ status: 'lifted', revision: 4 });
    await expect(liftWarning(core, 'c1', w!.id, 'duty-officer')).rejects.toMatchObject({
      code: 'FH_WARNING_ALREADY_LIFTED',
      status: 409,
    });
    await expect(liftWarning(core, 'c2', w!.id, 'x')).rejects.toMatchObject({
      code: 'FH_WARNING_NOT_FOUND',
      status: 404,
    });
  });

  it('archives analysis.failed with a coded error when the plugin throws, times out or returns nonsense', async () => {
    analysis.impl = () => {
      throw new RangeError('no curve');
    };
    const a = await step(null, 'yellow', 22, 20);
    await handleAnalyze(core, a, OPTS);
    analysis.impl = () => new Promise(() => {});
    await core.db.query("UPDATE alarms SET level = 'yellow'");
    const b = await step('yellow', 'orange', 31, 30);
    const t0 = Date.now();
    await handleAnalyze(core, b, { timeoutMs: 150 });
    expect(Date.now() - t0).toBeLessThan(1_500);
    analysis.impl = () => ({ tier: 'purple', findings: 'none' }) as never;
    const c = await step('orange', 'red', 51, 50);
    await handleAnalyze(core, c, OPTS);
    const failed = (await archive()).filter((e) => e.kind === 'analysis.failed').map((e) => e.data);
    expect(failed.map((f) => f['code'])).toEqual([
      'FH_ANALYSIS_FAILED',
      'FH_ANALYSIS_TIMEOUT',
      'FH_ANALYSIS_RESULT_INVALID',
    ]);
    expect(failed[0]!['message']).toContain('RangeError: no curve');
    expect(failed[1]!['message']).toContain('took longer than 150 ms');
    expect(failed[2]!['message']).toMatch(/\/tier/);
    expect(failed[2]!['message']).toMatch(/\/findings/);
    expect(await warningRows()).toEqual([]);
  });

  it('archives FH_ANALYSIS_PLUGIN_MISSING for an alarm of a risk type no plugin provides', async () => {
    const job = await step(null, 'yellow', 22, 20);
    await core.db.query("UPDATE alarms SET risk_type = 'unknown-type'");
    await handleAnalyze(core, job, OPTS);
    const failed = (await archive()).find((e) => e.kind === 'analysis.failed');
    expect(failed?.data['code']).toBe('FH_ANALYSIS_PLUGIN_MISSING');
    expect(analysis.calls).toHaveLength(0);
  });

  it('throws a database failure met inside the context so the job is retried, not blamed on the plugin', async () => {
    analysis.impl = async (event, ctx) => {
      await ctx.weather();
      return defaultAnalyze(event, ctx);
    };
    const job = await step(null, 'yellow', 22, 20);
    await core.db.query('ALTER TABLE weather RENAME TO weather_away');
    try {
      await expect(handleAnalyze(core, job, OPTS)).rejects.toThrow(/weather/);
    } finally {
      await core.db.query('ALTER TABLE weather_away RENAME TO weather');
    }
    expect((await archive()).some((e) => e.kind === 'analysis.failed')).toBe(false);
    await handleAnalyze(core, job, OPTS);
    expect(await warningRows()).toHaveLength(1);
  });

  describe('the context', () => {
    const at = Date.parse('2026-11-29T08:00:00Z');
    const ctx = () =>
      makeContext(core, {
        city: 'c1',
        sensor: { id: 'S1', objectId: 'well-1', riskType: 'test-gas', metrics: ['ch4'], location: [120, 30] },
        tsMs: at,
      });

    it('reads history up to the event, oldest first, keeping the latest points under a limit', async () => {
      await ensurePartitions(core.db, at - 7_200_000, at + 60_000);
      const m = core.sensors.metricIds.get('ch4')!;
      const pts: [number, number][] = [
        [-7_000_000, 1],
        [-1_800_000, 2],
        [-600_000, 3],
        [-60_000, 4],
        [0, 5],
        [60_000, 6],
      ];
      for (const [dt, v] of pts) {
        await core.db.query(
          'INSERT INTO readings (sid, metric, ts, value) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
          [seeded.sid.s1, m, new Date(at + dt).toISOString(), v],
        );
      }
      const c = ctx();
      expect((await c.history('S1', 'ch4')).map((p) => p.value)).toEqual([2, 3, 4, 5]);
      expect(await c.history('S1', 'ch4', { limit: 2 })).toEqual([
        { ts: '2026-11-29T07:59:00.000Z', value: 4 },
        { ts: '2026-11-29T08:00:00.000Z', value: 5 },
      ]);
      expect((await c.history('S1', 'ch4', { from: '2026-11-29T06:00:00Z' })).map((p) => p.value)).toEqual([
        1, 2, 3, 4, 5,
      ]);
      expect(await c.history('S2', 'ch4')).toEqual([]);
      await expect(c.history('X1', 'ch4')).rejects.toMatchObject({ code: 'FH_ANALYSIS_SENSOR_UNKNOWN' });
    });

    it('finds neighbouring sensors of the same risk type in the city, nearest first, without the event sensor', async () => {
      const c = ctx();
      expect((await c.neighbours(500)).map((s) => s.id)).toEqual(['S2']);
      const far = await c.neighbours(1_000, { metric: 'ch4' });
      expect(far.map((s) => s.id)).toEqual(['S2', 'S3']);
      expect(far[0]!.distanceM).toBeGreaterThan(140);
      expect(far[0]!.distanceM).toBeLessThan(150);
      expect(await c.neighbours(1_000, { metric: 'pressure' })).toEqual([]);
    });

    it('answers objects within a distance by role, kind or another point, and one object by id, city-scoped', async () => {
      const c = ctx();
      expect((await c.within(120)).map((o) => o.id)).toEqual(['well-1', 'main-1', 'station-1', 'school-1']);
      expect((await c.within(500, { kinds: ['hospital', 'school'] })).map((o) => o.id)).toEqual([
        'school-1',
        'hospital-1',
      ]);
      expect((await c.within(100, { at: [120.02, 30], roles: ['target'] })).map((o) => o.id)).toEqual([
        'school-far',
      ]);
      expect(await c.object('school-x')).toBeNull();
      expect(await c.object('hospital-1')).toMatchObject({
        id: 'hospital-1',
        name: { zh: '人民医院' },
        role: 'target',
      });
    });

    it('sees objects added to the catalogue once the city index is invalidated', async () => {
      const c = ctx();
      expect((await c.within(60, { roles: ['target'] })).map((o) => o.id)).toEqual([]);
      await core.db.query(
        `INSERT INTO objects (city_id, id, kind, role, name_zh, name_en, geometry, lon, lat)
         VALUES ('c1', 'kindergarten-1', 'kindergarten', 'target', '幼儿园', 'Kindergarten',
                 '{"type":"Point","coordinates":[120.0003,30]}', 120.0003, 30)`,
      );
      expect((await c.within(60, { roles: ['target'] })).map((o) => o.id)).toEqual([]);
      invalidateSpatialIndex('c1');
      expect((await c.within(60, { roles: ['target'] })).map((o) => o.id)).toEqual(['kindergarten-1']);
      await core.db.query("DELETE FROM objects WHERE id = 'kindergarten-1'");
      invalidateSpatialIndex('c1');
    });

    it('gives the latest weather and the effective thresholds', async () => {
      const c = ctx();
      expect(await c.weather()).toBeNull();
      await core.db.query(
        `INSERT INTO weather (city_id, ts, data) VALUES
           ('c1', '2026-11-29T07:00:00Z', '{"windFromDeg": 90, "windSpeedMs": 2}'),
           ('c1', '2026-11-29T07:30:00Z', '{"windFromDeg": 180, "windSpeedMs": 4.5}'),
           ('c2', '2026-11-29T07:45:00Z', '{"windFromDeg": 0}')`,
      );
      expect(await c.weather()).toEqual({
        ts: '2026-11-29T07:30:00.000Z',
        windFromDeg: 180,
        windSpeedMs: 4.5,
      });
      expect(await c.thresholds('S1', 'ch4')).toEqual({
        alarm: 5,
        blue: 10,
        yellow: 20,
        orange: 30,
        red: 50,
      });
      expect(Date.parse(c.now())).toBeGreaterThan(Date.now() - 5_000);
    });
  });
});
