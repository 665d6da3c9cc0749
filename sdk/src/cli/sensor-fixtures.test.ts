import { Type } from '@sinclair/typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rehydrateDefinition, type SensorData } from '../rehydrate.js';
import { SandboxHost } from '../sandbox/index.js';
import type { SensorDef } from '../types.js';
import {
  assertSensorFixture,
  runSensorFixture,
  type SensorDecode,
  type SensorFixture,
  validateSensorFixture,
} from './sensor-fixtures.js';

/**
 * A sensor bundle written by hand (the contract without esbuild), run in the sandbox as `fenghuo plugin
 * test` runs it: two-byte frames, 0.1 cm per step; a first byte 0xff makes it loop forever, 0xfe makes it
 * report an unknown metric, 0xfd a value out of range.
 */
const CODE = `globalThis.__fenghuo_plugin__ = {
  id: 'hand-level', version: '1.0.0', vendor: 'ACME', model: 'H1',
  metrics: { depth: { schema: { type: 'number', minimum: 0, maximum: 100 }, unit: 'cm', name: { zh: '深度', en: 'Depth' } } },
  decode(payload, meta) {
    if (this.id !== 'hand-level') throw new Error('decode is called as a method of the plugin');
    if (Array.isArray(payload)) return payload.map((d) => ({ values: { depth: d } }));
    if (!(payload instanceof Uint8Array)) throw new TypeError('expected bytes from ' + meta.sensor);
    if (payload[0] === 0xff) for (;;) {}
    if (payload[0] === 0xfe) return [{ values: { width: 1 } }];
    if (payload[0] === 0xfd) return [{ values: { depth: 500 } }];
    if (payload.length !== 2) throw new Error('expected 2 bytes, got ' + payload.length);
    return [{ ts: meta.receivedAt, values: { depth: ((payload[0] << 8) | payload[1]) / 10 } }];
  },
};`;

const KEY = 'hand-level@1.0.0';
const host = new SandboxHost({ timeoutMs: 200, quarantineAfter: Number.POSITIVE_INFINITY });
let sensor: SensorData;
beforeAll(async () => {
  sensor = rehydrateDefinition((await host.load(KEY, CODE)).definition, 'sensor');
});
afterAll(() => host.dispose());
const decode: SensorDecode = (payload, meta) => host.decode(KEY, payload, { city: 'test', ...meta });
const run = (f: Omit<SensorFixture, 'name'>) => runSensorFixture(sensor, decode, { name: 'f', ...f });
const problems = async (f: Omit<SensorFixture, 'name'>) => (await run(f)).problems;
const b64 = (...bytes: number[]) => Buffer.from(bytes).toString('base64');
const meta = { sensor: 'L-1', receivedAt: '2026-07-01T08:00:00Z' };

