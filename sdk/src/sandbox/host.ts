/**
 * `SandboxHost` — where core runs plugin code it did not write: a risk type's `analyze` and a sensor
 * plugin's `decode`, each plugin version in its own isolate (see isolate.ts), data in and out as copies,
 * `ctx` as host functions reached by reference, results validated, failures coded, and a plugin that
 * keeps failing for a city quarantined there.
 *
 * @example
 * const sandbox = new SandboxHost({ log: core.log });
 * await sandbox.load('gas-pipeline@1.0.0', bundleCode);
 * sandbox.onQuarantine((q) => raiseOperatorAlarm(q));
 * const result = await sandbox.analyze('gas-pipeline@1.0.0', event, ctx, config);
 */
import { FenghuoError, sandboxErrors } from '../errors.js';
import type { AlarmEvent, AnalysisContext, AnalysisResult, DecodedReading } from '../types.js';
import { Watchdog } from './call.js';
import { PluginIsolate } from './isolate.js';
import { Quarantine, type QuarantineListener, type QuarantineRecord } from './quarantine.js';
import { checkAnalyzeResult, checkDecodeResult, openEnvelope } from './results.js';
import type {
  BundleInfo,
  CallRequest,
  DefinitionData,
  SandboxLimits,
  SandboxLog,
  SandboxStats,
} from './types.js';

export interface SandboxOptions {
  /** Heap limit of each plugin version's isolate, MB (isolated-vm's minimum is 8). Default 64. */
  memoryMb?: number;
  /** CPU time the plugin's code may use in one call, ms. Default 200. */
  timeoutMs?: number;
  /** Wall-clock time of one call, waiting for `ctx` included, ms; the call is abandoned after it. Default 5,000. */
  wallTimeoutMs?: number;
  /**
   * Time the bundle's top-level code may take when a context is made, ms (reading the definition's data
   * at load included). Default 2,000.
   */
  loadTimeoutMs?: number;
  /** Largest definition data read at load, in bytes of JSON. Default 1 MiB. */
  maxDefinitionBytes?: number;
  /** Consecutive failures for one city that quarantine a plugin version there. Default 5. */
  quarantineAfter?: number;
  /**
   * The rate rule: a plugin version whose failures reach `quarantineRate` of its last `quarantineWindow`
   * calls for a city is quarantined there too, though it never failed `quarantineAfter` times in a row.
   * Defaults 20 calls, 0.5; a window of 0 turns the rule off.
   */
  quarantineWindow?: number;
  quarantineRate?: number;
  /** Largest result, in bytes of JSON. Default 1 MiB. */
  maxResultBytes?: number;
  /** Most readings one `decode` may return. Default 10,000. */
  maxReadings?: number;
  /** Most `ctx` calls in one analysis. Default 1,000. */
  maxCtxCalls?: number;
  /** Most calls waiting for one isolate. Default 1,000. */
  maxQueue?: number;
  /** City contexts kept per isolate (least recently used dropped). Default 32. */
  maxContexts?: number;
  log?: SandboxLog;
}

/** A plugin version loaded in the sandbox. */
export interface LoadedSandbox extends BundleInfo {
  /** `id@version`. */
  key: string;
  /** Cold load: isolate, compilation, prelude, the bundle's top-level code and its definition check (ms). */
  loadMs: number;
  bundleBytes: number;
  /**
   * The definition's data (every field but its functions: name, domain, metrics, thresholds, objects,
   * config, defaults, warning templates for a risk type; metrics, vendor, model for a sensor), as plain,
   * deep-frozen JSON read inside the isolate. Its schemas are plain JSON Schema: `rehydrateDefinition`
   * from `@fenghuo/sdk` makes them TypeBox schemas again.
   */
  definition: DefinitionData;
}

/** `decode`'s metadata: the city the payload came for, and what the plugin is given. */
export interface SandboxDecodeMeta {
  city: string;
  sensor: string;
  receivedAt: string;
}

export const SANDBOX_DEFAULTS: Readonly<Required<Omit<SandboxOptions, 'log'>>> = Object.freeze({
  memoryMb: 64,
  timeoutMs: 200,
  wallTimeoutMs: 5_000,
  loadTimeoutMs: 2_000,
  maxDefinitionBytes: 1024 * 1024,
  quarantineAfter: 5,
  quarantineWindow: 20,
  quarantineRate: 0.5,
  maxResultBytes: 1024 * 1024,
  maxReadings: 10_000,
  maxCtxCalls: 1_000,
  maxQueue: 1_000,
  maxContexts: 32,
});

