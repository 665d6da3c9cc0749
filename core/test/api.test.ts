import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../src/api/server.js';
import { loadInventory } from '../src/catalog/load.js';
import { codes, gql, isoAgo, ok, send } from './api-helpers.js';
import { testInventory, testPlugins, tokenOf } from './catalog-fixtures.js';
import { makeTestCore, type TestCore } from './helpers.js';

const A = (role: 'admin' | 'operator' | 'viewer' | 'device') => tokenOf('alpha', role);
const B = (role: 'admin' | 'operator' | 'viewer' | 'device') => tokenOf('beta', role);

const ALARM_FIELDS = 'id level maxLevel status metric value sensor { id } object { id }';

describe('GraphQL API', () => {
  let core: TestCore;
  let app: FastifyInstance;
  const alarmOf: Record<string, string> = {};

  beforeAll(async () => {
    core = await makeTestCore('api', { plugins: testPlugins() });
    await loadInventory(core, testInventory('alpha'));
    await loadInventory(core, testInventory('beta', 120.19));
    app = await buildServer(core);
    // Three alarms in alpha, raised one after the other: orange, blue, red.
    await send(app, A('device'), [{ sensor: 'CH4-1', ts: isoAgo(30_000), values: { ch4: 30 } }]);
    await send(app, A('device'), [{ sensor: 'CH4-2', ts: isoAgo(20_000), values: { ch4: 12 } }]);
    await send(app, A('device'), [{ sensor: 'CH4-3', ts: isoAgo(10_000), values: { ch4: 60 } }]);
    const { rows } = await core.db.query<{ id: string; sensor_id: string }>(
      "SELECT id::text, sensor_id FROM alarms WHERE city_id = 'alpha'",
    );
    for (const r of rows) alarmOf[r.sensor_id] = r.id;
  });
  afterAll(async () => {
    await app.close();
    await core.dispose();
  });

  it('refuses a query without a token, or with an unknown one, with FH_AUTH_UNAUTHENTICATED', async () => {
    expect(await codes(app, null, '{ objects { nodes { id } } }')).toEqual(['FH_AUTH_UNAUTHENTICATED']);
    expect(await codes(app, 'not-a-token-at-all', '{ alarms { nodes { id } } }')).toEqual([
      'FH_AUTH_UNAUTHENTICATED',
    ]);
  });

  it('refuses a device token reading the city with FH_AUTH_FORBIDDEN', async () => {
    expect(await codes(app, A('device'), '{ objects { nodes { id } } }')).toEqual(['FH_AUTH_FORBIDDEN']);
  });

  it('tells the caller who they are', async () => {
    const d = await ok(app, A('viewer'), '{ me { city role name } city { id name { zh en } timezone } }');
    expect(d.me).toEqual({ city: 'alpha', role: 'viewer', name: 'alpha viewer' });
    expect(d.city).toEqual({
      id: 'alpha',
      name: { zh: 'alpha 区', en: 'alpha district' },
      timezone: 'Asia/Shanghai',
    });
  });

  it('lists objects by role and risk type with their owner unit and sensors', async () => {
    const d = await ok(
      app,
      A('viewer'),
      `{ objects(role: monitored, riskType: "test-gas") { nodes { id role location ownerUnit { id kind name { zh } }
           sensors { id metrics } } } targets: objects(role: target) { nodes { id kind geometry attributes } } }`,
    );
    expect(d.objects.nodes.map((o: { id: string }) => o.id)).toEqual(['VW-1', 'VW-2', 'VW-3']);
    expect(d.objects.nodes[0]).toEqual({
      id: 'VW-1',
      role: 'monitored',
      location: [120.17, 30.27],
      ownerUnit: { id: 'gas-co', kind: 'owner', name: { zh: '燃气公司' } },
      sensors: [
        { id: 'CH4-1', metrics: ['ch4'] },
        { id: 'P-1', metrics: ['pressure', 'ch4'] },
      ],
    });
    expect(d.targets.nodes).toHaveLength(1);
    expect(d.targets.nodes[0]).toMatchObject({ id: 'SCH-1', kind: 'school', attributes: { pupils: 900 } });
    expect(d.targets.nodes[0].geometry.type).toBe('Polygon');
  });

  it('pages objects and sensors with cursors', async () => {
    const p1 = await ok(
      app,
      A('viewer'),
      '{ objects(first: 3) { nodes { id } pageInfo { hasNextPage endCursor } } }',
    );
    expect(p1.objects.nodes.map((o: { id: string }) => o.id)).toEqual(['SCH-1', 'VW-1', 'VW-2']);
    expect(p1.objects.pageInfo.hasNextPage).toBe(true);
    const p2 = await ok(
      app,
      A('viewer'),
      'query($a: String) { objects(first: 3, after: $a) { nodes { id } pageInfo { hasNextPage } } }',
      {
        a: p1.objects.pageInfo.endCursor,
      },
    );
    expect(p2.objects).toEqual({ nodes: [{ id: 'VW-3' }], pageInfo: { hasNextPage: false } });
    const s = await ok(
      app,
      A('viewer'),
      '{ sensors(objectId: "VW-1") { nodes { id object { id } riskType intervalSec } } }',
    );
    expect(s.sensors.nodes).toEqual([
      { id: 'CH4-1', object: { id: 'VW-1' }, riskType: 'test-gas', intervalSec: 60 },
      { id: 'P-1', object: { id: 'VW-1' }, riskType: 'test-gas', intervalSec: null },
    ]);
  });

  it('refuses a cursor made by another list and a page size out of range', async () => {
    const p = await ok(app, A('viewer'), '{ objects(first: 1) { pageInfo { endCursor } } }');
    expect(
      await codes(app, A('viewer'), 'query($a: String) { alarms(after: $a) { nodes { id } } }', {
        a: p.objects.pageInfo.endCursor,
      }),
    ).toEqual(['FH_API_BAD_CURSOR']);
    expect(await codes(app, A('viewer'), '{ alarms(after: "garbage") { nodes { id } } }')).toEqual([
      'FH_API_BAD_CURSOR',
    ]);
    expect(await codes(app, A('viewer'), '{ alarms(first: 0) { nodes { id } } }')).toEqual([
      'FH_API_VALIDATION',
    ]);
  });

  it('lists alarms newest first, page by page', async () => {
    const q = `query($a: String) { alarms(first: 2, after: $a) { nodes { ${ALARM_FIELDS} } pageInfo { hasNextPage endCursor } } }`;
    const p1 = await ok(app, A('viewer'), q);
    expect(p1.alarms.nodes.map((a: { sensor: { id: string } }) => a.sensor.id)).toEqual(['CH4-3', 'CH4-2']);
    expect(p1.alarms.nodes[0]).toMatchObject({
      level: 'red',
      maxLevel: 'red',
      status: 'raised',
      metric: 'ch4',
      value: 60,
    });
    expect(p1.alarms.pageInfo.hasNextPage).toBe(true);
    const p2 = await ok(app, A('viewer'), q, { a: p1.alarms.pageInfo.endCursor });
    expect(p2.alarms.nodes.map((a: { sensor: { id: string } }) => a.sensor.id)).toEqual(['CH4-1']);
    expect(p2.alarms.pageInfo.hasNextPage).toBe(false);
  });

  it('filters alarms by status and by the highest level reached', async () => {
    const hi = await ok(app, A('viewer'), '{ alarms(minLevel: orange) { nodes { sensor { id } level } } }');
    expect(hi.alarms.nodes).toEqual([
      { sensor: { id: 'CH4-3' }, level: 'red' },
      { sensor: { id: 'CH4-1' }, level: 'orange' },
    ]);
    const t = await ok(app, A('viewer'), '{ alarms(minTier: red) { nodes { sensor { id } } } }');
    expect(t.alarms.nodes).toEqual([{ sensor: { id: 'CH4-3' } }]);
    const none = await ok(app, A('viewer'), '{ alarms(status: [closed, false_alarm]) { nodes { id } } }');
    expect(none.alarms.nodes).toEqual([]);
  });

  it('answers readings raw and in time buckets with avg, min, max and count', async () => {
    const base = Math.floor(Date.now() / 60_000) * 60_000 - 10 * 60_000;
    const at = (s: number) => new Date(base + s * 1000).toISOString();
    const values = [0.3, 0.31, 0.29, 0.32, 0.34];
    await send(
      app,
      A('device'),
      values.map((v, i) => ({ sensor: 'P-1', ts: at(i * 20), values: { pressure: v } })),
    );
    const q = `query($b: Int, $l: Int) { readings(sensor: "P-1", metric: "pressure", from: "${at(0)}", to: "${at(100)}", bucket: $b, limit: $l) {
      sensor metric unit bucket points { ts value min max count } } }`;
    const raw = await ok(app, A('viewer'), q);
    expect(raw.readings).toMatchObject({ sensor: 'P-1', metric: 'pressure', unit: 'MPa', bucket: null });
    expect(raw.readings.points.map((p: { value: number }) => p.value)).toEqual(values);
    expect(raw.readings.points[1]).toEqual({ ts: at(20), value: 0.31, min: 0.31, max: 0.31, count: 1 });
    const limited = await ok(app, A('viewer'), q, { l: 2 });
    expect(limited.readings.points).toHaveLength(2);
    const b = await ok(app, A('viewer'), q, { b: 60 });
    expect(b.readings.bucket).toBe(60);
    expect(b.readings.points).toHaveLength(2);
    expect(b.readings.points[0].ts).toBe(at(0));
    expect(b.readings.points[0].value).toBeCloseTo(0.3, 9);
    expect(b.readings.points[0]).toMatchObject({ min: 0.29, max: 0.31, count: 3 });
    expect(b.readings.points[1]).toMatchObject({ ts: at(60), min: 0.32, max: 0.34, count: 2 });
    expect(b.readings.points[1].value).toBeCloseTo(0.33, 9);
    // The sensor's latest value of each metric.
    const latest = await ok(app, A('viewer'), '{ sensor(id: "P-1") { latest { metric ts value } } }');
    expect(latest.sensor.latest).toEqual([{ metric: 'pressure', ts: at(80), value: 0.34 }]);
  });

  it('refuses readings of an unknown sensor or metric, and an inverted range', async () => {
    const q = (sensor: string, metric: string, from: string, to: string) =>
      `{ readings(sensor: "${sensor}", metric: "${metric}", from: "${from}", to: "${to}") { points { ts } } }`;
    const [from, to] = [isoAgo(3_600_000), isoAgo(0)];
    expect(await codes(app, A('viewer'), q('NOPE', 'ch4', from, to))).toEqual(['FH_API_NOT_FOUND']);
    expect(await codes(app, A('viewer'), q('CH4-1', 'pressure', from, to))).toEqual(['FH_API_NOT_FOUND']);
    expect(await codes(app, A('viewer'), q('CH4-1', 'ch4', to, from))).toEqual(['FH_API_VALIDATION']);
    expect(await codes(app, A('viewer'), q('CH4-1', 'ch4', 'yesterday', to))).toEqual(['FH_API_VALIDATION']);
  });

  it('acknowledges an alarm and records the step, with the operator, in its archive', async () => {
    const id = alarmOf['CH4-1']!;
    const d = await ok(
      app,
      A('operator'),
      'mutation($id: ID!) { acknowledgeAlarm(id: $id) { id status acknowledgedBy acknowledgedAt } }',
      {
        id,
      },
    );
    expect(d.acknowledgeAlarm).toMatchObject({
      id,
      status: 'acknowledged',
      acknowledgedBy: 'alpha operator',
    });
    expect(Date.parse(d.acknowledgeAlarm.acknowledgedAt)).toBeGreaterThan(Date.now() - 60_000);
    const a = await ok(
      app,
      A('viewer'),
      'query($id: ID!) { alarm(id: $id) { status archive { kind actor at data } } }',
      { id },
    );
    expect(a.alarm.status).toBe('acknowledged');
    expect(a.alarm.archive.map((e: { kind: string }) => e.kind)).toEqual([
      'alarm.raised',
      'alarm.acknowledged',
    ]);
    expect(a.alarm.archive[1].actor).toBe('alpha operator');
    // Twice is refused by the alarm's state machine.
    expect(
      await codes(app, A('operator'), 'mutation($id: ID!) { acknowledgeAlarm(id: $id) { id } }', { id }),
    ).toEqual(['FH_ALARM_TRANSITION_FORBIDDEN']);
  });

  it('lets only operators and admins handle alarms', async () => {
    const id = alarmOf['CH4-2']!;
    expect(
      await codes(app, A('viewer'), 'mutation($id: ID!) { acknowledgeAlarm(id: $id) { id } }', { id }),
    ).toEqual(['FH_AUTH_FORBIDDEN']);
    const closed = await ok(
      app,
      A('admin'),
      'mutation($id: ID!) { closeAlarm(id: $id, note: "valve shut", force: true) { status closedAt archive { kind data } } }',
      { id },
    );
    expect(closed.closeAlarm.status).toBe('closed');
    expect(closed.closeAlarm.archive.at(-1)).toMatchObject({
      kind: 'alarm.closed',
      data: { note: 'valve shut' },
    });
  });

  it('keeps cities apart: another city sees none of these objects, sensors, alarms or readings', async () => {
    const d = await ok(
      app,
      B('admin'),
      `query($id: ID!) { objects { nodes { id location } } sensors { nodes { id } } alarms { nodes { id } }
         alarm(id: $id) { id } object(id: "SCH-1") { location } warnings { nodes { id } } notifications { nodes { id } } }`,
      { id: alarmOf['CH4-3'] },
    );
    // beta has objects with the same ids, at its own place; none of alpha's alarms.
    expect(d.objects.nodes.every((o: { location: number[] }) => o.location[0]! >= 120.19)).toBe(true);
    expect(d.object.location[0]).toBeGreaterThanOrEqual(120.19);
    expect(d.alarms.nodes).toEqual([]);
    expect(d.alarm).toBeNull();
    const raw = await gql(
      app,
      B('viewer'),
      `{ readings(sensor: "P-1", metric: "pressure", from: "${isoAgo(3_600_000)}", to: "${isoAgo(0)}") { points { ts } } }`,
    );
    expect(raw.data?.readings?.points ?? []).toEqual([]);
  });

  it('keeps cities apart: another city cannot acknowledge, close or mark this city’s alarm', async () => {
    const id = alarmOf['CH4-3']!;
    for (const m of [
      'acknowledgeAlarm(id: $id)',
      'closeAlarm(id: $id, force: true)',
      'markFalseAlarm(id: $id)',
    ]) {
      expect(await codes(app, B('admin'), `mutation($id: ID!) { ${m} { id } }`, { id })).toEqual([
        'FH_ALARM_NOT_FOUND',
      ]);
    }
    const still = await ok(
      app,
      A('viewer'),
      'query($id: ID!) { alarm(id: $id) { status archive { kind } } }',
      { id },
    );
    expect(still.alarm).toEqual({ status: 'raised', archive: [{ kind: 'alarm.raised' }] });
  });

  it('batches nested fields: a longer page of alarms costs no more queries', async () => {
    // Two more alarms in beta so that pages of 1 and 3 differ.
    for (const s of ['CH4-1', 'CH4-2', 'CH4-3']) {
      await send(app, B('device'), [{ sensor: s, ts: isoAgo(5_000), values: { ch4: 26 } }]);
    }
    const q = `query($n: Int) { alarms(first: $n) { nodes { id sensor { id latest { value } object { id ownerUnit { id } } }
      object { id sensors { id } } warning { id } archive { kind } } } }`;
    await ok(app, B('viewer'), q, { n: 1 }); // warms the token cache
    const original = core.db.query;
    let n = 0;
    core.db.query = ((sql: string, params?: unknown[]) => {
      n++;
      return original.call(core.db, sql, params);
    }) as typeof original;
    try {
      await ok(app, B('viewer'), q, { n: 1 });
      const one = n;
      n = 0;
      const d = await ok(app, B('viewer'), q, { n: 3 });
      expect(d.alarms.nodes).toHaveLength(3);
      expect(n).toBe(one);
      expect(n).toBeLessThanOrEqual(9);
    } finally {
      core.db.query = original;
    }
  });

  it('describes the loaded risk types with units, default tiers and their sources', async () => {
    const d = await ok(
      app,
      A('viewer'),
      `{ riskTypes { id version domain name { zh en } objectKinds { key attributes }
          metrics { key unit name { zh } min max threshold { direction levels ratioOf sources { level basis assumed } } } } }`,
    );
    expect(d.riskTypes).toHaveLength(1);
    const rt = d.riskTypes[0];
    expect(rt).toMatchObject({
      id: 'test-gas',
      version: '1.0.0',
      domain: 'lifeline',
      name: { zh: '测试燃气', en: 'Test gas' },
    });
    expect(rt.objectKinds[0].key).toBe('valve_well');
    expect(rt.objectKinds[0].attributes.properties.depthM.type).toBe('number');
    const ch4 = rt.metrics.find((m: { key: string }) => m.key === 'ch4');
    expect(ch4).toMatchObject({
      unit: '%LEL',
      min: 0,
      max: 100,
      threshold: { direction: 'rising', ratioOf: null },
    });
    expect(ch4.threshold.levels).toEqual({ alarm: 5, blue: 10, yellow: 20, orange: 25, red: 50 });
    expect(ch4.threshold.sources).toEqual([
      { level: 'alarm', basis: 'engineering default', assumed: true },
      { level: 'orange', basis: 'GB/T 50493-2019', assumed: false },
    ]);
    const p = rt.metrics.find((m: { key: string }) => m.key === 'pressure');
    expect(p.threshold).toMatchObject({ direction: 'falling', ratioOf: 'normalPressureMpa' });
    expect(p.threshold.sources).toEqual([{ level: null, basis: 'engineering default', assumed: true }]);
  });

  it('lets only admins override thresholds, checks the order of the tiers, and applies the override at once', async () => {
    const m = `mutation($levels: JSON!, $s: ID) { setThresholdOverride(riskType: "test-gas", metric: "ch4", sensorId: $s, levels: $levels) {
      id riskType metric sensorId objectId levels } }`;
    expect(await codes(app, A('operator'), m, { levels: { alarm: 2 }, s: 'CH4-1' })).toEqual([
      'FH_AUTH_FORBIDDEN',
    ]);
    const bad = await gql(app, A('admin'), m, { levels: { alarm: 12 }, s: 'CH4-1' });
    expect(bad.errors?.[0]?.extensions?.code).toBe('FH_API_VALIDATION');
    expect(bad.errors?.[0]?.extensions?.details).toEqual({
      problems: [{ path: 'levels.blue', message: expect.stringMatching(/strictly increase/) }],
    });
    expect(await codes(app, A('admin'), m, { levels: { alarm: 2 }, s: 'NOPE' })).toEqual([
      'FH_API_NOT_FOUND',
    ]);
    // Another city's sensor id is not found either.
    const d = await ok(app, A('admin'), m, { levels: { alarm: 2 }, s: 'P-1' });
    expect(d.setThresholdOverride).toMatchObject({
      riskType: 'test-gas',
      metric: 'ch4',
      sensorId: 'P-1',
      objectId: null,
      levels: { alarm: 2 },
    });
    // The rules see it at once: 3 %LEL on P-1 now raises an alarm.
    await send(app, A('device'), [{ sensor: 'P-1', ts: isoAgo(1_000), values: { ch4: 3 } }]);
    const a = await ok(app, A('viewer'), '{ alarms(first: 1) { nodes { sensor { id } metric level } } }');
    expect(a.alarms.nodes[0]).toEqual({ sensor: { id: 'P-1' }, metric: 'ch4', level: 'alarm' });
    const list = await ok(app, A('viewer'), '{ thresholdOverrides { metric objectId sensorId levels } }');
    expect(list.thresholdOverrides).toEqual([
      { metric: 'ch4', objectId: null, sensorId: 'P-1', levels: { alarm: 2 } },
      { metric: 'ch4', objectId: 'VW-3', sensorId: null, levels: { alarm: 4 } },
    ]);
    const other = await ok(app, B('admin'), '{ thresholdOverrides { sensorId } }');
    expect(other.thresholdOverrides).toEqual([{ sensorId: null }]);
  });
});
