/**
 * Building a plugin package into one bundle: a single self-contained script (esbuild, `format: 'iife'`,
 * `platform: 'neutral'`, ES2022, every dependency inlined — `@fenghuo/sdk`'s runtime parts and TypeBox
 * included — no `require`, no `import`, no Node built-ins) that, evaluated in a fresh context with no
 * host globals, assigns the plugin's default export to `globalThis.__fenghuo_plugin__`. That is the whole
 * contract between a bundle and the platform's sandbox.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { build, version as esbuildVersion, type Message, type Plugin } from 'esbuild';
import { isRecord } from '../check/collect.js';
import { checkRiskType, checkSensor } from '../define.js';
import { FenghuoError, sdkErrors } from '../errors.js';
import type { RiskTypeDef, SensorDef } from '../types.js';
import { loadBundle, PLUGIN_GLOBAL } from './load.js';
import { PLUGIN_KINDS, type PluginKind } from './manifest.js';
import { SDK_EXPORTS, SDK_ROOT, SDK_VERSION } from './version.js';

/**
 * A plugin package as its `package.json` describes it.
 *
 * @example
 * const pkg: PluginPackage = readPluginPackage('plugins/gas-pipeline');
 * pkg.kind; // 'risk-type'
 */
export interface PluginPackage {
  /** The package folder, absolute. */
  dir: string;
  name: string;
  version: string | undefined;
  kind: PluginKind;
  /** The entry module, absolute. */
  entry: string;
  /** `author` (a string or `{ name }`), for the publisher's default name. */
  author: string | undefined;
}

function entryOf(pkg: Record<string, unknown>): string | undefined {
  const exp = pkg['exports'];
  const dot = typeof exp === 'string' ? exp : isRecord(exp) ? exp['.'] : undefined;
  if (typeof dot === 'string') return dot;
  if (isRecord(dot)) {
    for (const condition of ['import', 'default']) {
      if (typeof dot[condition] === 'string') return dot[condition];
    }
  }
  return typeof pkg['main'] === 'string' ? pkg['main'] : undefined;
}

/**
 * Read a plugin package: its `package.json` must say `fenghuo.kind` (`risk-type` or `sensor`); the entry
 * is `exports['.']` (or `exports` when a string), else `main`, else `./src/index.ts` — as core's loader
 * finds it. Throws `FH_SDK_PACKAGE_INVALID` saying what is missing.
 *
 * @example
 * readPluginPackage('plugins/gas-pipeline').entry; // '/…/plugins/gas-pipeline/src/index.ts'
 */
