/**
 * What the flood risk type monitors: object kinds with their attributes, metrics, default tiers with
 * their sources (from the project's domain catalogue, `urban-flood-waterlogging`), and the tunable
 * parameters of the analysis model (rainstorm signal criteria, the ponding forecast, exposure).
 */

import type { MetricDef, ObjectKindDef, ThresholdDef } from '@fenghuo/sdk';
import { type Static, Type } from '@fenghuo/sdk';

const catchmentHa = Type.Optional(
  Type.Number({
    exclusiveMinimum: 0,
    maximum: 10_000,
    description: '汇水面积（公顷） / catchment draining to this low point (ha)',
  }),
);
const runoffCoefficient = Type.Optional(
  Type.Number({
    minimum: 0.05,
    maximum: 1,
    description: '综合径流系数 Ψ / runoff coefficient C (GB 50014: concrete or asphalt 0.85–0.95)',
  }),
);
const pumpCapacityM3s = Type.Optional(
  Type.Number({ minimum: 0, maximum: 100, description: '排水泵站设计流量（m³/s） / pumping capacity' }),
);
const gravityDrainM3s = Type.Optional(
  Type.Number({
    minimum: 0,
    maximum: 100,
    description: '重力排水能力（m³/s），泵停时仍可排出 / gravity drainage that works without the pumps',
  }),
);
const pumpStationId = Type.Optional(
  Type.String({ description: '服务该积水点的排涝泵站编号 / id of the pump station that drains it' }),
);
const pondAreaM2 = Type.Optional(
  Type.Number({
    exclusiveMinimum: 0,
    maximum: 1_000_000,
    description: '积水面近似面积（m²），平底洼地模型 / plan area of a flat-bottomed ponding area',
  }),
);
const closureDepthCm = Type.Optional(
  Type.Number({ minimum: 1, maximum: 200, description: '封闭交通积水深度（cm） / closure depth' }),
);

const lowPointAttributes = Type.Object({
  catchmentHa,
  runoffCoefficient,
  pumpCapacityM3s,
  gravityDrainM3s,
  pumpStationId,
  sagRadiusM: Type.Optional(
    Type.Number({
      exclusiveMinimum: 0,
      maximum: 100_000,
      description: '凹形竖曲线半径（m） / radius of the sag vertical curve at the low point',
    }),
  ),
  roadWidthM: Type.Optional(
    Type.Number({ exclusiveMinimum: 0, maximum: 200, description: '路面宽度（m） / carriageway width' }),
  ),
  pondAreaM2,
  closureDepthCm,
});

export const objects = {
  underpass: {
    name: { zh: '下穿立交/隧道', en: 'Underpass / road tunnel' },
    attributes: lowPointAttributes,
  },
  low_road: {
    name: { zh: '易涝道路/积水点', en: 'Flood-prone road / ponding spot' },
    attributes: lowPointAttributes,
  },
  underground_space: {
    name: { zh: '地下空间出入口', en: 'Underground space entrance' },
    attributes: Type.Object({
      spaceType: Type.Union(
        [Type.Literal('metro'), Type.Literal('garage'), Type.Literal('mall'), Type.Literal('other')],
        { description: '地铁出入口、地下车库、地下商场 / metro entrance, underground car park, mall' },
      ),
      sillHeightCm: Type.Optional(
        Type.Number({
          minimum: 0,
          maximum: 300,
          description:
            '出入口挡水高度（cm，台阶+挡水板） / height water must reach to enter (step + barrier)',
        }),
      ),
      catchmentHa,
      runoffCoefficient,
      pumpCapacityM3s,
      gravityDrainM3s,
      pumpStationId,
      pondAreaM2,
      closureDepthCm,
    }),
  },
  river_section: {
    name: { zh: '城市河道/水文站', en: 'City river / hydrological station' },
    attributes: Type.Object({
      warningLevelM: Type.Number({
        exclusiveMinimum: 0,
        description: '警戒水位（m，与测站水位同一基面） / warning level (same datum as the gauge)',
      }),
      guaranteedLevelM: Type.Number({
        exclusiveMinimum: 0,
        description: '保证水位（m） / guaranteed (design safe) level',
      }),
      historicMaxLevelM: Type.Optional(
        Type.Number({ exclusiveMinimum: 0, description: '历史最高水位（m） / highest level on record' }),
      ),
    }),
  },
  pump_station: {
    name: { zh: '排涝泵站', en: 'Drainage pump station' },
    attributes: Type.Object({
      capacityM3s: Type.Optional(
        Type.Number({ minimum: 0, maximum: 100, description: '设计排水流量（m³/s） / design capacity' }),
      ),
    }),
  },
  rain_gauge: {
    name: { zh: '雨量站/气象站', en: 'Rain gauge / weather station' },
    attributes: Type.Object({
      stationCode: Type.Optional(Type.String({ description: '区站号 / station code' })),
    }),
  },
} satisfies Record<string, ObjectKindDef>;

