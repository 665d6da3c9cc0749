/**
 * `defineRiskType` and `defineSensor`: the helpers a plugin's default export goes through. They return
 * their argument unchanged (typed from its own TypeBox schemas) and check it at once, so a mistake shows
 * when the plugin is imported — by its tests, by `fenghuo test`, or by core when it loads the plugin.
 */
import type { TObject } from '@sinclair/typebox';
import { riskTypeProblems, sensorProblems } from './check/definition.js';
import { formatProblems, type Problem, sdkErrors } from './errors.js';
import type { MetricDef, ObjectKindDef, RiskTypeDef, SensorDef } from './types.js';

function fail(kind: string, def: unknown, problems: Problem[]): never {
  const id = typeof def === 'object' && def !== null ? String((def as { id?: unknown }).id) : String(def);
  throw sdkErrors.DEFINITION_INVALID(
    { kind, id, count: problems.length, list: formatProblems(problems) },
    problems,
  );
}

/**
 * Check a risk-type definition loaded at run time (core calls it for every plugin it loads;
 * {@link defineRiskType} calls it too). Collects every problem and throws one {@link FenghuoError} with
 * code `FH_SDK_DEFINITION_INVALID` whose `details` list each `{ path, code, message }`.
 *
 * Checked: kebab-case `id`, semver `version`, `domain`, zh+en names, every metric's unit, names and
 * number schema; every threshold names a known metric, has at least one level, levels strictly increase
 * (rising) or decrease (falling) from alarm to red, `ratePerMin` positive and increasing, non-negative
 * `durationSec`/`hysteresis`, `ratioOf` naming a number attribute of an object kind; `analyze` is a
 * function; zh+en warning templates; `defaults` fit `config`.
 *
 * @example
 * try {
 *   checkRiskType(mod.default);
 * } catch (err) {
 *   // err.code === 'FH_SDK_DEFINITION_INVALID'
 *   // err.details → [{ path: '/thresholds/co', code: 'FH_SDK_THRESHOLD_UNKNOWN_METRIC', message: '…' }]
 * }
 */
export function checkRiskType(def: unknown): asserts def is RiskTypeDef {
  const problems = riskTypeProblems(def);
  if (problems.length > 0) fail('risk type', def, problems);
}

/**
 * Check a sensor (device) plugin definition: kebab-case `id`, semver `version`, non-empty `vendor` and
 * `model`, metrics with unit, names and number schema, and a `decode` function. Throws like
 * {@link checkRiskType}.
 *
 * @example
 * checkSensor(vendorPlugin); // throws FH_SDK_DEFINITION_INVALID listing e.g. FH_SDK_DECODE_NOT_FUNCTION
 */
export function checkSensor(def: unknown): asserts def is SensorDef {
  const problems = sensorProblems(def);
  if (problems.length > 0) fail('sensor', def, problems);
}

/**
 * Declare a risk-type plugin. Returns its argument, typed from its own schemas (so `analyze` sees
 * `event.metric` as one of the plugin's metric keys and `config` as the static type of its `config`
 * schema), and checks it with {@link checkRiskType} at import.
 *
 * @example
 * import { defineRiskType, Type } from '@fenghuo/sdk';
 *
 * export default defineRiskType({
 *   id: 'gas-pipeline',
 *   version: '1.0.0',
 *   domain: 'lifeline',
 *   name: { zh: '燃气管线泄漏', en: 'Gas pipeline leak' },
 *   objects: {
 *     valve_well: { name: { zh: '阀门井', en: 'Valve well' }, attributes: Type.Object({ depthM: Type.Number() }) },
 *   },
 *   metrics: {
 *     ch4: { schema: Type.Number({ minimum: 0, maximum: 100 }), unit: '%LEL', name: { zh: '甲烷', en: 'Methane' } },
 *   },
 *   thresholds: { ch4: { direction: 'rising', levels: { alarm: 5, blue: 10, yellow: 20, orange: 25, red: 50 } } },
 *   config: Type.Object({ radiusM: Type.Number({ minimum: 0 }) }),
 *   defaults: { radiusM: 200 },
 *   analyze: async (event, ctx, config) => {
 *     const targets = await ctx.within(config.radiusM, { roles: ['target'] }); // event.metric: 'ch4'
 *     return { tier: event.level === 'alarm' ? null : event.level, findings: [], actions: [], targets: [] };
 *   },
 *   warning: {
 *     title: { zh: '{{object}}{{tierZh}}', en: '{{tierEn}}: {{objectEn}}' },
 *     body: { zh: '{{metric}} {{value}} {{unit}}', en: '{{metricEn}} {{value}} {{unit}}' },
 *     instructions: { zh: '{{actionsZh}}', en: '{{actionsEn}}' },
 *   },
 * });
 */
export function defineRiskType<
  M extends Record<string, MetricDef>,
  O extends Record<string, ObjectKindDef>,
  C extends TObject = TObject,
>(def: RiskTypeDef<M, O, C>): RiskTypeDef<M, O, C> {
  checkRiskType(def);
  return def;
}

/**
 * Declare a sensor (device) plugin that decodes a vendor's raw payloads into catalogue metrics. Returns
 * its argument, typed, and checks it with {@link checkSensor} at import.
 *
 * @example
 * import { defineSensor, Type } from '@fenghuo/sdk';
 *
 * export default defineSensor({
 *   id: 'acme-ch4',
 *   version: '1.0.0',
 *   vendor: 'ACME',
 *   model: 'M1',
 *   metrics: {
 *     ch4: { schema: Type.Number({ minimum: 0, maximum: 100 }), unit: '%LEL', name: { zh: '甲烷', en: 'Methane' } },
 *   },
 *   decode: (payload) => {
 *     const bytes = payload as Uint8Array; // 2 bytes, big-endian, 0.1 %LEL per step
 *     return [{ values: { ch4: ((bytes[0]! << 8) | bytes[1]!) / 10 } }];
 *   },
 * });
 */
export function defineSensor<M extends Record<string, MetricDef>>(def: SensorDef<M>): SensorDef<M> {
  checkSensor(def);
  return def;
}