export function readPluginPackage(dir: string): PluginPackage {
  const abs = resolve(dir);
  const file = join(abs, 'package.json');
  const fail = (reason: string) => sdkErrors.PACKAGE_INVALID({ dir: abs, reason });
  if (!existsSync(file)) throw fail('no package.json (run `fenghuo plugin init` to make one)');
  let pkg: unknown;
  try {
    pkg = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw fail(`package.json is not JSON: ${(err as Error).message}`);
  }
  if (!isRecord(pkg)) throw fail('package.json is not an object');
  const fenghuo = isRecord(pkg['fenghuo']) ? pkg['fenghuo'] : {};
  const kind = fenghuo['kind'];
  if (typeof kind !== 'string' || !PLUGIN_KINDS.includes(kind as PluginKind)) {
    throw fail(
      `package.json needs "fenghuo": { "kind": "risk-type" } or { "kind": "sensor" }, got ${JSON.stringify(kind ?? null)}`,
    );
  }
  const entry = resolve(abs, entryOf(pkg) ?? './src/index.ts');
  if (!existsSync(entry) || !statSync(entry).isFile()) {
    throw fail(`its entry ${relative(abs, entry) || entry} does not exist`);
  }
  const author = pkg['author'];
  return {
    dir: abs,
    name: typeof pkg['name'] === 'string' ? pkg['name'] : relative(process.cwd(), abs),
    version: typeof pkg['version'] === 'string' ? pkg['version'] : undefined,
    kind: kind as PluginKind,
    entry,
    author: typeof author === 'string' ? author : isRecord(author) ? (author['name'] as string) : undefined,
  };
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const BUILTIN = new RegExp(`^(?:node:.+|(?:${builtinModules.map(escapeRegExp).join('|')})(?:/.*)?)$`);

/** Records every import of a Node built-in, so the build fails with a code naming the importer. */
function builtinGuard(found: { module: string; importer: string }[]): Plugin {
  return {
    name: 'fenghuo-no-node-builtins',
    setup(b) {
      b.onResolve({ filter: BUILTIN }, (args) => {
        found.push({ module: args.path, importer: args.importer });
        return { path: args.path, namespace: 'fenghuo-forbidden' };
      });
      b.onLoad({ filter: /.*/, namespace: 'fenghuo-forbidden' }, () => ({ contents: '', loader: 'js' }));
    },
  };
}

/** The name esbuild gives the generated entry in its messages. */
const ENTRY_NAME = 'fenghuo-bundle-entry.js';

const SDK_IMPORT = /^@fenghuo\/sdk(\/.*)?$/;

/**
 * `@fenghuo/sdk` resolves from the plugin's folder as usual; when it is not installed there (a package
 * just made by `fenghuo plugin init`), the SDK running this build is used, and a note says so.
 */
function sdkFallback(notes: string[]): Plugin {
  return {
    name: 'fenghuo-sdk-fallback',
    setup(b) {
      b.onResolve({ filter: SDK_IMPORT }, async (args) => {
        if (isRecord(args.pluginData) && args.pluginData['fenghuoFallback']) return undefined;
        const normal = await b.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: { fenghuoFallback: true },
        });
        if (normal.errors.length === 0) return { path: normal.path, namespace: normal.namespace };
        const sub = `.${args.path.slice('@fenghuo/sdk'.length)}`;
        const target = SDK_EXPORTS[sub === '.' ? '.' : sub];
        if (target === undefined) return undefined;
        const note = `@fenghuo/sdk is not installed in the plugin; built against this CLI's SDK ${SDK_VERSION} (${SDK_ROOT})`;
        if (!notes.includes(note)) notes.push(note);
        return { path: join(SDK_ROOT, target) };
      });
    },
  };
}

function formatMessages(messages: Message[], dir: string): string {
  return messages
    .map((m) => {
      const where = m.location
        ? `${isAbsolute(m.location.file) ? relative(dir, m.location.file) : m.location.file}:${m.location.line}:${m.location.column}: `
        : '';
      return `  - ${where}${m.text}`;
    })
    .join('\n');
}

/**
 * The esbuild version bundles are built with: the same sources give the same bundle only with the same
 * bundler.
 *
 * @example
 * ESBUILD_VERSION; // '0.28.2'
 */
export const ESBUILD_VERSION: string = esbuildVersion;

/**
 * What {@link buildBundle} produces.
 *
 * @example
 * const built: BuiltBundle = await buildBundle({ dir: 'plugins/gas-pipeline' });
 * built.def.id; // 'gas-pipeline'
 */
export interface BuiltBundle {
  /** The bundle: one script, UTF-8. */
  code: string;
  /** The definition, as the bundle exports it (evaluated in a `node:vm` context) and checked for its kind. */
  def: RiskTypeDef | SensorDef;
  kind: PluginKind;
  pkg: PluginPackage;
  /** Things worth telling the author (esbuild warnings, the SDK fallback). */
  notes: string[];
  /** Every source file the bundle was built from (absolute paths), for a host that caches builds. */
  inputs: string[];
}

/**
 * Build a plugin package into a bundle, in memory: read the package ({@link readPluginPackage}), bundle
 * its entry with esbuild, evaluate the result in a fresh `node:vm` context to read the definition (the
 * platform runs bundles in isolated-vm; this is only to describe the plugin in its manifest), and check
 * it with `checkRiskType` or `checkSensor`.
 *
 * Throws `FH_SDK_PACKAGE_INVALID`, `FH_SDK_BUNDLE_NODE_BUILTIN` (an import of `fs`, `node:crypto` …),
 * `FH_SDK_BUNDLE_BUILD_FAILED` (esbuild's errors with file and line), `FH_SDK_BUNDLE_EVAL_FAILED`,
 * `FH_SDK_BUNDLE_NO_DEFINITION` or `FH_SDK_DEFINITION_INVALID`.
 *
 * @example
 * const { code, def } = await buildBundle({ dir: 'plugins/gas-pipeline' });
 * code.includes('__fenghuo_plugin__'); // true
 */
