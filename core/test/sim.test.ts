import type { AddressInfo } from 'node:net';
import { compileThreshold } from '@fenghuo/sdk';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../src/api/server.js';
import { loadInventory } from '../src/catalog/load.js';
import { DEMO_CITY_FILE, DEMO_SCRIPT_FILE } from '../src/cli.js';
import { type JobsHandle, startJobs } from '../src/jobs/start.js';
import { normalBehaviour, profileValue } from '../src/sim/model.js';
import { Random } from '../src/sim/random.js';
import {
  historyReadings,
  incidentDurationMs,
  incidentWeather,
  readScript,
  type ScriptIncident,
  schedule,
  scriptProblems,
  stepValue,
} from '../src/sim/script.js';
import { createSimulator, type RunningIncident, type Simulator } from '../src/sim/simulator.js';
import { makeTestCore, type TestCore } from './helpers.js';

describe('simulator model', () => {
  it('repeats the same values for the same seed', () => {
    const a = new Random(7);
    const b = new Random(7);
    const xs = Array.from({ length: 5 }, () => a.gauss(1));
    expect(Array.from({ length: 5 }, () => b.gauss(1))).toEqual(xs);
    expect(new Random(8).gauss(1)).not.toBe(xs[0]);
  });

  it('keeps normal values clear of every limit, including rate-of-change limits between two readings', () => {
    // Line pressure at 0.35 MPa: falling tiers from 0.9 × P_set, and a rate limit of 0.06 × P_set per minute.
    const th = compileThreshold(
      { direction: 'falling', ratioOf: 'p', levels: { blue: 0.9, red: 0.5 }, ratePerMin: { orange: 0.06 } },
      null,
      { p: 0.35 },
    )!;
    const { normal, sd } = normalBehaviour('pressure', { min: 0, max: 6.4 }, th, 5_000);
    expect(normal).toBeCloseTo(0.35, 6);
    // Five standard deviations of the difference of two readings stay below the rate limit over 5 s.
    expect(5 * Math.SQRT2 * sd).toBeLessThan((0.06 * 0.35 * 5) / 60);
    const strain = normalBehaviour(
      'strain',
      { min: -2000, max: 2000 },
      compileThreshold({ direction: 'rising', levels: { blue: 180 } }),
      5_000,
    );
    expect(strain.normal + 5 * strain.sd).toBeLessThan(180);
  });

  it('shapes a profile: up, held, and back to the baseline so that the alarm clears', () => {
    const v = (t: number) => profileValue(t, 0.8, 38, 90_000, 120_000, 60_000);
    expect(v(-1)).toBeNull();
    expect(v(0)).toBeCloseTo(0.8);
    expect(v(9_000)!).toBeGreaterThan(5); // the alarm level is crossed early
    expect(v(90_001)).toBe(38);
    expect(v(269_999)!).toBeLessThan(1);
    expect(v(270_000)).toBeNull();
    // A jump (a door contact, a fault code): no rise, no fall.
    expect(profileValue(0, 0, 1, 0, 30_000, 0)).toBe(1);
    expect(profileValue(30_000, 0, 1, 0, 30_000, 0)).toBeNull();
  });

  it('plays a step as a profile or as a curve, from its start, and the weather an incident sets', () => {
    const profile = { sensor: 'S', metric: 'm', start: 10, to: 5, rise: 0, hold: 20 };
    expect(stepValue(profile, 9_999, 1)).toBeNull();
    expect(stepValue(profile, 10_000, 1)).toBe(5);
    expect(stepValue(profile, 30_000, 1)).toBeNull();
    const curve = {
      sensor: 'S',
      metric: 'm',
      start: 60,
      points: [
        [0, 2],
        [10, 4],
        [30, 0],
      ] as [number, number][],
    };
    expect(stepValue(curve, 60_000, 9)).toBe(2);
    expect(stepValue(curve, 65_000, 9)).toBe(3);
    expect(stepValue(curve, 80_000, 9)).toBe(2);
    expect(stepValue(curve, 90_001, 9)).toBeNull();
    const inc: ScriptIncident = {
      id: 'x',
      riskTypes: ['flood'],
      title: { zh: '暴雨', en: 'Rainstorm' },
      steps: [profile, curve],
      weather: [
        { start: 0, end: 40, rainMmH: 30, windSpeedMs: 5 },
        { start: 20, end: 40, rainMmH: 60 },
      ],
    };
    expect(incidentDurationMs(inc)).toBe(90_000);
    expect(incidentWeather(inc, 10_000)).toEqual({ rainMmH: 30, windSpeedMs: 5 });
    expect(incidentWeather(inc, 25_000)).toEqual({ rainMmH: 60, windSpeedMs: 5 });
    expect(incidentWeather(inc, 40_000)).toBeNull();
  });

  it('lays incidents out one after the other, a long one getting its length and a minute of quiet', () => {
    const inc = (id: string, hold: number): ScriptIncident => ({
      id,
      riskTypes: ['gas-pipeline'],
      title: { zh: id, en: id },
      steps: [{ sensor: 'S', metric: 'ch4', to: 30, hold }],
    });
    const plan = schedule([inc('a', 100), inc('b', 400), inc('c', 10)], 300_000);
    expect(plan.items.map((i) => [i.incident.id, i.offsetMs, i.slotMs])).toEqual([
      ['a', 0, 300_000],
      ['b', 300_000, 460_000],
      ['c', 760_000, 300_000],
    ]);
    expect(plan.cycleMs).toBe(1_060_000);
  });

  it('lists every problem of a script by its path: shape, then sensors, metrics and risk types of the city', () => {
    expect(scriptProblems({ incidents: [{ id: 'Bad Id', steps: [] }] }, null).map((p) => p.path)).toEqual(
      expect.arrayContaining(['/incidents/0/id', '/incidents/0/steps', '/incidents/0/riskTypes']),
    );
    const city = {
      sensors: new Map([['S1', { riskType: 'gas-pipeline', metrics: ['ch4'] }]]),
      riskTypes: new Set(['gas-pipeline']),
    };
    const problems = scriptProblems(
      {
        baselines: [
          { sensor: 'S1', metric: 'co', normal: 1 },
          { metric: 'ch4', normal: 1 },
        ],
        incidents: [
          {
            id: 'a',
            riskTypes: ['gas-pipeline', 'flood'],
            title: { zh: '甲', en: 'A' },
            steps: [
              {
                sensor: 'S1',
                metric: 'ch4',
                to: 30,
                hold: 10,
                points: [
                  [0, 1],
                  [1, 2],
                ],
              },
              { sensor: 'S9', metric: 'ch4', to: 30, hold: 10 },
              {
                sensor: 'S1',
                metric: 'co',
                points: [
                  [5, 1],
                  [5, 2],
                ],
              },
              { sensor: 'S1', metric: 'ch4', to: 30 },
            ],
          },
          {
            id: 'a',
            riskTypes: ['gas-pipeline'],
            title: { zh: '乙', en: 'B' },
            steps: [{ sensor: 'S1', metric: 'ch4', to: 1, hold: 1 }],
          },
        ],
      },
      city,
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: '/incidents/0/riskTypes/1', message: 'no risk type "flood" is installed' },
        { path: '/incidents/0/steps/0', message: expect.stringContaining('either `to`') },
        { path: '/incidents/0/steps/0', message: expect.stringContaining('belong to a profile') },
        { path: '/incidents/0/steps/1/sensor', message: 'no sensor "S9" in the city' },
        { path: '/incidents/0/steps/2/metric', message: expect.stringContaining('no metric "co"') },
        { path: '/incidents/0/steps/2/points', message: 'times must increase' },
        { path: '/incidents/0/steps/3', message: expect.stringContaining('never shows') },
        { path: '/incidents/1/id', message: '"a" is used twice' },
        { path: '/baselines/0/metric', message: 'sensor "S1" has no metric "co"' },
        { path: '/baselines/1', message: 'give either `sensor` or `riskType`' },
      ]),
    );
    expect(problems).toHaveLength(10);
  });

  it('lays history on a grid of whole periods before the start, so that a restart writes the same instants', () => {
    const h = {
      sensor: 'GNSS',
      metric: 'ls_disp',
      days: 2,
      everyHours: 6,
      points: [
        [-2, 70],
        [0, 71],
      ] as [number, number][],
    };
    const start = Date.parse('2026-11-29T08:30:00Z');
    const a = historyReadings(h, start);
    expect(a.map((r) => r.ts)).toEqual([
      '2026-11-27T12:00:00.000Z',
      '2026-11-27T18:00:00.000Z',
      '2026-11-28T00:00:00.000Z',
      '2026-11-28T06:00:00.000Z',
      '2026-11-28T12:00:00.000Z',
      '2026-11-28T18:00:00.000Z',
      '2026-11-29T00:00:00.000Z',
      '2026-11-29T06:00:00.000Z',
    ]);
    expect(a[0]!.value).toBeCloseTo(70 + 3.5 / 48, 4); // 3.5 h after day -2
    expect(a[a.length - 1]!.value).toBeCloseTo(71 - 2.5 / 48, 4);
    const b = historyReadings(h, start + 3_600_000);
    // Restarted an hour later: the same instants (the store ignores a reading it already has).
    expect(b.map((r) => r.ts)).toEqual(a.map((r) => r.ts));
    expect(
      scriptProblems(
        {
          history: [
            {
              sensor: 'S9',
              metric: 'ch4',
              days: 3,
              points: [
                [-3, 1],
                [-1, 2],
              ],
            },
            {
              sensor: 'S1',
              metric: 'ch4',
              days: 3,
              points: [
                [-2, 1],
                [-2, 2],
                [0, 1],
              ],
            },
          ],
          incidents: [],
        },
        { sensors: new Map([['S1', { riskType: 'gas-pipeline', metrics: ['ch4'] }]]), riskTypes: new Set() },
      ),
    ).toEqual([
      { path: '/history/0/points', message: 'must run from day -3 (or before) to day 0' },
      { path: '/history/0/sensor', message: 'no sensor "S9" in the city' },
      { path: '/history/1/points', message: 'days must increase' },
      { path: '/history/1/points', message: 'must run from day -3 (or before) to day 0' },
    ]);
  });

  it('reads the demo script, which plays every installed risk type', () => {
    const script = readScript(DEMO_SCRIPT_FILE, null);
    expect(script.incidents.length).toBeGreaterThan(0);
    expect(new Set(script.incidents.map((i) => i.id)).size).toBe(script.incidents.length);
  });
});

