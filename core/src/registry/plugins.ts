/**
 * The plugin registry: risk-type plugins found in the plugins folder, checked with the SDK and indexed
 * by id. Core never imports a plugin by name; it loads whatever the folder holds.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkRiskType, FenghuoError, type MetricDef, type RiskTypeDef } from '@fenghuo/sdk';
import { buildBundle } from '@fenghuo/sdk/bundle';
import { coreErrors } from '../errors.js';
import type { SandboxHost } from '../sandbox/index.js';

export interface LoadedPlugin {
  def: RiskTypeDef;
  dir: string;
  packageName: string;
  /**
   * The plugin's key in the sandbox (`id@version`) when its bundle is loaded there: then `analyze` runs in
   * isolated-vm. A definition registered in-process by code (`PluginRegistry.add`, tests) has none and
   * its `analyze` is called directly.
   */
  sandboxKey?: string;
}

export class PluginRegistry {
  readonly riskTypes = new Map<string, LoadedPlugin>();

  get(id: string): LoadedPlugin | undefined {
    return this.riskTypes.get(id);
  }

  /** The metric definition of a risk type, or `undefined`. */
  metric(riskType: string, metric: string): MetricDef | undefined {
    return this.riskTypes.get(riskType)?.def.metrics[metric];
  }

  add(def: RiskTypeDef, dir = '', packageName = def.id, sandboxKey?: string): void {
    checkRiskType(def);
    const prev = this.riskTypes.get(def.id);
    if (prev) throw coreErrors.PLUGIN_DUPLICATE({ id: def.id, first: prev.packageName, second: packageName });
    this.riskTypes.set(def.id, { def, dir, packageName, ...(sandboxKey ? { sandboxKey } : {}) });
  }
}

/**
 * Load every risk-type plugin below `dir` (each a package whose package.json has `fenghuo.kind`). With a
 * sandbox, each plugin is also built into its bundle (as `fenghuo plugin pack` does) and loaded there,
 * so that its `analyze` runs in isolated-vm; the definition's data (metrics, tiers, templates) is read
 * on the host.
 */
export async function loadPlugins(dir: string, sandbox?: SandboxHost): Promise<PluginRegistry> {
  const reg = new PluginRegistry();
  if (!existsSync(dir)) return reg;
  for (const name of readdirSync(dir).sort()) {
    const pkgPath = join(dir, name, 'package.json');
    if (!existsSync(pkgPath)) continue;
    const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as {
      name: string;
      exports?: { '.'?: string } | string;
      main?: string;
      fenghuo?: { kind?: string };
    };
    if (pkg.fenghuo?.kind !== 'risk-type') continue;
    const entry =
      (typeof pkg.exports === 'string' ? pkg.exports : pkg.exports?.['.']) ?? pkg.main ?? './src/index.ts';
    let def: unknown;
    try {
      def = ((await import(pathToFileURL(join(dir, name, entry)).href)) as { default?: unknown }).default;
      checkRiskType(def);
    } catch (err) {
      // A definition error keeps its FH_SDK_* code and details; anything else (a syntax error, a
      // missing file) becomes a plugin load error naming the folder.
      if (err instanceof FenghuoError) throw err;
      throw coreErrors.PLUGIN_LOAD_FAILED({ dir: join(dir, name), reason: (err as Error).message });
    }
    let sandboxKey: string | undefined;
    if (sandbox) {
      const d = def as RiskTypeDef;
      sandboxKey = `${d.id}@${d.version}`;
      try {
        const { code } = await buildBundle({ dir: join(dir, name) });
        await sandbox.load(sandboxKey, code);
      } catch (err) {
        if (err instanceof FenghuoError) throw err;
        throw coreErrors.PLUGIN_LOAD_FAILED({ dir: join(dir, name), reason: (err as Error).message });
      }
    }
    reg.add(def, join(dir, name), pkg.name, sandboxKey);
  }
  return reg;
}