/**
 * Failures that are the plugin's and count towards its quarantine — except that a `decode` which throws
 * is refusing its payload (garbage bytes, a frame it does not know): that is the decode contract, and a
 * broken device, or whoever holds a device token, must not be able to switch a decoder off for a whole
 * city by sending garbage. Its endless loops, memory bombs and malformed results still count.
 */
const COUNTED = new Set<string>([
  sandboxErrors.TIMEOUT.code,
  sandboxErrors.MEMORY.code,
  sandboxErrors.THREW.code,
  sandboxErrors.BAD_RESULT.code,
  sandboxErrors.RESULT_TOO_LARGE.code,
  sandboxErrors.BUNDLE_INVALID.code,
]);

const silent: SandboxLog = { debug() {}, info() {}, warn() {}, error() {} };

export class SandboxHost {
  private readonly limits: SandboxLimits & {
    quarantineAfter: number;
    quarantineWindow: number;
    quarantineRate: number;
  };
  private readonly log: SandboxLog;
  private readonly plugins = new Map<string, { isolate: PluginIsolate; loaded: LoadedSandbox }>();
  private readonly loading = new Map<string, Promise<LoadedSandbox>>();
  private readonly watchdog = new Watchdog();
  private readonly quarantine: Quarantine;

  constructor(opts: SandboxOptions = {}) {
    const { log, ...rest } = opts;
    this.limits = { ...SANDBOX_DEFAULTS, ...definedOnly(rest) };
    this.log = log ?? silent;
    this.quarantine = new Quarantine(
      this.limits.quarantineAfter,
      (err) => this.log.error({ err }, 'sandbox: a quarantine listener threw'),
      { window: this.limits.quarantineWindow, rate: this.limits.quarantineRate },
    );
  }

  /**
   * Load a plugin version's bundle (`key` is `id@version` and must match what the bundle defines) and read
   * its definition's data. Loading the same code again is a no-op; other code under a loaded key replaces
   * it. Throws `FH_SANDBOX_BUNDLE_INVALID` (also for a definition that cannot be serialised to JSON or is
   * larger than `maxDefinitionBytes`).
   */
  load(key: string, code: string): Promise<LoadedSandbox> {
    const pending = this.loading.get(key);
    if (pending)
      return pending.then((l) => (this.plugins.get(key)?.isolate.code === code ? l : this.load(key, code)));
    const existing = this.plugins.get(key);
    if (existing?.isolate.code === code) return Promise.resolve({ ...existing.loaded });
    const work = this.loadNew(key, code).finally(() => this.loading.delete(key));
    this.loading.set(key, work);
    return work;
  }

  private async loadNew(key: string, code: unknown): Promise<LoadedSandbox> {
    if (typeof code !== 'string' || code.length === 0)
      throw sandboxErrors.BUNDLE_INVALID({ key, reason: 'the bundle is not JavaScript text' });
    const started = performance.now();
    const isolate = new PluginIsolate(key, code, this.limits, this.log, this.watchdog);
    const { info, definition } = await isolate.load();
    const loaded: LoadedSandbox = {
      key,
      ...info,
      loadMs: performance.now() - started,
      bundleBytes: Buffer.byteLength(code),
      definition,
    };
    const old = this.plugins.get(key);
    this.plugins.set(key, { isolate, loaded });
    if (old) {
      old.isolate.close();
      this.log.info({ plugin: key }, 'sandbox: plugin bundle replaced');
    }
    this.log.info(
      { plugin: key, kind: info.kind, loadMs: Math.round(loaded.loadMs) },
      'sandbox: plugin loaded',
    );
    return { ...loaded };
  }

  /**
   * Run a risk type's `analyze` for an event of `event.city`, with `ctx` (scoped to that city by the
   * caller) reachable from inside. Resolves to a checked `AnalysisResult`; rejects with a coded
   * `FH_SANDBOX_*` error, or with the host's own error when a `ctx` call failed on the platform's side
   * (the database), which does not count against the plugin.
   */
  async analyze(
    key: string,
    event: AlarmEvent,
    ctx: AnalysisContext,
    config: unknown,
  ): Promise<AnalysisResult> {
    const input = JSON.stringify({ event, config: config ?? {} });
    return this.run(key, { fn: 'analyze', city: event.city, input, ctx }, (v) => checkAnalyzeResult(key, v));
  }

