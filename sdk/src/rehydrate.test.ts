import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type TSchema, Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { checkRiskType, checkSensor } from './define.js';
import { FenghuoError } from './errors.js';
import { rehydrateDefinition, rehydrateSchema } from './rehydrate.js';
import type { RiskTypeDef, SensorDef } from './types.js';

const PLUGINS = fileURLToPath(new URL('../../plugins', import.meta.url));
const json = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** The coded error `work` throws (the test fails when it does not). */
function thrown(work: () => unknown): FenghuoError {
  try {
    work();
  } catch (err) {
    if (err instanceof FenghuoError) return err;
    throw err;
  }
  throw new Error('expected a coded error');
}

/** Values around a number schema's bounds, of other types, and not finite. */
function numberCandidates(schema: TSchema): unknown[] {
  const s = schema as {
    minimum?: number;
    maximum?: number;
    exclusiveMinimum?: number;
    exclusiveMaximum?: number;
  };
  const lo = s.minimum ?? s.exclusiveMinimum ?? -1000;
  const hi = s.maximum ?? s.exclusiveMaximum ?? 1000;
  return [
    lo,
    hi,
    (lo + hi) / 2,
    Math.round((lo + hi) / 2),
    lo - 1,
    hi + 1,
    lo - 0.5,
    hi + 0.5,
    NaN,
    '5',
    null,
  ];
}

/** A valid value of a plugin's schema, built from its bounds (for object kinds no fixture uses). */
function sample(schema: TSchema): unknown {
  const s = schema as Record<string, unknown> & { anyOf?: TSchema[] };
  if ('const' in s) return s['const'];
  if (s.anyOf) return sample(s.anyOf[0]!);
  switch (s['type']) {
    case 'number':
    case 'integer': {
      const lo =
        (s['minimum'] as number | undefined) ?? ((s['exclusiveMinimum'] as number | undefined) ?? 0) + 1;
      return Math.ceil(lo);
    }
    case 'string':
      return 'x';
    case 'boolean':
      return true;
    case 'object': {
      const props = (s['properties'] ?? {}) as Record<string, TSchema>;
      return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, sample(v)]));
    }
    case 'array': {
      const min = (s['minItems'] as number | undefined) ?? 1;
      return Array.from({ length: Math.max(min, 1) }, () => sample(s['items'] as TSchema));
    }
    default:
      throw new Error(`no sample for ${JSON.stringify(schema)}`);
  }
}

/** Valid values (from the fixtures) and each of them broken one property at a time. */
function objectCandidates(schema: TSchema, valid: Record<string, unknown>[]): unknown[] {
  const out: unknown[] = [{}, null, 'x', [], ...valid];
  const props = Object.keys((schema as { properties?: object }).properties ?? {});
  for (const v of valid)
    for (const p of props) {
      const { [p]: _gone, ...without } = v;
      out.push(without, { ...v, [p]: '?' }, { ...v, [p]: -1 }, { ...v, [p]: null });
    }
  if (valid[0]) out.push({ ...valid[0], notAnAttribute: 1 });
  return out;
}

/** Each value checked against the original and the rebuilt schema: the answers must agree, and differ among values. */
function expectSameAnswers(original: TSchema, rebuilt: TSchema, values: unknown[], label: string): void {
  const answers = values.map((v) => Value.Check(original, v));
  expect(
    values.map((v) => Value.Check(rebuilt, v)),
    label,
  ).toEqual(answers);
  expect(answers, `${label}: some value passes`).toContain(true);
  expect(answers, `${label}: some value fails`).toContain(false);
}

/** Object attributes of the plugin's risk-type fixtures, by kind. */
function fixtureAttributes(plugin: string): Map<string, Record<string, unknown>[]> {
  const dir = join(PLUGINS, plugin, 'test/fixtures');
  const out = new Map<string, Record<string, unknown>[]>();
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
    const fixture = JSON.parse(readFileSync(join(dir, f), 'utf8')) as {
      objects?: { kind: string; attributes: Record<string, unknown> }[];
    };
    for (const o of fixture.objects ?? []) out.set(o.kind, [...(out.get(o.kind) ?? []), o.attributes]);
  }
  return out;
}

const plugins = readdirSync(PLUGINS).map((name) => {
  const pkg = JSON.parse(readFileSync(join(PLUGINS, name, 'package.json'), 'utf8')) as {
    fenghuo: { kind: 'risk-type' | 'sensor' };
  };
  return { name, kind: pkg.fenghuo.kind };
});

