/**
 * One plugin version in its own V8 isolate (isolated-vm): the bundle is compiled once per isolate, each
 * city gets its own context in it (a plugin cannot carry one city's data into another city's call), and
 * calls run one at a time on the isolate's own thread, so the host's event loop never waits on plugin
 * code.
 *
 * Limits: the isolate's heap (`memoryMb`; going over disposes the isolate), the plugin's CPU time per call
 * (`timeoutMs`, every slice of the call — the first run and each continuation after a `ctx` answer — runs
 * with the budget left), and the call's wall-clock time (`wallTimeoutMs`, waiting for `ctx` included;
 * a host-side watchdog abandons the call). A disposed isolate is rebuilt on the next call, from V8's code
 * cache of the first compilation.
 */
import ivm from 'isolated-vm';
import { sandboxErrors } from '../errors.js';
import { checkCtxArgs, isCtxMethod, isHostFailure, reply } from './bridge.js';
import { ActiveCall, type CityContext, type Dispatch, type Watchdog } from './call.js';
import { PRELUDE } from './prelude.js';
import { type SandboxFn, truncate } from './results.js';
import type {
  BundleInfo,
  CallOutput,
  CallRequest,
  DefinitionData,
  SandboxLimits,
  SandboxLog,
  SandboxStats,
} from './types.js';

/** Console lines one call may write to the host log. */
const MAX_LOG_LINES = 50;

export class PluginIsolate {
  info: BundleInfo | null = null;
  /** The definition's data as the bundle first defined it (deep-frozen JSON), read once per plugin version. */
  definition: DefinitionData | null = null;
  private iso: ivm.Isolate | null = null;
  private script: ivm.Script | null = null;
  private bridge: ivm.Reference<(call: unknown, method: unknown, json: unknown) => string> | null = null;
  private cache: ivm.ExternalCopy<ArrayBuffer> | undefined;
  private readonly contexts = new Map<string, CityContext>();
  private spare: CityContext | null = null;
  private active: ActiveCall | null = null;
  private readonly queue: (() => void)[] = [];
  private busy = false;
  private closed = false;
  private callSeq = 0;
  private requestSeq = 0;
  private readonly limitsJson: string;
  private readonly counters: Omit<SandboxStats, 'key' | 'contexts'> = {
    compiles: 0,
    rebuilds: 0,
    contextsCreated: 0,
    calls: 0,
    failures: 0,
    wallMs: 0,
    cpuMs: 0,
    last: null,
  };

  constructor(
    readonly key: string,
    readonly code: string,
    private readonly limits: SandboxLimits,
    private readonly log: SandboxLog,
    private readonly watchdog: Watchdog,
  ) {
    this.limitsJson = JSON.stringify({
      maxResultChars: limits.maxResultBytes,
      maxReadings: limits.maxReadings,
      maxDefinitionChars: limits.maxDefinitionBytes,
    });
  }

  /**
   * Build the isolate, compile the bundle and check what it defines (one context, kept for a city); read
   * the definition's data there.
   */
  async load(): Promise<{ info: BundleInfo; definition: DefinitionData }> {
    try {
      await this.build();
      this.spare = await this.newContext();
    } catch (err) {
      this.close();
      throw err;
    }
    return { info: this.info!, definition: this.definition! };
  }

  stats(): SandboxStats {
    return {
      key: this.key,
      ...this.counters,
      contexts: this.contexts.size + (this.spare ? 1 : 0),
      last: this.counters.last && { ...this.counters.last },
    };
  }

  /** Run one call after those already waiting; rejects with a coded error, or a host failure as is. */
  call(req: CallRequest): Promise<CallOutput> {
    if (this.closed) return Promise.reject(this.notLoaded());
    if (this.queue.length >= this.limits.maxQueue)
      return Promise.reject(sandboxErrors.BUSY({ key: this.key, queued: this.queue.length }));
    return new Promise((resolve, reject) => {
      const run = () => {
        this.exec(req)
          .then(resolve, reject)
          .finally(() => {
            const next = this.queue.shift();
            if (next) next();
            else this.busy = false;
          });
      };
      if (this.busy) this.queue.push(run);
      else {
        this.busy = true;
        run();
      }
    });
  }

