/**
 * What the elevator risk type monitors: object kinds with their attributes, metrics (ride quality from
 * the car's IoT box, speed, the controller's fault and entrapment events, maintenance status), default
 * tiers with their sources (domain catalogue entry `elevator`), and the tunable parameters of the model.
 */

import type { MetricDef, ObjectKindDef, ThresholdDef } from '@fenghuo/sdk';
import { type Static, Type } from '@fenghuo/sdk';
import { MAX_FAULT_CODE } from './codes.js';

const liftAttributes = Type.Object({
  ratedSpeedMs: Type.Number({
    exclusiveMinimum: 0,
    maximum: 20,
    description: '额定速度（m/s），超速分级为其倍数 / rated speed (m/s); overspeed tiers are multiples of it',
  }),
  maintenanceCompany: Type.String({
    minLength: 1,
    description:
      '维保单位，用于按维保单位统计故障并同时报警 / maintenance company: fault statistics and alarms',
  }),
  maintenanceCompanyEn: Type.Optional(
    Type.String({
      minLength: 1,
      description:
        '维保单位英文名称，用于英文预警文本（缺省时用 maintenanceCompany） / the company’s English name for English texts (default: maintenanceCompany)',
    }),
  ),
  registrationCode: Type.Optional(
    Type.String({ description: '设备注册代码（96333 编号） / registration code (96333 number)' }),
  ),
  safetyGear: Type.Optional(
    Type.Union([Type.Literal('instantaneous'), Type.Literal('captive_roller'), Type.Literal('progressive')], {
      description:
        '安全钳型式，决定限速器最高动作速度 / safety-gear type; sets the governor tripping speed upper bound',
    }),
  ),
  installedYear: Type.Optional(
    Type.Integer({ minimum: 1950, maximum: 2100, description: '投用年份 / year in service' }),
  ),
  buildingUse: Type.Optional(
    Type.String({
      description: '所在建筑用途（住宅、医院、商场、地铁…） / building use (residential, hospital, …)',
    }),
  ),
});

export const objects = {
  passenger_lift: { name: { zh: '乘客电梯', en: 'Passenger lift' }, attributes: liftAttributes },
  escalator: {
    name: { zh: '自动扶梯/自动人行道', en: 'Escalator or moving walk' },
    attributes: liftAttributes,
  },
} satisfies Record<string, ObjectKindDef>;

const RIDE = 'the car IoT box reports one value per run (peak or A95)';

export const metrics = {
  speed: {
    schema: Type.Number({ minimum: 0, maximum: 20 }),
    unit: 'm/s',
    name: { zh: '运行速度', en: 'Car speed' },
  },
  accel: {
    schema: Type.Number({ minimum: 0, maximum: 15 }),
    unit: 'm/s2',
    name: { zh: '加/减速度', en: 'Acceleration / deceleration' },
  },
  vib_h: {
    schema: Type.Number({ minimum: 0, maximum: 2 }),
    unit: 'm/s2',
    name: { zh: '水平振动加速度', en: 'Horizontal vibration' },
  },
  vib_v: {
    schema: Type.Number({ minimum: 0, maximum: 2 }),
    unit: 'm/s2',
    name: { zh: '垂直振动加速度', en: 'Vertical vibration' },
  },
  trapped: {
    schema: Type.Number({ minimum: 0, maximum: 1 }),
    unit: '0/1',
    name: { zh: '困人事件', en: 'People trapped' },
    intervalSec: 60,
  },
  trapped_minutes: {
    schema: Type.Number({ minimum: 0, maximum: 600 }),
    unit: 'min',
    name: { zh: '困人持续时间', en: 'Time trapped' },
  },
  fault_code: {
    schema: Type.Number({ minimum: 0, maximum: MAX_FAULT_CODE }),
    unit: 'code',
    name: { zh: '故障事件代码', en: 'Fault event code' },
    intervalSec: 60,
  },
  maintenance_overdue: {
    schema: Type.Number({ minimum: 0, maximum: 365 }),
    unit: 'd',
    name: { zh: '维保超期天数', en: 'Maintenance overdue' },
  },
} satisfies Record<string, MetricDef>;

export type MetricKey = keyof typeof metrics;
export const RIDE_METRICS = ['accel', 'vib_h', 'vib_v'] as const;
export type RideMetric = (typeof RIDE_METRICS)[number];

