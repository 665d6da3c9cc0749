/**
 * Hostile and broken plugins: each is stopped with its coded error, the host's event loop keeps
 * running meanwhile, host objects stay untouched, and the sandbox keeps working afterwards.
 */

import { SandboxHost as Host, type SandboxHost } from '@fenghuo/sdk/sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/config.js';
import {
  alarmEvent,
  bundleOf,
  failure,
  hostWith,
  METER,
  recordingCtx,
  sensorSource,
  TOY,
  tickGaps,
} from './sandbox-fixtures.js';

let host: SandboxHost | undefined;
afterEach(() => {
  host?.dispose();
  host = undefined;
});

const OK = `{ tier: null, findings: [], actions: [] }`;
const analyzeOnce = (h: SandboxHost, value = 30, city = 'demo') =>
  h.analyze(TOY, alarmEvent(city, value), recordingCtx(), {});

/** A plugin that misbehaves when `event.value` is negative and answers normally otherwise. */
const hostile = (attack: string, opts = {}) =>
  hostWith(
    `async analyze(event, ctx) {
      if (event.value < 0) { ${attack} }
      return { tier: null, findings: [{ zh: 'ok', en: 'ok' }], actions: [] };
    }`,
    opts,
  );

describe('sandbox: time', () => {
  it('stops an endless loop with FH_SANDBOX_TIMEOUT while a host timer keeps ticking, and the isolate keeps working', async () => {
    host = await hostile('for (;;) {}');
    const started = performance.now();
    const { out, gaps } = await tickGaps(() => failure(analyzeOnce(host!, -1)));
    const took = performance.now() - started;
    expect(out.code).toBe('FH_SANDBOX_TIMEOUT');
    expect(out.message).toContain('CPU time limit of 200 ms');
    expect(took).toBeGreaterThanOrEqual(190);
    expect(took).toBeLessThan(1_000);
    // The loop ran on the isolate's thread: the host's 5 ms timer kept firing all along.
    expect(gaps.length).toBeGreaterThanOrEqual(15);
    expect(Math.max(...gaps)).toBeLessThan(150);
    expect((await analyzeOnce(host)).findings[0]!.en).toBe('ok');
    expect(host.stats(TOY)).toMatchObject({ compiles: 1, rebuilds: 0 });
  });

  it('stops an endless loop that starts after awaiting ctx (a continuation) with FH_SANDBOX_TIMEOUT', async () => {
    host = await hostile('await ctx.weather(); for (;;) {}');
    const { out, gaps } = await tickGaps(() => failure(analyzeOnce(host!, -1)));
    expect(out.code).toBe('FH_SANDBOX_TIMEOUT');
    expect(Math.max(...gaps)).toBeLessThan(150);
    expect((await analyzeOnce(host)).findings[0]!.en).toBe('ok');
  });

  it('counts CPU time over all slices of a call: short bursts between ctx calls add up to FH_SANDBOX_TIMEOUT', async () => {
    host = await hostile(
      `for (let i = 0; i < 20; i++) { await ctx.weather(); const end = Date.now() + 60; while (Date.now() < end) {} }`,
    );
    const started = performance.now();
    const err = await failure(analyzeOnce(host, -1));
    expect(err.code).toBe('FH_SANDBOX_TIMEOUT');
    // 20 bursts of 60 ms would take 1.2 s; the 200 ms budget ends it after about four.
    expect(performance.now() - started).toBeLessThan(800);
  });

  it('stops an endless loop queued as a microtask after the result, or hidden in toJSON, with FH_SANDBOX_TIMEOUT', async () => {
    host = await hostile(`Promise.resolve().then(() => { for (;;) {} }); return ${OK};`);
    expect((await failure(analyzeOnce(host, -1))).code).toBe('FH_SANDBOX_TIMEOUT');
    host.dispose();
    host = await hostile(`return { tier: null, findings: [], actions: [], toJSON() { for (;;) {} } };`);
    expect((await failure(analyzeOnce(host, -1))).code).toBe('FH_SANDBOX_TIMEOUT');
    expect((await analyzeOnce(host)).findings[0]!.en).toBe('ok');
  });

  it('abandons an analysis whose promise never settles at the wall-clock limit with FH_SANDBOX_TIMEOUT', async () => {
    host = await hostile('await new Promise(() => {});', { wallTimeoutMs: 100 });
    const err = await failure(analyzeOnce(host, -1));
    expect(err.code).toBe('FH_SANDBOX_TIMEOUT');
    expect(err.message).toContain('wall-clock limit of 100 ms');
    expect((await analyzeOnce(host)).findings[0]!.en).toBe('ok');
  });

  it('stops a thrown value whose message getter never returns with FH_SANDBOX_TIMEOUT', async () => {
    host = await hostile(`throw { get message() { for (;;) {} } };`);
    expect((await failure(analyzeOnce(host, -1))).code).toBe('FH_SANDBOX_TIMEOUT');
  });
});

