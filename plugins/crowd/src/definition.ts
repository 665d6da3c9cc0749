/**
 * What the large-crowd risk type monitors: object kinds with their attributes, metrics, default tiers
 * with their sources (from the project's domain catalogue, `large-crowd`), and the tunable parameters of
 * the density, forecast and stampede-risk model.
 */

import type { MetricDef, ObjectKindDef, ThresholdDef } from '@fenghuo/sdk';
import { type Static, Type } from '@fenghuo/sdk';

/** Where in the area people are: stairs, slopes and bottlenecks lower the density a crowd can bear. */
export const AreaType = Type.Union(
  [Type.Literal('open'), Type.Literal('stairs'), Type.Literal('slope'), Type.Literal('bottleneck')],
  {
    description:
      '区域类型：开阔/台阶/坡道/瓶颈（出入口、通道、桥） / area type: open, stairs, slope, bottleneck (gate, passage, bridge)',
  },
);
export type AreaType = Static<typeof AreaType>;

/** A moving crowd (walkway LOS, critical 4 p/m²) or a standing one (queuing LOS, critical 4.7 p/m²). */
export const CrowdMode = Type.Union([Type.Literal('moving'), Type.Literal('standing')], {
  description: '人群状态：行进/驻留（排队、观演） / crowd mode: moving or standing (queuing, watching)',
});
export type CrowdMode = Static<typeof CrowdMode>;

const areaAttributes = Type.Object({
  effectiveAreaM2: Type.Number({
    exclusiveMinimum: 0,
    maximum: 10_000_000,
    description:
      '有效面积（m²，已扣除障碍物和不可用区域） / effective area in m², obstacles and unusable parts removed',
  }),
  capacity: Type.Optional(
    Type.Number({
      exclusiveMinimum: 0,
      description: '核定瞬时承载量（人，LB/T 034-2014） / approved instantaneous capacity (persons)',
    }),
  ),
  areaType: Type.Optional(AreaType),
  crowdMode: Type.Optional(CrowdMode),
  entranceWidthM: Type.Optional(
    Type.Number({
      exclusiveMinimum: 0,
      maximum: 10_000,
      description: '入口净宽合计（米），用于判断人数增长是否可能 / total clear width of the entrances (m)',
    }),
  ),
});
export type AreaAttributes = Static<typeof areaAttributes>;

export const objects = {
  scenic_area: { name: { zh: '景区/公园', en: 'Scenic area / park' }, attributes: areaAttributes },
  square_street: {
    name: { zh: '广场/步行街/商圈', en: 'Square / pedestrian street / shopping district' },
    attributes: areaAttributes,
  },
  transit_hub: {
    name: { zh: '地铁站/火车站/机场', en: 'Metro station / railway station / airport' },
    attributes: areaAttributes,
  },
  event_venue: { name: { zh: '大型活动场馆', en: 'Large event venue' }, attributes: areaAttributes },
} satisfies Record<string, ObjectKindDef>;
export type AreaKind = keyof typeof objects;

export const metrics = {
  count: {
    schema: Type.Number({ minimum: 0, maximum: 1_000_000 }),
    unit: 'persons',
    name: { zh: '区域实时人数', en: 'Persons in the area' },
    intervalSec: 60,
  },
  density: {
    schema: Type.Number({ minimum: 0, maximum: 10 }),
    unit: 'persons/m2',
    name: { zh: '人员密度', en: 'Crowd density' },
    intervalSec: 60,
  },
  capacity_ratio: {
    schema: Type.Number({ minimum: 0, maximum: 2 }),
    unit: 'ratio',
    name: { zh: '实时人数/核定瞬时承载量', en: 'Share of approved capacity' },
    intervalSec: 60,
  },
  flow_rate: {
    schema: Type.Number({ minimum: 0, maximum: 120 }),
    unit: 'persons/(m·min)',
    name: { zh: '断面流率', en: 'Specific flow' },
    intervalSec: 60,
  },
  speed: {
    schema: Type.Number({ minimum: 0, maximum: 2 }),
    unit: 'm/s',
    name: { zh: '人群平均速度', en: 'Mean crowd speed' },
    intervalSec: 60,
  },
  counterflow: {
    schema: Type.Number({ minimum: 0, maximum: 1 }),
    unit: 'ratio',
    name: { zh: '逆向/交叉流比例', en: 'Counter / cross-flow share' },
    intervalSec: 60,
  },
} satisfies Record<string, MetricDef>;

