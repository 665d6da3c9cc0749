/**
 * The plugin registry in memory: every plugin version this process has loaded (risk types and sensor
 * plugins), the latest version of each id, and each city's choice per plugin — enabled or not, a pinned
 * version, its config, a quarantine. The stored registry (store.ts) is the source of truth; install.ts
 * and city.ts change it and then this.
 *
 * Which version serves a city: the pinned one when the city pinned a version, otherwise the latest
 * (highest semantic version). Whether it runs there: `gate(id, city)`.
 */
import { checkRiskType, checkSensor, type MetricDef, type RiskTypeDef, type SensorDef } from '@fenghuo/sdk';
import { compareVersions } from '@fenghuo/sdk/bundle';
import { coreErrors } from '../errors.js';

/** Where a plugin version came from: shipped in `plugins/`, uploaded by a publisher, or registered by code (tests). */
export type PluginSource = 'shipped' | 'upload' | 'code';

interface LoadedBase {
  /** `id@version`: the plugin's key in the sandbox. */
  key: string;
  source: PluginSource;
  /** The package name or, for an upload, `id@version`. */
  packageName: string;
}

export interface LoadedPlugin extends LoadedBase {
  def: RiskTypeDef;
  /**
   * The plugin's key in the sandbox when its bundle runs there (every installed plugin). A definition
   * registered in-process by code (`PluginRegistry.add`, tests) has none and its `analyze` is called
   * directly.
   */
  sandboxKey?: string;
}

/** A sensor (device) plugin: its definition and its key in the sandbox, where `decode` runs. */
export interface LoadedSensorPlugin extends LoadedBase {
  def: SensorDef;
  sandboxKey: string;
}

/** A city's choice for one plugin, as stored in `city_plugins`. */
export interface CityPluginState {
  enabled: boolean;
  pinnedVersion: string | null;
  config: Record<string, unknown> | null;
  quarantine: PluginQuarantine | null;
}

export interface PluginQuarantine {
  version: string;
  at: string;
  code: string;
  message: string;
  failures: number;
}

/** Whether a plugin may run for a city, and if not why. */
export type PluginGate =
  | { ok: true; version: string }
  | { ok: false; reason: 'unknown' }
  | { ok: false; reason: 'disabled'; version: string }
  | { ok: false; reason: 'quarantined'; version: string; quarantine: PluginQuarantine };

type AnyLoaded = LoadedPlugin | LoadedSensorPlugin;

export class PluginRegistry {
  /** The latest version of each risk type. */
  readonly riskTypes = new Map<string, LoadedPlugin>();
  /** The latest version of each sensor plugin. */
  readonly sensors = new Map<string, LoadedSensorPlugin>();
  private readonly versions = new Map<string, Map<string, AnyLoaded>>();
  private readonly kinds = new Map<string, 'risk-type' | 'sensor'>();
  private states = new Map<string, Map<string, CityPluginState>>();

  /**
   * The risk type that serves `city` (its pinned version if loaded, else the latest); without a city,
   * the latest.
   */
  get(id: string, city?: string): LoadedPlugin | undefined {
    if (this.kinds.get(id) !== 'risk-type') return undefined;
    return this.resolve(id, city) as LoadedPlugin | undefined;
  }

  /** The sensor plugin that serves `city` (pinned or latest). */
  sensor(id: string, city?: string): LoadedSensorPlugin | undefined {
    if (this.kinds.get(id) !== 'sensor') return undefined;
    return this.resolve(id, city) as LoadedSensorPlugin | undefined;
  }

  /** A loaded version of a plugin, either kind. */
  version(id: string, version: string): AnyLoaded | undefined {
    return this.versions.get(id)?.get(version);
  }

  /** Loaded versions of a plugin, newest first. */
  loadedVersions(id: string): AnyLoaded[] {
    return [...(this.versions.get(id)?.values() ?? [])].sort((a, b) =>
      compareVersions(b.def.version, a.def.version),
    );
  }

  kind(id: string): 'risk-type' | 'sensor' | undefined {
    return this.kinds.get(id);
  }

  /** The metric definition of a risk type (latest version), or `undefined`. */
  metric(riskType: string, metric: string): MetricDef | undefined {
    return this.riskTypes.get(riskType)?.def.metrics[metric];
  }

  /** A city's stored choice for a plugin, or `null` when it never made one. */
  state(id: string, city: string): CityPluginState | null {
    return this.states.get(city)?.get(id) ?? null;
  }

  /** Whether the plugin may run for the city, with the version that would. */
  gate(id: string, city: string): PluginGate {
    const plugin = this.resolve(id, city);
    if (!plugin) return { ok: false, reason: 'unknown' };
    const version = plugin.def.version;
    const st = this.state(id, city);
    const enabled = st ? st.enabled : this.enabledByDefault(id);
    if (!enabled) return { ok: false, reason: 'disabled', version };
    if (st?.quarantine && st.quarantine.version === version) {
      return { ok: false, reason: 'quarantined', version, quarantine: st.quarantine };
    }
    return { ok: true, version };
  }

