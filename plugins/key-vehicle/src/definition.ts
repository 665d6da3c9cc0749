/**
 * What the key-vehicle risk type monitors: vehicle kinds with their attributes, the telematics metrics
 * (JT/T 808/809 platform readings), default tiers with their sources (project catalogue, `key-vehicles`),
 * and the tunable parameters of the accident-likelihood model. See README.md for every source.
 */

import type { MetricDef, ObjectKindDef, ThresholdDef } from '@fenghuo/sdk';
import { type Static, Type } from '@fenghuo/sdk';

const plate = Type.String({ minLength: 1, maxLength: 20, description: '车牌号 / licence plate' });
const carrier = Type.Optional(Type.String({ description: '道路运输企业 / road transport operator' }));
const seats = Type.Optional(
  Type.Integer({ minimum: 1, maximum: 100, description: '核定载客人数 / approved passenger seats' }),
);
const tyreColdKpa = Type.Optional(
  Type.Number({
    exclusiveMinimum: 0,
    maximum: 1500,
    description:
      '推荐冷态胎压（kPa），用于换算漏气速率 / recommended cold tyre pressure (kPa), to turn ratio rates into kPa/min',
  }),
);

/** GB 6944-2012 hazard classes 1–9 (the first digit of the division). */
const hazmatClass = Type.Integer({
  minimum: 1,
  maximum: 9,
  description:
    'GB 6944 危险货物类别（1 爆炸品 … 9 杂项） / dangerous-goods class (1 explosives … 9 miscellaneous)',
});

export const objects = {
  coach: {
    name: { zh: '长途客车/旅游包车', en: 'Long-distance coach / charter bus' },
    attributes: Type.Object({
      plate,
      carrier,
      seats,
      tyreColdKpa,
      relayOperation: Type.Optional(
        Type.Boolean({
          description: '实行凌晨 2–5 时接驳运输（换驾） / runs a driver relay between 02:00 and 05:00',
        }),
      ),
    }),
  },
  school_bus: {
    name: { zh: '校车', en: 'School bus' },
    attributes: Type.Object({ plate, carrier, seats, tyreColdKpa }),
  },
  hazmat_truck: {
    name: { zh: '危险货物运输车辆', en: 'Dangerous-goods (hazmat) truck' },
    attributes: Type.Object({
      plate,
      carrier,
      tyreColdKpa,
      hazmatClass,
      unNumber: Type.Optional(Type.String({ pattern: '^[0-9]{4}$', description: '联合国编号 / UN number' })),
      cargoZh: Type.Optional(Type.String({ description: '货物名称（中文） / cargo name (zh)' })),
      cargoEn: Type.Optional(Type.String({ description: '货物名称（英文） / cargo name (en)' })),
    }),
  },
  heavy_truck: {
    name: { zh: '重型货车/半挂牵引车/渣土车', en: 'Heavy truck / tractor-trailer / muck truck' },
    attributes: Type.Object({ plate, carrier, tyreColdKpa }),
  },
} satisfies Record<string, ObjectKindDef>;

export type VehicleKind = keyof typeof objects;