  /**
   * Run a sensor plugin's `decode` on a raw payload (bytes, or parsed JSON) received for `meta.city`. The
   * plugin gets `{ sensor, receivedAt }`. Resolves to checked readings (not yet validated against the
   * sensor's metrics: ingest does that).
   */
  async decode(
    key: string,
    payload: Uint8Array | unknown,
    meta: SandboxDecodeMeta,
  ): Promise<DecodedReading[]> {
    const pluginMeta = { sensor: meta.sensor, receivedAt: meta.receivedAt };
    const binary = payload instanceof Uint8Array;
    const req: CallRequest = {
      fn: 'decode',
      city: meta.city,
      input: JSON.stringify(binary ? { meta: pluginMeta } : { payload: payload ?? null, meta: pluginMeta }),
    };
    if (binary) req.bytes = payload;
    return this.run(key, req, (v) => checkDecodeResult(key, v, this.limits));
  }

  /**
   * One call: refused when the plugin is quarantined for the city; its outcome checked; a plugin's failure
   * counted towards quarantine, a success resetting the count. A platform failure inside ctx (the
   * database) wins over whatever the plugin made of it, and is not counted.
   */
  private async run<T>(key: string, req: CallRequest, check: (value: unknown) => T): Promise<T> {
    const { city, fn } = req;
    const plugin = this.plugins.get(key);
    if (!plugin) throw sandboxErrors.NOT_LOADED({ key, reason: '' });
    const q = this.quarantine.get(city, key);
    if (q) throw sandboxErrors.QUARANTINED({ key, city, failures: q.failures, last: q.lastError.code });
    const wanted = fn === 'analyze' ? 'risk-type' : 'sensor';
    if (plugin.loaded.kind !== wanted)
      throw sandboxErrors.BUNDLE_INVALID({
        key,
        reason: `it is a ${plugin.loaded.kind} plugin and has no ${fn} function`,
      });
    let out: T;
    try {
      const { json, hostError } = await plugin.isolate.call(req);
      try {
        out = check(openEnvelope(key, fn, json, this.limits));
      } catch (err) {
        throw hostError ?? err;
      }
    } catch (err) {
      const refusal = fn === 'decode' && err instanceof FenghuoError && err.code === sandboxErrors.THREW.code;
      if (err instanceof FenghuoError && COUNTED.has(err.code) && !refusal) {
        const record = this.quarantine.failed(city, key, err);
        if (record)
          this.log.warn(
            { plugin: key, city, failures: record.failures, code: err.code },
            'sandbox: plugin quarantined for the city',
          );
      }
      throw err;
    }
    this.quarantine.succeeded(city, key);
    return out;
  }

  /** Drop a plugin version; its calls in flight fail with `FH_SANDBOX_NOT_LOADED`. */
  unload(key: string): boolean {
    const p = this.plugins.get(key);
    if (!p) return false;
    this.plugins.delete(key);
    p.isolate.close();
    this.log.info({ plugin: key }, 'sandbox: plugin unloaded');
    return true;
  }

  /** Unload everything (core's shutdown). */
  dispose(): void {
    for (const key of [...this.plugins.keys()]) this.unload(key);
    this.watchdog.stop();
  }

  /** Lift a plugin version's quarantine for a city; `false` when it was not quarantined there. */
  release(city: string, key: string): boolean {
    const done = this.quarantine.release(city, key);
    if (done) this.log.info({ plugin: key, city }, 'sandbox: plugin released from quarantine');
    return done;
  }

  isQuarantined(city: string, key: string): boolean {
    return this.quarantine.get(city, key) !== undefined;
  }

  /** Every quarantined (city, plugin version). */
  quarantined(): QuarantineRecord[] {
    return this.quarantine.list();
  }

  /** Be told when a plugin version gets quarantined for a city (to raise an operator alarm); returns an unsubscribe. */
  onQuarantine(cb: QuarantineListener): () => void {
    return this.quarantine.listen(cb);
  }

  /** Loaded plugin versions. */
  loaded(): LoadedSandbox[] {
    return [...this.plugins.values()].map((p) => ({ ...p.loaded }));
  }

  /** Counters of a plugin version's isolate: compilations, rebuilds, calls, time; `null` when not loaded. */
  stats(key: string): SandboxStats | null {
    return this.plugins.get(key)?.isolate.stats() ?? null;
  }
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