export const thresholds: { [K in MetricKey]?: ThresholdDef } = {
  speed: {
    direction: 'rising',
    ratioOf: 'ratedSpeedMs',
    // Catalogue alarm = blue = 1.05: `alarm` left out (levels must be strictly ordered).
    levels: { blue: 1.05, yellow: 1.1, orange: 1.15, red: 1.25 },
    durationSec: 2,
    hysteresis: 0.02,
    hysteresisIsFraction: true,
    source: {
      blue: { basis: 'catalogue: ≥ 105 % of rated speed held ≥ 2 s', assumed: true },
      yellow: { basis: 'catalogue: 110 % of rated speed', assumed: true },
      orange: {
        basis:
          'GB/T 7588.1-2020 5.6.2.2.1.1 (GB 7588-2003 9.9.1): governor trips at ≥ 115 % of rated speed (recalled)',
        assumed: true,
      },
      red: {
        basis:
          'GB 7588-2003 9.9.1 d): upper tripping bound 1.25 v + 0.25/v for progressive gear (recalled); the analysis uses the exact bound',
        assumed: true,
      },
    },
  },
  accel: {
    direction: 'rising',
    levels: { blue: 1.5, yellow: 2.5, orange: 5, red: 9 },
    durationSec: 0,
    source: {
      blue: {
        basis: 'GB 50182-93 6.0.9 / GB/T 10058-2009: start/stop acceleration ≤ 1.5 m/s² (verified)',
        assumed: false,
      },
      yellow: { basis: 'catalogue', assumed: true },
      orange: { basis: 'catalogue', assumed: true },
      red: { basis: 'catalogue: near free fall or safety-gear impact', assumed: true },
    },
  },
  vib_h: {
    direction: 'rising',
    // Catalogue ratios 1.0 / 1.5 / 2.0 / 3.0 of the GB 50182-93 horizontal limit 0.15 m/s², all assumed
    // there (the limit is a standard's acceptance value; calling it blue is the catalogue's choice).
    levels: { blue: 0.15, yellow: 0.225, orange: 0.3, red: 0.45 },
    durationSec: 0,
    source: {
      blue: {
        basis: `GB 50182-93 6.0.9: horizontal vibration ≤ 0.15 m/s² (verified); blue at 1.0 × that limit is the catalogue's placement; ${RIDE}`,
        assumed: true,
      },
      yellow: { basis: 'catalogue: 1.5 × limit', assumed: true },
      orange: { basis: 'catalogue: 2 × limit', assumed: true },
      red: { basis: 'catalogue: 3 × limit', assumed: true },
    },
  },
  vib_v: {
    direction: 'rising',
    levels: { blue: 0.25, yellow: 0.375, orange: 0.5, red: 0.75 },
    durationSec: 0,
    source: {
      blue: {
        basis: `GB 50182-93 6.0.9: vertical vibration ≤ 0.25 m/s² (verified); blue at 1.0 × that limit is the catalogue's placement; ${RIDE}`,
        assumed: true,
      },
      yellow: { basis: 'catalogue: 1.5 × limit', assumed: true },
      orange: { basis: 'catalogue: 2 × limit', assumed: true },
      red: { basis: 'catalogue: 3 × limit', assumed: true },
    },
  },
  trapped: {
    direction: 'rising',
    // Catalogue: the trapped event goes to the maintenance unit at once (alarm) and is blue at 0 min;
    // alarm = blue, so `alarm` is left out.
    levels: { blue: 1 },
    durationSec: 0,
    source: {
      blue: {
        basis: 'catalogue: one-key alarm / trapped event to the maintenance unit at once',
        assumed: true,
      },
    },
  },
  trapped_minutes: {
    direction: 'rising',
    levels: { yellow: 15, orange: 30, red: 60 },
    durationSec: 0,
    source: {
      yellow: { basis: 'catalogue', assumed: true },
      orange: {
        basis: 'TSG T5002-2017: rescuers on site within 30 min in 设区的市 (recalled)',
        assumed: true,
      },
      red: { basis: 'catalogue: 60 min trapped', assumed: true },
    },
  },
  fault_code: {
    direction: 'rising',
    levels: { blue: 1, yellow: 2, orange: 3, red: 6 },
    durationSec: 0,
    source: {
      blue: { basis: 'codes 1: door-lock circuit open (tier assumed)', assumed: true },
      yellow: { basis: 'catalogue: 非平层停梯 → yellow (code 2)', assumed: true },
      orange: {
        basis: 'catalogue: 运行中开门 / 安全回路断开 → orange (codes 3–5; 超速 assumed)',
        assumed: true,
      },
      red: { basis: 'catalogue: 冲顶 / 蹲底 / 溜车 / 开门走车 → red (codes 6–11)', assumed: true },
    },
  },
  maintenance_overdue: {
    direction: 'rising',
    levels: { alarm: 1, blue: 15 },
    durationSec: 0,
    source: {
      alarm: {
        basis: 'TSG T5002-2017: maintenance at least every 15 days (recalled); any overdue day to the owner',
        assumed: true,
      },
      blue: { basis: 'catalogue: overdue > 15 d → blue', assumed: true },
    },
  },
};