describe('sandbox: memory and stack', () => {
  it('stops a memory bomb with FH_SANDBOX_MEMORY, rebuilds the isolate and works again for every city', async () => {
    host = await hostile(`const hoard = []; for (;;) hoard.push(new Array(100_000).fill(event.value));`, {
      timeoutMs: 5_000, // let memory, not time, be what stops it
    });
    await analyzeOnce(host, 1, 'city-b');
    const { out, gaps } = await tickGaps(() => failure(analyzeOnce(host!, -1)));
    expect(out.code).toBe('FH_SANDBOX_MEMORY');
    expect(out.message).toContain('64 MB');
    expect(Math.max(...gaps)).toBeLessThan(150);
    expect((await analyzeOnce(host)).findings[0]!.en).toBe('ok');
    expect((await analyzeOnce(host, 1, 'city-b')).findings[0]!.en).toBe('ok');
    expect(host.stats(TOY)).toMatchObject({ compiles: 2, rebuilds: 1 });
  });

  it('contains a huge ArrayBuffer allocation with a coded error', async () => {
    host = await hostile(
      'const b = new ArrayBuffer(2 ** 30); return { tier: null, findings: [{ zh: String(b.byteLength), en: "" }], actions: [] };',
    );
    const err = await failure(analyzeOnce(host, -1));
    expect(['FH_SANDBOX_MEMORY', 'FH_SANDBOX_THREW']).toContain(err.code);
    expect((await analyzeOnce(host)).findings[0]!.en).toBe('ok');
  });

  it('reports a stack overflow from deep recursion as FH_SANDBOX_THREW with the RangeError', async () => {
    host = await hostile('const down = (n) => down(n + 1) + 1; down(0);');
    const err = await failure(analyzeOnce(host, -1));
    expect(err.code).toBe('FH_SANDBOX_THREW');
    expect(err.message).toContain('RangeError: Maximum call stack size exceeded');
    expect((await analyzeOnce(host)).findings[0]!.en).toBe('ok');
  });
});

