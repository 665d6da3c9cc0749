/**
 * What the restaurant-gas risk type monitors: object kinds with their attributes, metrics, default tiers
 * with their sources (project domain catalogue, `restaurant-gas-leak`), and the tunable parameters of
 * the analysis model. Every number is documented in README.md with its basis.
 */

import type { MetricDef, ObjectKindDef, ThresholdDef } from '@fenghuo/sdk';
import { type Static, Type } from '@fenghuo/sdk';

/** Where the premises sit in their building: decides who else is exposed (README "Occupants"). */
export const BuildingUse = Type.Union(
  [
    Type.Literal('standalone'),
    Type.Literal('street_row'),
    Type.Literal('mixed_residential'),
    Type.Literal('commercial_complex'),
    Type.Literal('office'),
    Type.Literal('other'),
  ],
  {
    description:
      '所在建筑类型：独栋、沿街商铺、下店上宅（住宅底商）、商业综合体、办公楼、其他 / building: standalone, street row, shop below homes, mall/complex, office, other',
  },
);
export type BuildingUse = Static<typeof BuildingUse>;

const timeSpans = (zh: string, en: string) =>
  Type.Optional(
    Type.Array(Type.String({ pattern: '^\\d{2}:\\d{2}-\\d{2}:\\d{2}$' }), {
      maxItems: 6,
      description: `${zh}，当地时间 "HH:MM-HH:MM" / ${en}, local time "HH:MM-HH:MM"`,
    }),
  );

/** One gas detector of the premises, keyed by its sensor id in `detectors`. */
const Detector = Type.Object({
  lelBasisPctVol: Type.Optional(
    Type.Number({
      minimum: 1,
      maximum: 20,
      description:
        '该探测器标定所用爆炸下限（%vol）：甲烷 5.0 或 4.4，丙烷 2.1 或 1.7 / LEL the detector is calibrated on (%vol)',
    }),
  ),
  installedOn: Type.Optional(
    Type.String({
      pattern: '^\\d{4}-\\d{2}-\\d{2}$',
      description: '安装或上次更换日期 / installed or last replaced (YYYY-MM-DD)',
    }),
  ),
  position: Type.Optional(
    Type.String({ description: '安装位置，如"灶台上方"/ where it is mounted, e.g. "above the range"' }),
  ),
});

const premises = {
  buildingUse: BuildingUse,
  floor: Type.Integer({
    minimum: -5,
    maximum: 100,
    description: '所在楼层，地下为负 / floor, negative below ground',
  }),
  roomVolumeM3: Type.Number({
    exclusiveMinimum: 0,
    maximum: 5000,
    description: '受监测房间净容积（m³） / net volume of the monitored room',
  }),
  airChangesPerHour: Type.Optional(
    Type.Number({
      minimum: 0,
      maximum: 60,
      description: '正常排风换气次数（次/h） / normal exhaust air changes per hour',
    }),
  ),
  occupants: Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: 10_000,
      description: '营业时最多在场人数（顾客+员工） / most people inside when open (guests and staff)',
    }),
  ),
  residentsInBuilding: Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: 100_000,
      description: '同一建筑内居住人数 / people living in the same building',
    }),
  ),
  openHours: timeSpans('营业时段', 'opening hours'),
  peakHours: timeSpans('就餐高峰时段', 'meal peak hours'),
  ch4LelBasisPctVol: Type.Optional(
    Type.Number({
      minimum: 1,
      maximum: 20,
      description: '甲烷探测器默认标定 LEL（%vol） / default CH4 LEL basis',
    }),
  ),
  c3h8LelBasisPctVol: Type.Optional(
    Type.Number({
      minimum: 1,
      maximum: 20,
      description: '丙烷探测器默认标定 LEL（%vol） / default C3H8 LEL basis',
    }),
  ),
  detectors: Type.Optional(
    Type.Record(Type.String(), Detector, {
      description: '按传感器编号的探测器信息 / detectors by sensor id',
    }),
  ),
};

export const objects = {
  restaurant_kitchen: {
    name: { zh: '餐饮场所后厨（管道天然气）', en: 'Restaurant kitchen (piped natural gas)' },
    attributes: Type.Object(premises),
  },
  lpg_cylinder_room: {
    name: { zh: '液化石油气瓶组间/瓶装气用户', en: 'LPG cylinder room / bottled-gas user' },
    attributes: Type.Object({
      ...premises,
      cylinders: Type.Optional(
        Type.Integer({
          minimum: 0,
          maximum: 200,
          description: '在用及备用气瓶数 / cylinders in use and spare',
        }),
      ),
      cylinderFillKg: Type.Optional(
        Type.Number({
          exclusiveMinimum: 0,
          maximum: 500,
          description: '单瓶充装量（kg），YSP-118 为 49.5 / fill per cylinder (kg); 49.5 for a YSP-118',
        }),
      ),
    }),
  },
  shutoff_valve: {
    name: { zh: '紧急切断阀', en: 'Emergency shut-off valve' },
    attributes: Type.Object({
      servesId: Type.String({
        description: '所保护的后厨或瓶组间编号 / id of the kitchen or cylinder room it protects',
      }),
      interlocked: Type.Optional(
        Type.Boolean({ description: '与探测器联动 / interlocked with the detectors' }),
      ),
    }),
  },
} satisfies Record<string, ObjectKindDef>;

