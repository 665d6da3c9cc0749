/**
 * One call in flight (its deadline, CPU clock, ctx count, outcome) and the watchdog that abandons calls
 * past their wall-clock deadline.
 */
import type ivm from 'isolated-vm';
import type { PluginIsolate } from './isolate.js';
import type { CallRequest } from './types.js';

/** The function the prelude returns, held by the host by reference. */
export type Dispatch = (op: string, a?: unknown, b?: unknown, c?: unknown) => unknown;

export interface CityContext {
  context: ivm.Context;
  dispatch: ivm.Reference<Dispatch>;
}

/** A call from entering the isolate to its outcome; settles once, whatever reports first. */
export class ActiveCall {
  finished = false;
  ctxCalls = 0;
  logLines = 0;
  hostError: unknown;
  readonly startedMs = performance.now();
  readonly deadline: number;
  private settle!: { resolve: (json: unknown) => void; reject: (err: unknown) => void };
  readonly done = new Promise<unknown>((resolve, reject) => {
    this.settle = { resolve, reject };
  });

  constructor(
    readonly id: number,
    readonly req: CallRequest,
    readonly cc: CityContext,
    readonly iso: ivm.Isolate,
    readonly cpuStart: bigint,
    wallTimeoutMs: number,
  ) {
    this.deadline = performance.now() + wallTimeoutMs;
  }

  cpuMs(): number {
    try {
      return Number(this.iso.cpuTime - this.cpuStart) / 1e6;
    } catch {
      return 0; // disposed: the call is over anyway
    }
  }

  resolve(json: unknown): void {
    if (this.finished) return;
    this.finished = true;
    this.settle.resolve(json);
  }

  reject(err: unknown): void {
    if (this.finished) return;
    this.finished = true;
    this.settle.reject(err);
  }
}

/** Checks the wall-clock deadlines of the calls in flight; runs only while some call is. */
export class Watchdog {
  private readonly watched = new Set<PluginIsolate>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly everyMs = 25) {}

  add(p: PluginIsolate): void {
    this.watched.add(p);
    if (this.timer) return;
    this.timer = setInterval(() => this.tick(), this.everyMs);
    this.timer.unref();
  }

  delete(p: PluginIsolate): void {
    this.watched.delete(p);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private tick(): void {
    if (this.watched.size === 0) {
      this.stop();
      return;
    }
    const now = performance.now();
    for (const p of this.watched) p.check(now);
  }
}