export const metrics = {
  speed: {
    // 200, not the catalogue's 150: a GNSS glitch must be stored so that the analysis can call it one.
    schema: Type.Number({ minimum: 0, maximum: 200 }),
    unit: 'km/h',
    name: { zh: '车速', en: 'Speed' },
    intervalSec: 30,
  },
  speed_limit: {
    schema: Type.Number({ minimum: 5, maximum: 130 }),
    unit: 'km/h',
    name: { zh: '路段限速（地图匹配）', en: 'Posted speed limit (map-matched)' },
    intervalSec: 30,
  },
  expressway: {
    schema: Type.Number({ minimum: 0, maximum: 1 }),
    unit: 'bool',
    name: { zh: '是否高速公路（1 是）', en: 'On an expressway (1 = yes)' },
    intervalSec: 30,
  },
  lon: {
    schema: Type.Number({ minimum: -180, maximum: 180 }),
    unit: '°',
    name: { zh: '经度', en: 'Longitude' },
    intervalSec: 30,
  },
  lat: {
    schema: Type.Number({ minimum: -90, maximum: 90 }),
    unit: '°',
    name: { zh: '纬度', en: 'Latitude' },
    intervalSec: 30,
  },
  overspeed_ratio: {
    schema: Type.Number({ minimum: 0, maximum: 2 }),
    unit: 'ratio',
    name: { zh: '超速比例', en: 'Overspeed ratio' },
    intervalSec: 30,
  },
  continuous_driving: {
    schema: Type.Number({ minimum: 0, maximum: 24 }),
    unit: 'h',
    name: { zh: '连续驾驶时间', en: 'Continuous driving time' },
    intervalSec: 60,
  },
  tyre_pressure_ratio: {
    schema: Type.Number({ minimum: 0, maximum: 2 }),
    unit: 'ratio',
    name: { zh: '胎压/推荐冷态胎压（最低一轮）', en: 'Tyre pressure / recommended (lowest tyre)' },
    intervalSec: 60,
  },
  tyre_temp: {
    schema: Type.Number({ minimum: -40, maximum: 150 }),
    unit: '°C',
    name: { zh: '胎温（最高一轮）', en: 'Tyre temperature (hottest tyre)' },
    intervalSec: 60,
  },
  dsm_event: {
    schema: Type.Number({ minimum: 0, maximum: 1 }),
    unit: 'event',
    name: { zh: '驾驶员状态监测事件（疲劳/分神）', en: 'Driver-state (DSM) event: fatigue / distraction' },
  },
} satisfies Record<string, MetricDef>;

export type Metric = keyof typeof metrics;

export const thresholds: { [K in Metric]?: ThresholdDef } = {
  overspeed_ratio: {
    direction: 'rising',
    // The catalogue's alarm is "any overspeed" (> 0); 0.01 keeps a reported 0 from alarming.
    levels: { alarm: 0.01, blue: 0.1, yellow: 0.2, orange: 0.5 },
    // Smaller than the alarm limit, so that a reported 0 clears the alarm.
    hysteresis: 0.005,
    source: {
      alarm: {
        basis: 'any overspeed is reminded in the vehicle (JT/T 794 terminal reminder)',
        assumed: false,
      },
      blue: { basis: 'engineering choice, 10 % over the limit', assumed: true },
      yellow: { basis: '道路交通安全法 第90/99条 penalty step at 20 % / 50 % (recalled)', assumed: true },
      orange: { basis: '道路交通安全法 第99条: > 50 % over the limit (recalled)', assumed: true },
    },
  },
  continuous_driving: {
    direction: 'rising',
    levels: { alarm: 3.75, blue: 4, yellow: 4.5, orange: 5, red: 6 },
    source: {
      alarm: { basis: '15-min advance reminder before the 4 h limit', assumed: true },
      blue: {
        basis: '道路交通安全法实施条例 第62条: > 4 h without ≥ 20 min rest (verified)',
        assumed: false,
      },
      yellow: { basis: 'engineering choice, 30 min past the limit', assumed: true },
      orange: { basis: 'engineering choice, 1 h past the limit', assumed: true },
      red: { basis: 'catalogue: ≥ 6 h continuous', assumed: true },
    },
  },
  tyre_pressure_ratio: {
    direction: 'falling',
    // Catalogue gives alarm 0.80, yellow 0.70, orange 0.60 and no blue; red is a leak rate.
    levels: { alarm: 0.8, yellow: 0.7, orange: 0.6 },
    durationSec: 60,
    hysteresis: 0.02,
    ratePerMin: { red: 0.025 },
    source: {
      alarm: {
        basis: 'GB 26149-2017: under-inflation warning at −20 % (passenger cars, recalled)',
        assumed: true,
      },
      yellow: { basis: 'engineering choice, −30 %', assumed: true },
      orange: { basis: 'engineering choice, −40 %', assumed: true },
      red: {
        basis: 'catalogue: falling ≥ 20 kPa/min; 0.025/min ≈ 20 kPa/min on an 800 kPa truck tyre',
        assumed: true,
      },
    },
  },
  tyre_temp: {
    direction: 'rising',
    levels: { alarm: 75, red: 90 },
    durationSec: 60,
    hysteresis: 3,
    source: {
      alarm: { basis: 'engineering choice, early reminder below the catalogue red', assumed: true },
      red: { basis: 'catalogue: tyre temperature ≥ 90 °C', assumed: true },
    },
  },
  dsm_event: {
    direction: 'rising',
    levels: { alarm: 1 },
    source: { alarm: { basis: 'catalogue: 1 fatigue event → alarm', assumed: true } },
  },
};