describe('sandbox: reaching out', () => {
  it('finds no process, require, fetch, timers, WebAssembly or host globals, by name or by constructor escapes', async () => {
    host = await hostWith(`async analyze(event, ctx) {
      const names = ['process', 'require', 'module', 'exports', 'global', 'Buffer', 'fetch', 'XMLHttpRequest', 'WebSocket',
        'setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask', 'WebAssembly', 'SharedArrayBuffer', 'Atomics',
        'FinalizationRegistry', '__dirname', 'ivm', '_ivm', 'Deno', 'Bun'];
      const seen = names.filter((n) => typeof globalThis[n] !== 'undefined');
      const escapes = [
        () => this.constructor.constructor('return typeof process')(),
        () => ctx.history.constructor.constructor('return typeof require')(),
        () => ({}).constructor.constructor('return typeof globalThis.process')(),
        () => eval('typeof process'),
        () => Object.getOwnPropertyNames(globalThis).filter((n) => /ivm|isolated|process|require/i.test(n)).join(',') || 'undefined',
      ].map((f) => { try { return String(f()); } catch (e) { return e.name; } });
      let imported;
      try { await import('node:fs'); imported = 'imported'; } catch (e) { imported = 'refused'; }
      return { tier: null, findings: [{ zh: seen.join(','), en: escapes.join(',') + ';' + imported }], actions: [] };
    }`);
    const result = await analyzeOnce(host);
    expect(result.findings[0]!.zh).toBe('');
    expect(result.findings[0]!.en).toBe('undefined,undefined,undefined,undefined,undefined;refused');
  });

  it('never lets the plugin hold the host bridge: stack frames, errors and ctx functions carry nothing of it', async () => {
    host = await hostWith(`async analyze(event, ctx) {
      const found = [];
      const look = (v, where) => {
        try { if (v && (typeof v === 'object' || typeof v === 'function') && ('applySync' in v || 'derefInto' in v)) found.push(where); } catch {}
      };
      Error.prepareStackTrace = (err, frames) => {
        for (const f of frames) { try { look(f.getThis(), 'this'); look(f.getFunction(), 'function'); } catch {} }
        return 'x';
      };
      const cyclic = {}; cyclic.self = cyclic;
      try { await ctx.history('GAS-1', 'ch4', cyclic); } catch (e) { look(e, 'error'); String(e.stack); }
      try { await ctx.history('GAS-1', { toJSON() { throw new Error('probe'); } }); } catch (e) { String(e.stack); }
      for (const k of Object.getOwnPropertyNames(ctx)) { look(ctx[k], k); look(Object.getPrototypeOf(ctx[k]), k + ' proto'); }
      look(console, 'console');
      for (const k of Object.getOwnPropertyNames(console)) look(console[k], 'console.' + k);
      return { tier: null, findings: [{ zh: found.join(',') || 'none', en: '' }], actions: [] };
    }`);
    expect((await analyzeOnce(host)).findings[0]!.zh).toBe('none');
  });

  it('keeps prototype pollution inside: the host objects and prototypes passed in are not touched', async () => {
    host = await hostile(`
      event.__proto__.polluted = 1;
      Object.prototype.x = 1;
      Array.prototype.first = function () { return 'hacked'; };
      event.sensor.metrics.push('stolen');
      const data = JSON.parse('{"__proto__": "p", "k": "v"}');
      JSON.parse = () => ({ tier: 'red', findings: [], actions: [] }); // the sandbox keeps its own
      JSON.stringify = () => '{}';
      return { tier: null, findings: [{ zh: String(({}).polluted), en: String([].first()) }], actions: [], data };
    `);
    const event = alarmEvent('demo', -1);
    const before = structuredClone(event);
    const result = await host.analyze(TOY, event, recordingCtx(), {});
    expect(result.findings).toEqual([{ zh: '1', en: 'hacked' }]); // polluted inside the isolate…
    expect(event).toEqual(before); // …but not the host's event
    const plain: Record<string, unknown> = {};
    expect(plain['polluted']).toBeUndefined();
    expect(plain['x']).toBeUndefined();
    expect(([] as unknown as { first?: unknown }).first).toBeUndefined();
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(result.findings)).toBe(Array.prototype);
    // A "__proto__" key in the data arrives as a plain own property, not as a prototype.
    expect(Object.getPrototypeOf(result.data)).toBe(Object.prototype);
    expect(Object.keys(result.data!).sort()).toEqual(['__proto__', 'k']);
    // The next call in the same city still gets a correct result through the sandbox's own JSON.
    expect((await analyzeOnce(host)).findings[0]!.en).toBe('ok');
  });

  it('hides host paths from the plugin: errors it gets from ctx have no host stack', async () => {
    host = await hostWith(`async analyze(event, ctx) {
      try { await ctx.history('GAS-1', 'ch4'); } catch (e) { return { tier: null, findings: [{ zh: e.message, en: String(e.stack) }], actions: [] }; }
      return ${OK};
    }`);
    const ctx = recordingCtx({
      history: async () => {
        throw new TypeError('history from must be an ISO 8601 timestamp');
      },
    });
    const result = await host.analyze(TOY, alarmEvent(), ctx, {});
    expect(result.findings[0]!.zh).toBe('history from must be an ISO 8601 timestamp');
    expect(result.findings[0]!.en).not.toContain(REPO_ROOT);
    expect(result.findings[0]!.en).not.toContain('node_modules');
  });
});

describe('sandbox: results', () => {
  it('refuses a huge analysis result with FH_SANDBOX_RESULT_TOO_LARGE', async () => {
    host = await hostile(
      `return { tier: null, findings: [{ zh: 'x'.repeat(2 * 1024 * 1024), en: '' }], actions: [] };`,
    );
    const err = await failure(analyzeOnce(host, -1));
    expect(err.code).toBe('FH_SANDBOX_RESULT_TOO_LARGE');
    expect(err.message).toContain('1048576 bytes');
  });

  it('refuses a result of the wrong shape with FH_SANDBOX_BAD_RESULT naming the paths', async () => {
    host = await hostile(`return { tier: 'purple', findings: 'none', actions: [] };`);
    const err = await failure(analyzeOnce(host, -1));
    expect(err.code).toBe('FH_SANDBOX_BAD_RESULT');
    const paths = (err.details as { problems: { path: string }[] }).problems.map((p) => p.path);
    expect(paths).toContain('/tier');
    expect(paths).toContain('/findings');
  });

  it('refuses undefined, a cyclic object and a function as results with FH_SANDBOX_BAD_RESULT', async () => {
    for (const attack of [
      'return undefined;',
      'const o = { tier: null }; o.self = o; return o;',
      'return () => 1;',
    ]) {
      host?.dispose();
      host = await hostile(attack);
      const err = await failure(analyzeOnce(host, -1));
      expect(err.code).toBe('FH_SANDBOX_BAD_RESULT');
    }
  });

  it('reports what a plugin threw, a non-Error value included, as FH_SANDBOX_THREW with a truncated message', async () => {
    host = await hostile(
      `if (event.value === -2) throw new Error('bad input: ' + 'y'.repeat(5000)); throw new TypeError('no ch4');`,
    );
    const long = await failure(analyzeOnce(host, -2));
    expect(long.code).toBe('FH_SANDBOX_THREW');
    expect(long.message.length).toBeLessThan(700);
    const short = await failure(analyzeOnce(host, -1));
    expect(short.message).toBe('plugin toy@1.0.0: analyze threw TypeError: no ch4');
    expect((short.details as { stack: string }).stack).toContain('fenghuo-plugin:///toy@1.0.0.js');
    host.dispose();
    host = await hostile(`throw 'just a string';`);
    expect((await failure(analyzeOnce(host, -1))).message).toContain('just a string');
  });
});

