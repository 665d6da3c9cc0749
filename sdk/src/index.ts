/**
 * `@fenghuo/sdk` — the contract between Fenghuo and its plugins.
 *
 * @example
 * import { defineRiskType, Type } from '@fenghuo/sdk';
 * export default defineRiskType({ id: 'gas-pipeline', version: '1.0.0', domain: 'lifeline', ... });
 */
export { Type } from '@sinclair/typebox';
export type { Static, TObject, TNumber } from '@sinclair/typebox';
export * from './types.js';
export { checkRiskType, defineRiskType, defineSensor } from './define.js';
export { compileThreshold, LEVELS, levelIndex, newState, step } from './rules/evaluate.js';
export type { CompiledThreshold, RuleState, Transition } from './rules/evaluate.js';
export { renderTemplate } from './template.js';
export { FenghuoError, sdkErrors } from './errors.js';