const kmh = (title: string) => Type.Number({ minimum: 5, maximum: 130, title });
const classLimit = (zh: string, en: string) =>
  Type.Object({
    expressway: kmh(`${zh}高速公路限速（km/h） / ${en} expressway limit`),
    other: Type.Union([kmh(`${zh}其他道路限速（km/h） / ${en} other-road limit`), Type.Null()]),
  });

export const config = Type.Object({
  utcOffsetMin: Type.Integer({
    minimum: -720,
    maximum: 840,
    title: '当地时区（分钟，事件未带时区时使用） / local UTC offset (min), when the event carries none',
  }),
  classLimits: Type.Object({
    coach: classLimit('客车', 'coach'),
    school_bus: classLimit('校车', 'school bus'),
    hazmat_truck: classLimit('危货车', 'hazmat truck'),
    heavy_truck: classLimit('重型货车', 'heavy truck'),
  }),
  nightStartHour: Type.Number({ minimum: 0, maximum: 24, title: '夜间开始（时） / night starts (h)' }),
  nightEndHour: Type.Number({ minimum: 0, maximum: 24, title: '夜间结束（时） / night ends (h)' }),
  nightSpeedFactor: Type.Number({ minimum: 0.5, maximum: 1, title: '夜间限速系数 / night speed factor' }),
  nightRuleKinds: Type.Array(Type.String(), { title: '适用夜间规则的车辆 / kinds under the night rules' }),
  curfewStartHour: Type.Number({
    minimum: 0,
    maximum: 24,
    title: '客车停运开始（时） / coach curfew starts (h)',
  }),
  curfewEndHour: Type.Number({
    minimum: 0,
    maximum: 24,
    title: '客车停运结束（时） / coach curfew ends (h)',
  }),
  curfewKinds: Type.Array(Type.String(), { title: '适用凌晨停运的车辆 / kinds under the curfew' }),
  stopSpeedKmh: Type.Number({
    minimum: 0,
    maximum: 20,
    title: '停车判定车速（km/h） / stopped below (km/h)',
  }),
  restMin: Type.Number({ minimum: 5, maximum: 120, title: '有效休息时长（分钟） / minimum rest (min)' }),
  dayContinuousH: Type.Number({
    minimum: 1,
    maximum: 12,
    title: '日间连续驾驶上限（h） / day continuous limit (h)',
  }),
  nightContinuousH: Type.Number({
    minimum: 1,
    maximum: 12,
    title: '夜间连续驾驶上限（h） / night continuous limit (h)',
  }),
  dailyLimitH: Type.Number({
    minimum: 4,
    maximum: 24,
    title: '24 h 累计驾驶上限（h） / 24-h driving limit (h)',
  }),
  dailyLimitKinds: Type.Array(Type.String(), {
    title: '适用 24 h 累计上限的车辆 / kinds under the 24-h limit',
  }),
  lookbackH: Type.Number({ minimum: 1, maximum: 24, title: '驾驶时间回溯（h） / driving-time lookback (h)' }),
  overspeedRedHoldSec: Type.Number({
    minimum: 0,
    maximum: 600,
    title: '超速 50% 持续升红（秒） / ≥ 50 % held for red (s)',
  }),
  maxAccelMs2: Type.Number({
    minimum: 0.5,
    maximum: 10,
    title: '最大可信加速度（m/s²） / plausible acceleration (m/s²)',
  }),
  maxSpeedDisagreeKmh: Type.Number({
    minimum: 5,
    maximum: 100,
    title: '车速与位移速度最大偏差（km/h） / speed vs displacement tolerance',
  }),
  glitchWindowSec: Type.Number({
    minimum: 10,
    maximum: 600,
    title: '漂移判定最大采样间隔（秒） / max sample gap for the glitch test (s)',
  }),
  dsmWindowMin: Type.Number({ minimum: 5, maximum: 120, title: 'DSM 统计时窗（分钟） / DSM window (min)' }),
  dsmYellowCount: Type.Integer({ minimum: 2, maximum: 20, title: 'DSM 升黄次数 / DSM events for yellow' }),
  rapidLeakKpaPerMin: Type.Number({
    minimum: 1,
    maximum: 200,
    title: '快速漏气（kPa/min） / rapid leak (kPa/min)',
  }),
  tyreHotC: Type.Number({ minimum: 50, maximum: 150, title: '胎温红色（°C） / hot tyre (°C)' }),
  targetRadiusM: Type.Number({
    minimum: 0,
    maximum: 5000,
    title: '危货车周边防护目标搜索半径（米） / target search radius around a hazmat truck (m)',
  }),
  positionMaxAgeSec: Type.Number({
    minimum: 10,
    maximum: 3600,
    title: '定位最大时差（秒） / max position age (s)',
  }),
  isolationM: Type.Object(
    {
      c1: Type.Number({ minimum: 0 }),
      c2: Type.Number({ minimum: 0 }),
      c3: Type.Number({ minimum: 0 }),
      c4: Type.Number({ minimum: 0 }),
      c5: Type.Number({ minimum: 0 }),
      c6: Type.Number({ minimum: 0 }),
      c7: Type.Number({ minimum: 0 }),
      c8: Type.Number({ minimum: 0 }),
      c9: Type.Number({ minimum: 0 }),
    },
    { title: '各类危险货物初始隔离距离（米） / initial isolation distance by class (m)' },
  ),
  rainMmH: Type.Number({
    minimum: 0,
    maximum: 200,
    title: '降雨升级阈值（mm/h） / rain that raises an overspeed (mm/h)',
  }),
});
export type KeyVehicleConfig = Static<typeof config>;

