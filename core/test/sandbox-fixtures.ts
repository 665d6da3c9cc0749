/**
 * Bundles and contexts for the sandbox tests: small plugins written as JavaScript source (so that the
 * same definition can be run directly in Node and inside the sandbox), a recording fake `ctx`, and
 * helpers to watch the host's event loop and to catch coded failures.
 */
import {
  type AlarmEvent,
  type AnalysisContext,
  type CityObject,
  FenghuoError,
  type SensorInfo,
} from '@fenghuo/sdk';
import { SandboxHost as Host, type SandboxHost, type SandboxOptions } from '@fenghuo/sdk/sandbox';

/** A bundle that assigns the definition written as a JavaScript expression. */
export function bundleOf(definitionSource: string): string {
  return `globalThis.__fenghuo_plugin__ = (${definitionSource});`;
}

/** The source of a risk-type definition `toy@1.0.0` with the given `analyze` (a method's source). */
export function riskTypeSource(analyze: string, id = 'toy', version = '1.0.0'): string {
  return `{ id: ${JSON.stringify(id)}, version: ${JSON.stringify(version)}, domain: 'lifeline',
    name: { zh: '玩具', en: 'Toy' }, objects: {}, metrics: {}, thresholds: {},
    warning: { title: { zh: 't', en: 't' }, body: { zh: 'b', en: 'b' }, instructions: { zh: 'i', en: 'i' } },
    ${analyze} }`;
}

/** The source of a sensor definition `meter@1.0.0` with the given `decode` (a method's source). */
export function sensorSource(decode: string, id = 'meter', version = '1.0.0'): string {
  return `{ id: ${JSON.stringify(id)}, version: ${JSON.stringify(version)}, vendor: 'ACME', model: 'M1',
    metrics: {}, ${decode} }`;
}

/** Evaluate a definition in this process (the "direct call in Node" to compare the sandbox against). */
export function direct<T>(definitionSource: string): T {
  return new Function(`return (${definitionSource});`)() as T;
}

export const TOY = 'toy@1.0.0';
export const METER = 'meter@1.0.0';

/** A host and a loaded risk type `toy@1.0.0` whose `analyze` is `analyze`. */
export async function hostWith(analyze: string, opts: SandboxOptions = {}): Promise<SandboxHost> {
  const host = new Host(opts);
  await host.load(TOY, bundleOf(riskTypeSource(analyze)));
  return host;
}

const sensor: SensorInfo = {
  id: 'GAS-1',
  objectId: 'VW-1',
  riskType: 'toy',
  metrics: ['ch4'],
  location: [120.15, 30.27],
};
const object: CityObject = {
  id: 'VW-1',
  kind: 'valve_well',
  role: 'monitored',
  name: { zh: '1号阀门井', en: 'Valve well 1' },
  geometry: { type: 'Point', coordinates: [120.15, 30.27] },
  attributes: { depthM: 2 },
};

export function alarmEvent(city = 'demo', value = 30): AlarmEvent {
  return {
    alarmId: '1',
    city,
    sensor: structuredClone(sensor),
    object: structuredClone(object),
    metric: 'ch4',
    level: 'orange',
    previousLevel: 'yellow',
    value,
    limit: 25,
    ts: '2026-11-29T08:00:00.000Z',
    cause: 'value',
  };
}

export interface RecordingCtx extends AnalysisContext {
  /** Every call as `[method, args]`, args as received. */
  calls: [string, unknown[]][];
  /** Objects the ctx handed out, to check the plugin got copies. */
  handedOut: unknown[];
}

/** A fake ctx answering from fixed data and recording its calls. */
export function recordingCtx(overrides: Partial<AnalysisContext> = {}): RecordingCtx {
  const calls: [string, unknown[]][] = [];
  const handedOut: unknown[] = [];
  const give = <T>(v: T): T => {
    handedOut.push(v);
    return v;
  };
  const base: AnalysisContext = {
    history: async (...args) => {
      calls.push(['history', args]);
      return give([
        { ts: '2026-11-29T07:59:00.000Z', value: 20 },
        { ts: '2026-11-29T08:00:00.000Z', value: 30 },
      ]);
    },
    neighbours: async (...args) => {
      calls.push(['neighbours', args]);
      return give([{ ...sensor, id: 'GAS-2', distanceM: 80 }]);
    },
    within: async (...args) => {
      calls.push(['within', args]);
      return give([{ ...object, distanceM: 0 }]);
    },
    object: async (...args) => {
      calls.push(['object', args]);
      return give(structuredClone(object));
    },
    weather: async (...args) => {
      calls.push(['weather', args]);
      return give({ ts: '2026-11-29T08:00:00.000Z', windFromDeg: 90, windSpeedMs: 3 });
    },
    thresholds: async (...args) => {
      calls.push(['thresholds', args]);
      return give({ alarm: 5, blue: 10, yellow: 20, orange: 25, red: 50 });
    },
    now: () => '2026-11-29T08:00:05.000Z',
  };
  return Object.assign(base, overrides, { calls, handedOut });
}

/** Milliseconds between the ticks of a host timer while `work` runs: the event loop's responsiveness. */
export async function tickGaps<T>(work: () => Promise<T>, everyMs = 5): Promise<{ out: T; gaps: number[] }> {
  const gaps: number[] = [];
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    gaps.push(now - last);
    last = now;
  }, everyMs);
  try {
    const out = await work();
    return { out, gaps };
  } finally {
    clearInterval(timer);
  }
}

/** The coded error a call fails with (the test fails if it succeeds, or fails uncoded). */
export async function failure(p: Promise<unknown>): Promise<FenghuoError> {
  let value: unknown;
  try {
    value = await p;
  } catch (err) {
    if (err instanceof FenghuoError) return err;
    throw err;
  }
  throw new Error(`expected a coded failure, got ${JSON.stringify(value)}`);
}
