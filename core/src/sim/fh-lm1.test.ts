import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// The device side is written independently of the plugin; the plugin's decoder is the judge.
import { crc8, decodeFrame } from '../../../plugins/lorawan-methane/src/frame.js';
import { REPO_ROOT } from '../config.js';
import {
  crc8Smbus,
  encodeFhlm1,
  fhlm1Device,
  LOW_BATTERY_PCT,
  RELAY_ALARM_LEL,
  STATUS_ALARM_RELAY,
  STATUS_LOW_BATTERY,
  STATUS_SENSOR_FAULT,
  STATUS_TAMPER,
} from './fh-lm1.js';
import { Random } from './random.js';

const hex = (b: Uint8Array) => [...b].map((x) => x.toString(16).toUpperCase().padStart(2, '0')).join(' ');
const README = readFileSync(join(REPO_ROOT, 'plugins', 'lorawan-methane', 'README.md'), 'utf8');

describe('FH-LM1 frame encoder', () => {
  it('gives the CRC-8/SMBUS check value 0xf4 for "123456789" and agrees with the plugin on any bytes', () => {
    expect(crc8Smbus(new TextEncoder().encode('123456789'))).toBe(0xf4);
    const rnd = new Random(5);
    for (let n = 0; n < 200; n++) {
      const bytes = Array.from({ length: 1 + (n % 12) }, () => Math.floor(rnd.next() * 256));
      expect(crc8Smbus(bytes)).toBe(crc8(bytes));
    }
  });

  it('encodes the two example frames of the plugin README byte for byte', () => {
    const plain = encodeFhlm1({ ch4: 12.3, battery: 87, status: 0 });
    expect(README).toContain(`Example: \`${hex(plain)}\` → CH4 12.3 %LEL, battery 87 %, no status bits`);
    expect(hex(plain)).toBe('11 00 7B 57 00 BC');
    const stamped = encodeFhlm1({
      ch4: 50,
      battery: 64,
      status: STATUS_TAMPER | STATUS_ALARM_RELAY,
      atMs: Date.parse('2026-11-29T00:00:00Z'),
    });
    expect(README).toContain(
      `With a timestamp: \`${hex(stamped)}\` → 50 %LEL, 64 %, tamper + relay, 2026-11-29T00:00:00Z.`,
    );
    expect(hex(stamped)).toBe('12 01 F4 40 05 6B 0B 6B 00 66');
  });

  it('round-trips through the plugin’s decoder: 0.1 %LEL steps, battery, status bits and device time', () => {
    const rnd = new Random(11);
    for (let n = 0; n < 500; n++) {
      const ch4 = rnd.next() * 100;
      const battery = Math.round(rnd.next() * 100);
      const status = Math.floor(rnd.next() * 16) & ~STATUS_SENSOR_FAULT;
      const atMs = n % 2 ? 1_700_000_000_000 + Math.floor(rnd.next() * 1e11) : undefined;
      const frame = encodeFhlm1({ ch4, battery, status, ...(atMs === undefined ? {} : { atMs }) });
      expect(frame).toHaveLength(atMs === undefined ? 6 : 10);
      const [reading, ...more] = decodeFrame(frame);
      expect(more).toEqual([]);
      expect(reading!.values).toEqual({
        ch4: Math.round(ch4 * 10) / 10,
        battery,
        tamper: status & STATUS_TAMPER ? 1 : 0,
        sensor_fault: 0,
      });
      expect(reading!.ts).toBe(
        atMs === undefined ? undefined : new Date(Math.floor(atMs / 1000) * 1000).toISOString(),
      );
    }
  });

  it('sends a saturated cell as 100 %LEL and leaves out what the device does not know', () => {
    expect(decodeFrame(encodeFhlm1({ ch4: 140, battery: 50, status: 0 }))[0]!.values['ch4']).toBe(100);
    expect(decodeFrame(encodeFhlm1({ ch4: -0.2, battery: 50, status: 0 }))[0]!.values['ch4']).toBe(0);
    expect(decodeFrame(encodeFhlm1({ ch4: null, battery: null, status: 0 }))[0]!.values).toEqual({
      tamper: 0,
      sensor_fault: 0,
    });
    expect(decodeFrame(encodeFhlm1({ ch4: 3, battery: 40, status: STATUS_SENSOR_FAULT }))[0]!.values).toEqual(
      { battery: 40, tamper: 0, sensor_fault: 1 },
    );
  });

  it('plays a detector: relay at its alarm point, battery draining to the low-battery flag', () => {
    const t0 = Date.parse('2026-11-29T00:00:00Z');
    const device = fhlm1Device(LOW_BATTERY_PCT + 1, t0);
    const calm = device.frame(RELAY_ALARM_LEL - 0.1, t0, false);
    expect(calm[4]).toBe(0);
    expect(calm[3]).toBe(LOW_BATTERY_PCT + 1);
    const alarmed = device.frame(RELAY_ALARM_LEL, t0, false);
    expect(alarmed[4]).toBe(STATUS_ALARM_RELAY);
    // About 1 % a month: two months later the battery is under the flag.
    const later = device.frame(1, t0 + 60 * 86_400_000, true);
    expect(later[4]).toBe(STATUS_LOW_BATTERY);
    expect(decodeFrame(later)[0]).toEqual({
      ts: new Date(t0 + 60 * 86_400_000).toISOString(),
      values: { ch4: 1, battery: LOW_BATTERY_PCT - 1, tamper: 0, sensor_fault: 0 },
    });
  });
});
