/**
 * The plugin sandbox doing its normal work: analyze and decode in an isolate, ctx reached by reference
 * with copies both ways, isolates reused, cities kept apart, bundles checked.
 */
import type { AnalysisContext, RiskTypeDef } from '@fenghuo/sdk';
import { SandboxHost as Host, type SandboxHost } from '@fenghuo/sdk/sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import {
  alarmEvent,
  bundleOf,
  direct,
  failure,
  hostWith,
  METER,
  recordingCtx,
  riskTypeSource,
  sensorSource,
  TOY,
} from './sandbox-fixtures.js';

let host: SandboxHost | undefined;
afterEach(() => {
  host?.dispose();
  host = undefined;
});

const TRIVIAL = `analyze(event, ctx, config) {
  const over = event.value - event.limit;
  return {
    tier: over > config.redAbove ? 'red' : over > 0 ? 'orange' : null,
    impactRadiusM: Math.max(0, over * 12.5),
    findings: [{ zh: '超限' + over, en: 'over by ' + over }],
    actions: [],
    data: { sensor: event.sensor.id, over },
  };
}`;

describe('sandbox: analyze', () => {
  it('returns for a trivial plugin exactly what the same analyze returns when called directly in Node', async () => {
    host = await hostWith(TRIVIAL);
    const def = direct<RiskTypeDef>(riskTypeSource(TRIVIAL));
    for (const [value, redAbove] of [
      [30, 10],
      [40, 10],
      [20, 10],
    ] as const) {
      const event = alarmEvent('demo', value);
      const inSandbox = await host.analyze(TOY, event, recordingCtx(), { redAbove });
      const inNode = await def.analyze(alarmEvent('demo', value), recordingCtx(), { redAbove });
      expect(inSandbox).toEqual(inNode);
    }
    expect((await host.analyze(TOY, alarmEvent('demo', 40), recordingCtx(), { redAbove: 10 })).tier).toBe(
      'red',
    );
  });

  it('reaches every ctx method of the caller with copied arguments and gives the plugin copies of the answers', async () => {
    host = await hostWith(`async analyze(event, ctx) {
      const opts = { limit: 2 };
      const h = await ctx.history(event.sensor.id, 'ch4', opts);
      opts.limit = 99; // changing the argument afterwards must not reach the host
      h[0].value = -1; // nor changing an answer
      const n = await ctx.neighbours(200, { metric: 'ch4' });
      const w = await ctx.within(300, { roles: ['target', 'hazard'], at: [120.1, 30.2] });
      const o = await ctx.object('VW-1');
      o.attributes.depthM = 1000;
      const wx = await ctx.weather();
      const th = await ctx.thresholds(event.sensor.id, 'ch4');
      return {
        tier: null,
        findings: [{ zh: ctx.now(), en: [h[1].value, n[0].id, w.length, o.attributes.depthM, wx.windFromDeg, th.red].join(',') }],
        actions: [],
      };
    }`);
    const ctx = recordingCtx();
    const result = await host.analyze(TOY, alarmEvent(), ctx, {});
    expect(result.findings).toEqual([{ zh: '2026-11-29T08:00:05.000Z', en: '30,GAS-2,1,1000,90,50' }]);
    expect(ctx.calls).toEqual([
      ['history', ['GAS-1', 'ch4', { limit: 2 }]],
      ['neighbours', [200, { metric: 'ch4' }]],
      ['within', [300, { roles: ['target', 'hazard'], at: [120.1, 30.2] }]],
      ['object', ['VW-1']],
      ['weather', []],
      ['thresholds', ['GAS-1', 'ch4']],
    ]);
    // What the host handed out was not changed by the plugin's writes to its copies.
    expect((ctx.handedOut[0] as { value: number }[])[0]!.value).toBe(20);
    expect((ctx.handedOut[3] as { attributes: { depthM: number } }).attributes.depthM).toBe(2);
  });

  it('passes the event and config in as copies: what the plugin changes stays inside', async () => {
    host = await hostWith(`analyze(event, ctx, config) {
      event.value = 999; event.sensor.id = 'X'; event.object.attributes.depthM = -5; config.k = 'changed';
      return { tier: null, findings: [], actions: [] };
    }`);
    const event = alarmEvent();
    const before = structuredClone(event);
    const config = { k: 'v' };
    await host.analyze(TOY, event, recordingCtx(), config);
    expect(event).toEqual(before);
    expect(config).toEqual({ k: 'v' });
  });

  it('throws a ctx call with bad arguments into the plugin as FH_SANDBOX_CTX_INVALID, without calling the host', async () => {
    host = await hostWith(`async analyze(event, ctx) {
      const codes = [];
      for (const call of [
        () => ctx.history(42, 'ch4'),
        () => ctx.history('GAS-1'),
        () => ctx.within(-1),
        () => ctx.within(100, { roles: ['everyone'] }),
        () => ctx.neighbours(100, { metric: 'ch4', extra: true }),
        () => ctx.object('x'.repeat(5000)),
        () => ctx.thresholds('GAS-1', 'ch4', 'extra'),
      ]) {
        try { await call(); codes.push('accepted'); } catch (e) { codes.push(e.code + ' ' + (e.message.includes('ctx.') ? 'named' : '')); }
      }
      return { tier: null, findings: codes.map((c) => ({ zh: c, en: c })), actions: [] };
    }`);
    const ctx = recordingCtx();
    const result = await host.analyze(TOY, alarmEvent(), ctx, {});
    expect(result.findings.map((f) => f.en)).toEqual(Array(7).fill('FH_SANDBOX_CTX_INVALID named'));
    expect(ctx.calls).toEqual([]);
  });

  it('hands a coded host error (a sensor of another city) to the plugin with its code and message', async () => {
    host = await hostWith(`async analyze(event, ctx) {
      try { await ctx.history('OTHER-CITY-1', 'ch4'); return { tier: 'red', findings: [], actions: [] }; }
      catch (e) { return { tier: null, findings: [{ zh: e.code, en: e.message }], actions: [] }; }
    }`);
    const { coreErrors } = await import('../src/errors.js');
    const ctx = recordingCtx({
      history: async (sensor) => {
        throw coreErrors.ANALYSIS_SENSOR_UNKNOWN({ sensor, city: 'demo' });
      },
    });
    const result = await host.analyze(TOY, alarmEvent(), ctx, {});
    expect(result.findings).toEqual([
      {
        zh: 'FH_ANALYSIS_SENSOR_UNKNOWN',
        en: 'analysis asked for sensor OTHER-CITY-1, which is not in city demo',
      },
    ]);
  });

  it('rethrows a platform failure inside ctx (the database) to the caller, hides it from the plugin and does not count it', async () => {
    host = await hostWith(
      `async analyze(event, ctx) {
        try { await ctx.weather(); } catch (e) { throw new Error('plugin saw: ' + e.message); }
        return { tier: null, findings: [], actions: [] };
      }`,
      { quarantineAfter: 2 },
    );
    const dbDown = new Error('connection terminated: password=secret host=db.internal');
    const ctx = recordingCtx({
      weather: async () => {
        throw dbDown;
      },
    });
    for (let i = 0; i < 3; i++) await expect(host.analyze(TOY, alarmEvent(), ctx, {})).rejects.toBe(dbDown);
    expect(host.isQuarantined('demo', TOY)).toBe(false);
  });

  it('limits the ctx calls of one analysis with FH_SANDBOX_CTX_LIMIT', async () => {
    host = await hostWith(
      `async analyze(event, ctx) {
        let n = 0;
        try { for (;;) { await ctx.weather(); n++; } } catch (e) { return { tier: null, findings: [{ zh: e.code, en: String(n) }], actions: [] }; }
      }`,
      { maxCtxCalls: 5 },
    );
    const ctx = recordingCtx();
    const result = await host.analyze(TOY, alarmEvent(), ctx, {});
    expect(result.findings).toEqual([{ zh: 'FH_SANDBOX_CTX_LIMIT', en: '5' }]);
    expect(ctx.calls).toHaveLength(5);
  });

  it('reuses the isolate and its compiled bundle across calls, and makes one context per city', async () => {
    host = await hostWith(TRIVIAL);
    const ctx = recordingCtx();
    await host.analyze(TOY, alarmEvent('demo'), ctx, { redAbove: 1 });
    await host.analyze(TOY, alarmEvent('demo'), ctx, { redAbove: 1 });
    await host.analyze(TOY, alarmEvent('demo'), ctx, { redAbove: 1 });
    expect(host.stats(TOY)).toMatchObject({
      compiles: 1,
      rebuilds: 0,
      contextsCreated: 1,
      calls: 3,
      failures: 0,
    });
    await host.analyze(TOY, alarmEvent('other-city'), ctx, { redAbove: 1 });
    expect(host.stats(TOY)).toMatchObject({ compiles: 1, contextsCreated: 2, contexts: 2, calls: 4 });
    const stats = host.stats(TOY)!;
    expect(stats.last!.wallMs).toBeGreaterThan(0);
    expect(stats.wallMs).toBeGreaterThanOrEqual(stats.last!.wallMs);
  });

  it('keeps the contexts of the most recent cities only, up to the limit, and remakes an evicted one', async () => {
    host = await hostWith(TRIVIAL, { maxContexts: 2 });
    for (const city of ['a', 'b', 'c', 'b', 'a'])
      await host.analyze(TOY, alarmEvent(city), recordingCtx(), { redAbove: 1 });
    // a, b, c made; c evicted a; b was kept (recently used); a made again, evicting c.
    expect(host.stats(TOY)).toMatchObject({ contexts: 2, contextsCreated: 4, compiles: 1 });
  });

  it("keeps cities apart: what a plugin leaves in its globals during one city's call is not seen in another city's", async () => {
    host = await hostWith(`analyze(event) {
      const seen = globalThis.lastEvent ? globalThis.lastEvent.city + ':' + globalThis.lastEvent.value : 'nothing';
      globalThis.lastEvent = event;
      return { tier: null, findings: [{ zh: seen, en: seen }], actions: [] };
    }`);
    const seen = async (city: string, value: number) =>
      (await host!.analyze(TOY, alarmEvent(city, value), recordingCtx(), {})).findings[0]!.en;
    expect(await seen('city-a', 31)).toBe('nothing');
    expect(await seen('city-a', 32)).toBe('city-a:31');
    expect(await seen('city-b', 33)).toBe('nothing');
    expect(await seen('city-a', 34)).toBe('city-a:32');
  });

  it('runs the calls of one plugin version one at a time, in order', async () => {
    host = await hostWith(`async analyze(event, ctx) {
      await ctx.weather();
      return { tier: null, findings: [{ zh: String(event.value), en: ctx.now() }], actions: [] };
    }`);
    const order: number[] = [];
    let running = 0;
    let overlap = false;
    const slowCtx = (i: number): AnalysisContext =>
      recordingCtx({
        weather: async () => {
          running++;
          if (running > 1) overlap = true;
          await new Promise((r) => setTimeout(r, 5));
          order.push(i);
          running--;
          return null;
        },
      });
    const results = await Promise.all(
      [1, 2, 3, 4].map((i) => host!.analyze(TOY, alarmEvent('demo', i), slowCtx(i), {})),
    );
    expect(results.map((r) => r.findings[0]!.zh)).toEqual(['1', '2', '3', '4']);
    expect(order).toEqual([1, 2, 3, 4]);
    expect(overlap).toBe(false);
  });

  it('refuses calls beyond the queue limit with FH_SANDBOX_BUSY and runs the others', async () => {
    host = await hostWith(
      `async analyze(event, ctx) { await ctx.weather(); return { tier: null, findings: [], actions: [] }; }`,
      { maxQueue: 2 },
    );
    const ctx = recordingCtx({
      weather: () => new Promise((r) => setTimeout(() => r(null), 20)),
    });
    const calls = [1, 2, 3, 4, 5].map((i) =>
      host!.analyze(TOY, alarmEvent('demo', i), ctx, {}).then(
        () => 'ok',
        (e) => e.code,
      ),
    );
    expect(await Promise.all(calls)).toEqual(['ok', 'ok', 'ok', 'FH_SANDBOX_BUSY', 'FH_SANDBOX_BUSY']);
  });

  it('abandons a call waiting on ctx beyond the wall-clock limit with FH_SANDBOX_TIMEOUT; it never resumes', async () => {
    host = await hostWith(
      `async analyze(event, ctx) {
        globalThis.started = (globalThis.started || 0) + 1;
        await ctx.weather();
        globalThis.resumed = (globalThis.resumed || 0) + 1;
        return { tier: null, findings: [{ zh: globalThis.started + ':' + globalThis.resumed, en: '' }], actions: [] };
      }`,
      { wallTimeoutMs: 150 },
    );
    let answer: ((v: null) => void) | undefined;
    const hanging = recordingCtx({ weather: () => new Promise((r) => (answer = r)) });
    const started = performance.now();
    const err = await failure(host.analyze(TOY, alarmEvent(), hanging, {}));
    expect(err.code).toBe('FH_SANDBOX_TIMEOUT');
    expect(err.message).toContain('wall-clock');
    expect(performance.now() - started).toBeLessThan(1_000);
    answer!(null); // too late: dropped, so the abandoned call's code never runs again
    await new Promise((r) => setTimeout(r, 20));
    const next = await host.analyze(TOY, alarmEvent(), recordingCtx({ weather: async () => null }), {});
    expect(next.findings[0]!.zh).toBe('2:1');
  });
});