describe('rehydrateDefinition on every plugin of plugins/', () => {
  it('finds every plugin, both kinds, the examples among them', () => {
    expect(plugins.map((p) => `${p.name}:${p.kind}`)).toEqual(
      expect.arrayContaining([
        'bridge-logger:sensor',
        'bridge:risk-type',
        'gas-pipeline:risk-type',
        'lorawan-methane:sensor',
      ]),
    );
  });

  for (const { name, kind } of plugins) {
    it(`${name}: the JSON copy of its definition, rehydrated, passes its check and validates like the original`, async () => {
      const mod = (await import(pathToFileURL(join(PLUGINS, name, 'src/index.ts')).href)) as {
        default: RiskTypeDef | SensorDef;
      };
      const original = mod.default;
      const copy = json(original);
      // Without its TypeBox symbols a schema is unusable: this is what rehydrating repairs.
      const [firstMetric] = Object.values(copy.metrics);
      expect(() => Value.Check(firstMetric!.schema, 1)).toThrow();

      let rebuiltMetrics: RiskTypeDef['metrics'];
      if (kind === 'risk-type') {
        const def = original as RiskTypeDef;
        const data = rehydrateDefinition(copy, 'risk-type');
        const rebuilt: RiskTypeDef = { ...data, analyze: def.analyze };
        rebuiltMetrics = rebuilt.metrics;
        expect(() => checkRiskType(rebuilt)).not.toThrow();
        // The same data, schemas included, as JSON.
        expect(json(rebuilt)).toEqual(copy);
        const attributes = fixtureAttributes(name);
        expect(attributes.size, 'the fixtures hold objects').toBeGreaterThan(0);
        for (const [kindName, o] of Object.entries(def.objects)) {
          const valid = attributes.get(kindName) ?? [];
          expectSameAnswers(
            o.attributes,
            rebuilt.objects[kindName]!.attributes,
            objectCandidates(
              o.attributes,
              valid.length > 0 ? valid : [sample(o.attributes) as Record<string, unknown>],
            ),
            `${name} /objects/${kindName}/attributes`,
          );
        }
        if (def.config) {
          const config = rebuilt.config!;
          const defaults = def.defaults as Record<string, unknown>;
          expect(Value.Check(config, defaults)).toBe(true);
          expectSameAnswers(def.config, config, objectCandidates(def.config, [defaults]), `${name} /config`);
        }
      } else {
        const def = original as SensorDef;
        const data = rehydrateDefinition(copy, 'sensor');
        const rebuilt: SensorDef = { ...data, decode: def.decode };
        rebuiltMetrics = rebuilt.metrics;
        expect(() => checkSensor(rebuilt)).not.toThrow();
        expect(json(rebuilt)).toEqual(copy);
      }
      for (const [metric, m] of Object.entries(original.metrics))
        expectSameAnswers(
          m.schema,
          rebuiltMetrics[metric]!.schema,
          numberCandidates(m.schema),
          `${name} /metrics/${metric}/schema`,
        );
    });
  }

  it('returns a fresh copy and leaves the data (frozen, as the sandbox gives it) untouched', () => {
    const data = Object.freeze({
      id: 'x',
      metrics: Object.freeze({ a: Object.freeze({ schema: Object.freeze({ type: 'number' }) }) }),
    });
    const out = rehydrateDefinition(data, 'sensor');
    expect(Value.Check(out.metrics['a']!.schema, 1)).toBe(true);
    expect(data.metrics.a.schema).toEqual({ type: 'number' });
    expect(Object.getOwnPropertySymbols(data.metrics.a.schema)).toEqual([]);
  });

  it('leaves a field that is not a schema for the definition check to report', () => {
    const data = rehydrateDefinition({ id: 'x', metrics: { a: { schema: 5 } }, config: 'no' }, 'risk-type');
    expect(data).toMatchObject({ metrics: { a: { schema: 5 } }, config: 'no' });
    expect(thrown(() => rehydrateDefinition([], 'sensor')).code).toBe('FH_SDK_DEFINITION_NOT_OBJECT');
  });
});

