/**
 * The SDK's error registries: every error a plugin author can see has a stable code, an HTTP status and a
 * message template, declared in {@link sdkErrors} (`FH_SDK_*`) or, for the plugin sandbox,
 * {@link sandboxErrors} (`FH_SANDBOX_*`). `docs/reference/errors.md` lists the same codes;
 * `errors.test.ts` keeps the two in step.
 */

/**
 * An error with a stable code (`FH_<AREA>_<PROBLEM>`), the HTTP status it maps to, and optional details
 * (for definition and fixture checks: one `{ path, code, message }` per problem).
 *
 * @example
 * try {
 *   checkRiskType(plugin);
 * } catch (err) {
 *   if (err instanceof FenghuoError) console.error(err.code, err.details);
 * }
 */
export class FenghuoError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: unknown;
  constructor(code: string, status: number, message: string, details?: unknown) {
    super(message);
    this.name = 'FenghuoError';
    this.code = code;
    this.status = status;
    this.details = details;
  }

  /**
   * The shape an API returns: `{ code, status, message, details? }`.
   *
   * @example
   * reply.status(err.status).send(err.toJSON());
   */
  toJSON(): { code: string; status: number; message: string; details?: unknown } {
    return {
      code: this.code,
      status: this.status,
      message: this.message,
      ...(this.details === undefined ? {} : { details: this.details }),
    };
  }
}

/**
 * One problem found by a check: where (a `/`-separated path), which code, and what is wrong.
 *
 * @example
 * const p: Problem = { path: '/thresholds/co', code: 'FH_SDK_THRESHOLD_UNKNOWN_METRIC', message: 'threshold names metric "co" …' };
 */
export interface Problem {
  path: string;
  code: string;
  message: string;
}

/**
 * The `{name}` placeholders of a message template, as a union of names (braces around spaces are text).
 *
 * @example
 * type P = TemplateParams<'no sensor {sensor} in {city}'>; // 'sensor' | 'city'
 */
export type TemplateParams<S extends string> = S extends `${string}{${infer P}}${infer R}`
  ? (P extends '' | `${string} ${string}` ? never : P) | TemplateParams<R>
  : never;

/**
 * A spec of one error: its HTTP status and message template with `{name}` placeholders.
 *
 * @example
 * const spec: ErrorSpec = { status: 404, message: 'no sensor {sensor} in city {city}' };
 */
export interface ErrorSpec {
  status: number;
  message: string;
}

/**
 * Makes one error: call it with the template's parameters (and optional details). Carries its `code`,
 * `status` and `template` so registries can be listed and documented.
 *
 * @example
 * const make = sdkErrors.METRIC_UNIT_MISSING; // ErrorFactory<'FH_SDK_METRIC_UNIT_MISSING', …>
 * make.code; // 'FH_SDK_METRIC_UNIT_MISSING'
 * throw make({ metric: 'ch4' });
 */
export type ErrorFactory<Code extends string, S extends string> = ([TemplateParams<S>] extends [never]
  ? (params?: Record<string, never>, details?: unknown) => FenghuoError
  : (params: Record<TemplateParams<S>, string | number>, details?: unknown) => FenghuoError) & {
  readonly code: Code;
  readonly status: number;
  readonly template: S;
};

/**
 * The registry made by {@link defineErrors}: one factory per problem, keyed by its short name.
 *
 * @example
 * const reg: ErrorRegistry<'CORE', { GONE: { status: 410; message: 'gone' } }> = defineErrors('CORE', {
 *   GONE: { status: 410, message: 'gone' },
 * });
 */
export type ErrorRegistry<A extends string, R extends Record<string, ErrorSpec>> = {
  readonly [K in keyof R & string]: ErrorFactory<A extends '' ? `FH_${K}` : `FH_${A}_${K}`, R[K]['message']>;
};

/** The class a registry's errors are made with: {@link FenghuoError} or a subclass of it. */
export type ErrorClass = new (
  code: string,
  status: number,
  message: string,
  details?: unknown,
) => FenghuoError;

/**
 * Fill a `{name}` message template. Unknown names stay visible as `{name}`.
 *
 * @example
 * formatMessage('metric "{metric}" needs a unit', { metric: 'ch4' }); // 'metric "ch4" needs a unit'
 */
export function formatMessage(template: string, params: Record<string, string | number> | undefined): string {
  return template.replace(/\{([a-zA-Z0-9_]+)\}/g, (whole, key: string) => {
    const v = params?.[key];
    return v === undefined ? whole : String(v);
  });
}