  /** Dispose the isolate for good; calls in flight or waiting fail with `FH_SANDBOX_NOT_LOADED`. */
  close(): void {
    this.closed = true;
    this.active?.reject(this.notLoaded(' (it was unloaded during the call)'));
    this.drop();
  }

  /** Called by the watchdog. */
  check(now: number): void {
    const call = this.active;
    if (!call || call.finished || now <= call.deadline) return;
    call.reject(this.timeout(call.req.fn, 'wall-clock', this.limits.wallTimeoutMs));
    // Over its CPU budget yet still running means a slice the engine did not stop: end the isolate too.
    if (call.cpuMs() > this.limits.timeoutMs) {
      this.log.warn(
        { plugin: this.key, city: call.req.city },
        'sandbox: isolate disposed after a runaway call',
      );
      this.drop();
    }
  }

  private async exec(req: CallRequest): Promise<CallOutput> {
    if (this.closed) throw this.notLoaded();
    let cc: CityContext;
    try {
      if (!this.iso || this.iso.isDisposed) {
        this.drop();
        await this.build();
        this.counters.rebuilds++;
        this.log.info({ plugin: this.key }, 'sandbox: isolate rebuilt');
      }
      cc = await this.cityContext(req.city);
    } catch (err) {
      // Unloaded while the isolate or the city's context was being made.
      throw this.closed ? this.notLoaded(' (it was unloaded during the call)') : err;
    }
    if (this.closed) throw this.notLoaded(' (it was unloaded during the call)');
    return this.invoke(cc, req);
  }

  private async invoke(cc: CityContext, req: CallRequest): Promise<CallOutput> {
    const iso = this.iso!;
    const call = new ActiveCall(++this.callSeq, req, cc, iso, iso.cpuTime, this.limits.wallTimeoutMs);
    this.active = call;
    this.watchdog.add(this);
    // A fresh buffer: a Node Buffer is often a view into a shared pool of other data.
    const bytes = req.bytes && new ivm.ExternalCopy(new Uint8Array(req.bytes)).copyInto({ release: true });
    const args: Parameters<Dispatch> = [req.fn, call.id, req.input, bytes];
    applyLater(cc.dispatch, args, { timeout: this.limits.timeoutMs, result: { promise: true } }).then(
      (json) => call.resolve(json),
      (err) => call.reject(this.classify(call, err)),
    );
    let failed = true;
    try {
      const json = await call.done;
      failed = false;
      return { json, hostError: call.hostError };
    } catch (err) {
      // A platform failure inside ctx (the database) is the host's, whatever the plugin made of it.
      throw call.hostError ?? err;
    } finally {
      const wallMs = performance.now() - call.startedMs;
      const cpuMs = call.cpuMs();
      this.active = null;
      this.watchdog.delete(this);
      const c = this.counters;
      c.calls++;
      if (failed) c.failures++;
      c.wallMs += wallMs;
      c.cpuMs += cpuMs;
      c.last = { wallMs, cpuMs };
    }
  }

  /** What an error of isolated-vm means for the call. */
  private classify(call: ActiveCall, err: unknown): unknown {
    const fn = call.req.fn;
    if (this.closed) return this.notLoaded(' (it was unloaded during the call)');
    const message = err instanceof Error ? err.message : String(err);
    if (/memory limit/i.test(message) || call.iso.isDisposed) {
      this.log.warn({ plugin: this.key, city: call.req.city }, 'sandbox: isolate over its memory limit');
      return sandboxErrors.MEMORY({ key: this.key, fn, mb: this.limits.memoryMb });
    }
    if (/timed out/i.test(message)) return this.timeout(fn, 'CPU time', this.limits.timeoutMs);
    return sandboxErrors.THREW({ key: this.key, fn, reason: truncate(message) });
  }

