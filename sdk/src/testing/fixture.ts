/**
 * Scenario fixtures: the JSON a plugin keeps in `plugins/<id>/test/fixtures/*.json` — objects, sensors,
 * overrides and weather of a small scene, the readings fed in, and the alarms and warnings expected out.
 * {@link FixtureSchema} is the format; {@link validateFixture} checks a fixture with path errors;
 * {@link loadFixtures} reads a folder of them.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { Value, ValueErrorType } from '@sinclair/typebox/value';
import { type FenghuoError, formatProblems, type Problem, sdkErrors } from '../errors.js';
import {
  GeometrySchema,
  I18nSchema,
  LevelSchema,
  LonLatSchema,
  ObjectRoleSchema,
  TierSchema,
} from '../schemas.js';

const Id = Type.String({ minLength: 1 });
const Ts = Type.String({ minLength: 1, description: 'an ISO 8601 timestamp such as 2026-11-29T08:00:00Z' });
const strict = { additionalProperties: false } as const;
const described = <T extends TSchema>(schema: T, description: string): T => ({ ...schema, description });

const LevelValuesSchema = Type.Object(
  {
    alarm: Type.Optional(Type.Number()),
    blue: Type.Optional(Type.Number()),
    yellow: Type.Optional(Type.Number()),
    orange: Type.Optional(Type.Number()),
    red: Type.Optional(Type.Number()),
  },
  strict,
);

/**
 * The fixture format. Every object is closed (an unknown key is an error, so a misspelt expectation
 * cannot pass silently), except `config`, `attributes` and `values`.
 *
 * @example
 * const fixture: Fixture = {
 *   name: 'a methane spike that falls back within a minute raises an alarm but no warning',
 *   objects: [{ id: 'VW-3', kind: 'valve_well', role: 'monitored', name: { zh: '3号阀门井', en: 'Valve well 3' },
 *     geometry: { type: 'Point', coordinates: [120.15, 30.27] }, attributes: {} }],
 *   sensors: [{ id: 'GAS-0003', objectId: 'VW-3', metrics: ['ch4'], location: [120.15, 30.27] }],
 *   readings: [{ sensor: 'GAS-0003', ts: '2026-11-29T08:00:00Z', values: { ch4: 30 } }],
 *   expect: { alarms: [{ sensor: 'GAS-0003', metric: 'ch4', maxLevel: 'orange' }], warnings: [] },
 * };
 * Value.Check(FixtureSchema, fixture); // true
 */
export const FixtureSchema = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    now: Type.Optional(Ts),
    config: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    objects: Type.Array(
      Type.Object(
        {
          id: Id,
          kind: Id,
          role: described(ObjectRoleSchema, 'one of monitored, target, hazard'),
          name: I18nSchema,
          geometry: described(GeometrySchema, 'a GeoJSON Point, LineString, Polygon or MultiPolygon'),
          attributes: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
          ownerUnit: Type.Optional(Id),
        },
        strict,
      ),
    ),
    sensors: Type.Array(
      Type.Object(
        {
          id: Id,
          objectId: Id,
          metrics: Type.Array(Id, { minItems: 1 }),
          location: LonLatSchema,
        },
        strict,
      ),
    ),
    overrides: Type.Optional(
      Type.Array(
        Type.Object(
          {
            metric: Id,
            sensor: Type.Optional(Id),
            object: Type.Optional(Id),
            levels: LevelValuesSchema,
            durationSec: Type.Optional(Type.Number({ minimum: 0 })),
            hysteresis: Type.Optional(Type.Number({ minimum: 0 })),
          },
          strict,
        ),
      ),
    ),
    utcOffsetMin: Type.Optional(
      described(
        Type.Integer({ minimum: -720, maximum: 840 }),
        "the city's offset from UTC in minutes, given to analyses as event.utcOffsetMin (default 480: Asia/Shanghai, the platform's default city time zone)",
      ),
    ),
    weather: Type.Optional(
      Type.Object(
        {
          ts: Ts,
          windFromDeg: Type.Optional(Type.Number({ minimum: 0, maximum: 360 })),
          windSpeedMs: Type.Optional(Type.Number({ minimum: 0 })),
          temperatureC: Type.Optional(Type.Number()),
          rainMmH: Type.Optional(Type.Number({ minimum: 0 })),
          humidityPct: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
        },
        strict,
      ),
    ),
    readings: Type.Array(
      Type.Object({ sensor: Id, ts: Ts, values: Type.Record(Type.String(), Type.Number()) }, strict),
    ),
    expect: Type.Object(
      {
        alarms: Type.Optional(
          Type.Array(
            Type.Object(
              {
                sensor: Id,
                metric: Id,
                maxLevel: Type.Optional(described(LevelSchema, 'one of alarm, blue, yellow, orange, red')),
                status: Type.Optional(
                  described(Type.Union([Type.Literal('open'), Type.Literal('cleared')]), 'open or cleared'),
                ),
              },
              strict,
            ),
          ),
        ),
        warnings: Type.Optional(
          Type.Array(
            Type.Object(
              {
                object: Id,
                tier: Type.Optional(described(TierSchema, 'one of blue, yellow, orange, red')),
                targets: Type.Optional(Type.Array(Id)),
                findingsInclude: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
              },
              strict,
            ),
          ),
        ),
      },
      strict,
    ),
  },
  strict,
);