const rain = (hours: number, max: number, zh: string, en: string): MetricDef => ({
  schema: Type.Number({ minimum: 0, maximum: max }),
  unit: 'mm',
  name: { zh, en },
  intervalSec: hours === 1 ? 300 : 600,
});

export const metrics = {
  rain_1h: rain(1, 300, '1 小时降雨量', '1-hour rainfall'),
  rain_3h: rain(3, 500, '3 小时降雨量', '3-hour rainfall'),
  rain_6h: rain(6, 600, '6 小时降雨量', '6-hour rainfall'),
  rain_12h: rain(12, 800, '12 小时降雨量', '12-hour rainfall'),
  rain_24h: rain(24, 1000, '24 小时降雨量', '24-hour rainfall'),
  rain_nowcast_1h: {
    schema: Type.Number({ minimum: 0, maximum: 300 }),
    unit: 'mm',
    name: { zh: '未来 1 小时短临降水预报', en: 'Nowcast rainfall, next hour' },
    intervalSec: 600,
  },
  ponding_depth: {
    schema: Type.Number({ minimum: 0, maximum: 500 }),
    unit: 'cm',
    name: { zh: '积水深度', en: 'Ponding depth' },
    intervalSec: 60,
  },
  river_level: {
    schema: Type.Number({ minimum: -100, maximum: 9000 }),
    unit: 'm',
    name: { zh: '河道水位', en: 'River level' },
    intervalSec: 300,
  },
  pump_status: {
    schema: Type.Number({ minimum: 0, maximum: 2, multipleOf: 1 }),
    unit: 'code',
    name: { zh: '泵站运行状态（0 运行/1 停机/2 故障）', en: 'Pump station status (0 run, 1 stop, 2 fault)' },
    intervalSec: 300,
  },
} satisfies Record<string, MetricDef>;

const CMA =
  '中国气象局 气象灾害预警信号发布与传播办法 (暴雨): amount forecast, or reached and rain may continue (verified)';