describe('rehydrateSchema', () => {
  it('rebuilds each construct Type.* emits with the same JSON and the same answers', () => {
    const schemas: [TSchema, unknown[]][] = [
      [Type.Number({ minimum: 0, exclusiveMaximum: 10, description: 'd' }), [0, 9.9, 10, -1, '1']],
      [Type.Integer({ minimum: 1 }), [1, 2, 1.5, 0]],
      [Type.String({ minLength: 2, maxLength: 3, pattern: '^[a-z]+$' }), ['ab', 'abcd', 'a', 'A1', 1]],
      [Type.String({ format: 'date-time' }), ['x', 2]],
      [Type.Boolean(), [true, 0]],
      [Type.Null(), [null, 0]],
      [Type.Literal('a'), ['a', 'b']],
      [Type.Literal(3), [3, 4]],
      [Type.Union([Type.Literal('a'), Type.Literal(1), Type.Null()]), ['a', 1, null, 'b', 2]],
      [Type.Enum({ A: 'a', B: 'b' }), ['a', 'b', 'c']],
      [Type.Array(Type.Number(), { minItems: 1, uniqueItems: true }), [[1], [], [1, 1], ['x']]],
      [Type.Tuple([Type.Number(), Type.String()]), [[1, 'a'], [1], [1, 'a', 2], ['a', 1]]],
      [Type.Record(Type.String(), Type.Number()), [{}, { a: 1 }, { a: 'x' }, []]],
      [
        Type.Record(Type.String({ pattern: '^x-' }), Type.Number(), { additionalProperties: false }),
        [{ 'x-a': 1 }, { b: 1 }, { 'x-a': 'y' }],
      ],
      [
        Type.Object(
          { a: Type.Number(), b: Type.Optional(Type.String()), c: Type.Object({ d: Type.Boolean() }) },
          { additionalProperties: false },
        ),
        [
          { a: 1, c: { d: true } },
          { a: 1, b: 'x', c: { d: false } },
          { c: { d: true } },
          { a: 1, c: {}, e: 1 },
        ],
      ],
      [Type.Object({ a: Type.Optional(Type.Number()) }), [{}, { a: 1 }, { a: 'x' }, null]],
      [
        Type.Object({ a: Type.Number() }, { additionalProperties: Type.String() }),
        [
          { a: 1, b: 'x' },
          { a: 1, b: 2 },
        ],
      ],
      [Type.Unknown(), [1, null]],
    ];
    for (const [schema, values] of schemas) {
      const rebuilt = rehydrateSchema(json(schema));
      expect(json(rebuilt)).toEqual(json(schema));
      expect(
        values.map((v) => Value.Check(rebuilt, v)),
        JSON.stringify(schema),
      ).toEqual(values.map((v) => Value.Check(schema, v)));
    }
  });

  it('reads a plain JSON Schema enum as a union of literals', () => {
    const s = rehydrateSchema({ type: 'string', enum: ['a', 'b'], description: 'x' });
    expect([Value.Check(s, 'a'), Value.Check(s, 'c'), s.description]).toEqual([true, false, 'x']);
  });

  it('refuses what it cannot rebuild with FH_SDK_SCHEMA_UNSUPPORTED and the path', () => {
    const cases: [unknown, string, string][] = [
      [{ type: 'object', properties: { a: { allOf: [] } } }, '/properties/a', '"allOf" is not supported'],
      [{ type: ['string', 'null'] }, '/type', 'type ["string","null"] is not supported'],
      [{ type: 'object', properties: { 'a/b': { $ref: '#/x' } } }, '/properties/a~1b', '"$ref"'],
      [{ type: 'number', maximum: null }, '/maximum', 'must be a finite number'],
      [{ type: 'object', properties: {}, required: ['a'] }, '/required', '"a" is required'],
      [{ type: 'array', items: { oneOf: [] } }, '/items', '"oneOf"'],
      [{ type: 'array' }, '/', 'needs "items"'],
      [{ minimum: 1 }, '/', '"minimum" needs a "type"'],
      [{ anyOf: [] }, '/anyOf', 'non-empty'],
      [{ const: {} }, '/const', 'const must be'],
      [{ type: 'string', pattern: '(' }, '/pattern', 'not a regular expression'],
      [{ type: 'object', patternProperties: { a: {}, b: {} } }, '/patternProperties', 'exactly one'],
      [7, '/', 'expected a JSON Schema object'],
      [JSON.parse('{"type":"number","__proto__":{"x":1}}'), '/', '"__proto__" is not supported'],
      [JSON.parse('{"type":"object","properties":{"__proto__":{}}}'), '/properties', 'named "__proto__"'],
    ];
    for (const [schema, path, reason] of cases) {
      const err = thrown(() => rehydrateSchema(schema));
      expect(err.code, JSON.stringify(schema)).toBe('FH_SDK_SCHEMA_UNSUPPORTED');
      expect(err.details, JSON.stringify(schema)).toEqual({ path });
      expect(err.message, JSON.stringify(schema)).toContain(reason);
    }
  });

  it('names the path inside a definition', () => {
    const err = thrown(() =>
      rehydrateDefinition(
        { objects: { well: { attributes: { type: 'object', properties: { d: { not: {} } } } } } },
        'risk-type',
      ),
    );
    expect(err.details).toEqual({ path: '/objects/well/attributes/properties/d' });
    expect(err.message).toBe(
      'the schema at /objects/well/attributes/properties/d cannot be rebuilt as a TypeBox schema: "not" is not supported',
    );
  });
});
