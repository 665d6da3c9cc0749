/**
 * The definition checks behind `checkRiskType` and `checkSensor`: each walks a definition as loaded (so
 * it trusts nothing about its shape) and collects every problem instead of stopping at the first, so a
 * plugin author fixes them all in one go.
 */
import { type TSchema, TypeGuard } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { type FenghuoError, type Problem, sdkErrors } from './errors.js';
import { LEVELS } from './rules/evaluate.js';
import type { Level } from './types.js';

/** `gas-pipeline`, `bridge`, `acme-ch4-v2`. */
export const KEBAB_CASE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
/** Semantic Versioning 2.0.0, with optional pre-release and build parts. */
export const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;
const DOMAINS = ['lifeline', 'public', 'production', 'natural'];
const TEMPLATE_PARTS = ['title', 'body', 'instructions'] as const;

type Rec = Record<string, unknown>;

const isRecord = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNonEmpty = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const describe = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'string' ? JSON.stringify(v) : typeof v;
/** JSON Pointer escaping, so a key with `/` in it keeps the path unambiguous. */
const seg = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

class Collector {
  readonly problems: Problem[] = [];
  add(path: string, err: FenghuoError): void {
    this.problems.push({ path, code: err.code, message: err.message });
  }
}

function checkName(c: Collector, path: string, value: unknown, what: string): void {
  const rec = isRecord(value) ? value : {};
  if (!isNonEmpty(rec['zh'])) c.add(`${path}/zh`, sdkErrors.NAME_MISSING({ what, lang: 'Chinese (zh)' }));
  if (!isNonEmpty(rec['en'])) c.add(`${path}/en`, sdkErrors.NAME_MISSING({ what, lang: 'English (en)' }));
}

function checkIdentity(c: Collector, def: Rec): void {
  const id = def['id'];
  if (typeof id !== 'string' || !KEBAB_CASE.test(id))
    c.add('/id', sdkErrors.ID_NOT_KEBAB({ id: String(id) }));
  const version = def['version'];
  if (typeof version !== 'string' || !SEMVER.test(version)) {
    c.add('/version', sdkErrors.VERSION_NOT_SEMVER({ version: String(version) }));
  }
}

function checkMetrics(c: Collector, metrics: unknown, kind: string): void {
  if (!isRecord(metrics)) {
    c.add(
      '/metrics',
      sdkErrors.FIELD_INVALID({ field: 'metrics', expected: 'an object of metric definitions' }),
    );
    return;
  }
  if (Object.keys(metrics).length === 0) c.add('/metrics', sdkErrors.METRICS_EMPTY({ kind }));
  for (const [key, m] of Object.entries(metrics)) {
    const path = `/metrics/${seg(key)}`;
    if (!isRecord(m)) {
      c.add(
        path,
        sdkErrors.FIELD_INVALID({ field: `metric "${key}"`, expected: 'an object { schema, unit, name }' }),
      );
      continue;
    }
    if (!isNonEmpty(m['unit'])) c.add(`${path}/unit`, sdkErrors.METRIC_UNIT_MISSING({ metric: key }));
    checkName(c, `${path}/name`, m['name'], `metric "${key}"`);
    const schema = m['schema'];
    if (!TypeGuard.IsNumber(schema) && !TypeGuard.IsInteger(schema)) {
      c.add(`${path}/schema`, sdkErrors.METRIC_SCHEMA_NOT_NUMBER({ metric: key }));
    } else if (
      typeof schema.minimum === 'number' &&
      typeof schema.maximum === 'number' &&
      schema.minimum > schema.maximum
    ) {
      c.add(
        `${path}/schema`,
        sdkErrors.METRIC_RANGE_INVALID({ metric: key, min: schema.minimum, max: schema.maximum }),
      );
    }
    const interval = m['intervalSec'];
    if (interval !== undefined && !(isFiniteNumber(interval) && interval > 0)) {
      c.add(
        `${path}/intervalSec`,
        sdkErrors.FIELD_INVALID({
          field: `intervalSec of "${key}"`,
          expected: 'a positive number of seconds',
        }),
      );
    }
  }
}

