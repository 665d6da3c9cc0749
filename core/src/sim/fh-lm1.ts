/**
 * The simulated FH-LM1 valve-well methane detector: the binary LoRaWAN uplink that the `lorawan-methane`
 * sensor plugin decodes (layout in plugins/lorawan-methane/README.md). This is the device's side of the
 * protocol, written from the documented layout rather than imported from the plugin, so that a test can
 * hold the two against each other.
 */

/** The sensor plugin that decodes these frames (an inventory sensor's `decoder`). */
export const FHLM1_DECODER = 'lorawan-methane';

const VERSION = 1;
const TYPE_MEASUREMENT = 0x1;
const TYPE_MEASUREMENT_TS = 0x2;
const CH4_NOT_READY = 0xffff;
const BATTERY_UNKNOWN = 0xff;

export const STATUS_TAMPER = 0x01;
export const STATUS_SENSOR_FAULT = 0x02;
export const STATUS_ALARM_RELAY = 0x04;
export const STATUS_LOW_BATTERY = 0x08;

/** The detector's own alarm point: the relay is energised at or above this methane level (%LEL). */
export const RELAY_ALARM_LEL = 20;
/** The detector flags low battery at or below this charge (%). */
export const LOW_BATTERY_PCT = 20;

export interface Fhlm1Measurement {
  /** Methane in %LEL (0.1 %LEL steps on the wire; above 100 the cell reads saturated); `null` = warming up. */
  ch4: number | null;
  /** Charge in % (0–100), `null` when unknown. */
  battery: number | null;
  /** Status bits, `STATUS_*` or-ed together. */
  status: number;
  /** Device clock (ms since epoch): makes a type-2 frame carrying it; absent, a type-1 frame. */
  atMs?: number;
}

/**
 * CRC-8/SMBUS (polynomial 0x07, initial value 0x00, no reflection, no final XOR).
 *
 * @example
 * crc8Smbus(new TextEncoder().encode('123456789')); // 0xf4
 */
export function crc8Smbus(bytes: ArrayLike<number>): number {
  let crc = 0;
  for (let i = 0; i < bytes.length; i++) {
    crc ^= bytes[i]!;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x80 ? ((crc << 1) ^ 0x07) & 0xff : (crc << 1) & 0xff;
  }
  return crc;
}

/**
 * One uplink frame: type 1 (6 bytes) or, with `atMs`, type 2 (10 bytes, device time in whole seconds).
 *
 * @example
 * encodeFhlm1({ ch4: 12.3, battery: 87, status: 0 }); // 11 00 7B 57 00 BC
 */
export function encodeFhlm1(m: Fhlm1Measurement): Uint8Array {
  const stamped = m.atMs !== undefined;
  const frame = new Uint8Array(stamped ? 10 : 6);
  const view = new DataView(frame.buffer);
  view.setUint8(0, (VERSION << 4) | (stamped ? TYPE_MEASUREMENT_TS : TYPE_MEASUREMENT));
  // The cell's scale ends at 100 %LEL (1000 steps); the device never sends the reserved 0xFFFF for a value.
  view.setUint16(1, m.ch4 === null ? CH4_NOT_READY : Math.min(Math.max(Math.round(m.ch4 * 10), 0), 1000));
  view.setUint8(3, m.battery === null ? BATTERY_UNKNOWN : Math.min(Math.max(Math.round(m.battery), 0), 100));
  view.setUint8(4, m.status & 0x0f);
  if (stamped) view.setUint32(5, Math.max(0, Math.floor(m.atMs! / 1000)) >>> 0);
  frame[frame.length - 1] = crc8Smbus(frame.subarray(0, frame.length - 1));
  return frame;
}

/** A simulated detector: its battery, slowly draining, and the frame it sends for a methane value. */
export interface Fhlm1Device {
  /** The frame for `ch4` measured at `atMs`; `stamp` sends the device time (type 2) instead of type 1. */
  frame(ch4: number, atMs: number, stamp: boolean): Uint8Array;
}

/** A detector whose battery holds `batteryPct` at `sinceMs` and loses about 1 % a month after that. */
export function fhlm1Device(batteryPct: number, sinceMs: number): Fhlm1Device {
  const drainPerMs = 1 / (30 * 86_400_000);
  return {
    frame(ch4, atMs, stamp) {
      const battery = Math.max(0, batteryPct - Math.max(0, atMs - sinceMs) * drainPerMs);
      const status =
        (ch4 >= RELAY_ALARM_LEL ? STATUS_ALARM_RELAY : 0) |
        (battery <= LOW_BATTERY_PCT ? STATUS_LOW_BATTERY : 0);
      return encodeFhlm1({ ch4, battery, status, ...(stamp ? { atMs } : {}) });
    },
  };
}
