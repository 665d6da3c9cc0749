import { describe, expect, it } from 'vitest';
import { loadBundle } from '../bundle/load.js';
import type { SensorDef } from '../types.js';
import {
  assertSensorFixture,
  runSensorFixture,
  type SensorFixture,
  validateSensorFixture,
} from './sensor-fixtures.js';

/**
 * A sensor bundle written by hand (the contract without esbuild): two-byte frames, 0.1 cm per step; a
 * first byte 0xff makes it loop forever, 0xfe makes it report an unknown metric, 0xfd a value out of range.
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

const { def, context } = loadBundle(CODE);
const sensor = def as SensorDef;
const run = (f: Omit<SensorFixture, 'name'>) => runSensorFixture(sensor, context, { name: 'f', ...f }, 200);
const b64 = (...bytes: number[]) => Buffer.from(bytes).toString('base64');
const meta = { sensor: 'L-1', receivedAt: '2026-07-01T08:00:00Z' };

describe('sensor fixtures', () => {
  it('hands base64 bytes to decode as a Uint8Array of the plugin realm and compares the readings exactly', () => {
    expect(
      run({ payload: b64(0x01, 0x2c), meta, expect: [{ ts: meta.receivedAt, values: { depth: 30 } }] }),
    ).toEqual({
      readings: [{ ts: meta.receivedAt, values: { depth: 30 } }],
      problems: [],
    });
    expect(run({ payload: b64(0x01, 0x2c), meta, expect: [{ values: { depth: 30 } }] }).problems).toEqual([
      'decode returned [{"ts":"2026-07-01T08:00:00Z","values":{"depth":30}}], expected [{"values":{"depth":30}}]',
    ]);
  });

  it('passes a JSON payload as it is', () => {
    expect(
      run({ payload: [1, 2], expect: [{ values: { depth: 1 } }, { values: { depth: 2 } }] }).problems,
    ).toEqual([]);
  });

  it('expects an error whose message contains the text, and fails a decode that does not throw it', () => {
    expect(run({ payload: b64(1, 2, 3), expect: { error: 'expected 2 bytes' } }).problems).toEqual([]);
    expect(run({ payload: b64(1, 2, 3), expect: { error: 'bad checksum' } }).problems).toEqual([
      'decode threw "Error: expected 2 bytes, got 3", expected an error containing "bad checksum"',
    ]);
    expect(run({ payload: b64(0x01, 0x2c), meta, expect: { error: 'anything' } }).problems).toEqual([
      'decode returned [{"ts":"2026-07-01T08:00:00Z","values":{"depth":30}}], expected an error containing "anything"',
    ]);
    expect(run({ payload: { not: 'bytes' }, meta, expect: [] }).problems).toEqual([
      'decode threw TypeError: expected bytes from L-1',
    ]);
  });

  it('reports a metric the plugin does not declare and a value outside its range', () => {
    expect(run({ payload: b64(0xfe, 0), expect: [] }).problems).toEqual([
      'reading 0: "width" is not a metric of hand-level (depth)',
    ]);
    expect(run({ payload: b64(0xfd, 0), expect: [] }).problems).toEqual([
      'reading 0: depth 500 is outside its range [0, 100] cm',
    ]);
  });

  it('stops a decode that never returns', () => {
    const started = Date.now();
    const { problems } = run({ payload: b64(0xff, 0), expect: [] });
    expect(problems).toEqual([expect.stringContaining('Script execution timed out')]);
    expect(Date.now() - started).toBeLessThan(2000);
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
    metrics: sensor.metrics,
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
