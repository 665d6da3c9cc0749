/**
 * Rebuilding TypeBox schemas from JSON: a definition read as JSON (from the sandbox, where a bundle's
 * definition is serialised, or from a manifest) keeps every JSON Schema keyword but loses TypeBox's
 * `[Kind]` and `[OptionalKind]` symbols, without which `Value.Check`, `checkRiskType` and `checkSensor`
 * refuse the schemas. These functions rebuild them with `Type.*` from the JSON Schema subset `Type.*`
 * emits for plugins; anything else is refused with its path rather than guessed at.
 */
import {
  type ObjectOptions,
  type TLiteralValue,
  type TProperties,
  type TSchema,
  Type,
} from '@sinclair/typebox';
import { describe, isRecord, type Rec, seg } from './check/collect.js';
import { sdkErrors } from './errors.js';
import type { RiskTypeDef, SensorDef } from './types.js';

/** Keywords of schemas `Type.*` cannot rebuild into something `Value.Check` reads the same way. */
const UNSUPPORTED = [
  'allOf',
  'oneOf',
  'not',
  '$ref',
  '$defs',
  'definitions',
  'if',
  'then',
  'else',
  'dependencies',
  'dependentSchemas',
  'dependentRequired',
  'prefixItems',
  'contains',
  'propertyNames',
  'unevaluatedProperties',
  'unevaluatedItems',
];

/** Validation keywords that only mean something beside a `type`. */
const TYPED = [
  'properties',
  'required',
  'additionalProperties',
  'patternProperties',
  'minProperties',
  'maxProperties',
  'items',
  'additionalItems',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'pattern',
  'format',
];

/** Keywords whose value must be a finite number (JSON turns `Infinity` into `null`, which would compare as 0). */
const NUMERIC = [
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'minProperties',
  'maxProperties',
];

function unsupported(path: string, reason: string): never {
  throw sdkErrors.SCHEMA_UNSUPPORTED({ path: path || '/', reason }, { path: path || '/' });
}

const has = (o: Rec, key: string): boolean => Object.hasOwn(o, key);

const isLiteral = (v: unknown): v is TLiteralValue =>
  typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

function checkPattern(path: string, pattern: unknown): string {
  if (typeof pattern !== 'string') unsupported(path, `a pattern must be a string, got ${describe(pattern)}`);
  try {
    new RegExp(pattern);
  } catch {
    unsupported(path, `the pattern ${JSON.stringify(pattern)} is not a regular expression`);
  }
  return pattern;
}

/**
 * Rebuild one TypeBox schema from its JSON form: objects (`properties`, `required`,
 * `additionalProperties`), records (`patternProperties`), numbers, integers, strings, booleans, `null`,
 * arrays and tuples, literals (`const`), unions (`anyOf`), `enum` (as a union of literals) and `{}`
 * (unknown); other keywords (descriptions, defaults, `minimum` …) are kept as options. Throws
 * `FH_SDK_SCHEMA_UNSUPPORTED` with the path of anything else (`allOf`, `$ref`, a `type` list …).
 *
 * @example
 * const schema = rehydrateSchema(JSON.parse(JSON.stringify(Type.Number({ minimum: 0 }))));
 * Value.Check(schema, 3); // true — the JSON copy alone would throw (no TypeBox Kind)
 */