/**
 * A scenario fixture, the static type of {@link FixtureSchema}.
 *
 * @example
 * const fixtures: Fixture[] = loadFixtures(new URL('./fixtures', import.meta.url));
 */
export type Fixture = Static<typeof FixtureSchema>;

/**
 * What a fixture expects: the exact set of alarms by sensor + metric and the exact list of warnings.
 *
 * @example
 * const expect: FixtureExpect = { alarms: [{ sensor: 'GAS-0003', metric: 'ch4', maxLevel: 'orange' }], warnings: [] };
 */
export type FixtureExpect = Fixture['expect'];

const IN_FIXTURE = 'in the fixture';
const ISO_TS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Whether a string is an ISO 8601 timestamp with a time zone, as readings carry them.
 *
 * @example
 * isTimestamp('2026-11-29T08:00:00Z'); // true
 * isTimestamp('2026-11-29 08:00');     // false
 */
export function isTimestamp(value: string): boolean {
  return ISO_TS.test(value) && !Number.isNaN(Date.parse(value));
}

/** Files the fixtures came from, for messages; kept off the objects so they still match the schema. */
const sources = new WeakMap<object, string>();

/**
 * The file a fixture was loaded from (by {@link loadFixtures}), or `undefined` for one made in code.
 *
 * @example
 * for (const f of loadFixtures(dir)) console.log(fixtureFile(f)); // …/fixtures/spike.json
 */
export function fixtureFile(fixture: object): string | undefined {
  return sources.get(fixture);
}

function schemaProblems(value: unknown): Problem[] {
  const out: Problem[] = [];
  const seen = new Set<string>();
  for (const e of Value.Errors(FixtureSchema, value)) {
    if (seen.has(e.path)) continue;
    seen.add(e.path);
    let reason = e.message;
    if (e.type === ValueErrorType.Union && typeof e.schema.description === 'string') {
      reason = `expected ${e.schema.description}`;
    } else if (e.type === ValueErrorType.ObjectAdditionalProperties) {
      reason = `unexpected property "${e.path.split('/').pop()}"`;
    }
    out.push({ path: e.path, ...codeMessage(sdkErrors.FIXTURE_FIELD_INVALID({ reason })) });
  }
  return out;
}

const codeMessage = (err: FenghuoError): { code: string; message: string } => ({
  code: err.code,
  message: err.message,
});

