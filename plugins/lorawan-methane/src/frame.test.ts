import { assertSensorFixture, loadSensorFixtures } from '@fenghuo/sdk/testing';
import { describe, expect, it } from 'vitest';
import { crc8, decodeFrame, frameBytes } from './frame.js';
import plugin from './index.js';

/** A frame from its body, with the CRC-8 appended. */
const frame = (...body: number[]) => new Uint8Array([...body, crc8(body)]);
const meta = { sensor: 'VW-CH4-01', receivedAt: '2026-11-29T08:00:00Z' };

describe('crc8', () => {
  it('gives the CRC-8/SMBUS check value 0xf4 for "123456789"', () => {
    expect(crc8(new TextEncoder().encode('123456789'))).toBe(0xf4);
  });
});

describe('decodeFrame', () => {
  it('reads CH4 as big-endian tenths of %LEL, battery and each status bit', () => {
    expect(decodeFrame(frame(0x11, 0x01, 0x2c, 99, 0x01))).toEqual([
      { values: { ch4: 30, battery: 99, tamper: 1, sensor_fault: 0 } },
    ]);
    expect(decodeFrame(frame(0x11, 0x00, 0x05, 10, 0x0c))).toEqual([
      { values: { ch4: 0.5, battery: 10, tamper: 0, sensor_fault: 0 } },
    ]);
  });

  it('reports a saturated cell above 100 %LEL as 100 %LEL', () => {
    expect(decodeFrame(frame(0x11, 0x03, 0xe9, 50, 0x04))[0]!.values['ch4']).toBe(100);
    expect(decodeFrame(frame(0x11, 0xff, 0xfe, 50, 0x04))[0]!.values['ch4']).toBe(100);
  });

  it('leaves methane out while the cell warms up (0xFFFF) and battery out when unknown (0xFF)', () => {
    expect(decodeFrame(frame(0x11, 0xff, 0xff, 0xff, 0x00))).toEqual([
      { values: { tamper: 0, sensor_fault: 0 } },
    ]);
  });

  it('stamps a timestamped frame with the device time, and leaves ts out when the clock is unset', () => {
    const t = Date.UTC(2026, 10, 29, 8, 30, 15) / 1000;
    const ts = [t >>> 24, (t >>> 16) & 0xff, (t >>> 8) & 0xff, t & 0xff];
    expect(decodeFrame(frame(0x12, 0x00, 0x64, 80, 0x00, ...ts))).toEqual([
      { ts: '2026-11-29T08:30:15.000Z', values: { ch4: 10, battery: 80, tamper: 0, sensor_fault: 0 } },
    ]);
    expect(decodeFrame(frame(0x12, 0x00, 0x64, 80, 0x00, 0, 0, 0, 0))[0]!.ts).toBeUndefined();
    // Timestamps past 2038 (top bit set) stay unsigned.
    expect(decodeFrame(frame(0x12, 0x00, 0x64, 80, 0x00, 0x80, 0, 0, 0))[0]!.ts).toBe(
      '2038-01-19T03:14:08.000Z',
    );
  });

  it('refuses empty, short and long frames, unknown versions and types, a bad CRC and a bad battery byte', () => {
    expect(() => decodeFrame(new Uint8Array())).toThrow('empty frame');
    expect(() => decodeFrame(frame(0x11, 0x00, 0x7b, 87))).toThrow('must be 6 bytes, got 5');
    expect(() => decodeFrame(frame(0x11, 0x00, 0x7b, 87, 0x00, 0x00))).toThrow('must be 6 bytes, got 7');
    expect(() => decodeFrame(frame(0x21, 0x00, 0x7b, 87, 0x00))).toThrow('unsupported frame version 2');
    expect(() => decodeFrame(frame(0x13, 0x00, 0x7b, 87, 0x00))).toThrow('unknown frame type 3');
    const bad = frame(0x11, 0x00, 0x7b, 87, 0x00);
    bad[5]! ^= 0x01;
    expect(() => decodeFrame(bad)).toThrow('bad checksum');
    expect(() => decodeFrame(frame(0x11, 0x00, 0x7b, 101, 0x00))).toThrow('battery byte 101');
  });
});

describe('frameBytes', () => {
  it('takes raw bytes, a view into a larger buffer, a base64 string, a console hex string and a webhook object alike', () => {
    const f = frame(0x11, 0x00, 0x7b, 87, 0x00);
    const padded = new Uint8Array([9, ...f, 9]);
    const b64 = Buffer.from(f).toString('base64');
    const hex = Buffer.from(f).toString('hex').toUpperCase().match(/../g)!;
    expect(frameBytes(f)).toEqual(f);
    expect(frameBytes(padded.subarray(1, 7))).toEqual(f);
    expect(frameBytes(b64)).toEqual(f);
    expect(frameBytes(`${b64}\n`)).toEqual(f);
    expect(frameBytes(Buffer.from(f).toString('base64url'))).toEqual(f);
    expect(frameBytes(hex.join(' '))).toEqual(f);
    expect(frameBytes(hex.join(':'))).toEqual(f);
    expect(frameBytes({ data: b64 })).toEqual(f);
    expect(frameBytes({ data: b64, fPort: 10 })).toEqual(f);
  });

  it('refuses other shapes, text that is neither base64 nor hex, a webhook without data and a webhook on another port', () => {
    const other = 'expected bytes, a base64 or hex string, or { data: base64 }';
    expect(() => frameBytes(42)).toThrow(`${other}, got number`);
    expect(() => frameBytes([0x11])).toThrow(`${other}, got an array`);
    expect(() => frameBytes(null)).toThrow(`${other}, got null`);
    expect(() => frameBytes('not base64!')).toThrow('not base64: character "!" at index 10');
    expect(() => frameBytes('11 00 7')).toThrow('not hex: odd number of digits in the group at index 6');
    expect(() => frameBytes({ payload: 'EQB7' })).toThrow(`${other}, got an object without "data"`);
    expect(() => frameBytes({ data: 17 })).toThrow('the "data" of an uplink object must be a base64 string');
    expect(() => frameBytes({ data: 'EQB7', fPort: 1 })).toThrow('unexpected fPort 1');
  });
});

describe('lorawan-methane decode', () => {
  it('decodes a base64 string payload and a console hex string like its bytes', () => {
    const f = frame(0x11, 0x00, 0x7b, 87, 0x00);
    expect(plugin.decode(Buffer.from(f).toString('base64'), meta)).toEqual(plugin.decode(f, meta));
    expect(plugin.decode('11 00 7B 57 00 BC', meta)).toEqual(plugin.decode(f, meta));
  });

  it('refuses an empty payload as an empty frame, whichever form it comes in', () => {
    for (const empty of [new Uint8Array(), '', { data: '' }])
      expect(() => plugin.decode(empty, meta)).toThrow('empty frame');
  });

  const fixtures = loadSensorFixtures(new URL('../test/fixtures/', import.meta.url));

  it('has fixtures for good frames and for refused ones', () => {
    expect(fixtures.filter((f) => Array.isArray(f.expect)).length).toBeGreaterThanOrEqual(2);
    expect(fixtures.filter((f) => !Array.isArray(f.expect)).length).toBeGreaterThanOrEqual(2);
  });

  for (const f of fixtures) it(`fixture: ${f.name}`, () => assertSensorFixture(plugin, f));
});
