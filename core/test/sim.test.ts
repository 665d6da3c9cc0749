import type { AddressInfo } from 'node:net';
import { compileThreshold } from '@fenghuo/sdk';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../src/api/server.js';
import { loadInventory } from '../src/catalog/load.js';
import { DEMO_CITY_FILE } from '../src/cli.js';
import { type JobsHandle, startJobs } from '../src/jobs/start.js';
import {
  DEFAULT_SHAPE,
  fitShape,
  incidentPairs,
  normalBehaviour,
  profileValue,
  type SimSensor,
  shapeDuration,
} from '../src/sim/model.js';
import { Random } from '../src/sim/random.js';
import { createSimulator, type Simulator } from '../src/sim/simulator.js';
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

  it('shapes an incident: up past orange, held, and back to the baseline so that the alarm clears', () => {
    const s = DEFAULT_SHAPE;
    const v = (t: number) => profileValue(t, 0.8, s.peak, s.riseMs, s.holdMs, s.fallMs);
    expect(v(-1)).toBeNull();
    expect(v(0)).toBeCloseTo(0.8);
    expect(v(s.riseMs * 0.1)!).toBeGreaterThan(5); // the alarm level is crossed early
    expect(v(s.riseMs + 1)).toBe(s.peak);
    expect(s.peak).toBeGreaterThan(25);
    expect(s.peak).toBeLessThan(50);
    expect(v(shapeDuration(s) - 1)!).toBeLessThan(1);
    expect(v(shapeDuration(s))).toBeNull();
  });

  it('shrinks an incident to fit between incidents', () => {
    const fitted = fitShape(DEFAULT_SHAPE, 100_000);
    expect(shapeDuration(fitted)).toBeCloseTo(90_000);
    expect(fitShape(DEFAULT_SHAPE, 600_000)).toBe(DEFAULT_SHAPE);
  });

  it('pairs each valve well with the nearest methane sensor on another object within 300 m', () => {
    const s = (id: string, objectId: string, kind: string, lon: number): SimSensor => ({
      id,
      objectId,
      objectKind: kind,
      objectName: objectId,
      riskType: 'gas-pipeline',
      location: [lon, 30.27],
      metrics: [{ key: 'ch4', normal: 1, sd: 0.1, min: 0, max: 100 }],
    });
    const sensors = [
      s('A', 'VW-1', 'valve_well', 120.16),
      s('A2', 'VW-1', 'valve_well', 120.16),
      s('B', 'AS-1', 'adjacent_space', 120.1603),
      s('C', 'VW-2', 'valve_well', 120.17),
    ];
    const pairs = incidentPairs(sensors, new Random(1));
    expect(pairs.map((p) => p.source.id).sort()).toEqual(['A', 'A2', 'C']);
    const a = pairs.find((p) => p.source.id === 'A')!;
    expect(a.confirm?.id).toBe('B');
    expect(pairs.find((p) => p.source.id === 'C')!.confirm).toBeNull();
  });
});

describe('simulator against the demo city', () => {
  let core: TestCore;
  let app: FastifyInstance;
  let sim: Simulator;
  let jobs: JobsHandle | undefined;
  const t0 = Date.now() - 20 * 60_000;

  beforeAll(async () => {
    // The real plugins, from the plugins folder.
    core = await makeTestCore('sim');
    await loadInventory(core, DEMO_CITY_FILE);
    app = await buildServer(core);
    await app.listen({ port: 0, host: '127.0.0.1' });
    jobs = await startJobs(core, {}, { pollMs: 50, offlineScanEveryMs: 0 });
    sim = await createSimulator(core, {
      baseUrl: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
      token: 'demo-device-token',
      periodMs: 15_000,
      firstIncidentAfterMs: 60_000,
      incidentEveryMs: 600_000,
      startMs: t0,
      seed: 42,
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
    expect(sim.sensors).toHaveLength(26);
    expect(r.sent).toBe(28); // 26 sensors, two of them with pressure and flow
    expect(r).toMatchObject({ accepted: 28, rejected: 0, incident: null });
  });

  it('raises methane alarms in the incident well and its neighbour, warns through GraphQL, then clears them', async () => {
    let incident: { source: string; confirm: string | null } | null = null;
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
    expect(incident).not.toBeNull();
    await expect
      .poll(async () => (await core.db.query("SELECT 1 FROM warnings WHERE city_id = 'demo'")).rows.length, {
        timeout: 20_000,
        interval: 200,
      })
      .toBeGreaterThan(0);
    const res = await app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { authorization: 'Bearer demo-admin-token' },
      payload: {
        query: `{ warnings { nodes { tier status impact impactRadiusM targets { id kind role name { zh en } distanceM }
          findings { zh en } actions { zh en } title { zh en } body { zh en } instructions { zh en } revision
          object { id } alarm { sensor { id } archive { kind } } } } }`,
      },
    });
    const body = res.json();
    expect(body.errors).toBeUndefined();
    const w = body.data.warnings.nodes.find(
      (n: { alarm: { sensor: { id: string } } }) => n.alarm.sensor.id === incident!.source,
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
    expect(Object.keys(bySensor).sort()).toEqual(
      [incident!.source, incident!.confirm].filter(Boolean).sort(),
    );
    expect(bySensor[incident!.source]).toMatchObject({ max_level: 'orange', status: 'cleared' });
    if (incident!.confirm) expect(bySensor[incident!.confirm]!.status).toBe('cleared');
  });
});