  /** The host side of `ctx` (and of `console`), called synchronously from inside the isolate. */
  private request(callId: unknown, method: unknown, json: unknown): string {
    const call = this.active;
    if (!call || call.id !== callId || call.finished) return reply.error(new TypeError('this call is over'));
    if (method === 'console') {
      this.console(call, json);
      return '{}';
    }
    if (!isCtxMethod(method)) return reply.error(new TypeError('ctx has no such method'));
    const ctx = call.req.ctx;
    try {
      if (!ctx) throw sandboxErrors.CTX_INVALID({ method, reason: 'ctx is only available to analyze' });
      if (++call.ctxCalls > this.limits.maxCtxCalls)
        throw sandboxErrors.CTX_LIMIT({ method, max: this.limits.maxCtxCalls });
      const args = checkCtxArgs(method, json);
      const fn = ctx[method] as (...a: unknown[]) => unknown;
      if (method === 'now') return reply.value(String(Reflect.apply(fn, ctx, args)));
      const id = ++this.requestSeq;
      Promise.resolve()
        .then(() => Reflect.apply(fn, ctx, args))
        .then(
          (v) => this.answer(call, id, () => reply.settled(v)),
          (err) => {
            if (call.hostError === undefined && isHostFailure(err)) call.hostError = err;
            this.answer(call, id, () => reply.failed(err));
          },
        );
      return reply.id(id);
    } catch (err) {
      if (call.hostError === undefined && isHostFailure(err)) call.hostError = err;
      return reply.error(err);
    }
  }

  /** Send a `ctx` answer into the isolate as a new slice of the call, with the CPU budget left. */
  private answer(call: ActiveCall, id: number, make: () => string): void {
    if (call.finished) return; // an abandoned call gets no more answers, so none of its code runs again
    let json: string;
    try {
      json = make();
    } catch (err) {
      json = reply.failed(err); // a host value that is not JSON (a BigInt)
    }
    const left = this.limits.timeoutMs - call.cpuMs();
    if (left < 1) {
      call.reject(this.timeout(call.req.fn, 'CPU time', this.limits.timeoutMs));
      return;
    }
    applyLater(call.cc.dispatch, ['settle', id, json], { timeout: Math.ceil(left) }).catch((err) =>
      call.reject(this.classify(call, err)),
    );
  }

  private console(call: ActiveCall, json: unknown): void {
    if (++call.logLines > MAX_LOG_LINES) return;
    let level = 'info';
    let line = '';
    try {
      const [l, t] = JSON.parse(String(json)) as [unknown, unknown];
      if (l === 'debug' || l === 'warn' || l === 'error') level = l;
      line = truncate(String(t), 2000);
    } catch {
      return;
    }
    const obj = { plugin: this.key, city: call.req.city };
    const msg = `plugin console: ${line}`;
    if (level === 'debug') this.log.debug(obj, msg);
    else if (level === 'warn') this.log.warn(obj, msg);
    else if (level === 'error') this.log.error(obj, msg);
    else this.log.info(obj, msg);
    if (call.logLines === MAX_LOG_LINES)
      this.log.warn(obj, 'plugin console: further output of this call dropped');
  }

  private async build(): Promise<void> {
    const iso = new ivm.Isolate({
      memoryLimit: this.limits.memoryMb,
      onCatastrophicError: (message) =>
        this.log.error({ plugin: this.key, message }, 'sandbox: isolated-vm lost control of an isolate'),
    });
    try {
      const script = await iso.compileScript(this.code, {
        filename: `fenghuo-plugin:///${this.key}.js`,
        ...(this.cache ? { cachedData: this.cache } : { produceCachedData: true }),
      });
      if (this.closed) throw new Error('unloaded while compiling');
      this.counters.compiles++;
      this.cache ??= (script as ivm.Script & ivm.CachedDataResult).cachedData;
      this.iso = iso;
      this.script = script;
      this.bridge = new ivm.Reference((call: unknown, method: unknown, json: unknown) =>
        this.request(call, method, json),
      );
    } catch (err) {
      iso.dispose();
      throw this.bundleInvalid(err);
    }
  }

  private async cityContext(city: string): Promise<CityContext> {
    const cc = this.contexts.get(city);
    if (cc) {
      // Least recently used first: move it to the end.
      this.contexts.delete(city);
      this.contexts.set(city, cc);
      return cc;
    }
    const fresh = this.spare ?? (await this.newContext());
    this.spare = null;
    this.contexts.set(city, fresh);
    if (this.contexts.size > this.limits.maxContexts) {
      const [oldest, old] = this.contexts.entries().next().value as [string, CityContext];
      this.contexts.delete(oldest);
      release(old);
    }
    return fresh;
  }