describe('simulator against the demo city', () => {
  let core: TestCore;
  let app: FastifyInstance;
  let sim: Simulator;
  let jobs: JobsHandle | undefined;
  // Whole seconds, so that a device frame's clock (seconds) gives the tick's instant exactly.
  const t0 = Math.floor((Date.now() - 20 * 60_000) / 1000) * 1000;
  /** What reached the ingest: the sensors of each JSON batch, and each raw payload by sensor. */
  const batches: string[][] = [];
  const frames: { sensor: string; bytes: Uint8Array }[] = [];
  /** The demo's sensors bound to the LoRaWAN methane plugin. */
  let lorawan: string[] = [];
  /** The demo's sensors and metric values, as the inventory has them. */
  let sensorCount = 0;
  let metricCount = 0;

  const gql = async (query: string) => {
    const res = await app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { authorization: 'Bearer demo-admin-token' },
      payload: { query },
    });
    const body = res.json();
    expect(body.errors).toBeUndefined();
    return body.data;
  };
  /** Stored methane of one sensor between two instants, through GraphQL. */
  const ch4 = async (sensor: string, fromMs: number, toMs: number) =>
    (
      await gql(`{ readings(sensor: "${sensor}", metric: "ch4", from: "${new Date(fromMs).toISOString()}",
        to: "${new Date(toMs).toISOString()}") { points { ts value } } }`)
    ).readings.points as { ts: string; value: number }[];

  beforeAll(async () => {
    // The real plugins, from the plugins folder.
    core = await makeTestCore('sim');
    await loadInventory(core, DEMO_CITY_FILE);
    app = await buildServer(core);
    app.addHook('preHandler', async (req) => {
      const raw = /^\/api\/v1\/raw\/([^/?]+)/.exec(req.url);
      if (raw) frames.push({ sensor: decodeURIComponent(raw[1]!), bytes: req.body as Uint8Array });
      else if (req.url === '/api/v1/readings')
        batches.push((req.body as { readings: { sensor: string }[] }).readings.map((r) => r.sensor));
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    lorawan = (
      await core.db.query<{ id: string }>(
        "SELECT id FROM sensors WHERE city_id = 'demo' AND decoder = 'lorawan-methane' ORDER BY id",
      )
    ).rows.map((r) => r.id);
    const counts = await core.db.query<{ sensors: number; metrics: number }>(
      "SELECT count(*)::int AS sensors, sum(cardinality(metrics))::int AS metrics FROM sensors WHERE city_id = 'demo'",
    );
    sensorCount = counts.rows[0]!.sensors;
    metricCount = counts.rows[0]!.metrics;
    jobs = await startJobs(core, {}, { pollMs: 50, offlineScanEveryMs: 0 });
    sim = await createSimulator(core, {
      baseUrl: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
      token: 'demo-device-token',
      periodMs: 15_000,
      firstIncidentAfterMs: 60_000,
      incidentEveryMs: 600_000,
      startMs: t0,
      // The demo's leak in a LoRaWAN well: alarm, warning and clearing then all come from decoded
      // device frames.
      script: readScript(DEMO_SCRIPT_FILE, null),
      incidents: ['gas-leak-jiaogong-vw07'],
    });
  });
  afterAll(async () => {
    await sim?.stop();
    await jobs?.stop();
    await app?.close();
    await core?.dispose();
  });

  it('sends a reading of every metric of every demo sensor, all accepted by the real ingest', async () => {
    const r = await sim.tick(t0);
    expect(sim.city).toBe('demo');
    expect(sim.sensors).toHaveLength(sensorCount);
    expect(sensorCount).toBeGreaterThan(26);
    expect(r.sent).toBe(metricCount);
    expect(r).toMatchObject({ accepted: metricCount, rejected: 0, incident: null });
  });

  it('sends the LoRaWAN wells’ methane as FH-LM1 frames that the plugin decodes, not in the JSON batch', async () => {
    expect(lorawan).toEqual(['GAS-VW07-CH4', 'GAS-VW08-CH4']);
    batches.length = 0;
    frames.length = 0;
    const at = t0 + 5_000;
    const r = await sim.tick(at);
    expect(r).toMatchObject({
      sent: metricCount,
      accepted: metricCount,
      rejected: 0,
      raw: { frames: 2, sent: 2, accepted: 2, rejected: 0 },
    });
    expect(batches).toHaveLength(1);
    expect(batches[0]).toHaveLength(sensorCount - 2);
    for (const id of lorawan) expect(batches[0]).not.toContain(id);
    expect(frames.map((f) => f.sensor).sort()).toEqual(lorawan);
    for (const { sensor, bytes } of frames) {
      // A tick for a past instant: type 2, the device clock set to that instant (big-endian seconds).
      expect(bytes).toHaveLength(10);
      expect(bytes[0]).toBe(0x12);
      expect(new DataView(bytes.buffer, bytes.byteOffset).getUint32(5)).toBe(at / 1000);
      // What the plugin decoded is what is stored, at the device's instant.
      const stored = await ch4(sensor, at, at);
      expect(stored).toEqual([
        { ts: new Date(at).toISOString(), value: ((bytes[1]! << 8) | bytes[2]!) / 10 },
      ]);
      expect(stored[0]!.value).toBeGreaterThanOrEqual(0);
      expect(stored[0]!.value).toBeLessThan(3);
    }
  });

  it('raises methane alarms in the incident well and its neighbour, warns through GraphQL, then clears them', async () => {
    let incident: RunningIncident | null = null;
    const ticks = async (from: number, to: number) => {
      for (let t = from; t <= to; t += 15_000) {
        const r = await sim.tick(t);
        expect(r.rejected).toBe(0);
        incident ??= r.incident;
      }
    };
    // Nine minutes of readings every 15 s: before, during (1 to 5.5 min) and after the first incident
    // (the second would start at 11 min). Pause at the peak for the analysis to issue its warning.
    await ticks(t0 + 15_000, t0 + 4 * 60_000);
    expect(incident).toMatchObject({ id: 'gas-leak-jiaogong-vw07', startMs: t0 + 60_000 });
    const source = 'GAS-VW07-CH4';
    const confirm = 'GAS-AS04-CH4';
    // The incident's well sends device frames: its rise reached the platform only through the decoder.
    expect(lorawan).toContain(source);
    expect(batches.flat()).not.toContain(source);
    const rise = await ch4(source, t0, t0 + 4 * 60_000);
    expect(rise.length).toBeGreaterThan(15);
    for (const p of rise) expect(Math.round(p.value * 10)).toBeCloseTo(p.value * 10, 9); // 0.1 %LEL steps
    expect(Math.max(...rise.map((p) => p.value))).toBeGreaterThan(38 * 0.95);
    await expect
      .poll(async () => (await core.db.query("SELECT 1 FROM warnings WHERE city_id = 'demo'")).rows.length, {
        timeout: 20_000,
        interval: 200,
      })
      .toBeGreaterThan(0);
    const data = await gql(
      `{ warnings { nodes { tier status impact impactRadiusM targets { id kind role name { zh en } distanceM }
        findings { zh en } actions { zh en } title { zh en } body { zh en } instructions { zh en } revision
        object { id } alarm { sensor { id } archive { kind } } } } }`,
    );
    const w = data.warnings.nodes.find(
      (n: { alarm: { sensor: { id: string } } }) => n.alarm.sensor.id === source,
    );
    expect(w).toBeDefined();
    expect(['blue', 'yellow', 'orange', 'red']).toContain(w.tier);
    expect(w.title.zh.length).toBeGreaterThan(0);
    expect(w.title.en.length).toBeGreaterThan(0);
    expect(w.findings.length).toBeGreaterThan(0);
    expect(w.actions.length).toBeGreaterThan(0);
    expect(w.impact.type).toBe('Polygon');
    expect(w.impactRadiusM).toBeGreaterThan(0);
    expect(w.alarm.archive.map((e: { kind: string }) => e.kind)).toContain('alarm.raised');
    await ticks(t0 + 4 * 60_000 + 15_000, t0 + 9 * 60_000);
    const { rows } = await core.db.query<{ sensor_id: string; max_level: string; status: string }>(
      "SELECT sensor_id, max_level, status FROM alarms WHERE city_id = 'demo' ORDER BY id",
    );
    const bySensor = Object.fromEntries(rows.map((r) => [r.sensor_id, r]));
    expect(Object.keys(bySensor).sort()).toEqual([confirm, source]);
    expect(bySensor[source]).toMatchObject({ max_level: 'orange', status: 'cleared' });
    expect(bySensor[confirm]!.status).toBe('cleared');
  });

  it('sends type-1 frames for a live tick, which the platform stamps on arrival', async () => {
    frames.length = 0;
    const before = Date.now();
    const r = await sim.tick();
    const after = Date.now();
    expect(r.raw).toEqual({ frames: 2, sent: 2, accepted: 2, rejected: 0 });
    expect(frames).toHaveLength(2);
    for (const { sensor, bytes } of frames) {
      expect(bytes).toHaveLength(6);
      expect(bytes[0]).toBe(0x11);
      const stored = await ch4(sensor, before, after);
      expect(stored).toHaveLength(1);
      expect(stored[0]!.value).toBe(((bytes[1]! << 8) | bytes[2]!) / 10);
    }
  });

  it('counts a device frame the platform refuses as rejected, while the JSON batch beside it is stored', async () => {
    const patch = (enabled: boolean) =>
      app.inject({
        method: 'PATCH',
        url: '/api/v1/plugins/lorawan-methane',
        headers: { authorization: 'Bearer demo-admin-token' },
        payload: { enabled },
      });
    expect((await patch(false)).statusCode).toBe(200);
    try {
      const r = await sim.tick();
      expect(r).toMatchObject({
        sent: metricCount,
        accepted: metricCount - 2,
        rejected: 2,
        raw: { frames: 2, sent: 2, accepted: 0, rejected: 2 },
      });
    } finally {
      expect((await patch(true)).statusCode).toBe(200);
    }
  });
});