/** Cross-references and timestamps, once the shape is right. */
function consistencyProblems(f: Fixture): Problem[] {
  const out: Problem[] = [];
  const add = (path: string, err: FenghuoError) => out.push({ path, ...codeMessage(err) });
  const ts = (path: string, value: string) => {
    if (!isTimestamp(value)) add(path, sdkErrors.FIXTURE_TS_INVALID({ ts: value }));
  };
  const objects = new Set<string>();
  f.objects.forEach((o, i) => {
    if (objects.has(o.id))
      add(`/objects/${i}/id`, sdkErrors.FIXTURE_DUPLICATE_ID({ what: 'object', id: o.id }));
    objects.add(o.id);
  });
  const sensors = new Map<string, string[]>();
  f.sensors.forEach((s, i) => {
    if (sensors.has(s.id))
      add(`/sensors/${i}/id`, sdkErrors.FIXTURE_DUPLICATE_ID({ what: 'sensor', id: s.id }));
    sensors.set(s.id, s.metrics);
    if (!objects.has(s.objectId)) {
      add(
        `/sensors/${i}/objectId`,
        sdkErrors.FIXTURE_REFERENCE_UNKNOWN({ what: 'object', id: s.objectId, where: IN_FIXTURE }),
      );
    }
  });
  if (f.now !== undefined) ts('/now', f.now);
  if (f.weather) ts('/weather/ts', f.weather.ts);
  (f.overrides ?? []).forEach((o, i) => {
    if (o.sensor !== undefined && !sensors.has(o.sensor)) {
      add(
        `/overrides/${i}/sensor`,
        sdkErrors.FIXTURE_REFERENCE_UNKNOWN({ what: 'sensor', id: o.sensor, where: IN_FIXTURE }),
      );
    }
    if (o.object !== undefined && !objects.has(o.object)) {
      add(
        `/overrides/${i}/object`,
        sdkErrors.FIXTURE_REFERENCE_UNKNOWN({ what: 'object', id: o.object, where: IN_FIXTURE }),
      );
    }
  });
  f.readings.forEach((r, i) => {
    if (!sensors.has(r.sensor)) {
      add(
        `/readings/${i}/sensor`,
        sdkErrors.FIXTURE_REFERENCE_UNKNOWN({ what: 'sensor', id: r.sensor, where: IN_FIXTURE }),
      );
    }
    ts(`/readings/${i}/ts`, r.ts);
  });
  const { alarms, warnings } = f.expect;
  if (alarms === undefined && warnings === undefined) add('/expect', sdkErrors.FIXTURE_EXPECT_EMPTY());
  (alarms ?? []).forEach((a, i) => {
    const metrics = sensors.get(a.sensor);
    if (!metrics)
      add(
        `/expect/alarms/${i}/sensor`,
        sdkErrors.FIXTURE_REFERENCE_UNKNOWN({ what: 'sensor', id: a.sensor, where: IN_FIXTURE }),
      );
    else if (!metrics.includes(a.metric)) {
      add(
        `/expect/alarms/${i}/metric`,
        sdkErrors.FIXTURE_REFERENCE_UNKNOWN({
          what: 'metric',
          id: a.metric,
          where: `among the metrics of sensor ${a.sensor}`,
        }),
      );
    }
  });
  (warnings ?? []).forEach((w, i) => {
    if (!objects.has(w.object)) {
      add(
        `/expect/warnings/${i}/object`,
        sdkErrors.FIXTURE_REFERENCE_UNKNOWN({ what: 'object', id: w.object, where: IN_FIXTURE }),
      );
    }
    (w.targets ?? []).forEach((t, j) => {
      if (!objects.has(t)) {
        add(
          `/expect/warnings/${i}/targets/${j}`,
          sdkErrors.FIXTURE_REFERENCE_UNKNOWN({ what: 'object', id: t, where: IN_FIXTURE }),
        );
      }
    });
  });
  return out;
}

/**
 * Every problem of a fixture (shape first; then timestamps, unique ids and references), `[]` when valid.
 *
 * @example
 * fixtureProblems({ name: 'x' })[0]; // { path: '/objects', code: 'FH_SDK_FIXTURE_FIELD_INVALID', message: '…' }
 */
export function fixtureProblems(value: unknown): Problem[] {
  const shape = schemaProblems(value);
  return shape.length > 0 ? shape : consistencyProblems(value as Fixture);
}

/**
 * Check a fixture and return it typed; throws `FH_SDK_FIXTURE_INVALID` whose `details` list every
 * problem with its path.
 *
 * @example
 * const fixture = validateFixture(JSON.parse(text), 'spike.json');
 */
export function validateFixture(value: unknown, file = 'fixture'): Fixture {
  const problems = fixtureProblems(value);
  if (problems.length > 0) {
    throw sdkErrors.FIXTURE_INVALID(
      { file, count: problems.length, list: formatProblems(problems) },
      problems,
    );
  }
  return value as Fixture;
}

function readFixture(path: string): Fixture {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw sdkErrors.FIXTURE_NOT_JSON({
      file: path,
      reason: err instanceof Error ? err.message : String(err),
    });
  }
  const fixture = validateFixture(parsed, path);
  sources.set(fixture, path);
  return fixture;
}

/**
 * Read and validate the fixtures of a folder (every `*.json`, by file name) or one fixture file.
 * Synchronous, so a test file can make one test per fixture at collection time.
 *
 * @example
 * import { assertScenario, loadFixtures } from '@fenghuo/sdk/testing';
 * import plugin from '../src/index.js';
 *
 * for (const f of loadFixtures(new URL('./fixtures', import.meta.url))) {
 *   it(f.name, () => assertScenario(plugin, f));
 * }
 */
export function loadFixtures(dirOrUrl: string | URL): Fixture[] {
  const where = dirOrUrl instanceof URL || dirOrUrl.startsWith('file:') ? fileURLToPath(dirOrUrl) : dirOrUrl;
  if (!existsSync(where)) throw sdkErrors.FIXTURE_NOT_FOUND({ where });
  if (!statSync(where).isDirectory()) return [readFixture(where)];
  const files = readdirSync(where)
    .filter((name) => name.endsWith('.json'))
    .sort();
  if (files.length === 0) throw sdkErrors.FIXTURE_NOT_FOUND({ where: join(where, '*.json') });
  return files.map((name) => readFixture(join(where, name)));
}

/**
 * A short label for a fixture in messages: its file name when loaded from one, else its name.
 *
 * @example
 * fixtureLabel(f); // 'spike.json'
 */
export function fixtureLabel(fixture: Fixture): string {
  const file = sources.get(fixture);
  return file ? basename(file) : fixture.name;
}
