/**
 * `@fenghuo/sdk/testing` — the scenario harness for plugin authors: feed a scripted sequence of readings
 * through a risk type exactly as core does (thresholds, alarms, analysis, warnings) and assert what comes
 * out. Independent of any test runner.
 *
 * @example
 * import { assertScenario, loadFixtures } from '@fenghuo/sdk/testing';
 * import { it } from 'vitest';
 * import plugin from '../src/index.js';
 *
 * for (const f of loadFixtures(new URL('./fixtures', import.meta.url))) it(f.name, () => assertScenario(plugin, f));
 */

export type { SensorFixture } from '../cli/sensor-fixtures.js';
export { assertSensorFixture, loadSensorFixtures } from '../cli/sensor-fixtures.js';
export type { ContextAt, SceneView, StoredPoint } from './context.js';
export { createContext, levelValues, pointKey } from './context.js';
export { assertScenario, checkExpectations, describeScenario } from './expect.js';
export type { Fixture, FixtureExpect } from './fixture.js';
export {
  FixtureSchema,
  fixtureFile,
  fixtureLabel,
  fixtureProblems,
  isTimestamp,
  loadFixtures,
  validateFixture,
} from './fixture.js';
export type {
  AnalysisRun,
  LevelStep,
  RejectedReading,
  ScenarioAlarm,
  ScenarioResult,
  ScenarioWarning,
  TimelineEntry,
} from './result.js';
export { runScenario } from './run.js';
export type { Scene } from './scene.js';
export { buildScene } from './scene.js';
