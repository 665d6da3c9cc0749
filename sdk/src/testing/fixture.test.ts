import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Value } from '@sinclair/typebox/value';
import { afterAll, describe, expect, it } from 'vitest';
import { FenghuoError } from '../errors.js';
import {
  FixtureSchema,
  fixtureFile,
  fixtureProblems,
  isTimestamp,
  loadFixtures,
  validateFixture,
} from './fixture.js';
import { scene, series } from './toy-plugin.test-util.js';

/** The example of the fixture format exactly as plugin authors write it. */
const documented = {
  name: 'methane rises in valve well 3 and stays: an orange warning names the school',
  now: '2026-11-29T08:10:00Z',
  config: {},
  objects: [
    {
      id: 'VW-3',
      kind: 'valve_well',
      role: 'monitored',
      name: { zh: '3号阀门井', en: 'Valve well 3' },
      geometry: { type: 'Point', coordinates: [120.15, 30.27] },
      attributes: {},
    },
    {
      id: 'SCH-1',
      kind: 'school',
      role: 'target',
      name: { zh: '实验小学', en: 'Primary school' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [120.15, 30.271],
            [120.151, 30.271],
            [120.151, 30.272],
            [120.15, 30.271],
          ],
        ],
      },
    },
  ],
  sensors: [{ id: 'GAS-0003', objectId: 'VW-3', metrics: ['ch4'], location: [120.15, 30.27] }],
  overrides: [{ metric: 'ch4', sensor: 'GAS-0003', levels: { blue: 8 } }],
  weather: { ts: '2026-11-29T08:00:00Z', windFromDeg: 90, windSpeedMs: 3 },
  readings: [{ sensor: 'GAS-0003', ts: '2026-11-29T08:00:00Z', values: { ch4: 3.1 } }],
  expect: {
    alarms: [{ sensor: 'GAS-0003', metric: 'ch4', maxLevel: 'orange', status: 'open' }],
    warnings: [{ object: 'VW-3', tier: 'orange', targets: ['SCH-1'], findingsInclude: ['leak'] }],
  },
};

const clone = <T>(v: T): T => structuredClone(v);
/** The FenghuoError `fn` throws (fails the test when it throws nothing else). */
function thrown(fn: () => unknown): FenghuoError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(FenghuoError);
    return e as FenghuoError;
  }
  throw new Error('expected a FenghuoError, nothing was thrown');
}
const paths = (v: unknown) => fixtureProblems(v).map((p) => [p.path, p.code]);