  /**
   * A plugin with no stored choice for a city is enabled there when it came with the platform (shipped,
   * or registered by code); a vendor's upload waits for the city's administrator.
   */
  enabledByDefault(id: string): boolean {
    for (const v of this.versions.get(id)?.values() ?? []) if (v.source !== 'upload') return true;
    return false;
  }

  /** The config a risk type runs with for a city: the city's config over the plugin's defaults. */
  configFor(plugin: LoadedPlugin, city: string): Record<string, unknown> {
    const defaults = structuredClone((plugin.def.defaults ?? {}) as Record<string, unknown>);
    const own = this.state(plugin.def.id, city)?.config;
    return own ? { ...defaults, ...structuredClone(own) } : defaults;
  }

  /** Replace every city's choices (after reading them from the store). */
  setStates(rows: Iterable<{ city: string; plugin: string; state: CityPluginState }>): void {
    const next = new Map<string, Map<string, CityPluginState>>();
    for (const r of rows) {
      let m = next.get(r.city);
      if (!m) {
        m = new Map();
        next.set(r.city, m);
      }
      m.set(r.plugin, r.state);
    }
    this.states = next;
  }

  /** Set one city's choice for a plugin. */
  setState(city: string, id: string, state: CityPluginState): void {
    let m = this.states.get(city);
    if (!m) {
      m = new Map();
      this.states.set(city, m);
    }
    m.set(id, state);
  }

  /** Register a risk type defined in-process by code (tests, embedders); `analyze` is called directly. */
  add(def: RiskTypeDef, packageName = def.id, sandboxKey?: string, source: PluginSource = 'code'): void {
    checkRiskType(def);
    const prev = this.versions.get(def.id);
    if (prev && source === 'code') {
      const first = [...prev.values()][0]!;
      throw coreErrors.PLUGIN_DUPLICATE({ id: def.id, first: first.packageName, second: packageName });
    }
    this.addVersion('risk-type', {
      def,
      key: `${def.id}@${def.version}`,
      source,
      packageName,
      ...(sandboxKey ? { sandboxKey } : {}),
    });
  }

  /** Register a sensor plugin whose bundle is loaded in the sandbox under `sandboxKey`. */
  addSensor(def: SensorDef, packageName: string, sandboxKey: string, source: PluginSource): void {
    checkSensor(def);
    this.addVersion('sensor', { def, key: sandboxKey, source, packageName, sandboxKey });
  }

  /** Forget a version (an install that could not be stored). The latest is recomputed. */
  removeVersion(id: string, version: string): void {
    const m = this.versions.get(id);
    if (!m?.delete(version)) return;
    const kind = this.kinds.get(id);
    const rest = [...m.values()];
    if (rest.length === 0) {
      this.versions.delete(id);
      this.kinds.delete(id);
      this.riskTypes.delete(id);
      this.sensors.delete(id);
      return;
    }
    const latest = rest.reduce((a, b) => (compareVersions(b.def.version, a.def.version) > 0 ? b : a));
    if (kind === 'risk-type') this.riskTypes.set(id, latest as LoadedPlugin);
    else this.sensors.set(id, latest as LoadedSensorPlugin);
  }

  private addVersion(kind: 'risk-type' | 'sensor', loaded: AnyLoaded): void {
    const id = loaded.def.id;
    const known = this.kinds.get(id);
    if (known && known !== kind) {
      const first = [...(this.versions.get(id)?.values() ?? [])][0];
      throw coreErrors.PLUGIN_DUPLICATE({
        id,
        first: first?.packageName ?? id,
        second: loaded.packageName,
      });
    }
    this.kinds.set(id, kind);
    let m = this.versions.get(id);
    if (!m) {
      m = new Map();
      this.versions.set(id, m);
    }
    m.set(loaded.def.version, loaded);
    const latest = [...m.values()].reduce((a, b) =>
      compareVersions(b.def.version, a.def.version) > 0 ? b : a,
    );
    if (kind === 'risk-type') this.riskTypes.set(id, latest as LoadedPlugin);
    else this.sensors.set(id, latest as LoadedSensorPlugin);
  }

  private resolve(id: string, city: string | undefined): AnyLoaded | undefined {
    const latest = this.riskTypes.get(id) ?? this.sensors.get(id);
    if (!latest || city === undefined) return latest;
    const pinned = this.state(id, city)?.pinnedVersion;
    return (pinned ? this.versions.get(id)?.get(pinned) : undefined) ?? latest;
  }
}
