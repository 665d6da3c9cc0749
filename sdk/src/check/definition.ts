/**
 * The definition checks behind `checkRiskType` and `checkSensor`: each walks a definition as loaded (so
 * it trusts nothing about its shape) and collects every problem instead of stopping at the first, so a
 * plugin author fixes them all in one go.
 */
import { type TSchema, TypeGuard } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { type Problem, sdkErrors } from '../errors.js';
import { Collector, describe, isFiniteNumber, isNonEmpty, isRecord, type Rec, seg } from './collect.js';
import { checkThreshold, numberAttributes } from './threshold.js';

/**
 * `gas-pipeline`, `bridge`, `acme-ch4-v2`.
 *
 * @example
 * KEBAB_CASE.test('gas-pipeline'); // true
 * KEBAB_CASE.test('GasPipeline'); // false
 */
export const KEBAB_CASE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
/**
 * Semantic Versioning 2.0.0, with optional pre-release and build parts.
 *
 * @example
 * SEMVER.test('1.2.0-beta.1'); // true
 * SEMVER.test('v1.2'); // false
 */
export const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;
const DOMAINS = ['lifeline', 'public', 'production', 'natural'];
const TEMPLATE_PARTS = ['title', 'body', 'instructions'] as const;

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

function checkHeldReanalysis(c: Collector, held: unknown): void {
  if (held === undefined) return;
  const rec = isRecord(held) ? held : null;
  const after = rec?.['afterSec'];
  const max = rec?.['max'];
  const ok =
    rec !== null &&
    Object.keys(rec).every((k) => k === 'afterSec' || k === 'max') &&
    Number.isInteger(after) &&
    (after as number) >= 60 &&
    (after as number) <= 2_592_000 &&
    Number.isInteger(max) &&
    (max as number) >= 1 &&
    (max as number) <= 1_000;
  if (!ok)
    c.add(
      '/heldReanalysis',
      sdkErrors.FIELD_INVALID({
        field: 'heldReanalysis',
        expected: '{ afterSec: whole seconds from 60 to 2 592 000 (30 days), max: 1 to 1 000 re-analyses }',
      }),
    );
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
  const seen = new Set<string>();
  for (const e of Value.Errors(config as TSchema, defaults ?? {})) {
    // TypeBox reports a missing property twice (required, then its type); one problem per path is enough.
    if (seen.has(e.path)) continue;
    seen.add(e.path);
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
  checkHeldReanalysis(c, def['heldReanalysis']);
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