export function rehydrateSchema(json: unknown, path = ''): TSchema {
  if (!isRecord(json)) unsupported(path, `expected a JSON Schema object, got ${describe(json)}`);
  // Copying options with `__proto__` as a key would set a prototype instead.
  for (const k of ['__proto__', ...UNSUPPORTED])
    if (has(json, k)) unsupported(path, `"${k}" is not supported`);
  for (const k of NUMERIC)
    if (has(json, k) && (typeof json[k] !== 'number' || !Number.isFinite(json[k])))
      unsupported(`${path}/${k}`, `"${k}" must be a finite number, got ${describe(json[k])}`);
  if (has(json, 'pattern')) checkPattern(`${path}/pattern`, json['pattern']);

  if (has(json, 'anyOf')) {
    const { anyOf, ...opts } = json;
    if (has(opts, 'type')) unsupported(path, '"type" beside "anyOf" is not supported');
    if (!Array.isArray(anyOf) || anyOf.length === 0)
      unsupported(`${path}/anyOf`, 'anyOf must be a non-empty list of schemas');
    return Type.Union(
      anyOf.map((s, i) => rehydrateSchema(s, `${path}/anyOf/${i}`)),
      opts,
    );
  }
  if (has(json, 'const')) {
    const { const: value, type, ...opts } = json;
    if (!isLiteral(value))
      unsupported(
        `${path}/const`,
        `const must be a string, a finite number or a boolean, got ${describe(value)}`,
      );
    if (type !== undefined && type !== typeof value)
      unsupported(
        `${path}/type`,
        `type ${JSON.stringify(type)} does not match const ${JSON.stringify(value)}`,
      );
    return Type.Literal(value, opts);
  }
  if (has(json, 'enum')) {
    const { enum: values, type, ...opts } = json;
    if (!Array.isArray(values) || values.length === 0 || !values.every(isLiteral))
      unsupported(`${path}/enum`, 'enum must be a non-empty list of strings, finite numbers or booleans');
    if (type !== undefined && !values.every((v) => typeof v === type))
      unsupported(`${path}/type`, `type ${JSON.stringify(type)} does not match every enum value`);
    return Type.Union(
      values.map((v) => Type.Literal(v)),
      opts,
    );
  }

  const { type, ...opts } = json;
  switch (type) {
    case 'object':
      return objectSchema(path, opts);
    case 'array':
      return arraySchema(path, opts);
    case 'number':
      return Type.Number(opts);
    case 'integer':
      return Type.Integer(opts);
    case 'string':
      return Type.String(opts);
    case 'boolean':
      return Type.Boolean(opts);
    case 'null':
      return Type.Null(opts);
    case undefined: {
      const typed = TYPED.find((k) => has(opts, k));
      if (typed) unsupported(path, `"${typed}" needs a "type" beside it`);
      return Type.Unknown(opts);
    }
    default:
      return unsupported(`${path}/type`, `type ${JSON.stringify(type)} is not supported`);
  }
}

function additional(path: string, value: unknown): ObjectOptions['additionalProperties'] {
  if (typeof value === 'boolean') return value;
  return rehydrateSchema(value, `${path}/additionalProperties`);
}

function objectSchema(path: string, json: Rec): TSchema {
  const { properties, required, patternProperties, additionalProperties, ...opts } = json;
  const options: ObjectOptions =
    additionalProperties === undefined
      ? opts
      : { ...opts, additionalProperties: additional(path, additionalProperties) };
  if (patternProperties !== undefined) {
    // `Type.Record`: one key pattern, no named properties.
    if (properties !== undefined || required !== undefined)
      unsupported(path, '"properties" beside "patternProperties" is not supported');
    if (!isRecord(patternProperties) || Object.keys(patternProperties).length !== 1)
      unsupported(`${path}/patternProperties`, 'a record needs exactly one key pattern');
    const [pattern, value] = Object.entries(patternProperties)[0]!;
    const where = `${path}/patternProperties/${seg(pattern)}`;
    checkPattern(where, pattern);
    return Type.Record(Type.String({ pattern }), rehydrateSchema(value, where), options);
  }
  if (properties !== undefined && !isRecord(properties))
    unsupported(`${path}/properties`, `properties must be an object, got ${describe(properties)}`);
  if (required !== undefined && !(Array.isArray(required) && required.every((r) => typeof r === 'string')))
    unsupported(`${path}/required`, 'required must be a list of property names');
  const props = properties ?? {};
  const needed = new Set<string>(required ?? []);
  for (const name of needed)
    if (!Object.hasOwn(props, name))
      unsupported(`${path}/required`, `"${name}" is required but not among the properties`);
  const rebuilt: TProperties = {};
  for (const [name, schema] of Object.entries(props)) {
    if (name === '__proto__') unsupported(`${path}/properties`, 'a property cannot be named "__proto__"');
    const s = rehydrateSchema(schema, `${path}/properties/${seg(name)}`);
    rebuilt[name] = needed.has(name) ? s : Type.Optional(s);
  }
  return Type.Object(rebuilt, options);
}