export const defaults: KeyVehicleConfig = {
  utcOffsetMin: 480,
  classLimits: {
    coach: { expressway: 100, other: null },
    school_bus: { expressway: 80, other: 60 },
    hazmat_truck: { expressway: 80, other: 60 },
    heavy_truck: { expressway: 100, other: null },
  },
  nightStartHour: 22,
  nightEndHour: 6,
  nightSpeedFactor: 0.8,
  nightRuleKinds: ['coach'],
  curfewStartHour: 2,
  curfewEndHour: 5,
  curfewKinds: ['coach'],
  stopSpeedKmh: 5,
  restMin: 20,
  dayContinuousH: 4,
  nightContinuousH: 2,
  dailyLimitH: 8,
  dailyLimitKinds: ['coach', 'hazmat_truck'],
  lookbackH: 12,
  overspeedRedHoldSec: 60,
  maxAccelMs2: 2.5,
  maxSpeedDisagreeKmh: 25,
  glitchWindowSec: 120,
  dsmWindowMin: 30,
  dsmYellowCount: 3,
  rapidLeakKpaPerMin: 20,
  tyreHotC: 90,
  targetRadiusM: 300,
  positionMaxAgeSec: 120,
  isolationM: { c1: 500, c2: 100, c3: 50, c4: 50, c5: 50, c6: 50, c7: 100, c8: 50, c9: 25 },
  rainMmH: 10,
};
