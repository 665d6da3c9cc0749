/**
 * Sensor fixtures: what `fenghuo plugin test` feeds a sensor plugin's `decode` and what it expects back.
 * A fixture is `{ name, payload, meta?, expect }` in `test/fixtures/*.json`: `payload` is a string of
 * base64 bytes, or any other JSON value passed as is; `expect` is the exact list of readings, or
 * `{ "error": "text" }` when decode must refuse the payload with an error whose message contains text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { type Static, type TNumber, type TSchema, Type } from '@sinclair/typebox';
import { Value, ValueErrorType } from '@sinclair/typebox/value';
import { isRecord } from '../check/collect.js';
import { FenghuoError, formatProblems, type Problem, sandboxErrors, sdkErrors } from '../errors.js';
import type { SensorDef } from '../types.js';

const strict = { additionalProperties: false } as const;
const ReadingSchema = Type.Object(
  { ts: Type.Optional(Type.String({ minLength: 1 })), values: Type.Record(Type.String(), Type.Number()) },
  strict,
);

/**
 * The sensor fixture format.
 *
 * @example
 * Value.Check(SensorFixtureSchema, { name: 'a frame decodes', payload: 'AQEsWg==', expect: [{ values: { water_depth: 30 } }] }); // true
 */
export const SensorFixtureSchema = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    payload: Type.Unknown({ description: 'a base64 string of bytes, or a JSON value' }),
    meta: Type.Optional(
      Type.Object(
        { sensor: Type.Optional(Type.String({ minLength: 1 })), receivedAt: Type.Optional(Type.String()) },
        strict,
      ),
    ),
    expect: Type.Union(
      [Type.Array(ReadingSchema), Type.Object({ error: Type.String({ minLength: 1 }) }, strict)],
      {
        description: 'a list of readings { ts?, values }, or { "error": "text" }',
      },
    ),
  },
  strict,
);

/**
 * A sensor fixture, the static type of {@link SensorFixtureSchema}.
 *
 * @example
 * const f: SensorFixture = { name: 'garbage is refused', payload: 'AQI=', expect: { error: 'expected 4 bytes' } };
 */
export type SensorFixture = Static<typeof SensorFixtureSchema>;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function problemsOf(value: unknown): Problem[] {
  const out: Problem[] = [];
  const seen = new Set<string>();
  const add = (path: string, reason: string) => {
    const err = sdkErrors.FIXTURE_FIELD_INVALID({ reason: `${path || '/'}: ${reason}` });
    out.push({ path, code: err.code, message: err.message });
  };
  for (const e of Value.Errors(SensorFixtureSchema as TSchema, value)) {
    if (seen.has(e.path)) continue;
    seen.add(e.path);
    if (e.type === ValueErrorType.ObjectAdditionalProperties) {
      add(e.path, `unexpected property "${e.path.split('/').pop()}"`);
    } else if (e.type === ValueErrorType.Union && typeof e.schema.description === 'string') {
      add(e.path, `expected ${e.schema.description}`);
    } else add(e.path, e.message);
  }
  if (out.length === 0 && isRecord(value) && typeof value['payload'] === 'string') {
    if (!BASE64.test(value['payload'])) add('/payload', 'a string payload must be base64 bytes');
  }
  return out;
}

/**
 * Check a sensor fixture and return it typed; throws `FH_SDK_FIXTURE_INVALID` listing every problem.
 *
 * @example
 * const f = validateSensorFixture(JSON.parse(text), 'measurement.json');
 */
export function validateSensorFixture(value: unknown, file = 'fixture'): SensorFixture {
  const problems = problemsOf(value);
  if (problems.length > 0) {
    throw sdkErrors.FIXTURE_INVALID(
      { file, count: problems.length, list: formatProblems(problems) },
      problems,
    );
  }
  return value as SensorFixture;
}

/**
 * The payload a fixture describes: bytes for a base64 string, the JSON value otherwise.
 *
 * @example
 * fixturePayload({ name: 'x', payload: 'AQI=', expect: [] }); // Uint8Array [1, 2]
 */
export function fixturePayload(f: SensorFixture): unknown {
  return typeof f.payload === 'string' ? new Uint8Array(Buffer.from(f.payload, 'base64')) : f.payload;
}

/**
 * The outcome of one sensor fixture: the readings decode returned (or its error) and the problems
 * found, `[]` when it went as expected.
 *
 * @example
 * const { problems } = await runSensorFixture(def, decode, fixture);
 */
export interface SensorFixtureResult {
  readings?: unknown;
  error?: string;
  problems: string[];
}

/** A number against a metric's number schema, read as plain JSON Schema (as the manifest carries it). */
function inRange(schema: TNumber, value: number): boolean {
  // Typed as a number schema, but `Type.Integer` is allowed too (its `type` is 'integer').
  const s = schema as Omit<TNumber, 'type'> & { type?: string };
  if (!Number.isFinite(value)) return false;
  if (s.type === 'integer' && !Number.isInteger(value)) return false;
  if (typeof s.minimum === 'number' && value < s.minimum) return false;
  if (typeof s.maximum === 'number' && value > s.maximum) return false;
  if (typeof s.exclusiveMinimum === 'number' && value <= s.exclusiveMinimum) return false;
  if (typeof s.exclusiveMaximum === 'number' && value >= s.exclusiveMaximum) return false;
  return true;
}

/** What a sensor fixture is judged against: the plugin's id and metrics. */
type SensorFacts = Pick<SensorDef, 'id' | 'metrics'>;