export const thresholds: { [K in keyof typeof metrics]?: ThresholdDef } = {
  // The CMA rainstorm signal is one ladder over three windows; each window carries its rung(s).
  rain_12h: {
    direction: 'rising',
    levels: { blue: 50 },
    source: { blue: { basis: `${CMA}: blue = 12 h ≥ 50 mm`, assumed: false } },
  },
  rain_6h: {
    direction: 'rising',
    levels: { yellow: 50 },
    source: { yellow: { basis: `${CMA}: yellow = 6 h ≥ 50 mm`, assumed: false } },
  },
  rain_3h: {
    direction: 'rising',
    levels: { orange: 50, red: 100 },
    source: {
      orange: { basis: `${CMA}: orange = 3 h ≥ 50 mm`, assumed: false },
      red: { basis: `${CMA}: red = 3 h ≥ 100 mm`, assumed: false },
    },
  },
  rain_24h: {
    direction: 'rising',
    levels: { alarm: 50 },
    source: {
      alarm: {
        basis: 'GB/T 28592-2012 降水量等级: 24 h ≥ 50 mm is 暴雨 (verified); owner alarm only',
        assumed: true,
      },
    },
  },
  rain_1h: {
    direction: 'rising',
    levels: { alarm: 16, blue: 20, yellow: 30, orange: 50, red: 70 },
    source: {
      alarm: { basis: 'GB/T 28592-2012: 1 h rainstorm class ≥ 16 mm (recalled)', assumed: true },
      blue: { basis: 'CMA short-duration heavy rain ≥ 20 mm/h (recalled)', assumed: true },
      yellow: { basis: 'domain catalogue urban-flood-waterlogging, engineering default', assumed: true },
      orange: { basis: 'domain catalogue urban-flood-waterlogging, engineering default', assumed: true },
      red: { basis: 'domain catalogue urban-flood-waterlogging, engineering default', assumed: true },
    },
  },
  ponding_depth: {
    direction: 'rising',
    levels: { alarm: 5, blue: 15, yellow: 25, orange: 40, red: 50 },
    // Catalogue debounce: entered after 60 s (two one-minute samples); a 1 cm band against splashes.
    durationSec: 60,
    hysteresis: 1,
    source: {
      alarm: { basis: 'Shanghai underpass system alerts maintainers at 5 cm (verified)', assumed: false },
      blue: {
        basis:
          'GB 50014 (2014) / GB 51222-2017 waterlogging criterion: one lane ≤ 15 cm; Shanghai reports to the city flood office at 15 cm (verified)',
        assumed: false,
      },
      yellow: {
        basis: 'Shanghai and Shenyang close underpasses at 25 cm (verified); tier placement ours',
        assumed: true,
      },
      orange: { basis: 'domain catalogue, engineering default', assumed: true },
      red: { basis: 'domain catalogue, engineering default', assumed: true },
    },
  },
  river_level: {
    // SL 758: yellow = at or above the warning level. Blue (approaching), orange (guaranteed level) and
    // red (highest on record) are per station: set them as object overrides, ratios of warningLevelM.
    direction: 'rising',
    ratioOf: 'warningLevelM',
    levels: { yellow: 1 },
    hysteresis: 0.002,
    hysteresisIsFraction: true,
    source: {
      yellow: { basis: 'SL 758-2018 水情预警信号: yellow = level ≥ 警戒水位 (verified)', assumed: false },
    },
  },
  pump_status: {
    direction: 'rising',
    levels: { alarm: 2 },
    source: {
      alarm: { basis: 'a pump fault is reported to the owner (engineering default)', assumed: true },
    },
  },
  // rain_nowcast_1h has no tiers: it is a forecast the analyses read, not an observation.
};

const signalRung = (title: string) =>
  Type.Object(
    {
      hours: Type.Number({ minimum: 1, maximum: 24 }),
      mm: Type.Number({ exclusiveMinimum: 0, maximum: 1000 }),
    },
    { title },
  );