/** The number attributes of every object kind, for `ratioOf`. */
function numberAttributes(objects: unknown): Set<string> {
  const out = new Set<string>();
  if (!isRecord(objects)) return out;
  for (const kind of Object.values(objects)) {
    if (!isRecord(kind) || !TypeGuard.IsObject(kind['attributes'])) continue;
    for (const [name, schema] of Object.entries(kind['attributes'].properties)) {
      if (TypeGuard.IsNumber(schema) || TypeGuard.IsInteger(schema)) out.add(name);
    }
  }
  return out;
}

/** Present level values in level order, reporting keys that are not levels and values that are not numbers. */
function levelValues(
  c: Collector,
  path: string,
  metric: string,
  field: string,
  values: Rec,
): { level: Level; value: number }[] {
  for (const [key, value] of Object.entries(values)) {
    if (!(LEVELS as readonly string[]).includes(key)) {
      c.add(
        `${path}/${seg(key)}`,
        sdkErrors.THRESHOLD_LEVEL_INVALID({
          field,
          metric,
          reason: `"${key}" is not a level; use alarm, blue, yellow, orange or red`,
        }),
      );
    } else if (value !== undefined && !isFiniteNumber(value)) {
      c.add(
        `${path}/${key}`,
        sdkErrors.THRESHOLD_LEVEL_INVALID({
          field,
          metric,
          reason: `${key} must be a finite number, got ${describe(value)}`,
        }),
      );
    }
  }
  const out: { level: Level; value: number }[] = [];
  for (const level of LEVELS) {
    const v = values[level];
    if (isFiniteNumber(v)) out.push({ level, value: v });
  }
  return out;
}