/** `valve_state` codes (the catalogue's enum open / closed / fault). */
export const VALVE = { open: 0, closed: 1, fault: 2 } as const;
/** `detector_state` codes (the catalogue's enum normal / alarm / fault / offline / expired). */
export const DETECTOR = { normal: 0, alarm: 1, fault: 2, offline: 3, expired: 4 } as const;

export const metrics = {
  ch4_lel: {
    schema: Type.Number({ minimum: 0, maximum: 100 }),
    unit: '%LEL',
    name: { zh: '甲烷浓度', en: 'Methane' },
    intervalSec: 60,
  },
  c3h8_lel: {
    schema: Type.Number({ minimum: 0, maximum: 100 }),
    unit: '%LEL',
    name: { zh: '丙烷/液化石油气浓度', en: 'Propane / LPG' },
    intervalSec: 60,
  },
  co: {
    schema: Type.Number({ minimum: 0, maximum: 1000 }),
    unit: 'mg/m3',
    name: { zh: '一氧化碳', en: 'Carbon monoxide' },
    intervalSec: 60,
  },
  valve_state: {
    schema: Type.Number({ minimum: 0, maximum: 2, description: '0 开 open, 1 关 closed, 2 故障 fault' }),
    unit: 'enum',
    name: { zh: '切断阀状态', en: 'Shut-off valve state' },
    intervalSec: 600,
  },
  detector_state: {
    schema: Type.Number({
      minimum: 0,
      maximum: 4,
      description: '0 正常 normal, 1 报警 alarm, 2 故障 fault, 3 离线 offline, 4 超期 expired',
    }),
    unit: 'enum',
    name: { zh: '探测器状态', en: 'Detector state' },
    intervalSec: 600,
  },
} satisfies Record<string, MetricDef>;

const CAT = 'domain catalogue restaurant-gas-leak';

/**
 * Flammable-gas tiers. The catalogue gives `alarm` = `blue` = 10 %LEL; levels must strictly increase, so
 * `alarm` is left out and blue is the first level: the owner (the shop) is alarmed by the platform at the
 * blue limit. `durationSec: 0` so that this alarm goes out on the first reading at or above it (README
 * "Immediate alarm to the shop"); telling a spike from a leak is the analysis's job, and it does not delay
 * the shop's alarm.
 */
const flammable = (gas: string): ThresholdDef => ({
  direction: 'rising',
  levels: { blue: 10, yellow: 20, orange: 25, red: 50 },
  durationSec: 0,
  hysteresis: 0.05,
  hysteresisIsFraction: true,
  source: {
    blue: {
      basis: `${CAT}: typical commercial ${gas} detector set point 10 %LEL (GB 15322.1 allows up to 25 %LEL, recalled); alarm = blue, so no separate alarm level`,
      assumed: true,
    },
    yellow: {
      basis: `${CAT}: anchor GB 50838-2015 alarm set point 20 %LEL; also yellow when the shut-off valve did not close`,
      assumed: true,
    },
    orange: { basis: `${CAT}: GB/T 50493-2019 level-1 alarm ceiling 25 %LEL`, assumed: true },
    red: {
      basis: `${CAT}: GB/T 50493-2019 level-2 alarm ceiling 50 %LEL; or ≥ 25 %LEL at ≥ 2 detectors / in crowded hours`,
      assumed: true,
    },
  },
});

export const thresholds: { [K in keyof typeof metrics]?: ThresholdDef } = {
  ch4_lel: flammable('methane'),
  c3h8_lel: flammable('propane'),
  co: {
    direction: 'rising',
    levels: { alarm: 15, blue: 30, yellow: 60, orange: 137, red: 600 },
    // Catalogue debounce (two one-minute samples); CO builds up over minutes, unlike a gas jet.
    durationSec: 60,
    hysteresis: 0.05,
    hysteresisIsFraction: true,
    source: {
      alarm: {
        basis: `${CAT}: GBZ/T 223 pre-alarm = ½ PC-STEL (GBZ 2.1: CO PC-STEL 30 mg/m³)`,
        assumed: true,
      },
      blue: {
        basis: `${CAT}: GBZ 2.1-2019 CO PC-STEL 30 mg/m³ (GB/T 50493 level-1 ≤ 100 % OEL)`,
        assumed: true,
      },
      yellow: { basis: `${CAT}: GB/T 50493-2019 toxic level-2 ≤ 200 % OEL = 60 mg/m³`, assumed: true },
      orange: { basis: `${CAT}: 10 % of NIOSH IDLH 1 200 ppm ≈ 137 mg/m³`, assumed: true },
      red: {
        basis: `${CAT}: common hazard tables, headache or nausea within about 1 h (≈ 525 ppm)`,
        assumed: true,
      },
    },
  },
  valve_state: {
    // Only a fault (2) is an alarm; open/closed are states the gas analysis reads.
    direction: 'rising',
    levels: { alarm: VALVE.fault },
    durationSec: 0,
    source: { basis: `${CAT}: valve fault is a device alarm to the owner, not a risk tier`, assumed: false },
  },
  detector_state: {
    direction: 'rising',
    levels: { alarm: DETECTOR.fault },
    durationSec: 0,
    source: {
      basis: `${CAT}: fault/offline/expired → device alarm to owner (not a risk tier); CJJ/T 146 detector life 3 yr commercial`,
      assumed: false,
    },
  },
};