/**
 * Declare a package's error registry: one factory for all its codes, each code `FH_<AREA>_<KEY>` (or
 * `FH_<KEY>` when `area` is `''`) with an HTTP status and a message template, made as `ErrorType`
 * (default {@link FenghuoError}). Core uses the same factory for its own registry.
 *
 * @example
 * const coreErrors = defineErrors('CORE', {
 *   SENSOR_UNKNOWN: { status: 404, message: 'no sensor {sensor} in city {city}' },
 * });
 * throw coreErrors.SENSOR_UNKNOWN({ sensor: 'GAS-0001', city: 'demo' });
 * // FenghuoError { code: 'FH_CORE_SENSOR_UNKNOWN', status: 404, message: 'no sensor GAS-0001 in city demo' }
 */
export function defineErrors<const A extends string, const R extends Record<string, ErrorSpec>>(
  area: A,
  specs: R,
  ErrorType: ErrorClass = FenghuoError,
): ErrorRegistry<A, R> {
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(specs)) {
    // An empty area lets a package whose keys already name their area (`INGEST_…`, `AUTH_…`) share this factory.
    const code = area === '' ? `FH_${key}` : `FH_${area}_${key}`;
    const make = (params?: Record<string, string | number>, details?: unknown) =>
      new ErrorType(code, spec.status, formatMessage(spec.message, params), details);
    out[key] = Object.assign(make, { code, status: spec.status, template: spec.message });
  }
  return Object.freeze(out) as ErrorRegistry<A, R>;
}

/**
 * Every `FH_SDK_*` error. Definition checks collect many problems and throw one
 * `FH_SDK_DEFINITION_INVALID` whose `details` hold each problem with its own code from this registry.
 *
 * @example
 * throw sdkErrors.THRESHOLD_UNKNOWN_METRIC({ metric: 'co', known: 'ch4, pressure' });
 * // FenghuoError: threshold names metric "co", which is not among the metrics (ch4, pressure)
 */