function checkThreshold(
  c: Collector,
  metric: string,
  th: unknown,
  metrics: Rec,
  ratioAttributes: Set<string>,
): void {
  const path = `/thresholds/${seg(metric)}`;
  if (!isRecord(th)) {
    c.add(
      path,
      sdkErrors.FIELD_INVALID({
        field: `threshold of "${metric}"`,
        expected: 'an object { direction, levels }',
      }),
    );
    return;
  }
  const direction = th['direction'];
  const rising = direction === 'rising';
  const directionKnown = rising || direction === 'falling';
  if (!directionKnown) {
    c.add(`${path}/direction`, sdkErrors.THRESHOLD_DIRECTION_INVALID({ metric, got: describe(direction) }));
  }
  const levels = th['levels'];
  if (!isRecord(levels)) {
    c.add(`${path}/levels`, sdkErrors.THRESHOLD_NO_LEVELS({ metric }));
  } else {
    const present = levelValues(c, `${path}/levels`, metric, 'levels', levels);
    if (present.length === 0) c.add(`${path}/levels`, sdkErrors.THRESHOLD_NO_LEVELS({ metric }));
    if (directionKnown) {
      for (let i = 1; i < present.length; i++) {
        const lo = present[i - 1]!;
        const hi = present[i]!;
        if (rising ? hi.value > lo.value : hi.value < lo.value) continue;
        c.add(
          `${path}/levels/${hi.level}`,
          sdkErrors.THRESHOLD_LEVELS_ORDER({
            metric,
            order: rising ? 'strictly increase' : 'strictly decrease',
            direction: String(direction),
            lower: lo.level,
            lowerValue: lo.value,
            higher: hi.level,
            higherValue: hi.value,
          }),
        );
      }
      const schema = isRecord(metrics[metric]) ? metrics[metric]['schema'] : undefined;
      // A ratio limit is scaled by an attribute, so only absolute limits can be checked against the range.
      if (th['ratioOf'] === undefined && (TypeGuard.IsNumber(schema) || TypeGuard.IsInteger(schema))) {
        for (const { level, value } of present) {
          const max = schema.maximum;
          const min = schema.minimum;
          if (rising && typeof max === 'number' && value > max) {
            c.add(
              `${path}/levels/${level}`,
              sdkErrors.THRESHOLD_LEVEL_UNREACHABLE({ level, value, metric, bound: `at most ${max}` }),
            );
          } else if (!rising && typeof min === 'number' && value < min) {
            c.add(
              `${path}/levels/${level}`,
              sdkErrors.THRESHOLD_LEVEL_UNREACHABLE({ level, value, metric, bound: `at least ${min}` }),
            );
          }
        }
      }
    }
  }
  const rate = th['ratePerMin'];
  if (rate !== undefined) {
    if (!isRecord(rate)) {
      c.add(
        `${path}/ratePerMin`,
        sdkErrors.FIELD_INVALID({
          field: `ratePerMin of "${metric}"`,
          expected: 'an object of per-level rates',
        }),
      );
    } else {
      const present = levelValues(c, `${path}/ratePerMin`, metric, 'ratePerMin', rate);
      for (const { level, value } of present) {
        if (value <= 0) {
          c.add(
            `${path}/ratePerMin/${level}`,
            sdkErrors.THRESHOLD_RATE_NOT_POSITIVE({ level, metric, value }),
          );
        }
      }
      for (let i = 1; i < present.length; i++) {
        const lo = present[i - 1]!;
        const hi = present[i]!;
        if (hi.value > lo.value) continue;
        c.add(
          `${path}/ratePerMin/${hi.level}`,
          sdkErrors.THRESHOLD_RATE_ORDER({
            metric,
            lower: lo.level,
            lowerValue: lo.value,
            higher: hi.level,
            higherValue: hi.value,
          }),
        );
      }
    }
  }
  for (const field of ['durationSec', 'hysteresis'] as const) {
    const v = th[field];
    if (v !== undefined && !(isFiniteNumber(v) && v >= 0)) {
      c.add(
        `${path}/${field}`,
        sdkErrors.THRESHOLD_NEGATIVE({
          field,
          metric,
          value: typeof v === 'number' ? String(v) : describe(v),
        }),
      );
    }
  }
  const fraction = th['hysteresisIsFraction'];
  if (fraction !== undefined && typeof fraction !== 'boolean') {
    c.add(
      `${path}/hysteresisIsFraction`,
      sdkErrors.FIELD_INVALID({ field: `hysteresisIsFraction of "${metric}"`, expected: 'true or false' }),
    );
  }
  const ratioOf = th['ratioOf'];
  if (ratioOf !== undefined && (typeof ratioOf !== 'string' || !ratioAttributes.has(ratioOf))) {
    c.add(
      `${path}/ratioOf`,
      sdkErrors.THRESHOLD_RATIO_UNKNOWN_ATTRIBUTE({
        metric,
        attribute: String(ratioOf),
        kinds:
          ratioAttributes.size > 0 ? `number attributes: ${[...ratioAttributes].join(', ')}` : 'none has one',
      }),
    );
  }
}

function checkObjects(c: Collector, objects: unknown): void {
  if (!isRecord(objects)) {
    c.add('/objects', sdkErrors.FIELD_INVALID({ field: 'objects', expected: 'an object of object kinds' }));
    return;
  }
  if (Object.keys(objects).length === 0) c.add('/objects', sdkErrors.OBJECTS_EMPTY());
  for (const [key, kind] of Object.entries(objects)) {
    const path = `/objects/${seg(key)}`;
    const rec = isRecord(kind) ? kind : {};
    checkName(c, `${path}/name`, rec['name'], `object kind "${key}"`);
    if (!TypeGuard.IsObject(rec['attributes'])) {
      c.add(`${path}/attributes`, sdkErrors.OBJECT_SCHEMA_NOT_OBJECT({ kind: key }));
    }
  }
}

function checkConfig(c: Collector, def: Rec): void {
  const config = def['config'];
  const defaults = def['defaults'];
  if (config === undefined) {
    if (defaults !== undefined) {
      c.add(
        '/defaults',
        sdkErrors.FIELD_INVALID({ field: 'defaults', expected: 'given only with a config schema' }),
      );
    }
    return;
  }
  if (!TypeGuard.IsObject(config)) {
    c.add('/config', sdkErrors.CONFIG_SCHEMA_NOT_OBJECT());
    return;
  }
  // Missing defaults are checked as `{}`, so a config with required fields and no defaults is caught.
  for (const e of Value.Errors(config as TSchema, defaults ?? {})) {
    c.add(
      `/defaults${e.path}`,
      sdkErrors.CONFIG_DEFAULTS_INVALID({ reason: `${e.path || '/'} ${e.message}` }),
    );
  }
}

