import type { TObject } from '@sinclair/typebox';
import { FenghuoError } from './errors.js';
import type { MetricDef, ObjectKindDef, RiskTypeDef, SensorDef } from './types.js';

/**
 * Declare a risk-type plugin. Returns its argument, typed; the definition is checked when loaded.
 *
 * @example
 * export default defineRiskType({ id: 'gas-pipeline', version: '1.0.0', domain: 'lifeline', ... });
 */
export function defineRiskType<
  M extends Record<string, MetricDef>,
  O extends Record<string, ObjectKindDef>,
  C extends TObject = TObject,
>(def: RiskTypeDef<M, O, C>): RiskTypeDef<M, O, C> {
  return def;
}

/**
 * Declare a sensor (device) plugin that decodes a vendor's raw payloads into catalogue metrics.
 *
 * @example
 * export default defineSensor({ id: 'acme-ch4', version: '1.0.0', vendor: 'ACME', model: 'M1', metrics, decode });
 */
export function defineSensor<M extends Record<string, MetricDef>>(def: SensorDef<M>): SensorDef<M> {
  return def;
}

/**
 * Check a risk-type definition loaded at run time (core calls it for every plugin it loads).
 * Throws a {@link FenghuoError} with an `FH_SDK_*` code that says what is wrong.
 *
 * @example
 * checkRiskType(plugin); // throws FH_SDK_THRESHOLD_UNKNOWN_METRIC when a threshold names no metric
 */
export function checkRiskType(def: unknown): asserts def is RiskTypeDef {
  if (!def || typeof def !== 'object') throw new FenghuoError('FH_SDK_DEFINITION_INVALID', 400, 'a risk type must be an object');
}
