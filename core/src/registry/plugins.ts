/**
 * The plugin registry: risk-type plugins found in the plugins folder, checked with the SDK and indexed
 * by id. Core never imports a plugin by name; it loads whatever the folder holds.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  checkRiskType,
  checkSensor,
  FenghuoError,
  type MetricDef,
  type RiskTypeDef,
  type SensorDef,
} from '@fenghuo/sdk';
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

/** A sensor (device) plugin: its definition and its key in the sandbox, where `decode` runs. */
export interface LoadedSensorPlugin {
  def: SensorDef;
  dir: string;
  packageName: string;
  sandboxKey: string;
}

export class PluginRegistry {
  readonly riskTypes = new Map<string, LoadedPlugin>();
  readonly sensors = new Map<string, LoadedSensorPlugin>();

  get(id: string): LoadedPlugin | undefined {
    return this.riskTypes.get(id);
  }

  /** The metric definition of a risk type, or `undefined`. */
  metric(riskType: string, metric: string): MetricDef | undefined {
    return this.riskTypes.get(riskType)?.def.metrics[metric];
  }

  /** A sensor plugin loaded into the sandbox. */
  addSensor(def: SensorDef, dir: string, packageName: string, sandboxKey: string): void {
    checkSensor(def);
    const prev = this.sensors.get(def.id) ?? this.riskTypes.get(def.id);
    if (prev) throw coreErrors.PLUGIN_DUPLICATE({ id: def.id, first: prev.packageName, second: packageName });
    this.sensors.set(def.id, { def, dir, packageName, sandboxKey });
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
    const kind = pkg.fenghuo?.kind;
    if (kind !== 'risk-type' && kind !== 'sensor') continue;
    // A sensor plugin only ever runs in the sandbox: without one, there is nothing to run it in.
    if (kind === 'sensor' && !sandbox) continue;
    const pluginDir = join(dir, name);
    const entry =
      (typeof pkg.exports === 'string' ? pkg.exports : pkg.exports?.['.']) ?? pkg.main ?? './src/index.ts';
    let def: unknown;
    let sandboxKey: string | undefined;
    try {
      def = ((await import(pathToFileURL(join(pluginDir, entry)).href)) as { default?: unknown }).default;
      if (kind === 'sensor') checkSensor(def);
      else checkRiskType(def);
      if (sandbox) {
        const d = def as { id: string; version: string };
        sandboxKey = `${d.id}@${d.version}`;
        const { code } = await buildBundle({ dir: pluginDir });
        await sandbox.load(sandboxKey, code);
      }
    } catch (err) {
      // A definition error keeps its FH_SDK_* code and details; anything else (a syntax error, a
      // missing file, a failed build) becomes a plugin load error naming the folder.
      if (err instanceof FenghuoError) throw err;
      throw coreErrors.PLUGIN_LOAD_FAILED({ dir: pluginDir, reason: (err as Error).message });
    }
    if (kind === 'sensor') reg.addSensor(def as SensorDef, pluginDir, pkg.name, sandboxKey!);
    else reg.add(def as RiskTypeDef, pluginDir, pkg.name, sandboxKey);
  }
  return reg;
}
