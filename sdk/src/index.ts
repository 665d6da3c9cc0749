/**
 * `@fenghuo/sdk` — the contract between Fenghuo and its plugins: the types, `defineRiskType` and
 * `defineSensor` with their load-time checks, the tier evaluator core runs on every reading, warning
 * composition, geometry helpers, and TypeBox (re-exported, so a plugin depends on the SDK alone).
 * The scenario harness is the `@fenghuo/sdk/testing` subpath; hosts and tools also have
 * `@fenghuo/sdk/bundle` (build, sign, verify) and `@fenghuo/sdk/sandbox` (run plugin code in isolated-vm).
 *
 * @example
 * import { defineRiskType, Type } from '@fenghuo/sdk';
 * export default defineRiskType({ id: 'gas-pipeline', version: '1.0.0', domain: 'lifeline', ... });
 */
export type { Static, TNumber, TObject } from '@sinclair/typebox';
export { Type } from '@sinclair/typebox';
export { KEBAB_CASE, riskTypeProblems, SEMVER, sensorProblems } from './check/definition.js';
export { checkRiskType, checkSensor, defineRiskType, defineSensor } from './define.js';
export type {
  ErrorFactory,
  ErrorRegistry,
  ErrorSpec,
  Problem,
  SandboxErrorCode,
  SdkErrorCode,
  TemplateParams,
} from './errors.js';
export {
  defineErrors,
  FenghuoError,
  formatMessage,
  formatProblems,
  sandboxErrors,
  sdkErrors,
} from './errors.js';
export {
  bearingDeg,
  circlePolygon,
  destination,
  distanceToGeometryM,
  EARTH_RADIUS_M,
  haversineM,
} from './geo.js';
export { base64Bytes, hexBytes, payloadBytes, payloadJson, utf8Text } from './payload.js';
export type { RiskTypeData, SensorData } from './rehydrate.js';
export { rehydrateDefinition, rehydrateSchema } from './rehydrate.js';
export type { CompiledThreshold, RuleState, Transition } from './rules/evaluate.js';
export { compileThreshold, LEVELS, levelIndex, newState, step } from './rules/evaluate.js';
export type { AnalysisResultData } from './schemas.js';
export {
  AnalysisResultSchema,
  checkAnalysisResult,
  GeometrySchema,
  I18nSchema,
  LevelSchema,
  LonLatSchema,
  ObjectRoleSchema,
  TierSchema,
} from './schemas.js';
export { linearFit, median, type Sample, toSamples, withReading } from './series.js';
export { renderTemplate } from './template.js';
export { localTime, utcOffsetLabel, zoneOffsetMin } from './time.js';
export * from './types.js';
export type { ComposedWarning, MetricNames, TierInfo } from './warning.js';
export { composeWarning, LEVEL_NAMES, TIER_INFO, templateData } from './warning.js';