/** The catalogue's density tiers (persons/m²), shared by `density` and by `count` as a ratio of area. */
export const DENSITY_LEVELS = { alarm: 1.5, blue: 2, yellow: 3, orange: 4, red: 5 } as const;

const DENSITY_SOURCE = {
  alarm: { basis: 'Fruin 1971 queuing LOS D begins at 1.54 p/m²', assumed: true },
  blue: { basis: 'Fruin 1971 walkway LOS F begins at about 2.17 p/m² (< 5 ft²/p)', assumed: true },
  yellow: { basis: 'G. K. Still: at 3 p/m² a crowd still has some personal space', assumed: true },
  orange: { basis: '刘茂 等 (2015): safe critical density of a moving crowd 4 p/m²', assumed: true },
  red: {
    basis: 'G. K. Still: dangerous once pushing starts at about 5 p/m²; 刘茂: 4.7 p/m² static critical',
    assumed: true,
  },
};

export const thresholds: { [K in keyof typeof metrics]?: ThresholdDef } = {
  density: {
    direction: 'rising',
    levels: { ...DENSITY_LEVELS },
    // Catalogue debounce: a level is entered after 2 consecutive samples / 60 s; left 5 % below it.
    durationSec: 60,
    hysteresis: 0.05,
    hysteresisIsFraction: true,
    source: DENSITY_SOURCE,
  },
  count: {
    // density = count / effective area, so the count limits are the density limits × effectiveAreaM2.
    direction: 'rising',
    ratioOf: 'effectiveAreaM2',
    levels: { ...DENSITY_LEVELS },
    durationSec: 60,
    hysteresis: 0.05,
    hysteresisIsFraction: true,
    source: DENSITY_SOURCE,
  },
  capacity_ratio: {
    // The catalogue gives alarm = blue = 0.7; levels must be strictly ordered, so `alarm` is left out.
    direction: 'rising',
    levels: { blue: 0.7, yellow: 0.8, orange: 0.9, red: 1.0 },
    durationSec: 60,
    hysteresis: 0.02,
    hysteresisIsFraction: true,
    source: {
      blue: {
        basis: 'LB/T 034-2014 capacity C = effective area / area per person; 70 % of C',
        assumed: true,
      },
      yellow: { basis: 'common local practice: start flow control at 80 % of capacity', assumed: true },
      orange: { basis: 'engineering default: 90 % of capacity', assumed: true },
      red: { basis: 'capacity reached (旅游法 / LB/T 034-2014)', assumed: true },
    },
  },
  // flow_rate, speed and counterflow have no tiers of their own; counterflow raises the risk in analyze.
};

const densityTiers = Type.Object(
  {
    alarm: Type.Number({ minimum: 0, maximum: 10 }),
    blue: Type.Number({ minimum: 0, maximum: 10 }),
    yellow: Type.Number({ minimum: 0, maximum: 10 }),
    orange: Type.Number({ minimum: 0, maximum: 10 }),
    red: Type.Number({ minimum: 0, maximum: 10 }),
  },
  { title: '踩踏风险密度分级（人/m²） / stampede-risk density tiers (p/m²)' },
);