/** The analysis model's parameters. Every number here is documented in the README with its basis. */
export const config = Type.Object({
  rainstormSignal: Type.Object(
    {
      blue: signalRung('蓝色 / blue'),
      yellow: signalRung('黄色 / yellow'),
      orange: signalRung('橙色 / orange'),
      red: signalRung('红色 / red'),
    },
    { title: '暴雨预警信号标准（时长、雨量） / rainstorm signal criteria (window, amount)' },
  ),
  continuingRainMm: Type.Number({
    minimum: 0,
    maximum: 50,
    title: '视为降雨持续的未来 1 小时雨量（mm） / next-hour rain that counts as continuing',
  }),
  gaugeRadiusM: Type.Number({
    minimum: 100,
    maximum: 50_000,
    title: '雨量站搜索半径（米） / radius for rain gauges and nowcasts (m)',
  }),
  nowcastMaxAgeMin: Type.Number({
    minimum: 1,
    maximum: 180,
    title: '短临预报/天气观测最长有效时间（分钟） / oldest usable nowcast or weather (min)',
  }),
  isolatedGauge: Type.Object(
    {
      ratio: Type.Number({ minimum: 0, maximum: 1 }),
      dryMm: Type.Number({ minimum: 0, maximum: 50 }),
    },
    { title: '孤立雨量站判据 / isolated-gauge test' },
  ),
  runoffCoefficient: Type.Number({
    minimum: 0.05,
    maximum: 1,
    title: '缺省综合径流系数 / default runoff coefficient',
  }),
  defaultCatchmentHa: Type.Number({
    exclusiveMinimum: 0,
    maximum: 10_000,
    title: '缺省汇水面积（公顷） / default catchment (ha)',
  }),
  defaultPondAreaM2: Type.Number({
    exclusiveMinimum: 0,
    maximum: 1_000_000,
    title: '缺省积水面面积（m²） / default ponding plan area',
  }),
  forecastMin: Type.Number({
    minimum: 10,
    maximum: 360,
    title: '积水预报时长（分钟） / forecast horizon (min)',
  }),
  forecastStepMin: Type.Number({
    minimum: 1,
    maximum: 30,
    title: '积水预报步长（分钟） / forecast step (min)',
  }),
  closureDepthCm: Type.Number({ minimum: 1, maximum: 200, title: '封闭交通积水深度（cm） / closure depth' }),
  spikeMaxSamples: Type.Integer({
    minimum: 1,
    maximum: 10,
    title: '孤立尖峰最多样本数 / samples a lone spike may span',
  }),
  windowMin: Type.Number({ minimum: 10, maximum: 720, title: '曲线分析时窗（分钟） / curve window (min)' }),
  exposureRadiusM: Type.Number({
    minimum: 10,
    maximum: 5000,
    title: '积水点暴露范围半径（米） / exposure radius around a ponding spot (m)',
  }),
  riverExposureRadiusM: Type.Number({
    minimum: 10,
    maximum: 20_000,
    title: '河道漫溢暴露范围半径（米） / exposure radius around a river station (m)',
  }),
  lifelineRadiusM: Type.Number({
    minimum: 0,
    maximum: 2000,
    title: '关联地下管线搜索半径（米） / radius to look for water and gas mains (m)',
  }),
  waterMainKinds: Type.Array(Type.String(), {
    title: '供水管线对象类型 / object kinds that are water mains',
  }),
  gasMainKinds: Type.Array(Type.String(), { title: '燃气管线对象类型 / object kinds that are gas mains' }),
  riverApproachM: Type.Number({
    minimum: 0,
    maximum: 5,
    title: '接近警戒水位的距离（m） / "approaching the warning level" margin (m)',
  }),
  sensitiveKinds: Type.Array(Type.String(), {
    title: '升级预警的防护目标类型 / protection-target kinds that raise the tier',
  }),
  maxEscalation: Type.Integer({
    minimum: 0,
    maximum: 2,
    title: '最多升级级数 / most tiers added by escalation',
  }),
  populationAttribute: Type.String({ title: '防护目标人数属性名 / attribute holding a target’s head count' }),
  populationByKind: Type.Record(Type.String(), Type.Number({ minimum: 0 }), {
    title: '无人数属性时按类型估算人数 / head count by kind when the attribute is absent',
  }),
});
export type FloodConfig = Static<typeof config>;

export const defaults: FloodConfig = {
  rainstormSignal: {
    blue: { hours: 12, mm: 50 },
    yellow: { hours: 6, mm: 50 },
    orange: { hours: 3, mm: 50 },
    red: { hours: 3, mm: 100 },
  },
  continuingRainMm: 1,
  gaugeRadiusM: 5000,
  nowcastMaxAgeMin: 30,
  isolatedGauge: { ratio: 0.2, dryMm: 2.5 },
  runoffCoefficient: 0.9,
  defaultCatchmentHa: 2,
  defaultPondAreaM2: 2000,
  forecastMin: 60,
  forecastStepMin: 5,
  closureDepthCm: 25,
  spikeMaxSamples: 1,
  windowMin: 60,
  exposureRadiusM: 200,
  riverExposureRadiusM: 1000,
  lifelineRadiusM: 100,
  waterMainKinds: ['supply_main'],
  gasMainKinds: ['gas_main_hp', 'gas_main_mp_lp'],
  riverApproachM: 0.3,
  sensitiveKinds: ['school', 'kindergarten', 'hospital', 'elderly_home', 'metro_entrance', 'station'],
  maxEscalation: 1,
  populationAttribute: 'population',
  populationByKind: {
    school: 1000,
    kindergarten: 200,
    hospital: 800,
    elderly_home: 150,
    shopping_mall: 2000,
    station: 1000,
    metro_entrance: 500,
  },
};