export const sdkErrors = defineErrors('SDK', {
  DEFINITION_NOT_OBJECT: { status: 400, message: 'a {kind} definition must be an object, got {got}' },
  DEFINITION_INVALID: { status: 400, message: '{kind} "{id}" is not valid ({count} problem(s)):\n{list}' },
  FIELD_INVALID: { status: 400, message: '{field} must be {expected}' },
  ID_NOT_KEBAB: {
    status: 400,
    message:
      'id "{id}" must be kebab-case: lowercase words of letters and digits joined by "-", e.g. gas-pipeline',
  },
  VERSION_NOT_SEMVER: {
    status: 400,
    message: 'version "{version}" must be a semantic version such as 1.0.0',
  },
  DOMAIN_UNKNOWN: {
    status: 400,
    message: 'domain "{domain}" must be one of lifeline, public, production, natural',
  },
  NAME_MISSING: { status: 400, message: '{what} needs a non-empty {lang} name' },
  OBJECTS_EMPTY: { status: 400, message: 'a risk type must declare at least one kind of monitored object' },
  OBJECT_SCHEMA_NOT_OBJECT: {
    status: 400,
    message: 'object kind "{kind}" needs a TypeBox object schema for its attributes (Type.Object({ ... }))',
  },
  METRICS_EMPTY: { status: 400, message: 'a {kind} must declare at least one metric' },
  METRIC_UNIT_MISSING: {
    status: 400,
    message: 'metric "{metric}" needs a non-empty unit (e.g. %LEL, MPa, mm)',
  },
  METRIC_SCHEMA_NOT_NUMBER: {
    status: 400,
    message: 'metric "{metric}" needs a TypeBox number schema (Type.Number({ minimum, maximum }))',
  },
  METRIC_RANGE_INVALID: { status: 400, message: 'metric "{metric}" has minimum {min} above maximum {max}' },
  THRESHOLD_UNKNOWN_METRIC: {
    status: 400,
    message: 'threshold names metric "{metric}", which is not among the metrics ({known})',
  },
  THRESHOLD_DIRECTION_INVALID: {
    status: 400,
    message: 'threshold of "{metric}" needs direction "rising" or "falling", got {got}',
  },
  THRESHOLD_NO_LEVELS: {
    status: 400,
    message: 'threshold of "{metric}" needs at least one level (alarm, blue, yellow, orange or red)',
  },
  THRESHOLD_LEVEL_INVALID: { status: 400, message: '{field} of "{metric}": {reason}' },
  THRESHOLD_LEVELS_ORDER: {
    status: 400,
    message:
      'levels of "{metric}" must {order} from alarm to red for a {direction} threshold, but {lower} is {lowerValue} and {higher} is {higherValue}',
  },
  THRESHOLD_LEVEL_UNREACHABLE: {
    status: 400,
    message: '{level} limit {value} of "{metric}" can never be reached: the metric schema allows {bound}',
  },
  THRESHOLD_RATE_NOT_POSITIVE: {
    status: 400,
    message: 'ratePerMin.{level} of "{metric}" must be a positive change per minute, got {value}',
  },
  THRESHOLD_RATE_ORDER: {
    status: 400,
    message:
      'ratePerMin of "{metric}" must increase from alarm to red, but {lower} is {lowerValue} and {higher} is {higherValue}',
  },
  THRESHOLD_NEGATIVE: {
    status: 400,
    message: '{field} of "{metric}" must be a non-negative number, got {value}',
  },
  THRESHOLD_RATIO_UNKNOWN_ATTRIBUTE: {
    status: 400,
    message:
      'ratioOf of "{metric}" names attribute "{attribute}", which is not a number attribute of any object kind ({kinds})',
  },
  ANALYZE_NOT_FUNCTION: {
    status: 400,
    message: 'analyze must be a function (event, ctx, config) => AnalysisResult, got {got}',
  },
  DECODE_NOT_FUNCTION: {
    status: 400,
    message: 'decode must be a function (payload, meta) => DecodedReading[], got {got}',
  },
  WARNING_TEMPLATE_MISSING: { status: 400, message: 'warning.{part} needs a non-empty {lang} template' },
  CONFIG_SCHEMA_NOT_OBJECT: {
    status: 400,
    message: 'config must be a TypeBox object schema (Type.Object({ ... }))',
  },
  CONFIG_DEFAULTS_INVALID: { status: 400, message: 'defaults do not fit the config schema: {reason}' },
  SCHEMA_UNSUPPORTED: {
    status: 400,
    message: 'the schema at {path} cannot be rebuilt as a TypeBox schema: {reason}',
  },
  ANALYSIS_RESULT_INVALID: { status: 422, message: 'analyze returned an invalid result: {reason}' },
  FIXTURE_NOT_FOUND: { status: 404, message: 'no fixture file or folder at {where}' },
  FIXTURE_NOT_JSON: { status: 400, message: 'fixture {file} is not JSON: {reason}' },
  FIXTURE_FIELD_INVALID: { status: 400, message: '{reason}' },
  FIXTURE_TS_INVALID: {
    status: 400,
    message: '"{ts}" is not an ISO 8601 timestamp with a time zone (2026-11-29T08:00:00Z)',
  },
  FIXTURE_DUPLICATE_ID: { status: 400, message: 'two {what}s have the id "{id}"' },
  FIXTURE_REFERENCE_UNKNOWN: { status: 400, message: '{what} "{id}" is not declared {where}' },
  FIXTURE_EXPECT_EMPTY: {
    status: 400,
    message: 'expect names neither alarms nor warnings, so the scenario checks nothing',
  },
  FIXTURE_METRIC_UNKNOWN: {
    status: 400,
    message: 'metric "{metric}" is not a metric of risk type {riskType} ({known})',
  },
  FIXTURE_KIND_UNKNOWN: {
    status: 400,
    message:
      'object "{object}" carries a sensor but its kind "{kind}" is not an object kind of risk type {riskType} ({known})',
  },
  FIXTURE_ATTRIBUTES_INVALID: {
    status: 400,
    message: 'attributes of object "{object}" do not fit kind "{kind}": {reason}',
  },
  FIXTURE_INVALID: { status: 400, message: 'fixture {file} is not valid ({count} problem(s)):\n{list}' },
  SCENARIO_FAILED: { status: 422, message: 'scenario {name} did not go as expected:\n{problems}\n{summary}' },
  PACKAGE_INVALID: { status: 400, message: 'plugin package {dir}: {reason}' },
  BUNDLE_NODE_BUILTIN: {
    status: 400,
    message:
      '{importer} imports the Node built-in "{module}": a plugin runs with no file, network or process access, so its only dependencies can be @fenghuo/sdk and plain JavaScript packages',
  },
  BUNDLE_BUILD_FAILED: { status: 400, message: 'esbuild could not bundle {dir}:\n{errors}' },
  BUNDLE_EVAL_FAILED: { status: 400, message: 'the bundle of {dir} threw while it was evaluated: {reason}' },
  BUNDLE_NO_DEFINITION: {
    status: 400,
    message:
      'the bundle did not set globalThis.__fenghuo_plugin__: does {entry} export a definition as default?',
  },
  BUNDLE_TAMPERED: { status: 422, message: 'bundle {file} does not match its manifest: {reason}' },
  MANIFEST_INVALID: { status: 400, message: 'the manifest is not valid ({count} problem(s)):\n{list}' },
  MANIFEST_FIELD_INVALID: { status: 400, message: '{reason}' },
  SIGNATURE_INVALID: {
    status: 422,
    message:
      'the signature of {id}@{version} does not verify with publisher key {keyId}: the manifest was changed after signing, or signed with another key',
  },
  PUBLISHER_UNKNOWN: {
    status: 403,
    message: 'publisher key {keyId} ({publisher}) is not among the trusted keys of this platform',
  },
  SDK_INCOMPATIBLE: {
    status: 422,
    message: "{id}@{version} was built for SDK {range}, which this platform's SDK {host} does not satisfy",
  },
  RANGE_INVALID: {
    status: 400,
    message:
      '"{range}" is not a supported version range: use ^x.y.z, ~x.y.z, x.y.z or comparators such as >=x.y.z <a.b.c, alternatives joined by ||',
  },
  KEY_INVALID: { status: 400, message: '{what} is not an Ed25519 key: {reason}' },
  KEY_MISMATCH: { status: 400, message: '{what} names key {expected}, but the key given is {actual}' },
  KEY_EXISTS: { status: 409, message: '{file} exists already; a key is never overwritten without --force' },
  SCAFFOLD_EXISTS: { status: 409, message: 'folder {dir} exists and is not empty; choose another --dir' },
  PUBLISH_NOTHING: { status: 404, message: '{reason}' },
  PUBLISH_UNREACHABLE: { status: 502, message: 'cannot reach {url}: {reason}' },
  PUBLISH_REFUSED: { status: 502, message: '{url} answered {status}: {reason}' },
});