/** The analysis model's parameters. Every number here is documented in the README with its basis. */
export const config = Type.Object({
  riskDensity: densityTiers,
  capacityTiers: Type.Object(
    {
      blue: Type.Number({ minimum: 0, maximum: 2 }),
      yellow: Type.Number({ minimum: 0, maximum: 2 }),
      orange: Type.Number({ minimum: 0, maximum: 2 }),
      red: Type.Number({ minimum: 0, maximum: 2 }),
    },
    { title: '承载率分级 / capacity-ratio tiers' },
  ),
  hazardCounterflow: Type.Number({
    minimum: 0,
    maximum: 1,
    title: '视为危险的逆向/交叉流比例 / counter-flow share that lowers the density tiers',
  }),
  trendWindowMin: Type.Number({
    minimum: 5,
    maximum: 120,
    title: '趋势拟合时窗（分钟） / trend-fit window (min)',
  }),
  trendMinPoints: Type.Integer({
    minimum: 3,
    maximum: 100,
    title: '趋势拟合最少点数 / least points for a fit',
  }),
  horizonsMin: Type.Array(Type.Number({ minimum: 1, maximum: 120 }), {
    minItems: 1,
    maxItems: 4,
    title: '预测时长（分钟） / forecast horizons (min)',
  }),
  profileDays: Type.Integer({
    minimum: 0,
    maximum: 28,
    title: '同时段历史曲线取前几天 / past days read for the time-of-day profile',
  }),
  profileToleranceMin: Type.Number({
    minimum: 1,
    maximum: 30,
    title: '同时段取值容差（分钟） / tolerance when reading a past day at the same time (min)',
  }),
  weights: Type.Object(
    {
      trend: Type.Number({ minimum: 0, maximum: 1 }),
      profile: Type.Number({ minimum: 0, maximum: 1 }),
    },
    { title: '趋势/同时段曲线融合权重 / blend weights of trend and time-of-day profile' },
  ),
  maxDensity: Type.Number({
    minimum: 4,
    maximum: 10,
    title:
      '物理极限密度（人/m²），预测不超过此值 / physical maximum density (p/m²); no forecast goes above it',
  }),
  maxGrowthFactor: Type.Number({
    minimum: 1,
    maximum: 10,
    title: '同时段增长倍数上限 / cap on the profile growth ratio',
  }),
  fruinMaxFlowPmMin: Type.Number({
    minimum: 10,
    maximum: 200,
    title: '入口最大比流量（人/(m·min)） / maximum specific flow through an entrance',
  }),
  fallbackMaxRisePerMin: Type.Number({
    minimum: 0.01,
    maximum: 10,
    title:
      '无入口宽度时每分钟最大密度增量（人/m²） / density rise per minute when the entrance width is unknown',
  }),
  glitchFactor: Type.Number({
    minimum: 1,
    maximum: 20,
    title: '判为计数故障的超出倍数 / factor over the possible inflow read as a counting glitch',
  }),
  glitchLookbackSamples: Type.Integer({
    minimum: 1,
    maximum: 30,
    title: '检查突跳的最近样本数 / recent samples checked for a jump',
  }),
  targetRadiusM: Type.Number({
    minimum: 0,
    maximum: 5000,
    title: '周边防护目标搜索半径（米） / radius for protection targets nearby (m)',
  }),
  neighbourRadiusM: Type.Number({
    minimum: 0,
    maximum: 10_000,
    title: '可分流的相邻区域搜索半径（米） / radius for neighbouring areas to divert to (m)',
  }),
});
export type CrowdConfig = Static<typeof config>;

export const defaults: CrowdConfig = {
  riskDensity: { alarm: 1.5, blue: 2, yellow: 3, orange: 4, red: 5 },
  capacityTiers: { blue: 0.7, yellow: 0.8, orange: 0.9, red: 1.0 },
  hazardCounterflow: 0.3,
  trendWindowMin: 20,
  trendMinPoints: 4,
  horizonsMin: [15, 30],
  profileDays: 7,
  profileToleranceMin: 10,
  weights: { trend: 0.6, profile: 0.4 },
  // 安全与环境学报 2007: the most a Chinese crowd can be packed to is about 9 p/m² (notes §4.6); crush
  // densities are reported at 8–10 p/m², and the density metric itself stops at 10.
  maxDensity: 9,
  maxGrowthFactor: 3,
  fruinMaxFlowPmMin: 82,
  fallbackMaxRisePerMin: 0.5,
  glitchFactor: 1.5,
  glitchLookbackSamples: 5,
  targetRadiusM: 500,
  neighbourRadiusM: 1500,
};
