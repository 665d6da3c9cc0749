/**
 * Evaluating a bundle in a fresh `node:vm` context, the way the SDK looks inside one: to read the
 * definition for the manifest, and for `fenghuo plugin test`. The platform itself runs bundles in
 * isolated-vm (core/src/sandbox), with memory and time limits; `node:vm` is no security boundary, but its
 * fresh context has, like the sandbox, no host globals (`require`, `process`, `fetch`, timers, `console`),
 * so a plugin that reaches for one fails here as it would there.
 */
import vm from 'node:vm';
import { FenghuoError, sdkErrors } from '../errors.js';

/**
 * The global a bundle assigns its definition to.
 *
 * @example
 * vm.runInContext(code, context);
 * const def = context[PLUGIN_GLOBAL];
 */
export const PLUGIN_GLOBAL = '__fenghuo_plugin__';

/**
 * A bundle evaluated in its own context: the definition it exported, and the context (to make inputs in
 * the plugin's own realm, as the sandbox copies them in).
 *
 * @example
 * const { def, context } = loadBundle(code);
 */
export interface LoadedBundle {
  def: unknown;
  context: vm.Context;
}

/**
 * The message of something thrown in another realm (where `instanceof Error` does not hold).
 *
 * @example
 * try { vm.runInContext('null.x', context); } catch (err) { thrownMessage(err); } // "TypeError: Cannot read properties of null …"
 */
export function thrownMessage(err: unknown): string {
  if (typeof err === 'object' && err !== null && 'message' in err) {
    const name = 'name' in err && typeof err.name === 'string' ? `${err.name}: ` : '';
    return `${name}${String(err.message)}`;
  }
  return String(err);
}

/**
 * Evaluate a bundle in a fresh context with no host globals and return what it assigned to
 * `globalThis.__fenghuo_plugin__`. Throws `FH_SDK_BUNDLE_EVAL_FAILED` when evaluation throws or runs past
 * `timeoutMs` (default 5 s), `FH_SDK_BUNDLE_NO_DEFINITION` when nothing was assigned.
 *
 * @example
 * const { def } = loadBundle(readFileSync('dist/gas-pipeline-1.0.0.fhp.js', 'utf8'));
 * checkRiskType(def);
 */
export function loadBundle(
  code: string,
  opts: { filename?: string; timeoutMs?: number; entry?: string } = {},
): LoadedBundle {
  const filename = opts.filename ?? 'plugin.fhp.js';
  const context = vm.createContext({}, { name: filename });
  try {
    new vm.Script(code, { filename }).runInContext(context, { timeout: opts.timeoutMs ?? 5000 });
  } catch (err) {
    // `defineRiskType` inside the bundle throws the SDK's own coded error, from the bundle's realm:
    // keep its code and details rather than wrapping it.
    const coded = err as { code?: unknown; status?: unknown; message?: unknown; details?: unknown };
    if (typeof coded.code === 'string' && coded.code.startsWith('FH_') && typeof coded.status === 'number') {
      const details = coded.details === undefined ? undefined : JSON.parse(JSON.stringify(coded.details));
      throw new FenghuoError(coded.code, coded.status, String(coded.message), details);
    }
    throw sdkErrors.BUNDLE_EVAL_FAILED({ dir: filename, reason: thrownMessage(err) });
  }
  const def = (context as Record<string, unknown>)[PLUGIN_GLOBAL];
  if (def === undefined || def === null) {
    throw sdkErrors.BUNDLE_NO_DEFINITION({ entry: opts.entry ?? filename });
  }
  return { def, context };
}

/**
 * Copy JSON data into a bundle's context, so the plugin receives objects of its own realm (as the
 * sandbox copies data in): a `Uint8Array` stays bytes, anything else goes through JSON.
 *
 * @example
 * const payload = copyInto(context, new Uint8Array([1, 2]));
 */
export function copyInto(context: vm.Context, value: unknown): unknown {
  if (value instanceof Uint8Array) {
    const U8 = vm.runInContext('Uint8Array', context) as Uint8ArrayConstructor;
    return new U8(value);
  }
  if (value === undefined) return undefined;
  const json = vm.runInContext('JSON', context) as JSON;
  return json.parse(JSON.stringify(value));
}

/**
 * Call a function of the bundle (as a method of `thisArg`) with a time limit on its synchronous part (a
 * loop that never ends is stopped with an error after `timeoutMs`); what it returns is given back as is
 * (a promise stays one, and its later parts are not timed).
 *
 * @example
 * const readings = callInContext(context, def.decode, [payload, meta], 1000, def);
 */
export function callInContext(
  context: vm.Context,
  fn: (...args: never[]) => unknown,
  args: unknown[],
  timeoutMs: number,
  thisArg?: unknown,
): unknown {
  const slot = '__fenghuo_call__';
  const global = context as Record<string, unknown>;
  global[slot] = () => (fn as (...a: unknown[]) => unknown).apply(thisArg, args);
  try {
    return new vm.Script(`${slot}()`).runInContext(context, { timeout: timeoutMs });
  } finally {
    delete global[slot];
  }
}
