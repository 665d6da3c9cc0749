/**
 * The host side of `ctx` inside the sandbox: which methods a plugin may call, the checks on the
 * arguments it sends (types and sizes: they come from untrusted code), and the replies sent back.
 *
 * A plugin reaches the caller's `AnalysisContext` (already scoped to the event's city by core) only
 * through these methods, with copied arguments; the answer goes back as JSON text, so the plugin gets a
 * copy, never a host object.
 */
import { type TSchema, Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { FenghuoError, sandboxErrors } from '../errors.js';
import { LonLatSchema, ObjectRoleSchema } from '../schemas.js';
import type { AnalysisContext } from '../types.js';

const Id = Type.String({ minLength: 1, maxLength: 200 });
const Metric = Type.String({ minLength: 1, maxLength: 100 });
const Timestamp = Type.String({ maxLength: 64 });
/** 100 km: far beyond any impact radius, small enough to keep a spatial query bounded. */
const Radius = Type.Number({ minimum: 0, maximum: 100_000 });

interface MethodSpec {
  /** Schemas of the positional parameters. */
  params: TSchema[];
  /** How many leading parameters are required. */
  required: number;
}

const METHODS = {
  history: {
    params: [
      Id,
      Metric,
      Type.Object(
        {
          from: Type.Optional(Timestamp),
          to: Type.Optional(Timestamp),
          limit: Type.Optional(Type.Number({ minimum: 0, maximum: 100_000 })),
        },
        { additionalProperties: false },
      ),
    ],
    required: 2,
  },
  neighbours: {
    params: [Radius, Type.Object({ metric: Type.Optional(Metric) }, { additionalProperties: false })],
    required: 1,
  },
  within: {
    params: [
      Radius,
      Type.Object(
        {
          roles: Type.Optional(Type.Array(ObjectRoleSchema, { maxItems: 3 })),
          kinds: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 100 })),
          at: Type.Optional(LonLatSchema),
        },
        { additionalProperties: false },
      ),
    ],
    required: 1,
  },
  object: { params: [Id], required: 1 },
  weather: { params: [], required: 0 },
  thresholds: { params: [Id, Metric], required: 2 },
  now: { params: [], required: 0 },
} satisfies Record<keyof AnalysisContext, MethodSpec>;

export type CtxMethod = keyof typeof METHODS;

export function isCtxMethod(name: unknown): name is CtxMethod {
  return typeof name === 'string' && Object.hasOwn(METHODS, name);
}

/** Longest JSON text of arguments accepted from the plugin (the largest legal call is far below). */
const MAX_ARGS_CHARS = 20_000;

/**
 * Parse and check the arguments of one `ctx` call; `null` stands for an omitted optional argument
 * (JSON turns `undefined` into `null`). Throws `FH_SANDBOX_CTX_INVALID`.
 */
export function checkCtxArgs(method: CtxMethod, json: unknown): unknown[] {
  const invalid = (reason: string) => sandboxErrors.CTX_INVALID({ method, reason });
  if (typeof json !== 'string' || json.length > MAX_ARGS_CHARS)
    throw invalid(`the arguments are longer than ${MAX_ARGS_CHARS} characters of JSON`);
  let args: unknown;
  try {
    args = JSON.parse(json);
  } catch {
    throw invalid('the arguments are not plain data');
  }
  if (!Array.isArray(args)) throw invalid('the arguments are not a list');
  const spec: MethodSpec = METHODS[method];
  while (args.length > spec.required && args[args.length - 1] === null) args.pop();
  if (args.length > spec.params.length)
    throw invalid(`it takes at most ${spec.params.length} argument(s), got ${args.length}`);
  if (args.length < spec.required) throw invalid(`it needs ${spec.required} argument(s), got ${args.length}`);
  return args.map((arg, i) => {
    if (arg === null && i >= spec.required) return undefined;
    const first = Value.Errors(spec.params[i]!, arg).First();
    if (first) throw invalid(`argument ${i + 1}${first.path}: ${first.message}`);
    return arg;
  });
}

/** A reply the prelude understands: a request id, a value, or an error to throw in the plugin. */
export const reply = {
  id: (id: number) => `{"id":${id}}`,
  value: (v: unknown) => JSON.stringify({ v }),
  error: (err: unknown) => JSON.stringify({ e: errorForPlugin(err) }),
  settled: (v: unknown) => JSON.stringify({ ok: true, v }),
  failed: (err: unknown) => JSON.stringify({ ok: false, e: errorForPlugin(err) }),
};

/**
 * What a plugin sees of a host error: a coded error's code and message, a `TypeError`'s message (a bad
 * timestamp), and nothing of a platform failure (a database error may describe the platform).
 */
export function errorForPlugin(err: unknown): { name: string; message: string; code?: string } {
  if (err instanceof FenghuoError) return { name: 'Error', message: err.message, code: err.code };
  if (err instanceof TypeError) return { name: 'TypeError', message: err.message };
  return { name: 'Error', message: 'the platform could not answer (internal error)' };
}

/** A failure of the platform itself, not of the plugin's request (same rule as core's analysis context). */
export function isHostFailure(err: unknown): boolean {
  return !(err instanceof FenghuoError) && !(err instanceof TypeError);
}