describe('sandbox: decode', () => {
  const DECODER = `decode(payload, meta) {
    if (payload instanceof Uint8Array) {
      if (payload.length !== 4) throw new RangeError('expected 4 bytes, got ' + payload.length);
      const v = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
      return [{ ts: meta.receivedAt, values: { ch4: v.getUint16(0) / 100, battery: payload[2], tamper: payload[3] & 1 } }];
    }
    return payload.channels.map((c) => ({ ts: payload.ts, values: { [c.name]: c.value } }));
  }`;
  const meta = { city: 'demo', sensor: 'GAS-1', receivedAt: '2026-11-29T08:00:00.000Z' };

  it('decodes a binary payload to checked readings', async () => {
    host = new Host();
    await host.load(METER, bundleOf(sensorSource(DECODER)));
    const readings = await host.decode(METER, Uint8Array.from([0x04, 0xd2, 87, 1]), meta);
    expect(readings).toEqual([{ ts: meta.receivedAt, values: { ch4: 12.34, battery: 87, tamper: 1 } }]);
  });

  it('copies only the bytes of a Buffer that is a view into a larger pool', async () => {
    host = new Host();
    await host.load(METER, bundleOf(sensorSource(DECODER)));
    const pooled = Buffer.from([0x00, 0x64, 50, 0]);
    expect(pooled.buffer.byteLength).toBeGreaterThan(4);
    expect(await host.decode(METER, pooled, meta)).toEqual([
      { ts: meta.receivedAt, values: { ch4: 1, battery: 50, tamper: 0 } },
    ]);
  });

  it('decodes a JSON payload and gives the plugin only the sensor and the time received', async () => {
    host = new Host();
    await host.load(
      METER,
      bundleOf(
        sensorSource(`decode(payload, meta) {
          return payload.channels.map((c) => ({ ts: payload.ts, values: { [c.name]: c.value, keys: Object.keys(meta).length } }));
        }`),
      ),
    );
    const readings = await host.decode(
      METER,
      {
        ts: '2026-11-29T08:00:00Z',
        channels: [
          { name: 'strain', value: 120.5 },
          { name: 'tilt', value: -0.2 },
        ],
      },
      meta,
    );
    expect(readings).toEqual([
      { ts: '2026-11-29T08:00:00Z', values: { strain: 120.5, keys: 2 } },
      { ts: '2026-11-29T08:00:00Z', values: { tilt: -0.2, keys: 2 } },
    ]);
  });

  it('refuses analyze on a sensor plugin with FH_SANDBOX_BUNDLE_INVALID', async () => {
    host = new Host();
    await host.load(METER, bundleOf(sensorSource(DECODER)));
    const err = await failure(host.analyze(METER, alarmEvent(), recordingCtx(), {}));
    expect(err.code).toBe('FH_SANDBOX_BUNDLE_INVALID');
    expect(err.message).toContain('sensor plugin and has no analyze');
  });
});