  /** A context with the prelude, the bundle evaluated in it, and its definition checked. */
  private async newContext(): Promise<CityContext> {
    const iso = this.iso!;
    const context = await iso.createContext();
    try {
      const timeout = this.limits.loadTimeoutMs;
      const dispatch = (await context.evalClosure(PRELUDE, [this.bridge, this.limitsJson], {
        timeout,
        result: { reference: true },
      })) as ivm.Reference<Dispatch>;
      await this.script!.run(context, { timeout });
      // The first context of a plugin version also reads the definition's data (once: it is the same code).
      const first = this.info === null;
      const described = await dispatch.apply(undefined, ['describe', first], { timeout });
      const { info, definition } = this.checkInfo(described, first);
      this.info ??= info;
      this.definition ??= definition;
      this.counters.contextsCreated++;
      return { context, dispatch };
    } catch (err) {
      if (!iso.isDisposed) context.release();
      throw this.bundleInvalid(err);
    }
  }

  /**
   * The definition's description from the prelude's `describe`, checked against the key, with the
   * definition's data when asked for (at most `maxDefinitionBytes` of JSON).
   */
  private checkInfo(
    described: unknown,
    withDefinition: boolean,
  ): { info: BundleInfo; definition: DefinitionData | null } {
    const env = JSON.parse(String(described)) as {
      ok: boolean;
      value?: BundleInfo;
      definition?: Record<string, unknown>;
      bad?: string;
      threw?: { name: string; message: string };
    };
    if (!env.ok || !env.value)
      throw new Error(env.bad ?? `reading its definition threw ${env.threw?.name}: ${env.threw?.message}`);
    const v = env.value;
    if (`${v.id}@${v.version}` !== this.key)
      throw new Error(`it defines ${v.id}@${v.version}, not ${this.key}`);
    if (this.info && this.info.kind !== v.kind)
      throw new Error(`it defined a ${this.info.kind} plugin before and a ${v.kind} plugin now`);
    const info: BundleInfo = { id: v.id, version: v.version, kind: v.kind };
    if (!withDefinition) return { info, definition: null };
    if (!isPlainObject(env.definition)) throw new Error('its definition does not serialise to a JSON object');
    // The prelude counted characters (a cheap bound: never more than the bytes); the limit is in bytes.
    const bytes = Buffer.byteLength(JSON.stringify(env.definition));
    if (bytes > this.limits.maxDefinitionBytes)
      throw new Error(
        `its definition is ${bytes} bytes of JSON, more than the limit of ${this.limits.maxDefinitionBytes} bytes`,
      );
    return { info, definition: deepFreeze(env.definition) };
  }

  private bundleInvalid(err: unknown) {
    const message = err instanceof Error ? err.message : String(err);
    let reason: string;
    if (/timed out/i.test(message))
      reason = `its top-level code ran longer than ${this.limits.loadTimeoutMs} ms`;
    else if (/memory limit/i.test(message) || this.iso?.isDisposed)
      reason = `it went over the memory limit of ${this.limits.memoryMb} MB while loading`;
    else if (err instanceof Error && err.name !== 'Error') reason = `${err.name}: ${message}`;
    else reason = message;
    return sandboxErrors.BUNDLE_INVALID({ key: this.key, reason: truncate(reason) });
  }

  /** Forget the isolate (disposing it if alive); the next call builds a new one. */
  private drop(): void {
    const iso = this.iso;
    this.iso = null;
    this.script = null;
    this.bridge = null;
    this.contexts.clear();
    this.spare = null;
    if (iso && !iso.isDisposed) iso.dispose();
  }

  private timeout(fn: SandboxFn, limit: string, ms: number) {
    return sandboxErrors.TIMEOUT({ key: this.key, fn, limit, ms });
  }

  private notLoaded(reason = '') {
    return sandboxErrors.NOT_LOADED({ key: this.key, reason });
  }
}

/** `ref.apply` whose synchronous throws (a disposed isolate) become a rejection. */
function applyLater(
  ref: ivm.Reference<Dispatch>,
  args: Parameters<Dispatch>,
  opts: { timeout: number; result?: { promise: true } },
): Promise<unknown> {
  try {
    // isolated-vm's argument types cannot express a `Copy` next to primitives; these are all transferable.
    return (ref as ivm.Reference).apply(undefined, args, opts) as Promise<unknown>;
  } catch (err) {
    return Promise.reject(err);
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Freeze parsed JSON all the way down: every caller of `load()` shares the same definition data. */
function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const child of Object.values(v)) deepFreeze(child);
  }
  return v;
}

function release(cc: CityContext): void {
  cc.dispatch.release();
  cc.context.release();
}
