import { assertSensorFixture, loadSensorFixtures } from '@fenghuo/sdk/testing';
import { describe, expect, it } from 'vitest';
import plugin from './index.js';
import { decodeMessage, messageOf } from './logger.js';

const meta = { sensor: 'BR-LOG-7', receivedAt: '2026-11-29T00:00:05Z' };
const deflection = (value: number) => ({ ch: 1, type: 'deflection', value, unit: 'mm' });

describe('messageOf', () => {
  it('takes an object, JSON text and UTF-8 bytes of JSON text alike', () => {
    const m = { logger: 'BL-7', channels: [{ ch: 2, type: 'strain', value: 1, unit: 'με' }] };
    const text = JSON.stringify(m);
    expect(messageOf(m)).toBe(m);
    expect(messageOf(text)).toEqual(m);
    expect(messageOf(new TextEncoder().encode(text))).toEqual(m);
    // MQTT hands the plugin a Buffer-backed view into a larger pool; a byte order mark is skipped.
    const pooled = new TextEncoder().encode(`xx\ufeff${JSON.stringify(m, null, 2)}\r\nyy`);
    expect(messageOf(pooled.subarray(2, pooled.length - 2))).toEqual(m);
  });

  it('refuses bytes that are not UTF-8, text that is not JSON and JSON that is not an object', () => {
    expect(() => messageOf(new Uint8Array([0x7b, 0xce, 0x7d]))).toThrow('not UTF-8 text');
    expect(() => messageOf(new Uint8Array([0x7b, 0xed, 0xa0, 0x80, 0x7d]))).toThrow(
      'not UTF-8 text: encoded surrogate U+D800 at byte 1',
    );
    expect(() => messageOf('{"logger":')).toThrow('not JSON');
    expect(() => messageOf('[1,2]')).toThrow('expected a JSON object');
    expect(() => messageOf(42)).toThrow('expected a JSON object');
    expect(() => messageOf(null)).toThrow('expected a JSON object');
  });
});

describe('decodeMessage', () => {
  it('stamps a reading with the message time in UTC', () => {
    expect(decodeMessage({ time: '2026-11-29T08:00:00+08:00', channels: [deflection(3)] })).toEqual([
      { ts: '2026-11-29T00:00:00.000Z', values: { deflection: 3 } },
    ]);
  });

  it('leaves ts out when neither the sample nor the message has a time, and lets a sample inherit the message time', () => {
    expect(decodeMessage({ channels: [deflection(3)] })).toEqual([{ values: { deflection: 3 } }]);
    expect(decodeMessage({ time: '2026-11-29T00:00:00Z', samples: [{ channels: [deflection(4)] }] })).toEqual(
      [{ ts: '2026-11-29T00:00:00.000Z', values: { deflection: 4 } }],
    );
  });

  it('reads the top-level channels and the samples of one message together, untimed last', () => {
    expect(
      decodeMessage({
        channels: [deflection(1)],
        samples: [{ time: '2026-11-29T00:02:00Z', channels: [deflection(2)] }],
      }),
    ).toEqual([{ ts: '2026-11-29T00:02:00.000Z', values: { deflection: 2 } }, { values: { deflection: 1 } }]);
  });

  it('skips a sample with an unreadable time, keeps the others and refuses when none is left', () => {
    const good = { time: '2026-11-29T00:01:00Z', channels: [deflection(2)] };
    for (const time of [
      'yesterday',
      '2026-11-29 08:00',
      '2026-11-29T08:00:00',
      '2026-13-45T99:00:00Z',
      1764374400,
    ])
      expect(decodeMessage({ samples: [{ time, channels: [deflection(1)] }, good] })).toEqual([
        { ts: '2026-11-29T00:01:00.000Z', values: { deflection: 2 } },
      ]);
    expect(() => decodeMessage({ samples: [{ time: 'yesterday', channels: [deflection(1)] }] })).toThrow(
      'sample 0: time "yesterday" is not ISO 8601 with an offset',
    );
  });

  it('refuses a message without channels or samples, with samples that are not a list, or with nothing usable', () => {
    expect(() => decodeMessage({ logger: 'BL-7' })).toThrow('neither "channels" nor "samples"');
    expect(() => decodeMessage({ samples: {} })).toThrow('"samples" is not an array');
    expect(() => decodeMessage({ channels: [] })).toThrow(
      'no valid channel in the message / 报文中没有有效通道: no channels',
    );
    expect(() => decodeMessage({ channels: 'ch1=3' })).toThrow('message: "channels" is not an array');
    expect(() => decodeMessage({ samples: [7] })).toThrow('sample 0 is not an object');
  });

  it('lists at most five reasons in the error and counts the rest', () => {
    const bad = Array.from({ length: 8 }, (_, i) => ({ ch: i + 1, type: 'humidity', value: 50 }));
    expect(() => decodeMessage({ channels: bad })).toThrow(
      /channel 5: unknown channel type "humidity"; and 3 more$/,
    );
  });
});

describe('bridge-logger decode', () => {
  const fixtures = loadSensorFixtures(new URL('../test/fixtures/', import.meta.url));

  it('has fixtures for good messages and for refused ones', () => {
    expect(fixtures.filter((f) => Array.isArray(f.expect)).length).toBeGreaterThanOrEqual(2);
    expect(fixtures.filter((f) => !Array.isArray(f.expect)).length).toBeGreaterThanOrEqual(2);
  });

  for (const f of fixtures) it(`fixture: ${f.name}`, () => assertSensorFixture(plugin, f));

  it('only emits metric keys the plugin declares, all within their declared ranges', () => {
    const readings = plugin.decode(
      {
        channels: [deflection(-500), { ch: 9, type: 'wind', value: 60 }, { ch: 3, type: 'crack', value: 0 }],
      },
      meta,
    );
    for (const [metric, value] of Object.entries(readings[0]!.values)) {
      const schema = plugin.metrics[metric as keyof typeof plugin.metrics]!.schema;
      expect(value).toBeGreaterThanOrEqual(schema.minimum!);
      expect(value).toBeLessThanOrEqual(schema.maximum!);
    }
    expect(Object.keys(readings[0]!.values).sort()).toEqual(['crack_width', 'deflection', 'wind_speed']);
  });
});
