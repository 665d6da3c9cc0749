/**
 * What comes back from the sandbox is untrusted JSON text: it is size-checked, parsed on the host side
 * (so it holds plain data with the host's own prototypes) and validated against the contract before
 * anyone uses it.
 */
import { type TSchema, Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { type FenghuoError, sandboxErrors } from '../errors.js';
import { AnalysisResultSchema, checkAnalysisResult } from '../schemas.js';
import type { AnalysisResult, DecodedReading } from '../types.js';

/** The plugin function a call ran. */
export type SandboxFn = 'analyze' | 'decode';

/**
 * What `decode` must return: readings with an optional timestamp and finite numbers (JSON cannot carry
 * `NaN` or `Infinity`: they arrive as `null` and fail here).
 */
export const DecodedReadingsSchema = Type.Array(
  Type.Object(
    {
      ts: Type.Optional(Type.String({ maxLength: 64 })),
      values: Type.Record(Type.String({ minLength: 1, maxLength: 100 }), Type.Number()),
    },
    { additionalProperties: false },
  ),
);

export interface ResultLimits {
  /** Largest serialised result accepted, in bytes of UTF-8 JSON. */
  maxResultBytes: number;
  /** Most readings one `decode` may return. */
  maxReadings: number;
}

export interface ThrownInfo {
  name: string;
  message: string;
  stack: string;
}

/** A result envelope made by the prelude (see prelude.ts). */
type Envelope =
  | { ok: true; value: unknown }
  | { ok: false; threw: ThrownInfo }
  | { ok: false; bad: string }
  | { ok: false; tooLarge: string };

const MAX_REASON = 500;

export function truncate(s: string, max = MAX_REASON): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

function problemsOf(schema: TSchema, value: unknown): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  for (const e of Value.Errors(schema, value)) {
    out.push({ path: e.path || '/', message: e.message });
    if (out.length >= 5) break;
  }
  return out;
}

/** Open an envelope: the plugin's value, or the coded error it stands for. */
export function openEnvelope(key: string, fn: SandboxFn, json: unknown, limits: ResultLimits): unknown {
  const ids = { key, fn };
  if (typeof json !== 'string') throw sandboxErrors.BAD_RESULT({ ...ids, reason: 'no result' });
  // The envelope adds a few dozen bytes around the result.
  if (json.length > limits.maxResultBytes + 256 || Buffer.byteLength(json) > limits.maxResultBytes + 256)
    throw sandboxErrors.RESULT_TOO_LARGE({
      ...ids,
      size: `${Buffer.byteLength(json)} bytes of JSON`,
      max: `${limits.maxResultBytes} bytes`,
    });
  let env: Envelope;
  try {
    env = JSON.parse(json) as Envelope;
  } catch {
    throw sandboxErrors.BAD_RESULT({ ...ids, reason: 'the sandbox returned text that is not JSON' });
  }
  if (typeof env !== 'object' || env === null || typeof env.ok !== 'boolean')
    throw sandboxErrors.BAD_RESULT({ ...ids, reason: 'the sandbox returned no result envelope' });
  if (env.ok) return env.value;
  if ('threw' in env) {
    const t = env.threw;
    const reason = truncate(`${String(t?.name)}: ${String(t?.message)}`);
    throw sandboxErrors.THREW(
      { ...ids, reason },
      {
        name: String(t?.name),
        message: truncate(String(t?.message), 2000),
        stack: truncate(String(t?.stack), 4000),
      },
    );
  }
  if ('tooLarge' in env)
    throw sandboxErrors.RESULT_TOO_LARGE({
      ...ids,
      size: String(env.tooLarge),
      max:
        fn === 'decode'
          ? `${limits.maxReadings} readings or ${limits.maxResultBytes} bytes`
          : `${limits.maxResultBytes} bytes`,
    });
  throw sandboxErrors.BAD_RESULT({ ...ids, reason: truncate(String((env as { bad?: unknown }).bad)) });
}

/** An analysis result, checked with the SDK's `checkAnalysisResult` (the harness uses the same). */
export function checkAnalyzeResult(key: string, value: unknown): AnalysisResult {
  const problems = problemsOf(AnalysisResultSchema, value);
  if (problems.length > 0) throw badResult(key, 'analyze', problems);
  return checkAnalysisResult(value);
}

/** Readings from `decode`: an array of `{ ts?, values }` with finite numbers, at most `maxReadings`. */
export function checkDecodeResult(key: string, value: unknown, limits: ResultLimits): DecodedReading[] {
  if (Array.isArray(value) && value.length > limits.maxReadings)
    throw sandboxErrors.RESULT_TOO_LARGE({
      key,
      fn: 'decode',
      size: `${value.length} readings`,
      max: `${limits.maxReadings} readings`,
    });
  const problems = problemsOf(DecodedReadingsSchema, value);
  if (problems.length > 0) throw badResult(key, 'decode', problems);
  return value as DecodedReading[];
}

function badResult(key: string, fn: SandboxFn, problems: { path: string; message: string }[]): FenghuoError {
  return sandboxErrors.BAD_RESULT(
    { key, fn, reason: truncate(problems.map((p) => `${p.path}: ${p.message}`).join('; ')) },
    { problems },
  );
}
