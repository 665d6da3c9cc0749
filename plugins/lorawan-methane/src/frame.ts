/**
 * The uplink frame of the FH-LM1 valve-well methane detector and its decoding, byte by byte as the
 * README documents it. Pure and deterministic: no Node built-ins, so it runs unchanged in the sandbox;
 * the payload forms are read by the SDK's `payloadBytes`.
 */
import { type DecodedReading, payloadBytes } from '@fenghuo/sdk';

/** Protocol version in the high nibble of byte 0. */
export const VERSION = 1;
/** Frame types in the low nibble of byte 0. */
export const TYPE_MEASUREMENT = 0x1;
export const TYPE_MEASUREMENT_TS = 0x2;
/** The LoRaWAN port measurement frames are sent on. */
export const FPORT = 10;

/** Raw CH4 value meaning "no valid measurement" (cell warming up). */
export const CH4_NOT_READY = 0xffff;
/** Raw battery value meaning "unknown". */
export const BATTERY_UNKNOWN = 0xff;

export const STATUS_TAMPER = 0x01;
export const STATUS_SENSOR_FAULT = 0x02;
export const STATUS_ALARM_RELAY = 0x04;
export const STATUS_LOW_BATTERY = 0x08;

const LENGTH: Record<number, number> = { [TYPE_MEASUREMENT]: 6, [TYPE_MEASUREMENT_TS]: 10 };

/**
 * CRC-8/SMBUS (polynomial 0x07, initial value 0x00, no reflection, no final XOR) of `bytes`.
 *
 * @example
 * crc8(new Uint8Array([0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39])); // 0xf4
 */
export function crc8(bytes: ArrayLike<number>): number {
  let crc = 0;
  for (let i = 0; i < bytes.length; i++) {
    crc ^= bytes[i]!;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x80 ? ((crc << 1) ^ 0x07) & 0xff : (crc << 1) & 0xff;
  }
  return crc;
}

const hex = (n: number) => `0x${n.toString(16).padStart(2, '0')}`;

/**
 * Decode one binary uplink frame into at most one reading.
 *
 * @example
 * decodeFrame(new Uint8Array([0x11, 0x00, 0x7b, 0x57, 0x00, 0xbc])); // [{ values: { ch4: 12.3, battery: 87, tamper: 0, sensor_fault: 0 } }]
 */
export function decodeFrame(bytes: Uint8Array): DecodedReading[] {
  if (bytes.length === 0) throw new Error('empty frame / 空帧');
  const head = bytes[0]!;
  const version = head >> 4;
  const type = head & 0x0f;
  if (version !== VERSION) {
    throw new Error(
      `unsupported frame version ${version} in byte 0 (${hex(head)}), expected ${VERSION} / 不支持的帧版本`,
    );
  }
  const length = LENGTH[type];
  if (length === undefined)
    throw new Error(`unknown frame type ${type} in byte 0 (${hex(head)}) / 未知帧类型`);
  if (bytes.length !== length) {
    throw new Error(`frame type ${type} must be ${length} bytes, got ${bytes.length} / 帧长度错误`);
  }
  const crc = crc8(bytes.subarray(0, length - 1));
  if (crc !== bytes[length - 1]) {
    throw new Error(
      `bad checksum: CRC-8 is ${hex(crc)}, frame carries ${hex(bytes[length - 1]!)} / 校验错误`,
    );
  }
  const rawCh4 = (bytes[1]! << 8) | bytes[2]!;
  const battery = bytes[3]!;
  const status = bytes[4]!;
  if (battery > 100 && battery !== BATTERY_UNKNOWN) {
    throw new Error(`battery byte ${battery} is outside 0–100 % / 电量字节越界`);
  }
  const fault = (status & STATUS_SENSOR_FAULT) !== 0;
  const values: Record<string, number> = {};
  // A faulty or warming-up cell gives no methane value; above 1000 (100 %LEL) the cell is saturated,
  // so the reading is the top of the scale: the most unfavourable value it can vouch for.
  if (!fault && rawCh4 !== CH4_NOT_READY) values['ch4'] = Math.min(rawCh4, 1000) / 10;
  if (battery !== BATTERY_UNKNOWN) values['battery'] = battery;
  values['tamper'] = status & STATUS_TAMPER ? 1 : 0;
  values['sensor_fault'] = fault ? 1 : 0;
  if (type === TYPE_MEASUREMENT_TS) {
    const seconds = ((bytes[5]! << 24) >>> 0) + (bytes[6]! << 16) + (bytes[7]! << 8) + bytes[8]!;
    // 0 means the device clock is not set: the platform then stamps the reading with its arrival time.
    if (seconds !== 0) return [{ ts: new Date(seconds * 1000).toISOString(), values }];
  }
  return [{ values }];
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The frame bytes of any accepted payload shape, read with the SDK's {@link payloadBytes}: raw bytes, a
 * base64 string, a hex string with spaces or colons (`11 00 7B 57 00 BC`), or a network-server webhook
 * object `{ data: base64, fPort? }`, whose `fPort`, when given, must be the measurement port.
 *
 * @example
 * frameBytes({ data: 'EQB7', fPort: 10 }); // Uint8Array [0x11, 0x00, 0x7b]
 */
export function frameBytes(payload: unknown): Uint8Array {
  const bytes = payloadBytes(payload);
  if (isRecord(payload) && payload['fPort'] !== undefined && payload['fPort'] !== FPORT) {
    throw new Error(
      `unexpected fPort ${JSON.stringify(payload['fPort'])}, measurement frames use fPort ${FPORT} / 端口错误`,
    );
  }
  return bytes;
}
