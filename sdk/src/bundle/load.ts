/**
 * Evaluating a bundle in a fresh `node:vm` context to read its definition, functions included, for the
 * manifest and the definition check when a plugin is built. Plugin code is run only in the sandbox
 * (`@fenghuo/sdk/sandbox`, isolated-vm, with memory and time limits: the platform, and `fenghuo plugin
 * test`); `node:vm` is no security boundary, but its fresh context has, like the sandbox, no host globals
 * (`require`, `process`, `fetch`, timers, `console`), so a bundle whose top level reaches for one fails
 * here as it would there.
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
 * A bundle evaluated in its own context: the definition it exported.
 *
 * @example
 * const { def } = loadBundle(code);
 */
export interface LoadedBundle {
  def: unknown;
}

/** The message of something thrown in another realm (where `instanceof Error` does not hold). */
function thrownMessage(err: unknown): string {
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
  return { def };
}