function arraySchema(path: string, json: Rec): TSchema {
  const { items, ...opts } = json;
  if (Array.isArray(items)) {
    // `Type.Tuple`: a fixed list of items, nothing more.
    const { additionalItems, minItems, maxItems, ...rest } = opts;
    if (additionalItems !== false || minItems !== items.length || maxItems !== items.length)
      unsupported(path, 'a list of items is supported only as a fixed-length tuple');
    return Type.Tuple(
      items.map((s, i) => rehydrateSchema(s, `${path}/items/${i}`)),
      rest,
    );
  }
  if (items === undefined) unsupported(path, 'an array needs "items"');
  if (has(opts, 'additionalItems'))
    unsupported(path, '"additionalItems" beside one "items" schema is not supported');
  return Type.Array(rehydrateSchema(items, `${path}/items`), opts);
}

/**
 * A risk type's definition data: everything but `analyze`.
 *
 * @example
 * const data: RiskTypeData = rehydrateDefinition(loaded.definition, 'risk-type');
 */
export type RiskTypeData = Omit<RiskTypeDef, 'analyze'>;

/**
 * A sensor's definition data: everything but `decode`.
 *
 * @example
 * const data: SensorData = rehydrateDefinition(loaded.definition, 'sensor');
 */
export type SensorData = Omit<SensorDef, 'decode'>;

/**
 * Make a plugin definition's data, copied as JSON (the sandbox's `LoadedSandbox.definition`), usable
 * again: a fresh copy whose schemas (every metric's `schema`; for a risk type also every object kind's
 * `attributes` and `config`) are TypeBox schemas again (see {@link rehydrateSchema}). Re-attach the
 * function and check the result as usual; a field that is not there or not a schema object is left for
 * `checkRiskType`/`checkSensor` to report. Throws `FH_SDK_DEFINITION_NOT_OBJECT`, or
 * `FH_SDK_SCHEMA_UNSUPPORTED` with the path of a schema it cannot rebuild.
 *
 * @example
 * const def = { ...rehydrateDefinition(loaded.definition, 'risk-type'), analyze: inSandbox };
 * checkRiskType(def);
 * Value.Check(def.metrics.ch4!.schema, 12.5); // true
 */
export function rehydrateDefinition(data: unknown, kind: 'risk-type'): RiskTypeData;
export function rehydrateDefinition(data: unknown, kind: 'sensor'): SensorData;
export function rehydrateDefinition(data: unknown, kind: 'risk-type' | 'sensor'): RiskTypeData | SensorData {
  const what = kind === 'risk-type' ? 'risk type' : 'sensor';
  if (!isRecord(data)) throw sdkErrors.DEFINITION_NOT_OBJECT({ kind: what, got: describe(data) });
  const def = JSON.parse(JSON.stringify(data)) as Rec;
  const rebuild = (holder: unknown, key: string, path: string) => {
    if (isRecord(holder) && isRecord(holder[key])) holder[key] = rehydrateSchema(holder[key], path);
  };
  if (isRecord(def['metrics']))
    for (const [name, metric] of Object.entries(def['metrics']))
      rebuild(metric, 'schema', `/metrics/${seg(name)}/schema`);
  if (kind === 'risk-type') {
    if (isRecord(def['objects']))
      for (const [name, object] of Object.entries(def['objects']))
        rebuild(object, 'attributes', `/objects/${seg(name)}/attributes`);
    rebuild(def, 'config', '/config');
  }
  return def as unknown as RiskTypeData | SensorData;
}