describe('sensor fixtures run in the sandbox', () => {
  it('hands base64 bytes to decode as a Uint8Array of the plugin realm and compares the readings exactly', async () => {
    expect(
      await run({ payload: b64(0x01, 0x2c), meta, expect: [{ ts: meta.receivedAt, values: { depth: 30 } }] }),
    ).toEqual({
      readings: [{ ts: meta.receivedAt, values: { depth: 30 } }],
      problems: [],
    });
    expect(await problems({ payload: b64(0x01, 0x2c), meta, expect: [{ values: { depth: 30 } }] })).toEqual([
      'decode returned [{"ts":"2026-07-01T08:00:00Z","values":{"depth":30}}], expected [{"values":{"depth":30}}]',
    ]);
  });

  it('passes a JSON payload as it is', async () => {
    expect(
      await problems({ payload: [1, 2], expect: [{ values: { depth: 1 } }, { values: { depth: 2 } }] }),
    ).toEqual([]);
  });

  it('expects an error whose message contains the text, and fails a decode that does not throw it', async () => {
    expect(await problems({ payload: b64(1, 2, 3), expect: { error: 'expected 2 bytes' } })).toEqual([]);
    expect(await problems({ payload: b64(1, 2, 3), expect: { error: 'bad checksum' } })).toEqual([
      'decode threw "Error: expected 2 bytes, got 3", expected an error containing "bad checksum"',
    ]);
    expect(await problems({ payload: b64(0x01, 0x2c), meta, expect: { error: 'anything' } })).toEqual([
      'decode returned [{"ts":"2026-07-01T08:00:00Z","values":{"depth":30}}], expected an error containing "anything"',
    ]);
    expect(await problems({ payload: { not: 'bytes' }, meta, expect: [] })).toEqual([
      'decode threw TypeError: expected bytes from L-1',
    ]);
  });

  it('reports a metric the plugin does not declare and a value outside its range', async () => {
    expect(await problems({ payload: b64(0xfe, 0), expect: [] })).toEqual([
      'reading 0: "width" is not a metric of hand-level (depth)',
    ]);
    expect(await problems({ payload: b64(0xfd, 0), expect: [] })).toEqual([
      'reading 0: depth 500 is outside its range [0, 100] cm',
    ]);
  });

  it("stops a decode that never returns with the sandbox's FH_SANDBOX_TIMEOUT", async () => {
    const started = Date.now();
    expect(await problems({ payload: b64(0xff, 0), expect: [] })).toEqual([
      'decode threw plugin hand-level@1.0.0: decode exceeded its CPU time limit of 200 ms [FH_SANDBOX_TIMEOUT]',
    ]);
    expect(Date.now() - started).toBeLessThan(2000);
    // The sandbox goes on serving the next payload.
    expect(await problems({ payload: [1], expect: [{ values: { depth: 1 } }] })).toEqual([]);
  });

  it('validates a fixture with paths: base64, the expect shape, unknown keys', () => {
    expect(() => validateSensorFixture({ name: 'x', payload: 'not base64!', expect: [] }, 'x.json')).toThrow(
      expect.objectContaining({
        code: 'FH_SDK_FIXTURE_INVALID',
        details: [expect.objectContaining({ path: '/payload', code: 'FH_SDK_FIXTURE_FIELD_INVALID' })],
      }),
    );
    const err = (() => {
      try {
        validateSensorFixture({ name: 'x', expect: { errors: 'typo' }, colour: 1 });
      } catch (e) {
        return e as { details: { path: string; message: string }[] };
      }
    })();
    expect(err?.details.map((d) => d.path).sort()).toEqual(['/colour', '/expect', '/payload']);
    expect(err?.details.find((d) => d.path === '/expect')?.message).toBe(
      '/expect: expected a list of readings { ts?, values }, or { "error": "text" }',
    );
  });
});

describe('assertSensorFixture (a plugin called directly, as in its own unit tests)', () => {
  const direct: SensorDef = {
    id: 'direct-level',
    version: '1.0.0',
    vendor: 'ACME',
    model: 'D1',
    metrics: {
      depth: {
        schema: Type.Number({ minimum: 0, maximum: 100 }),
        unit: 'cm',
        name: { zh: '深度', en: 'Depth' },
      },
    },
    decode(payload) {
      if (!(payload instanceof Uint8Array) || payload.length !== 2) throw new Error('expected 2 bytes');
      return [{ values: { depth: ((payload[0]! << 8) | payload[1]!) / 10 } }];
    },
  };

  it('passes when the readings or the error are the ones expected', () => {
    expect(() =>
      assertSensorFixture(direct, {
        name: 'ok',
        payload: b64(0x01, 0x2c),
        expect: [{ values: { depth: 30 } }],
      }),
    ).not.toThrow();
    expect(() =>
      assertSensorFixture(direct, {
        name: 'refused',
        payload: b64(0x01),
        expect: { error: 'expected 2 bytes' },
      }),
    ).not.toThrow();
  });

  it('throws with every problem when they are not', () => {
    expect(() =>
      assertSensorFixture(direct, {
        name: 'wrong',
        payload: b64(0x01, 0x2c),
        expect: [{ values: { depth: 31 } }],
      }),
    ).toThrow('wrong:\n  decode returned [{"values":{"depth":30}}], expected [{"values":{"depth":31}}]');
    expect(() =>
      assertSensorFixture(direct, {
        name: 'accepted',
        payload: b64(0x01),
        expect: [{ values: { depth: 1 } }],
      }),
    ).toThrow('decode threw expected 2 bytes');
  });
});
