/**
 * The scene of a scenario: the fixture's objects and sensors as `ctx` returns them, and each sensor
 * metric's threshold compiled with the plugin's defaults, the fixture's overrides and the object's
 * attributes — the same inputs core's sensor cache compiles from.
 */
import { Value } from '@sinclair/typebox/value';
import { formatProblems, type Problem, sdkErrors } from '../errors.js';
import { type CompiledThreshold, compileThreshold } from '../rules/evaluate.js';
import type { CityObject, Geometry, RiskTypeDef, SensorInfo } from '../types.js';
import { pointKey } from './context.js';
import { type Fixture, validateFixture } from './fixture.js';

/**
 * A fixture made ready to run.
 *
 * @example
 * const scene: Scene = buildScene(plugin, fixture, 'spike.json');
 * scene.config; // { ...plugin.defaults, ...fixture.config }
 */
export interface Scene {
  fixture: Fixture;
  objects: Map<string, CityObject>;
  sensors: Map<string, SensorInfo>;
  /** Compiled threshold by `pointKey(sensor, metric)`; `null` when the metric has no threshold or its ratio attribute is missing. */
  thresholds: Map<string, CompiledThreshold | null>;
  /** `{ ...def.defaults, ...fixture.config }`. */
  config: Record<string, unknown>;
}

/** Fixture problems that need the plugin: metrics, kinds and attributes it does not declare. */
function pluginProblems(def: RiskTypeDef, f: Fixture): Problem[] {
  const out: Problem[] = [];
  const add = (path: string, err: { code: string; message: string }) =>
    out.push({ path, code: err.code, message: err.message });
  const known = Object.keys(def.metrics).join(', ');
  const kinds = Object.keys(def.objects);
  const metricCheck = (path: string, metric: string) => {
    if (!(metric in def.metrics))
      add(path, sdkErrors.FIXTURE_METRIC_UNKNOWN({ metric, riskType: def.id, known }));
  };
  const objects = new Map(f.objects.map((o, i) => [o.id, { o, i }]));
  f.sensors.forEach((s, i) => {
    for (const [j, m] of s.metrics.entries()) metricCheck(`/sensors/${i}/metrics/${j}`, m);
    const entry = objects.get(s.objectId);
    if (entry && !kinds.includes(entry.o.kind)) {
      add(
        `/objects/${entry.i}/kind`,
        sdkErrors.FIXTURE_KIND_UNKNOWN({
          object: entry.o.id,
          kind: entry.o.kind,
          riskType: def.id,
          known: kinds.join(', '),
        }),
      );
    }
  });
  for (const [i, o] of (f.overrides ?? []).entries()) metricCheck(`/overrides/${i}/metric`, o.metric);
  f.objects.forEach((o, i) => {
    const kind = def.objects[o.kind];
    if (!kind) return;
    const seen = new Set<string>();
    for (const e of Value.Errors(kind.attributes, o.attributes ?? {})) {
      if (seen.has(e.path)) continue;
      seen.add(e.path);
      add(
        `/objects/${i}/attributes${e.path}`,
        sdkErrors.FIXTURE_ATTRIBUTES_INVALID({
          object: o.id,
          kind: o.kind,
          reason: `${e.path || '/'} ${e.message}`,
        }),
      );
    }
  });
  return out;
}

type Override = NonNullable<Fixture['overrides']>[number];

/** Sensor-specific beats object-specific beats scene-wide, as in core; among equals the last one wins. */
function pickOverride(
  overrides: readonly Override[],
  sensor: SensorInfo,
  metric: string,
): Override | undefined {
  let best: Override | undefined;
  let bestRank = -1;
  for (const o of overrides) {
    if (o.metric !== metric) continue;
    const rank =
      o.sensor !== undefined
        ? o.sensor === sensor.id
          ? 2
          : -1
        : o.object !== undefined
          ? o.object === sensor.objectId
            ? 1
            : -1
          : 0;
    if (rank >= bestRank && rank >= 0) {
      best = o;
      bestRank = rank;
    }
  }
  return best;
}

/**
 * Validate a fixture against the fixture format and against the plugin, then build its scene. Throws
 * `FH_SDK_FIXTURE_INVALID` listing every problem.
 *
 * @example
 * const scene = buildScene(plugin, fixture, 'spike.json');
 * scene.thresholds.get(pointKey('GAS-0003', 'ch4'))?.limits; // Float64Array [5, 10, 20, 25, 50]
 */
export function buildScene(def: RiskTypeDef, fixture: Fixture, label: string): Scene {
  const f = validateFixture(fixture, label);
  const problems = pluginProblems(def, f);
  if (problems.length > 0) {
    throw sdkErrors.FIXTURE_INVALID(
      { file: label, count: problems.length, list: formatProblems(problems) },
      problems,
    );
  }
  const objects = new Map<string, CityObject>();
  for (const o of f.objects) {
    objects.set(o.id, {
      id: o.id,
      kind: o.kind,
      role: o.role,
      name: o.name,
      geometry: o.geometry as Geometry,
      attributes: o.attributes ?? {},
      ...(o.ownerUnit === undefined ? {} : { ownerUnit: o.ownerUnit }),
    });
  }
  const sensors = new Map<string, SensorInfo>();
  const thresholds = new Map<string, CompiledThreshold | null>();
  for (const s of f.sensors) {
    const sensor: SensorInfo = {
      id: s.id,
      objectId: s.objectId,
      riskType: def.id,
      metrics: s.metrics,
      location: [s.location[0], s.location[1]],
    };
    sensors.set(s.id, sensor);
    for (const m of s.metrics) {
      const tdef = def.thresholds[m];
      const o = pickOverride(f.overrides ?? [], sensor, m);
      const override = o
        ? {
            levels: o.levels,
            ...(o.durationSec === undefined ? {} : { durationSec: o.durationSec }),
            ...(o.hysteresis === undefined ? {} : { hysteresis: o.hysteresis }),
          }
        : null;
      const attributes = objects.get(s.objectId)?.attributes;
      thresholds.set(pointKey(s.id, m), tdef ? compileThreshold(tdef, override, attributes) : null);
    }
  }
  return {
    fixture: f,
    objects,
    sensors,
    thresholds,
    config: { ...(def.defaults ?? {}), ...(f.config ?? {}) },
  };
}