/**
 * Every `FH_SANDBOX_*` error: what the plugin sandbox (`@fenghuo/sdk/sandbox`, isolated-vm) raises when
 * plugin code runs too long, uses too much memory, throws, returns something invalid, or cannot be loaded.
 * Core's HTTP and GraphQL layers and `fenghuo plugin test` see the same codes.
 *
 * @example
 * throw sandboxErrors.TIMEOUT({ key: 'gas-pipeline@1.0.0', fn: 'analyze', limit: 'CPU time', ms: 200 });
 * // FenghuoError { code: 'FH_SANDBOX_TIMEOUT', status: 504, message: 'plugin gas-pipeline@1.0.0: analyze exceeded its CPU time limit of 200 ms' }
 */
// Pure: a plugin bundle that never names these (none does) leaves them out.
export const sandboxErrors = /* @__PURE__ */ defineErrors('SANDBOX', {
  TIMEOUT: { status: 504, message: 'plugin {key}: {fn} exceeded its {limit} limit of {ms} ms' },
  MEMORY: {
    status: 500,
    message: 'plugin {key}: {fn} exceeded the memory limit of {mb} MB; its isolate was disposed',
  },
  THREW: { status: 500, message: 'plugin {key}: {fn} threw {reason}' },
  BAD_RESULT: { status: 422, message: 'plugin {key}: {fn} returned an invalid result: {reason}' },
  RESULT_TOO_LARGE: {
    status: 422,
    message: 'plugin {key}: {fn} returned {size}, more than the limit of {max}',
  },
  BUNDLE_INVALID: { status: 400, message: 'the bundle of plugin {key} is not usable: {reason}' },
  QUARANTINED: {
    status: 423,
    message:
      'plugin {key} is quarantined in city {city} after {failures} consecutive failures (last: {last}); an operator must release it',
  },
  NOT_LOADED: { status: 404, message: 'plugin {key} is not loaded in the sandbox{reason}' },
  BUSY: { status: 503, message: 'plugin {key} already has {queued} calls waiting' },
  CTX_INVALID: { status: 400, message: 'ctx.{method} was called with invalid arguments: {reason}' },
  CTX_LIMIT: { status: 429, message: 'ctx.{method}: more than {max} ctx calls in one analysis' },
});

/**
 * Every code of {@link sandboxErrors}, e.g. `FH_SANDBOX_TIMEOUT`.
 *
 * @example
 * const code: SandboxErrorCode = 'FH_SANDBOX_TIMEOUT';
 */
export type SandboxErrorCode = (typeof sandboxErrors)[keyof typeof sandboxErrors]['code'];

/**
 * Every code of {@link sdkErrors}, e.g. `FH_SDK_ID_NOT_KEBAB`.
 *
 * @example
 * const code: SdkErrorCode = 'FH_SDK_ID_NOT_KEBAB';
 */
export type SdkErrorCode = (typeof sdkErrors)[keyof typeof sdkErrors]['code'];

/**
 * Format problems one per line, as the aggregated messages show them.
 *
 * @example
 * formatProblems([{ path: '/id', code: 'FH_SDK_ID_NOT_KEBAB', message: 'id "Gas" must be kebab-case …' }]);
 * // '  - /id: id "Gas" must be kebab-case … [FH_SDK_ID_NOT_KEBAB]'
 */
export function formatProblems(problems: readonly Problem[]): string {
  return problems.map((p) => `  - ${p.path || '/'}: ${p.message} [${p.code}]`).join('\n');
}
