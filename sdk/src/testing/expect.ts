/**
 * Comparing a scenario's outcome with a fixture's expectations, in words a plugin author can act on.
 */
import { sdkErrors } from '../errors.js';
import { LEVELS } from '../rules/evaluate.js';
import type { RiskTypeDef } from '../types.js';
import type { Fixture, FixtureExpect } from './fixture.js';
import { fixtureFile, fixtureLabel } from './fixture.js';
import type { ScenarioAlarm, ScenarioResult, ScenarioWarning } from './result.js';
import { runScenario } from './run.js';

type ExpectedAlarm = NonNullable<FixtureExpect['alarms']>[number];
type ExpectedWarning = NonNullable<FixtureExpect['warnings']>[number];

const alarmKey = (sensor: string, metric: string) => `${sensor} ${metric}`;
const rank = (level: string) => LEVELS.indexOf(level as (typeof LEVELS)[number]);

function describeAlarm(a: ScenarioAlarm): string {
  const path = a.steps.map((s) => s.to ?? 'clear').join(' → ');
  return `${a.id} on ${a.sensor} ${a.metric} (${path}; max ${a.maxLevel}; ${a.status})`;
}

function describeWarning(w: ScenarioWarning): string {
  const targets = w.targets.map((t) => t.id).join(', ') || 'none';
  return `${w.id} on ${w.object} (${w.tier}, ${w.status}, revision ${w.revision}; targets ${targets})`;
}

function compareAlarms(actual: ScenarioAlarm[], expected: ExpectedAlarm[]): string[] {
  const problems: string[] = [];
  const byKey = new Map<string, ScenarioAlarm[]>();
  for (const a of actual) {
    const k = alarmKey(a.sensor, a.metric);
    byKey.set(k, [...(byKey.get(k) ?? []), a]);
  }
  const wanted = new Map<string, ExpectedAlarm[]>();
  for (const e of expected) {
    const k = alarmKey(e.sensor, e.metric);
    wanted.set(k, [...(wanted.get(k) ?? []), e]);
  }
  for (const [k, list] of wanted) {
    const got = byKey.get(k) ?? [];
    if (got.length === 0) {
      const want = list[0]!;
      problems.push(
        `expected an alarm on ${k}${want.maxLevel ? ` reaching ${want.maxLevel}` : ''}, but none was raised`,
      );
      continue;
    }
    // One expectation speaks for every alarm of its sensor and metric: the highest level of any, the
    // status of the latest. Several expectations are matched one by one, in the order raised.
    const pairs: [ExpectedAlarm, ScenarioAlarm[]][] =
      list.length === 1 ? [[list[0]!, got]] : list.map((e, i) => [e, got[i] ? [got[i]!] : []]);
    if (list.length > 1 && got.length !== list.length) {
      problems.push(
        `expected ${list.length} alarms on ${k}, got ${got.length}: ${got.map(describeAlarm).join('; ')}`,
      );
      continue;
    }
    for (const [want, alarms] of pairs) {
      const max = alarms.reduce((m, a) => (rank(a.maxLevel) > rank(m) ? a.maxLevel : m), alarms[0]!.maxLevel);
      const last = alarms[alarms.length - 1]!;
      if (want.maxLevel !== undefined && want.maxLevel !== max) {
        problems.push(
          `alarm on ${k} reached ${max}, expected ${want.maxLevel}: ${alarms.map(describeAlarm).join('; ')}`,
        );
      }
      if (want.status !== undefined && want.status !== last.status) {
        problems.push(`alarm on ${k} is ${last.status}, expected ${want.status}: ${describeAlarm(last)}`);
      }
    }
  }
  for (const [k, got] of byKey) {
    if (!wanted.has(k)) problems.push(`unexpected alarm: ${got.map(describeAlarm).join('; ')}`);
  }
  return problems;
}

/** Why one warning does not meet one expectation; `[]` when it does. */
function mismatches(w: ScenarioWarning, e: ExpectedWarning): string[] {
  const out: string[] = [];
  if (w.object !== e.object) out.push(`it is on ${w.object}, not ${e.object}`);
  if (e.tier !== undefined && w.tier !== e.tier) out.push(`its tier is ${w.tier}, not ${e.tier}`);
  const ids = new Set(w.targets.map((t) => t.id));
  const missing = (e.targets ?? []).filter((t) => !ids.has(t));
  if (missing.length > 0) {
    out.push(`its targets lack ${missing.join(', ')} (it lists ${[...ids].join(', ') || 'none'})`);
  }
  const texts = w.findings.flatMap((f) => [f.zh, f.en]).map((t) => t.toLowerCase());
  for (const needle of e.findingsInclude ?? []) {
    if (!texts.some((t) => t.includes(needle.toLowerCase()))) {
      const shown = w.findings.map((f) => `"${f.en}"`).join(', ') || 'none';
      out.push(`no finding contains "${needle}" (findings: ${shown})`);
    }
  }
  return out;
}

/** Maximum matching of expectations to warnings (augmenting paths; the lists are short). */
function match(actual: ScenarioWarning[], expected: ExpectedWarning[]): (number | undefined)[] {
  const ok = expected.map((e) => actual.map((w) => mismatches(w, e).length === 0));
  const owner: (number | undefined)[] = actual.map(() => undefined);
  const tryAssign = (ei: number, seen: boolean[]): boolean => {
    for (let wi = 0; wi < actual.length; wi++) {
      if (!ok[ei]![wi] || seen[wi]) continue;
      seen[wi] = true;
      const prev = owner[wi];
      if (prev === undefined || tryAssign(prev, seen)) {
        owner[wi] = ei;
        return true;
      }
    }
    return false;
  };
  for (let ei = 0; ei < expected.length; ei++)
    tryAssign(
      ei,
      actual.map(() => false),
    );
  const assigned: (number | undefined)[] = expected.map(() => undefined);
  owner.forEach((ei, wi) => {
    if (ei !== undefined) assigned[ei] = wi;
  });
  return assigned;
}