const n = (min: number, max: number, title: string) => Type.Number({ minimum: min, maximum: max, title });
const i = (min: number, max: number, title: string) => Type.Integer({ minimum: min, maximum: max, title });

export const config = Type.Object({
  statsShortDays: i(7, 60, '短统计窗（天） / short statistics window (days)'),
  statsLongDays: i(30, 365, '长统计窗（天） / long statistics window (days)'),
  companyRadiusM: n(
    100,
    100000,
    '同维保单位电梯搜索半径（米） / radius to find the company’s other lifts (m)',
  ),
  companyMaxLifts: i(1, 200, '参与维保单位统计的电梯上限 / at most this many lifts in company statistics'),
  classCTrappedShort: i(1, 50, 'C 类：短窗困人次数 ≥ / class C: entrapments in the short window ≥'),
  classCFaultsShort: i(1, 100, 'C 类：短窗故障次数 ≥ / class C: faults in the short window ≥'),
  classCFaultsLong: i(1, 500, 'C 类：长窗故障次数 ≥ / class C: faults in the long window ≥'),
  classCSevereLong: i(
    1,
    50,
    'C 类：长窗红色级故障次数 ≥ / class C: red-severity faults in the long window ≥',
  ),
  classBTrappedLong: i(1, 50, 'B 类：长窗困人次数 ≥ / class B: entrapments in the long window ≥'),
  classBFaultsShort: i(1, 100, 'B 类：短窗故障次数 ≥ / class B: faults in the short window ≥'),
  classBFaultsLong: i(1, 500, 'B 类：长窗故障次数 ≥ / class B: faults in the long window ≥'),
  classBOverdueDays: n(1, 365, 'B 类：维保超期天数 ≥ / class B: maintenance overdue days ≥'),
  classCRaisesTier: i(0, 2, 'C 类电梯预警升级级数 / tiers added for a class C lift'),
  trappedPeopleRaise: i(0, 2, '有人被困时预警升级级数 / tiers added while people are trapped'),
  trappedRescueMin: n(5, 120, '救援到场时限（分钟） / rescue arrival deadline (min)'),
  concurrentWindowMin: n(
    1,
    240,
    '关联故障/困人时窗（分钟） / window for concurrent faults and entrapments (min)',
  ),
  rideWindowMin: n(
    5,
    1440,
    '运行品质重复超限时窗（分钟） / window to look for repeated ride-quality exceedances (min)',
  ),
  rideMinRepeats: i(1, 20, '构成预警的超限次数 / exceedances in the window that make a warning'),
  ppLimitH: n(0.05, 2, 'GB/T 10058 水平最大峰峰值（m/s²） / GB/T 10058 horizontal max peak-to-peak (m/s²)'),
  ppLimitV: n(0.05, 2, 'GB/T 10058 垂直最大峰峰值（m/s²） / GB/T 10058 vertical max peak-to-peak (m/s²)'),
  companyRateLong: n(
    0.1,
    100,
    '维保单位长窗每台平均故障次数 ≥ 视为维保质量问题 / company faults per lift (long window) flagged ≥',
  ),
  companyMinLifts: i(1, 100, '维保单位统计最少电梯数 / fewest lifts for a company judgement'),
  outlierFactor: n(
    1,
    20,
    '本梯故障数 ≥ 本单位均值的倍数视为个体缺陷 / own faults ≥ factor × company mean: lift-specific defect',
  ),
});

export type ElevatorConfig = Static<typeof config>;

export const defaults: ElevatorConfig = {
  statsShortDays: 30,
  statsLongDays: 90,
  companyRadiusM: 20000,
  companyMaxLifts: 60,
  classCTrappedShort: 2,
  classCFaultsShort: 4,
  classCFaultsLong: 8,
  classCSevereLong: 1,
  classBTrappedLong: 1,
  classBFaultsShort: 2,
  classBFaultsLong: 4,
  classBOverdueDays: 15,
  classCRaisesTier: 1,
  trappedPeopleRaise: 1,
  trappedRescueMin: 30,
  concurrentWindowMin: 30,
  rideWindowMin: 120,
  rideMinRepeats: 2,
  ppLimitH: 0.2,
  ppLimitV: 0.3,
  companyRateLong: 3,
  companyMinLifts: 3,
  outlierFactor: 2,
};
