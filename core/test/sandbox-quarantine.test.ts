/**
 * Quarantine: a plugin version that keeps failing for a city is disabled there (and core is told, to
 * raise an operator alarm) while other cities and plugins keep running; an operator releases it.
 */

import { SandboxHost as Host, type QuarantineRecord, type SandboxHost } from '@fenghuo/sdk/sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import {
  alarmEvent,
  bundleOf,
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

/** Throws on a negative value, answers otherwise. */
const FLAKY = `analyze(event) {
  if (event.value < 0) throw new Error('negative reading ' + event.value);
  return { tier: null, findings: [{ zh: 'ok', en: 'ok' }], actions: [] };
}`;
const call = (h: SandboxHost, value: number, city = 'demo') =>
  h.analyze(TOY, alarmEvent(city, value), recordingCtx(), {});

describe('sandbox: quarantine', () => {
  it('quarantines a plugin for a city after 5 failures in a row, tells the listeners once, and refuses its calls there', async () => {
    host = await hostWith(FLAKY);
    const told: QuarantineRecord[] = [];
    host.onQuarantine((q) => told.push(q));
    for (let i = 0; i < 5; i++) expect((await failure(call(host, -1))).code).toBe('FH_SANDBOX_THREW');
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({
      city: 'demo',
      key: TOY,
      failures: 5,
      lastError: {
        code: 'FH_SANDBOX_THREW',
        message: 'plugin toy@1.0.0: analyze threw Error: negative reading -1',
      },
    });
    expect(Date.parse(told[0]!.since)).not.toBeNaN();

    const callsBefore = host.stats(TOY)!.calls;
    const refused = await failure(call(host, 30));
    expect(refused.code).toBe('FH_SANDBOX_QUARANTINED');
    expect(refused.message).toContain('city demo after 5 consecutive failures (last: FH_SANDBOX_THREW)');
    expect(host.stats(TOY)!.calls).toBe(callsBefore); // refused before running
    expect(host.isQuarantined('demo', TOY)).toBe(true);
    expect(host.quarantined()).toEqual([told[0]]);
    expect(told).toHaveLength(1);

    // Other cities are not affected.
    expect((await call(host, 30, 'other-city')).findings[0]!.en).toBe('ok');
  });

  it('runs the plugin again for the city once an operator releases it', async () => {
    host = await hostWith(FLAKY, { quarantineAfter: 2 });
    await failure(call(host, -1));
    await failure(call(host, -1));
    expect((await failure(call(host, 30))).code).toBe('FH_SANDBOX_QUARANTINED');
    expect(host.release('demo', TOY)).toBe(true);
    expect(host.release('demo', TOY)).toBe(false);
    expect(host.quarantined()).toEqual([]);
    expect((await call(host, 30)).findings[0]!.en).toBe('ok');
    // The count starts again from zero.
    await failure(call(host, -1));
    expect(host.isQuarantined('demo', TOY)).toBe(false);
  });

  it('resets the count on a success: failures must be consecutive', async () => {
    host = await hostWith(FLAKY);
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 4; i++) await failure(call(host, -1));
      await call(host, 30);
    }
    expect(host.isQuarantined('demo', TOY)).toBe(false);
  });

  it('counts time-outs, memory, bad and too-large results, but not refusals that are not the plugin’s doing', async () => {
    host = await hostWith(
      `async analyze(event, ctx) {
        if (event.value === -1) for (;;) {}
        if (event.value === -2) return { tier: 'purple' };
        if (event.value === -3) return { tier: null, findings: [{ zh: 'x'.repeat(3000), en: '' }], actions: [] };
        if (event.value === -4) { const a = []; for (;;) a.push(new Array(1000).fill(1)); }
        await ctx.weather();
        return { tier: null, findings: [], actions: [] };
      }`,
      // A time limit well above what the 16 MB memory bomb needs, even on a busy machine (the limit is
      // wall-clock inside isolated-vm), so that each failure is the kind the test means.
      { quarantineAfter: 4, maxResultBytes: 1000, timeoutMs: 1500, memoryMb: 16 },
    );
    const codes = [];
    for (const v of [-1, -2, -3]) codes.push((await failure(call(host, v))).code);
    // A platform failure inside ctx is the host's: not counted.
    const dbDown = new Error('database unavailable');
    await expect(
      host.analyze(TOY, alarmEvent('demo', 1), recordingCtx({ weather: () => Promise.reject(dbDown) }), {}),
    ).rejects.toBe(dbDown);
    expect(host.isQuarantined('demo', TOY)).toBe(false);
    codes.push((await failure(call(host, -4))).code);
    expect(codes).toEqual([
      'FH_SANDBOX_TIMEOUT',
      'FH_SANDBOX_BAD_RESULT',
      'FH_SANDBOX_RESULT_TOO_LARGE',
      'FH_SANDBOX_MEMORY',
    ]);
    expect(host.quarantined()).toMatchObject([
      { city: 'demo', key: TOY, failures: 4, lastError: { code: 'FH_SANDBOX_MEMORY' } },
    ]);
  });

  it('keeps quarantines per plugin version: a new version starts clean', async () => {
    host = new Host({ quarantineAfter: 1 });
    await host.load(TOY, bundleOf(riskTypeSource(FLAKY)));
    await host.load('toy@1.0.1', bundleOf(riskTypeSource(FLAKY, 'toy', '1.0.1')));
    await failure(call(host, -1));
    expect(host.isQuarantined('demo', TOY)).toBe(true);
    const next = await host.analyze('toy@1.0.1', alarmEvent('demo', 30), recordingCtx(), {});
    expect(next.findings[0]!.en).toBe('ok');
  });

  it('keeps working when a quarantine listener throws, and stops telling a listener that unsubscribed', async () => {
    const errors: unknown[] = [];
    host = new Host({
      quarantineAfter: 1,
      log: { debug() {}, info() {}, warn() {}, error: (obj) => errors.push(obj) },
    });
    await host.load(TOY, bundleOf(riskTypeSource(FLAKY)));
    const told: string[] = [];
    host.onQuarantine(() => {
      throw new Error('alarm service down');
    });
    const off = host.onQuarantine((q) => told.push(q.city));
    expect((await failure(call(host, -1, 'a'))).code).toBe('FH_SANDBOX_THREW');
    off();
    await failure(call(host, -1, 'b'));
    expect(told).toEqual(['a']);
    expect(errors).toHaveLength(2);
    expect(host.quarantined().map((q) => q.city)).toEqual(['a', 'b']);
  });

  it('does not count a decode that refuses its payload (throws), but counts its endless loops', async () => {
    host = new Host({ quarantineAfter: 3, timeoutMs: 50 });
    await host.load(
      METER,
      bundleOf(
        sensorSource(`decode(payload) {
          if (payload.length === 1) throw new Error('garbage frame');
          if (payload.length === 2) { for (;;) {} }
          return [{ values: { ch4: payload[0] } }];
        }`),
      ),
    );
    const meta = { city: 'demo', sensor: 'GAS-1', receivedAt: '2026-11-29T08:00:00Z' };
    // A broken device (or anyone with a device token) sends garbage: each is refused, none counts.
    for (let i = 0; i < 10; i++) {
      expect((await failure(host.decode(METER, new Uint8Array([i]), meta))).code).toBe('FH_SANDBOX_THREW');
    }
    expect(host.isQuarantined('demo', METER)).toBe(false);
    expect(await host.decode(METER, new Uint8Array([7, 0, 0]), meta)).toEqual([{ values: { ch4: 7 } }]);
    // Endless loops are the plugin's fault; refusals between them neither count nor reset the count.
    for (let i = 0; i < 3; i++) {
      expect((await failure(host.decode(METER, new Uint8Array([1, 2]), meta))).code).toBe(
        'FH_SANDBOX_TIMEOUT',
      );
      await failure(host.decode(METER, new Uint8Array([9]), meta));
    }
    expect(host.isQuarantined('demo', METER)).toBe(true);
  });

  it('quarantines a plugin that fails only every other call, by its failure rate over the last calls', async () => {
    host = new Host({ quarantineAfter: 5, quarantineWindow: 10, quarantineRate: 0.5 });
    await host.load(TOY, bundleOf(riskTypeSource(FLAKY)));
    const told: QuarantineRecord[] = [];
    host.onQuarantine((q) => told.push(q));
    // Alternating: never two failures in a row, so the in-a-row rule never trips.
    for (let i = 0; i < 9; i++) {
      if (i % 2 === 0) await failure(call(host, -1));
      else await call(host, 30);
    }
    expect(host.isQuarantined('demo', TOY)).toBe(false);
    await call(host, 30); // the window is full now: 5 of 10 failed, but the last call succeeded
    expect(host.isQuarantined('demo', TOY)).toBe(false);
    await failure(call(host, -1)); // 5 of the last 10 (the oldest failure dropped out, this one came in)
    expect(told).toEqual([
      expect.objectContaining({ city: 'demo', key: TOY, rule: 'rate', failures: 5, calls: 10 }),
    ]);
    expect((await failure(call(host, 30))).code).toBe('FH_SANDBOX_QUARANTINED');
    // Other cities keep their own count; a mostly healthy plugin is never caught.
    for (let i = 0; i < 30; i++) {
      if (i % 4 === 0) await failure(call(host, -1, 'other'));
      else await call(host, 30, 'other');
    }
    expect(host.isQuarantined('other', TOY)).toBe(false);
  });
});