describe('sandbox: decode', () => {
  const meta = { city: 'demo', sensor: 'GAS-1', receivedAt: '2026-11-29T08:00:00.000Z' };
  const BINARY = `decode(payload, meta) {
    if (!(payload instanceof Uint8Array) || payload.length !== 4) throw new RangeError('expected 4 bytes, got ' + (payload && payload.length));
    if (payload[0] >= 0xc0) return [{ values: { ch4: NaN } }]; // a broken decoder for a quarter of the bytes
    return [{ ts: meta.receivedAt, values: { ch4: ((payload[0] << 8) | payload[1]) / 100, battery: payload[2] } }];
  }`;

  async function meter(decode: string, opts = {}): Promise<SandboxHost> {
    const h = new Host(opts);
    await h.load(METER, bundleOf(sensorSource(decode)));
    return h;
  }

  it('contains garbage bytes: every random payload ends in readings or a coded error, and the decoder still works', async () => {
    host = await meter(BINARY, { quarantineAfter: 1_000 });
    let seed = 42;
    const rand = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const codes = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const bytes = Uint8Array.from({ length: Math.floor(rand() * 8) }, () => Math.floor(rand() * 256));
      try {
        const readings = await host.decode(METER, bytes, meta);
        expect(Array.isArray(readings)).toBe(true);
        codes.add('readings');
      } catch (err) {
        codes.add((err as { code: string }).code);
      }
    }
    expect([...codes].sort()).toEqual(['FH_SANDBOX_BAD_RESULT', 'FH_SANDBOX_THREW', 'readings']);
    expect(await host.decode(METER, Uint8Array.from([0x04, 0xd2, 90, 0]), meta)).toEqual([
      { ts: meta.receivedAt, values: { ch4: 12.34, battery: 90 } },
    ]);
  });

  it('refuses a reading with a value that is not a finite number with FH_SANDBOX_BAD_RESULT at its path', async () => {
    host = await meter(BINARY);
    const err = await failure(host.decode(METER, Uint8Array.from([0xff, 0, 0, 0]), meta));
    expect(err.code).toBe('FH_SANDBOX_BAD_RESULT');
    expect(err.message).toContain('/0/values/ch4');
  });

  it('refuses more readings than the limit with FH_SANDBOX_RESULT_TOO_LARGE', async () => {
    host = await meter(
      `decode() { return Array.from({ length: 20000 }, (_, i) => ({ values: { ch4: i } })); }`,
    );
    const err = await failure(host.decode(METER, { any: 1 }, meta));
    expect(err.code).toBe('FH_SANDBOX_RESULT_TOO_LARGE');
    expect(err.message).toContain('20000 readings');
  });

  it('refuses a decode that returns a promise with FH_SANDBOX_BAD_RESULT', async () => {
    host = await meter(`async decode() { return [{ values: { ch4: 1 } }]; }`);
    const err = await failure(host.decode(METER, { any: 1 }, meta));
    expect(err.code).toBe('FH_SANDBOX_BAD_RESULT');
    expect(err.message).toContain('synchronously');
  });

  it('stops an endless decode with FH_SANDBOX_TIMEOUT without stalling the host', async () => {
    host = await meter(`decode(p) { if (p.loop) for (;;) {} return [{ values: { ch4: 1 } }]; }`);
    const { out, gaps } = await tickGaps(() => failure(host!.decode(METER, { loop: true }, meta)));
    expect(out.code).toBe('FH_SANDBOX_TIMEOUT');
    expect(Math.max(...gaps)).toBeLessThan(150);
    expect(await host.decode(METER, { loop: false }, meta)).toEqual([{ values: { ch4: 1 } }]);
  });
});