function checkWarning(c: Collector, warning: unknown): void {
  const rec = isRecord(warning) ? warning : {};
  for (const part of TEMPLATE_PARTS) {
    const t = isRecord(rec[part]) ? (rec[part] as Rec) : {};
    if (!isNonEmpty(t['zh']))
      c.add(`/warning/${part}/zh`, sdkErrors.WARNING_TEMPLATE_MISSING({ part, lang: 'Chinese (zh)' }));
    if (!isNonEmpty(t['en']))
      c.add(`/warning/${part}/en`, sdkErrors.WARNING_TEMPLATE_MISSING({ part, lang: 'English (en)' }));
  }
}

/**
 * Every problem of a risk-type definition, in the order of its fields; `[]` when it is valid.
 *
 * @example
 * const problems = riskTypeProblems(plugin);
 * for (const p of problems) console.log(p.path, p.code, p.message);
 */
export function riskTypeProblems(def: unknown): Problem[] {
  const c = new Collector();
  if (!isRecord(def)) {
    c.add('', sdkErrors.DEFINITION_NOT_OBJECT({ kind: 'risk type', got: describe(def) }));
    return c.problems;
  }
  checkIdentity(c, def);
  if (typeof def['domain'] !== 'string' || !DOMAINS.includes(def['domain'])) {
    c.add('/domain', sdkErrors.DOMAIN_UNKNOWN({ domain: String(def['domain']) }));
  }
  checkName(c, '/name', def['name'], 'the risk type');
  if (def['description'] !== undefined) checkName(c, '/description', def['description'], 'a description');
  checkObjects(c, def['objects']);
  checkMetrics(c, def['metrics'], 'risk type');
  const metrics = isRecord(def['metrics']) ? def['metrics'] : {};
  const thresholds = def['thresholds'];
  if (!isRecord(thresholds)) {
    c.add(
      '/thresholds',
      sdkErrors.FIELD_INVALID({ field: 'thresholds', expected: 'an object of thresholds by metric' }),
    );
  } else {
    const ratioAttributes = numberAttributes(def['objects']);
    const known = Object.keys(metrics);
    for (const [metric, th] of Object.entries(thresholds)) {
      if (th === undefined) continue;
      if (!(metric in metrics)) {
        c.add(
          `/thresholds/${seg(metric)}`,
          sdkErrors.THRESHOLD_UNKNOWN_METRIC({ metric, known: known.length > 0 ? known.join(', ') : 'none' }),
        );
      }
      checkThreshold(c, metric, th, metrics, ratioAttributes);
    }
  }
  checkConfig(c, def);
  if (typeof def['analyze'] !== 'function') {
    c.add('/analyze', sdkErrors.ANALYZE_NOT_FUNCTION({ got: describe(def['analyze']) }));
  }
  checkWarning(c, def['warning']);
  return c.problems;
}

/**
 * Every problem of a sensor (device) plugin definition; `[]` when it is valid.
 *
 * @example
 * sensorProblems({ id: 'ACME', version: '1', vendor: 'ACME', model: 'M1', metrics: {}, decode }).length; // 3
 */
export function sensorProblems(def: unknown): Problem[] {
  const c = new Collector();
  if (!isRecord(def)) {
    c.add('', sdkErrors.DEFINITION_NOT_OBJECT({ kind: 'sensor', got: describe(def) }));
    return c.problems;
  }
  checkIdentity(c, def);
  for (const field of ['vendor', 'model'] as const) {
    if (!isNonEmpty(def[field]))
      c.add(`/${field}`, sdkErrors.FIELD_INVALID({ field, expected: 'a non-empty string' }));
  }
  checkMetrics(c, def['metrics'], 'sensor');
  if (typeof def['decode'] !== 'function') {
    c.add('/decode', sdkErrors.DECODE_NOT_FUNCTION({ got: describe(def['decode']) }));
  }
  return c.problems;
}