function compareWarnings(actual: ScenarioWarning[], expected: ExpectedWarning[]): string[] {
  const problems: string[] = [];
  if (actual.length !== expected.length) {
    const list = actual.length > 0 ? `: ${actual.map(describeWarning).join('; ')}` : '';
    problems.push(`expected ${expected.length} warning(s), got ${actual.length}${list}`);
  }
  const assigned = match(actual, expected);
  const used = new Set(assigned.filter((x) => x !== undefined));
  expected.forEach((e, i) => {
    if (assigned[i] !== undefined) return;
    const want = `${e.object}${e.tier ? ` (${e.tier})` : ''}`;
    const candidates = actual.filter((w, wi) => w.object === e.object && !used.has(wi));
    if (candidates.length === 0) {
      const others = actual.filter((w) => w.object === e.object);
      problems.push(
        others.length === 0
          ? `expected a warning on ${want}, but there is none on ${e.object}`
          : `expected another warning on ${want}; the one(s) there already meet other expectations`,
      );
      return;
    }
    for (const w of candidates) {
      problems.push(`expected a warning on ${want}; ${w.id} does not fit: ${mismatches(w, e).join('; ')}`);
    }
  });
  return problems;
}

/**
 * Compare a scenario's outcome with the expectations; returns one sentence per problem, `[]` when all
 * is as expected.
 *
 * - `alarms` (when given) is the exact set by sensor + metric: one expectation covers every alarm of its
 *   sensor and metric (`maxLevel` = the highest level any reached, `status` = that of the latest); list
 *   the same sensor and metric several times to check successive alarms one by one.
 * - `warnings` (when given) is the exact list: as many warnings as expectations, each matched to a
 *   distinct warning on its `object` with that final `tier`, every id of `targets` among its targets, and
 *   every `findingsInclude` text inside some finding (zh or en, ignoring case).
 * - An `analyze` that threw or returned a malformed result is always a problem.
 *
 * @example
 * const problems = checkExpectations(await runScenario(plugin, fixture), fixture.expect);
 * // ['alarm on GAS-0003 ch4 reached yellow, expected orange: A1 on GAS-0003 ch4 (blue → yellow; max yellow; open)']
 */
export function checkExpectations(result: ScenarioResult, expect: FixtureExpect): string[] {
  const problems: string[] = [];
  for (const a of result.analyses) {
    if (a.error !== undefined)
      problems.push(`analyze failed on alarm ${a.alarmId} at ${a.level} (${a.ts}): ${a.error}`);
  }
  if (expect.alarms) problems.push(...compareAlarms(result.alarms, expect.alarms));
  if (expect.warnings) problems.push(...compareWarnings(result.warnings, expect.warnings));
  return problems;
}

/**
 * A short account of a scenario's outcome: alarms, warnings, rejected readings and the timeline.
 *
 * @example
 * console.log(describeScenario(await runScenario(plugin, fixture)));
 * // what happened: 12 reading(s) stored, 1 value(s) rejected
 * //   alarms: A1 on GAS-0003 ch4 (blue → orange; max orange; open)
 * //   …
 */
export function describeScenario(result: ScenarioResult, maxTimeline = 40): string {
  const lines = [
    `what happened: ${result.accepted} reading(s) stored, ${result.rejected.length} value(s) rejected`,
  ];
  lines.push(`  alarms: ${result.alarms.map(describeAlarm).join('; ') || 'none'}`);
  lines.push(`  warnings: ${result.warnings.map(describeWarning).join('; ') || 'none'}`);
  for (const w of result.warnings) {
    lines.push(`    ${w.id} findings: ${w.findings.map((f) => f.en).join(' | ') || 'none'}`);
  }
  const shown = result.timeline.slice(0, maxTimeline);
  if (shown.length > 0) lines.push('  timeline:');
  for (const t of shown)
    lines.push(`    #${t.index} ${t.ts} ${t.sensor}${t.metric ? ` ${t.metric}` : ''}: ${t.text}`);
  if (result.timeline.length > shown.length)
    lines.push(`    … ${result.timeline.length - shown.length} more`);
  return lines.join('\n');
}

/**
 * Run a fixture and throw `FH_SDK_SCENARIO_FAILED` listing every problem and what happened when the
 * outcome differs from `fixture.expect`; resolves to the result otherwise. Works with any test runner.
 *
 * @example
 * import { assertScenario, loadFixtures } from '@fenghuo/sdk/testing';
 * import { describe, it } from 'vitest';
 * import plugin from '../src/index.js';
 *
 * describe('gas-pipeline scenarios', () => {
 *   for (const f of loadFixtures(new URL('./fixtures', import.meta.url))) it(f.name, () => assertScenario(plugin, f));
 * });
 */
export async function assertScenario(def: RiskTypeDef, fixture: Fixture): Promise<ScenarioResult> {
  const result = await runScenario(def, fixture);
  const problems = checkExpectations(result, fixture.expect);
  if (problems.length > 0) {
    throw sdkErrors.SCENARIO_FAILED(
      {
        name: fixtureFile(fixture) ? `"${fixture.name}" (${fixtureLabel(fixture)})` : `"${fixture.name}"`,
        problems: problems.map((p) => `  - ${p}`).join('\n'),
        summary: describeScenario(result),
      },
      problems,
    );
  }
  return result;
}
