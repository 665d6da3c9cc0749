/**
 * BL-7 — a JSON multi-channel bridge structural-health data logger (桥梁多通道数据采集仪).
 *
 * One message carries one sample `{ time, channels }` or several `samples: [{ time, channels }]`; each
 * channel names its measurand and unit. `decode` maps channel types to the bridge risk type's catalogue
 * metrics, converts units to the catalogue units (cm→mm, g→m/s², °→‰, …), groups the values into one
 * reading per timestamp and skips unusable channels, refusing the message only when nothing usable is
 * left. README.md documents the format, every mapping and every error.
 */
import { defineSensor, type MetricDef, Type } from '@fenghuo/sdk';
import { type BridgeMetric, METRICS } from './channels.js';
import { decodeMessage, messageOf } from './logger.js';

const NAMES: Record<BridgeMetric, MetricDef['name']> = {
  deflection: { zh: '主梁挠度', en: 'Girder deflection' },
  strain: { zh: '应变', en: 'Strain' },
  displacement: { zh: '梁端/支座/墩顶位移', en: 'Bearing / girder-end / pier-top displacement' },
  acceleration: { zh: '振动加速度', en: 'Vibration acceleration' },
  inclination: { zh: '墩柱/桥塔倾角变化', en: 'Pier / pylon tilt change' },
  crack_width: { zh: '裂缝宽度', en: 'Crack width' },
  cable_force: { zh: '索力', en: 'Cable force' },
  wind_speed: { zh: '桥面风速', en: 'Deck wind speed' },
};

const metrics = Object.fromEntries(
  (Object.keys(METRICS) as BridgeMetric[]).map((k) => [
    k,
    {
      schema: Type.Number({ minimum: METRICS[k].min, maximum: METRICS[k].max }),
      unit: METRICS[k].unit,
      name: NAMES[k],
      intervalSec: 60,
    },
  ]),
) as Record<BridgeMetric, MetricDef>;

export default defineSensor({
  id: 'bridge-logger',
  version: '0.1.0',
  vendor: 'Fenghuo Example Devices',
  model: 'BL-7',
  metrics,
  decode(payload) {
    return decodeMessage(messageOf(payload));
  },
});
