import { readFileSync } from 'node:fs';
import { FenghuoError } from '@fenghuo/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { representativePoint } from '../src/catalog/geometry.js';
import { loadInventory, parseInventoryText, readInventoryFile } from '../src/catalog/load.js';
import { inventoryProblems, pointerToPath } from '../src/catalog/validate.js';
import { DEMO_CITY_FILE, generatedFiles, INVENTORY_SCHEMA_FILE } from '../src/cli.js';
import type { Queryable } from '../src/store/db.js';
import { testInventory, testPlugins, tokenOf } from './catalog-fixtures.js';
import { makeTestCore, type TestCore } from './helpers.js';

async function counts(core: TestCore, city: string) {
  const n = async (table: string) =>
    Number(
      (
        await core.db.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${table} WHERE city_id = $1`, [
          city,
        ])
      ).rows[0]!.n,
    );
  return {
    units: await n('units'),
    objects: await n('objects'),
    sensors: await n('sensors'),
    thresholds: await n('threshold_overrides'),
    tokens: await n('api_tokens'),
  };
}

describe('inventory loader', () => {
  let core: TestCore;
  beforeAll(async () => {
    core = await makeTestCore('catalog', { plugins: testPlugins() });
  });
  afterAll(async () => {
    await core.dispose();
  });

  it('loads a valid city with units, objects, sensors, overrides and tokens, and registers its sensors', async () => {
    const s = await loadInventory(core, testInventory('alpha'));
    expect(s.city).toBe('alpha');
    expect(s.objects).toEqual({ total: 4, inserted: 4, updated: 0, unchanged: 0 });
    expect(s.sensors.inserted).toBe(4);
    expect(s.tokens.map((t) => t.token)).toContain(tokenOf('alpha', 'device'));
    expect(await counts(core, 'alpha')).toEqual({
      units: 2,
      objects: 4,
      sensors: 4,
      thresholds: 1,
      tokens: 4,
    });
    // The sensor cache knows the new sensors, with the city's override compiled in (alarm at 4, not 5).
    const overridden = core.sensors.get('alpha', 'CH4-3')!.metrics.get('ch4')!.th!;
    expect(overridden.limits[0]).toBe(4);
    expect(core.sensors.get('alpha', 'CH4-1')!.metrics.get('ch4')!.th!.limits[0]).toBe(5);
    // Pressure limits are ratios of the object's normal pressure (0.3 MPa): blue at 0.27.
    expect(core.sensors.get('alpha', 'P-1')!.metrics.get('pressure')!.th!.limits[1]).toBeCloseTo(0.27);
  });

  it('places a sensor without a location at its object and one with a location where it says', async () => {
    const { rows } = await core.db.query<{ id: string; lon: number; lat: number }>(
      "SELECT id, lon, lat FROM sensors WHERE city_id = 'alpha' AND id IN ('CH4-2', 'P-1') ORDER BY id",
    );
    expect(rows.map((r) => r.id)).toEqual(['CH4-2', 'P-1']);
    expect(rows[0]!.lon).toBeCloseTo(120.171, 9);
    expect(rows[0]!.lat).toBeCloseTo(30.27, 9);
    expect(rows[1]!.lon).toBeCloseTo(120.1702, 9);
    expect(rows[1]!.lat).toBeCloseTo(30.2702, 9);
    const school = await core.db.query<{ lon: number; lat: number }>(
      "SELECT lon, lat FROM objects WHERE city_id = 'alpha' AND id = 'SCH-1'",
    );
    expect(school.rows[0]!.lon).toBeCloseTo(120.1705, 6);
    expect(school.rows[0]!.lat).toBeCloseTo(30.2715, 6);
  });

  it('changes nothing when the same file is loaded twice', async () => {
    const before = await core.db.query('SELECT * FROM sensors WHERE city_id = $1 ORDER BY sid', ['alpha']);
    const s = await loadInventory(core, testInventory('alpha'));
    for (const k of ['units', 'objects', 'sensors', 'thresholds'] as const) {
      expect(s[k].inserted + s[k].updated, k).toBe(0);
      expect(s[k].unchanged, k).toBe(s[k].total);
    }
    expect(s.tokens.every((t) => !t.created)).toBe(true);
    const after = await core.db.query('SELECT * FROM sensors WHERE city_id = $1 ORDER BY sid', ['alpha']);
    expect(after.rows).toEqual(before.rows);
    expect(await counts(core, 'alpha')).toEqual({
      units: 2,
      objects: 4,
      sensors: 4,
      thresholds: 1,
      tokens: 4,
    });
  });

  it('updates a changed row in place, keeping the sensor identity', async () => {
    const inv = testInventory('alpha');
    const sidBefore = core.sensors.get('alpha', 'CH4-1')!.sid;
    inv.sensors[0]!.intervalSec = 30;
    const s = await loadInventory(core, inv);
    expect(s.sensors).toEqual({ total: 4, inserted: 0, updated: 1, unchanged: 3 });
    expect(core.sensors.get('alpha', 'CH4-1')!.sid).toBe(sidBefore);
    expect(core.sensors.get('alpha', 'CH4-1')!.intervalSec).toBe(30);
  });

  it('reports every bad row with its path and imports nothing', async () => {
    const inv = testInventory('beta') as ReturnType<typeof testInventory> & Record<string, unknown>;
    const objects = inv.objects as Record<string, unknown>[];
    const sensors = inv.sensors as Record<string, unknown>[];
    objects[0]!['ownerUnit'] = 'nobody';
    (objects[2]!['attributes'] as Record<string, unknown>)['depthM'] = 'deep';
    objects.push({ ...objects[0]!, ownerUnit: 'gas-co' });
    sensors[0]!['metrics'] = ['ch4', 'ch5'];
    sensors[1]!['objectId'] = 'VW-404';
    sensors[2]!['riskType'] = 'bridge-x';
    sensors[3]!['location'] = [200, 30];
    // Pressure tiers are ratios of the object's normal pressure, which VW-2 then lacks.
    sensors.push({ id: 'P-2', objectId: 'VW-2', riskType: 'test-gas', metrics: ['ch4', 'pressure'] });
    delete (objects[1]!['attributes'] as Record<string, unknown>)['normalPressureMpa'];
    objects.push({ ...objects[0]!, id: 'VW-7', kind: 'tank', ownerUnit: 'gas-co' });
    inv.thresholds[0]!.levels = { alarm: 40 } as { alarm: number };
    inv.thresholds.push({
      riskType: 'test-gas',
      metric: 'ch5',
      levels: { alarm: 1 },
    } as (typeof inv.thresholds)[0]);
    (inv.objects[3]!.geometry.coordinates as number[][][])[0]!.pop();
    let caught: unknown;
    try {
      await loadInventory(core, inv, { sourceName: 'beta.yaml' });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(FenghuoError);
    const e = caught as FenghuoError;
    expect(e.code).toBe('FH_CATALOG_INVALID');
    const problems = (e.details as { problems: { path: string; message: string }[] }).problems;
    const byPath = Object.fromEntries(problems.map((p) => [p.path, p.message]));
    expect(byPath['objects[0].ownerUnit']).toMatch(/unknown unit "nobody"/);
    expect(byPath['objects[5].kind']).toMatch(/unknown object kind "tank" for risk type test-gas/);
    expect(byPath['sensors[4].metrics[1]']).toMatch(/ratios of the object's attribute "normalPressureMpa"/);
    expect(byPath['sensors[4].metrics[0]']).toBeUndefined();
    expect(byPath['objects[2].attributes.depthM']).toMatch(/number/i);
    expect(byPath['objects[3].geometry.coordinates[0]']).toBeDefined();
    expect(byPath['objects[4].id']).toMatch(/duplicate id "VW-1" \(first at objects\[0\]\)/);
    expect(byPath['sensors[0].metrics[1]']).toBe('unknown metric "ch5" for risk type test-gas');
    expect(byPath['sensors[1].objectId']).toMatch(/unknown object "VW-404"/);
    expect(byPath['sensors[2].riskType']).toMatch(/unknown risk type "bridge-x"/);
    expect(byPath['sensors[3].location[0]']).toBeDefined();
    expect(byPath['thresholds[0].levels.blue']).toMatch(/strictly increase/);
    expect(byPath['thresholds[1].metric']).toMatch(/unknown metric "ch5"/);
    expect(e.message).toContain('sensors[0].metrics[1]');
    // Nothing of the city was written.
    expect(await counts(core, 'beta')).toEqual({
      units: 0,
      objects: 0,
      sensors: 0,
      thresholds: 0,
      tokens: 0,
    });
    const city = await core.db.query("SELECT 1 FROM cities WHERE id = 'beta'");
    expect(city.rows).toHaveLength(0);
  });

  it('rolls the whole load back when a write fails half-way', async () => {
    // The database fails on the sensors, after the city, units and objects were written in the transaction.
    const failing = {
      ...core,
      db: {
        ...core.db,
        tx: <T>(fn: (q: Queryable) => Promise<T>) =>
          core.db.tx((q) =>
            fn({
              query: <R>(sql: string, params?: unknown[]) =>
                sql.includes('INSERT INTO sensors')
                  ? Promise.reject(new Error('disk full'))
                  : q.query<R>(sql, params),
            }),
          ),
      },
    } as TestCore;
    await expect(loadInventory(failing, testInventory('gamma'))).rejects.toThrow('disk full');
    expect(await counts(core, 'gamma')).toEqual({
      units: 0,
      objects: 0,
      sensors: 0,
      thresholds: 0,
      tokens: 0,
    });
    expect((await core.db.query("SELECT 1 FROM cities WHERE id = 'gamma'")).rows).toHaveLength(0);
  });

  it('with replace, removes what the file no longer lists', async () => {
    const inv = testInventory('alpha');
    inv.sensors = inv.sensors.filter((s) => s.id !== 'CH4-2');
    inv.thresholds = [];
    const s = await loadInventory(core, inv, { replace: true });
    expect(s.removed).toEqual({ units: 0, objects: 0, sensors: 1, thresholds: 1 });
    expect(core.sensors.get('alpha', 'CH4-2')).toBeUndefined();
    expect(await counts(core, 'alpha')).toMatchObject({ sensors: 3, thresholds: 0 });
  });

  it('refuses to remove a sensor that has alarms, and keeps everything', async () => {
    const sid = core.sensors.get('alpha', 'CH4-3')!.sid;
    await core.db.query(
      `INSERT INTO alarms (city_id, sid, sensor_id, object_id, risk_type, metric, level, max_level, status, cause)
       VALUES ('alpha', $1, 'CH4-3', 'VW-3', 'test-gas', 'ch4', 'blue', 'blue', 'cleared', 'value')`,
      [sid],
    );
    const inv = testInventory('alpha');
    inv.sensors = inv.sensors.filter((s) => s.id !== 'CH4-3');
    await expect(loadInventory(core, inv, { replace: true })).rejects.toMatchObject({
      code: 'FH_CATALOG_IN_USE',
    });
    expect(core.sensors.get('alpha', 'CH4-3')).toBeDefined();
    expect(await counts(core, 'alpha')).toMatchObject({ sensors: 3 });
  });
});

describe('inventory validation', () => {
  it('refuses a file that is not YAML, or not JSON, with FH_CATALOG_UNREADABLE and where it broke', () => {
    expect(() => parseInventoryText('city: { id: x\nunits: [', 'broken.yaml')).toThrow(
      expect.objectContaining({
        code: 'FH_CATALOG_UNREADABLE',
        message: expect.stringMatching(/broken\.yaml.*line/s),
      }),
    );
    expect(() => parseInventoryText('{"city": ', 'broken.json')).toThrow(
      expect.objectContaining({ code: 'FH_CATALOG_UNREADABLE' }),
    );
    expect(() => readInventoryFile('/nonexistent/city.yaml')).toThrow(
      expect.objectContaining({ code: 'FH_CATALOG_UNREADABLE' }),
    );
  });

  it('turns JSON pointers into the paths people read', () => {
    expect(pointerToPath('/sensors/12/metrics/1')).toBe('sensors[12].metrics[1]');
    expect(pointerToPath('/depthM', 'objects[2].attributes')).toBe('objects[2].attributes.depthM');
  });

  it('says which geometry member is wrong instead of "expected union value"', () => {
    const inv = testInventory('delta');
    (inv.objects[0] as { geometry: unknown }).geometry = { type: 'LineString', coordinates: [[120.1, 30.2]] };
    (inv.objects[1] as { geometry: unknown }).geometry = { type: 'Circle', coordinates: [120.1, 30.2] };
    const problems = inventoryProblems(inv, testPlugins());
    expect(problems).toContainEqual({
      path: 'objects[0].geometry.coordinates',
      message: expect.stringMatching(/2/),
    });
    expect(problems).toContainEqual({
      path: 'objects[1].geometry.type',
      message: 'geometry type must be Point, LineString or Polygon',
    });
  });

  it('takes the middle of a line measured along it as its representative point', () => {
    const [lon, lat] = representativePoint({
      type: 'LineString',
      coordinates: [
        [120.15, 30.25],
        [120.16, 30.25],
        [120.16, 30.26],
      ],
    });
    // The line bends; its vertex centroid would lie off the line, the midpoint along it lies on it.
    expect(lat === 30.25 || Math.abs(lon - 120.16) < 1e-9).toBe(true);
  });

  it('keeps catalog/inventory.schema.json in step with the TypeBox schema', async () => {
    const gen = (await generatedFiles()).find((f) => f.path === INVENTORY_SCHEMA_FILE)!;
    const onDisk = readFileSync(INVENTORY_SCHEMA_FILE, 'utf8');
    expect(gen.matches(onDisk), 'catalog/inventory.schema.json is stale: run `fenghuo-core generate`').toBe(
      true,
    );
    expect(JSON.parse(onDisk).$comment).toMatch(/do not edit/);
    // The check would notice a change of the schema.
    const changed = JSON.parse(onDisk);
    changed.properties.city.required = ['id'];
    expect(gen.matches(JSON.stringify(changed))).toBe(false);
  });
});

describe('the demo city', () => {
  let core: TestCore;
  beforeAll(async () => {
    // The real plugins, from the plugins folder: the demo must fit what they declare.
    core = await makeTestCore('catalog_demo');
  });
  afterAll(async () => {
    await core.dispose();
  });

  it('loads with the real gas-pipeline and bridge plugins, and again without a change', async () => {
    const s = await loadInventory(core, DEMO_CITY_FILE);
    expect(s.city).toBe('demo');
    expect(s.objects.inserted).toBeGreaterThanOrEqual(24);
    expect(s.sensors.inserted).toBeGreaterThanOrEqual(20);
    expect(s.tokens.map((t) => [t.role, t.token])).toEqual(
      expect.arrayContaining([
        ['admin', 'demo-admin-token'],
        ['device', 'demo-device-token'],
      ]),
    );
    const again = await loadInventory(core, DEMO_CITY_FILE);
    expect(
      again.objects.inserted + again.objects.updated + again.sensors.inserted + again.sensors.updated,
    ).toBe(0);
  });

  it('has the objects the demo promises, inside the district, with thresholds the rules can use', async () => {
    const { rows } = await core.db.query<{ kind: string; role: string; lon: number; lat: number }>(
      "SELECT kind, role, lon, lat FROM objects WHERE city_id = 'demo'",
    );
    const kinds = rows.map((r) => r.kind);
    for (const k of [
      'valve_well',
      'adjacent_space',
      'regulator_station',
      'girder_bridge',
      'school',
      'hospital',
    ]) {
      expect(kinds, k).toContain(k);
    }
    expect(kinds.filter((k) => k === 'valve_well')).toHaveLength(8);
    expect(kinds.filter((k) => k === 'school').length).toBeGreaterThanOrEqual(2);
    expect(
      rows
        .filter((r) => r.role === 'hazard')
        .map((r) => r.kind)
        .sort(),
    ).toEqual(['filling_station', 'lpg_depot']);
    // The district, its western hills and the estuary.
    for (const r of rows) {
      expect(r.lon).toBeGreaterThanOrEqual(120.1);
      expect(r.lon).toBeLessThanOrEqual(120.2);
      expect(r.lat).toBeGreaterThanOrEqual(30.22);
      expect(r.lat).toBeLessThanOrEqual(30.3);
    }
    // Every risk type installed has sensors in the demo city.
    const sensors = [...core.sensors.all()].filter((s) => s.city === 'demo');
    expect([...new Set(sensors.map((s) => s.riskType))].sort()).toEqual(
      [...core.plugins.riskTypes.keys()].sort(),
    );
    // Every metric with default tiers has them compiled (ratios found their attributes on the object).
    for (const s of sensors) {
      for (const [key, m] of s.metrics) {
        if (!core.plugins.riskTypes.get(s.riskType)?.def.thresholds[key]) continue;
        expect(m.th, `${s.id} ${key}`).not.toBeNull();
      }
    }
    // The bridge's deflection tiers are ratios of its design limit (66.7 mm): blue at 0.6 of it.
    const defl = core.sensors.get('demo', 'BR1-DEF-MID')!.metrics.get('deflection')!.th!;
    expect(defl.limits[1]).toBeCloseTo(0.6 * 66.7, 6);
  });
});