function readingProblems(def: SensorFacts, readings: unknown): string[] {
  if (!Array.isArray(readings))
    return [`decode returned ${JSON.stringify(readings)}, not an array of readings`];
  const out: string[] = [];
  readings.forEach((r, i) => {
    if (!Value.Check(ReadingSchema, r)) {
      out.push(`reading ${i} is not { ts?, values: { metric: number } }: ${JSON.stringify(r)}`);
      return;
    }
    for (const [metric, value] of Object.entries(r.values)) {
      const m = def.metrics[metric];
      if (!m) {
        out.push(
          `reading ${i}: "${metric}" is not a metric of ${def.id} (${Object.keys(def.metrics).join(', ')})`,
        );
      } else if (!inRange(m.schema, value)) {
        const { minimum, maximum } = m.schema;
        out.push(
          `reading ${i}: ${metric} ${value} is outside its range [${minimum ?? '-∞'}, ${maximum ?? '∞'}] ${m.unit}`,
        );
      }
    }
  });
  return out;
}

/**
 * How a runner reaches a plugin's `decode`: `fenghuo plugin test` calls it in the platform's sandbox.
 *
 * @example
 * const decode: SensorDecode = (payload, meta) => sandbox.decode(key, payload, { city: 'test', ...meta });
 */
export type SensorDecode = (
  payload: unknown,
  meta: { sensor: string; receivedAt: string },
) => Promise<unknown>;

/**
 * What a failed decode reads as in a fixture: what the plugin threw (`Error: expected 2 bytes`), or a
 * sandbox's refusal with its code (a time limit, an invalid result).
 */
function decodeError(err: unknown): string {
  if (err instanceof FenghuoError) {
    const d = err.details;
    if (err.code === sandboxErrors.THREW.code && isRecord(d))
      return `${String(d['name'])}: ${String(d['message'])}`;
    return `${err.message} [${err.code}]`;
  }
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

/**
 * Run one fixture through a sensor plugin's `decode` (in `fenghuo plugin test`, the sandbox's: the payload
 * copied in, the call under the platform's limits, the readings checked and copied out); the readings must
 * then be valid readings of the plugin's metrics, within range, and the ones expected.
 *
 * @example
 * const loaded = await sandbox.load(key, code);
 * const def = rehydrateDefinition(loaded.definition, 'sensor');
 * const decode: SensorDecode = (payload, meta) => sandbox.decode(key, payload, { city: 'test', ...meta });
 * (await runSensorFixture(def, decode, fixture)).problems; // []
 */
export async function runSensorFixture(
  def: SensorFacts,
  decode: SensorDecode,
  f: SensorFixture,
): Promise<SensorFixtureResult> {
  let outcome: { readings?: unknown; error?: string };
  try {
    outcome = { readings: await decode(fixturePayload(f), fixtureMeta(f)) };
  } catch (err) {
    outcome = { error: decodeError(err) };
  }
  return judgeSensorFixture(def, f, outcome);
}

function fixtureMeta(f: SensorFixture): { sensor: string; receivedAt: string } {
  return { sensor: f.meta?.sensor ?? 'TEST-1', receivedAt: f.meta?.receivedAt ?? new Date().toISOString() };
}

/** Compare what `decode` returned (or threw) with the fixture's expectation. */
function judgeSensorFixture(
  def: SensorFacts,
  f: SensorFixture,
  outcome: { readings?: unknown; error?: string },
): SensorFixtureResult {
  const { readings, error } = outcome;
  if (error !== undefined) {
    if (Array.isArray(f.expect)) return { error, problems: [`decode threw ${error}`] };
    const problems = error.includes(f.expect.error)
      ? []
      : [`decode threw "${error}", expected an error containing "${f.expect.error}"`];
    return { error, problems };
  }
  if (!Array.isArray(f.expect)) {
    return {
      readings,
      problems: [
        `decode returned ${JSON.stringify(readings)}, expected an error containing "${f.expect.error}"`,
      ],
    };
  }
  const problems = readingProblems(def, readings);
  if (problems.length === 0 && !isDeepStrictEqual(readings, f.expect)) {
    problems.push(`decode returned ${JSON.stringify(readings)}, expected ${JSON.stringify(f.expect)}`);
  }
  return { readings, problems };
}

/**
 * Run one sensor fixture against a plugin's `decode` called directly (for the plugin's own unit tests;
 * `fenghuo plugin test` runs the built bundle) and throw an Error listing every problem.
 *
 * @example
 * for (const f of loadSensorFixtures(new URL('./fixtures', import.meta.url))) it(f.name, () => assertSensorFixture(plugin, f));
 */
export function assertSensorFixture(def: SensorDef, f: SensorFixture): void {
  let outcome: { readings?: unknown; error?: string };
  try {
    outcome = { readings: JSON.parse(JSON.stringify(def.decode(fixturePayload(f), fixtureMeta(f)))) };
  } catch (err) {
    outcome = { error: err instanceof Error ? err.message : String(err) };
  }
  const { problems } = judgeSensorFixture(def, f, outcome);
  if (problems.length > 0) throw new Error(`${f.name}:\n  ${problems.join('\n  ')}`);
}

/**
 * The sensor fixtures of a folder (`*.json`, sorted), each validated.
 *
 * @example
 * const fixtures = loadSensorFixtures(new URL('./fixtures', import.meta.url));
 */
export function loadSensorFixtures(dir: string | URL): SensorFixture[] {
  const path = typeof dir === 'string' ? dir : fileURLToPath(dir);
  return readdirSync(path)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => validateSensorFixture(JSON.parse(readFileSync(join(path, f), 'utf8')), f));
}
