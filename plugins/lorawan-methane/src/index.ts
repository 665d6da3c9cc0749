/**
 * FH-LM1 — a LoRaWAN methane detector for gas valve wells (阀门井甲烷探测器).
 *
 * Each uplink is a 6- or 10-byte binary frame (README.md documents it byte by byte): methane in 0.1 %LEL,
 * battery, status bits, an optional device timestamp and a CRC-8. `decode` accepts the raw bytes, the
 * same bytes as a base64 string or a spaced hex string, or a network server's webhook
 * `{ data: base64, fPort }` (the SDK's `payloadBytes`, checking `fPort`), and returns
 * one reading: `ch4` (the gas-pipeline catalogue metric) plus the device-health values `battery`,
 * `tamper` and `sensor_fault`.
 */
import { defineSensor, Type } from '@fenghuo/sdk';
import { decodeFrame, frameBytes } from './frame.js';

export default defineSensor({
  id: 'lorawan-methane',
  version: '0.1.0',
  vendor: 'Fenghuo Example Devices',
  model: 'FH-LM1',
  metrics: {
    ch4: {
      schema: Type.Number({ minimum: 0, maximum: 100 }),
      unit: '%LEL',
      name: { zh: '甲烷浓度', en: 'Methane' },
      intervalSec: 60,
    },
    battery: {
      schema: Type.Number({ minimum: 0, maximum: 100 }),
      unit: '%',
      name: { zh: '电池电量', en: 'Battery' },
      intervalSec: 60,
    },
    tamper: {
      schema: Type.Number({ minimum: 0, maximum: 1 }),
      unit: '0/1',
      name: { zh: '防拆报警', en: 'Tamper' },
      intervalSec: 60,
    },
    sensor_fault: {
      schema: Type.Number({ minimum: 0, maximum: 1 }),
      unit: '0/1',
      name: { zh: '传感器故障', en: 'Sensor fault' },
      intervalSec: 60,
    },
  },
  decode(payload) {
    return decodeFrame(frameBytes(payload));
  },
});