export async function buildBundle(opts: { dir: string; minify?: boolean }): Promise<BuiltBundle> {
  const pkg = readPluginPackage(opts.dir);
  const builtins: { module: string; importer: string }[] = [];
  const notes: string[] = [];
  let code: string;
  let inputs: string[] = [];
  try {
    const result = await build({
      metafile: true,
      stdin: {
        contents: `import plugin from ${JSON.stringify(pkg.entry)};\nglobalThis.${PLUGIN_GLOBAL} = plugin;\n`,
        resolveDir: pkg.dir,
        sourcefile: ENTRY_NAME,
        loader: 'js',
      },
      bundle: true,
      format: 'iife',
      platform: 'neutral',
      target: 'es2022',
      mainFields: ['module', 'main'],
      charset: 'utf8',
      write: false,
      logLevel: 'silent',
      // Whitespace and syntax only: identifiers keep their names, so a stack trace from the sandbox
      // still names the plugin's functions.
      minifyWhitespace: opts.minify ?? true,
      minifySyntax: opts.minify ?? true,
      plugins: [builtinGuard(builtins), sdkFallback(notes)],
    });
    code = result.outputFiles[0]?.text ?? '';
    inputs = Object.keys(result.metafile?.inputs ?? {})
      .filter((p) => !p.includes(ENTRY_NAME) && !p.startsWith('<'))
      .map((p) => resolve(process.cwd(), p))
      .sort();
    if (result.warnings.length > 0) notes.push(`esbuild:\n${formatMessages(result.warnings, pkg.dir)}`);
  } catch (err) {
    if (builtins.length === 0) {
      const errors = (err as { errors?: Message[] }).errors;
      if (
        errors?.some((m) => m.text.includes('for import "default"') && m.location?.file.endsWith(ENTRY_NAME))
      ) {
        throw sdkErrors.BUNDLE_NO_DEFINITION({ entry: relative(pkg.dir, pkg.entry) });
      }
      throw sdkErrors.BUNDLE_BUILD_FAILED({
        dir: pkg.dir,
        errors: errors ? formatMessages(errors, pkg.dir) : `  - ${(err as Error).message}`,
      });
    }
    code = '';
  }
  const first = builtins[0];
  if (first) {
    throw sdkErrors.BUNDLE_NODE_BUILTIN(
      { importer: relative(pkg.dir, first.importer) || first.importer, module: first.module },
      builtins,
    );
  }
  return { ...describeBundle(pkg, code), notes, inputs };
}

/**
 * What a bundle built from a package defines: the bundle evaluated in a fresh `node:vm` context and its
 * definition checked for the package's kind — the part of {@link buildBundle} after esbuild, for a host
 * that kept the code of an earlier build. Throws like `buildBundle`.
 *
 * @example
 * const { def } = describeBundle(readPluginPackage('plugins/gas-pipeline'), cachedCode);
 */
export function describeBundle(
  pkg: PluginPackage,
  code: string,
): Pick<BuiltBundle, 'code' | 'def' | 'kind' | 'pkg'> {
  const { def } = loadBundle(code, {
    filename: `${pkg.name}.fhp.js`,
    entry: relative(pkg.dir, pkg.entry),
  });
  try {
    if (pkg.kind === 'risk-type') checkRiskType(def);
    else checkSensor(def);
  } catch (err) {
    if (err instanceof FenghuoError) throw err;
    throw sdkErrors.BUNDLE_EVAL_FAILED({ dir: pkg.dir, reason: (err as Error).message });
  }
  return { code, def: def as RiskTypeDef | SensorDef, kind: pkg.kind, pkg };
}