describe('fixture format', () => {
  it('accepts the documented example, and a minimal fixture without the optional parts', () => {
    expect(fixtureProblems(documented)).toEqual([]);
    expect(Value.Check(FixtureSchema, documented)).toBe(true);
    const minimal = clone(documented) as Record<string, unknown>;
    for (const k of ['now', 'config', 'overrides', 'weather']) delete minimal[k];
    expect(fixtureProblems(minimal)).toEqual([]);
  });

  it('points at a misspelt or unknown key instead of ignoring it', () => {
    const f = clone(documented) as unknown as { expect: Record<string, unknown> };
    f.expect['warning'] = f.expect['warnings'];
    delete f.expect['warnings'];
    const found = fixtureProblems(f);
    expect(found).toEqual([
      {
        path: '/expect/warning',
        code: 'FH_SDK_FIXTURE_FIELD_INVALID',
        message: 'unexpected property "warning"',
      },
    ]);
  });

  it('says which field has the wrong type or value, with its path', () => {
    const f = clone(documented);
    f.objects[0]!.role = 'owner';
    (f.objects[0]!.geometry as { type: string }).type = 'Circle';
    (f.readings[0]!.values as Record<string, unknown>)['ch4'] = '3.1';
    (f.expect.alarms[0] as Record<string, unknown>)['maxLevel'] = 'purple';
    const found = fixtureProblems(f);
    expect(found.map((p) => p.path)).toEqual([
      '/objects/0/role',
      '/objects/0/geometry',
      '/readings/0/values/ch4',
      '/expect/alarms/0/maxLevel',
    ]);
    expect(found[0]!.message).toBe('expected one of monitored, target, hazard');
    expect(found[1]!.message).toBe('expected a GeoJSON Point, LineString, Polygon or MultiPolygon');
    expect(found[3]!.message).toBe('expected one of alarm, blue, yellow, orange, red');
  });

  it('requires timestamps with a time zone', () => {
    expect(isTimestamp('2026-11-29T08:00:00Z')).toBe(true);
    expect(isTimestamp('2026-11-29T08:00:00.250+08:00')).toBe(true);
    expect(isTimestamp('2026-11-29 08:00:00')).toBe(false);
    expect(isTimestamp('2026-11-29T08:00:00')).toBe(false);
    expect(isTimestamp('2026-13-29T08:00:00Z')).toBe(false);
    const f = clone(documented);
    f.readings[0]!.ts = '2026-11-29 08:00';
    f.now = 'soon';
    expect(paths(f)).toEqual([
      ['/now', 'FH_SDK_FIXTURE_TS_INVALID'],
      ['/readings/0/ts', 'FH_SDK_FIXTURE_TS_INVALID'],
    ]);
  });

  it('checks that every sensor, object and metric it names is declared, and that ids are unique', () => {
    const f = clone(documented);
    f.objects.push(clone(f.objects[0]!));
    f.sensors[0]!.objectId = 'VW-9';
    f.overrides[0]!.sensor = 'GAS-9';
    f.readings.push({ sensor: 'GAS-9', ts: '2026-11-29T08:01:00Z', values: { ch4: 1 } });
    f.expect.alarms.push({ sensor: 'GAS-0003', metric: 'o2', maxLevel: 'red', status: 'open' });
    f.expect.warnings[0]!.targets.push('HOS-9');
    expect(paths(f)).toEqual([
      ['/objects/2/id', 'FH_SDK_FIXTURE_DUPLICATE_ID'],
      ['/sensors/0/objectId', 'FH_SDK_FIXTURE_REFERENCE_UNKNOWN'],
      ['/overrides/0/sensor', 'FH_SDK_FIXTURE_REFERENCE_UNKNOWN'],
      ['/readings/1/sensor', 'FH_SDK_FIXTURE_REFERENCE_UNKNOWN'],
      ['/expect/alarms/1/metric', 'FH_SDK_FIXTURE_REFERENCE_UNKNOWN'],
      ['/expect/warnings/0/targets/1', 'FH_SDK_FIXTURE_REFERENCE_UNKNOWN'],
    ]);
    expect(fixtureProblems(f)[4]!.message).toBe(
      'metric "o2" is not declared among the metrics of sensor GAS-0003',
    );
  });

  it('refuses an expectation that checks nothing', () => {
    expect(paths({ ...clone(documented), expect: {} })).toEqual([['/expect', 'FH_SDK_FIXTURE_EXPECT_EMPTY']]);
  });

  it('throws FH_SDK_FIXTURE_INVALID naming the file and listing every problem', () => {
    const f = clone(documented) as Record<string, unknown>;
    delete f['sensors'];
    f['name'] = '';
    const fe = thrown(() => validateFixture(f, 'spike.json'));
    expect(fe.code).toBe('FH_SDK_FIXTURE_INVALID');
    expect(fe.message).toMatch(/^fixture spike\.json is not valid \(2 problem\(s\)\)/);
    expect(fe.message).toContain('/sensors: Expected required property');
    expect(fe.message).toContain('/name: Expected string length greater or equal to 1');
  });
});

describe('loadFixtures', () => {
  const root = mkdtempSync(join(tmpdir(), 'fenghuo-fixtures-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const write = (dir: string, name: string, content: unknown) => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  };

  it('reads every JSON fixture of a folder, by file name, and remembers each file', () => {
    const dir = join(root, 'ok');
    write(dir, 'b-sustained.json', { ...scene(series('GAS-1', 'ch4', [30])), name: 'second' });
    write(dir, 'a-spike.json', { ...scene([]), name: 'first' });
    write(dir, 'notes.md', '# not a fixture');
    const fixtures = loadFixtures(pathToFileURL(`${dir}/`));
    expect(fixtures.map((f) => f.name)).toEqual(['first', 'second']);
    expect(fixtureFile(fixtures[0]!)).toBe(join(dir, 'a-spike.json'));
    expect(loadFixtures(join(dir, 'b-sustained.json')).map((f) => f.name)).toEqual(['second']);
  });

  it('says which file is not JSON', () => {
    const dir = join(root, 'bad-json');
    write(dir, 'broken.json', '{ "name": ');
    const err = thrown(() => loadFixtures(dir));
    expect(err.code).toBe('FH_SDK_FIXTURE_NOT_JSON');
    expect(err.message).toContain('broken.json');
  });

  it('says which file is invalid and where', () => {
    const dir = join(root, 'bad-fixture');
    write(dir, 'x.json', {
      ...scene([]),
      readings: [{ sensor: 'NOPE', ts: '2026-11-29T08:00:00Z', values: {} }],
    });
    expect(() => loadFixtures(dir)).toThrow(
      /x\.json is not valid[\s\S]*\/readings\/0\/sensor: sensor "NOPE"/,
    );
  });

  it('refuses a missing folder and a folder without fixtures', () => {
    expect(thrown(() => loadFixtures(join(root, 'missing'))).code).toBe('FH_SDK_FIXTURE_NOT_FOUND');
    mkdirSync(join(root, 'empty'));
    expect(thrown(() => loadFixtures(join(root, 'empty'))).code).toBe('FH_SDK_FIXTURE_NOT_FOUND');
  });
});