describe('sandbox: bundles', () => {
  const cases: [string, string, RegExp][] = [
    ['nothing assigned', 'var x = 1;', /does not assign an object to globalThis.__fenghuo_plugin__/],
    [
      'no function',
      `globalThis.__fenghuo_plugin__ = { id: 'toy', version: '1.0.0' };`,
      /neither an analyze nor a decode/,
    ],
    ['a syntax error', 'globalThis.__fenghuo_plugin__ = {', /SyntaxError/],
    ['top-level code that throws', `throw new TypeError('boom at load');`, /TypeError: boom at load/],
    ['top-level code that never ends', 'for (;;) {}', /top-level code ran longer than/],
    [
      'another id@version',
      bundleOf(riskTypeSource('analyze() {}', 'toy', '2.0.0')),
      /defines toy@2.0.0, not toy@1.0.0/,
    ],
  ];
  for (const [what, code, reason] of cases)
    it(`refuses a bundle with ${what} with FH_SANDBOX_BUNDLE_INVALID`, async () => {
      host = new Host({ loadTimeoutMs: 100 });
      const err = await failure(host.load(TOY, code));
      expect(err.code).toBe('FH_SANDBOX_BUNDLE_INVALID');
      expect(err.message).toMatch(reason);
      expect(host.loaded()).toEqual([]);
    });

  it('reports what it loaded and how long the cold load took; loading the same code again is a no-op', async () => {
    host = new Host();
    const code = bundleOf(riskTypeSource(TRIVIAL));
    const loaded = await host.load(TOY, code);
    expect(loaded).toMatchObject({
      key: TOY,
      id: 'toy',
      version: '1.0.0',
      kind: 'risk-type',
      bundleBytes: Buffer.byteLength(code),
    });
    expect(loaded.loadMs).toBeGreaterThan(0);
    await host.load(TOY, code);
    expect(host.stats(TOY)!.compiles).toBe(1);
  });

  it('refuses calls to a plugin that is not loaded, or unloaded while a call waits, with FH_SANDBOX_NOT_LOADED', async () => {
    host = await hostWith(
      `async analyze(event, ctx) { await ctx.weather(); return { tier: null, findings: [], actions: [] }; }`,
    );
    const ctx = recordingCtx({ weather: () => new Promise(() => {}) });
    const inFlight = failure(host.analyze(TOY, alarmEvent(), ctx, {}));
    const waiting = failure(host.analyze(TOY, alarmEvent(), ctx, {}));
    await new Promise((r) => setTimeout(r, 20));
    expect(host.unload(TOY)).toBe(true);
    expect((await inFlight).code).toBe('FH_SANDBOX_NOT_LOADED');
    expect((await waiting).code).toBe('FH_SANDBOX_NOT_LOADED');
    expect((await failure(host.analyze(TOY, alarmEvent(), ctx, {}))).code).toBe('FH_SANDBOX_NOT_LOADED');
    expect(host.stats(TOY)).toBeNull();
  });
});
