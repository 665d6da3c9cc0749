/**
 * What the tailings-dam risk type monitors: object kinds with their attributes, metrics, default tiers
 * with their sources (from the project's domain catalogue, `tailings-pond`), and the tunable parameters
 * of the analysis model.
 */

import type { MetricDef, ObjectKindDef, ThresholdDef } from '@fenghuo/sdk';
import { type Static, Type } from '@fenghuo/sdk';

const positive = (max: number, description: string) =>
  Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: max, description }));
const elevation = (description: string) =>
  Type.Optional(Type.Number({ minimum: -500, maximum: 9000, description }));

/** Attributes shared by the three kinds of tailings dam. */
const damAttributes = Type.Object({
  grade: Type.Integer({
    minimum: 1,
    maximum: 5,
    description:
      '尾矿库等别（GB 50863 表 3.3.1，按全库容与坝高）/ pond grade 1–5 (by total storage and dam height)',
  }),
  damHeightM: Type.Number({
    exclusiveMinimum: 0,
    maximum: 400,
    description: '当前总坝高（米）/ present total dam height (m), used by the dam-break estimate',
  }),
  storageM3: Type.Number({
    exclusiveMinimum: 0,
    maximum: 5e9,
    description: '当前库容（尾矿+水，立方米）/ present stored volume, tailings and water (m³)',
  }),
  minFreeboardM: positive(
    10,
    '设计最小安全超高（米），GB 50863 表 4.2.1 / design minimum freeboard (m); upstream dams grade 1–5: 1.5/1.0/0.7/0.5/0.4',
  ),
  minBeachLengthM: positive(
    2000,
    '设计最小干滩长度（米），GB 50863 表 4.2.1 / design minimum dry-beach length (m); upstream dams grade 1–5: 150/100/70/50/40',
  ),
  minPhreaticDepthM: positive(
    100,
    '下游坡浸润线最小埋深（米），设计值 / design minimum phreatic depth under the downstream slope (m)',
  ),
  allowableDispMm: positive(
    2000,
    '坝体累计位移设计允许值（毫米）/ design allowable cumulative displacement (mm)',
  ),
  allowableDispRateMmD: positive(
    500,
    '坝体位移速率设计允许值（毫米/天）/ design allowable displacement rate (mm/d)',
  ),
  normalLevelM: elevation('正常生产运行控制水位（米）/ normal operating control level (m a.s.l.)'),
  preFloodLevelM: elevation('汛前控制水位（米）/ pre-flood-season control level (m a.s.l.)'),
  maxFloodLevelM: elevation('设计最高洪水位（米）/ design highest flood level (m a.s.l.)'),
  downstreamBearingDeg: Type.Optional(
    Type.Number({
      minimum: 0,
      maximum: 360,
      description:
        '溃坝下泄主方向（度，正北顺时针）/ bearing of the downstream valley from the dam (deg from north)',
    }),
  ),
  downstreamChannelWidthM: positive(5000, '下游沟谷平均宽度（米）/ mean width of the downstream valley (m)'),
  downstreamSlope: Type.Optional(
    Type.Number({
      exclusiveMinimum: 0,
      maximum: 1,
      description: '下游沟谷平均纵坡 / mean bed slope downstream (m/m)',
    }),
  ),
});

const damId = Type.String({ description: '所属尾矿坝对象编号 / id of the dam object this belongs to' });

export const DAM_KINDS = ['upstream_dam', 'centre_downstream_dam', 'dry_stack'] as const;

export const objects = {
  upstream_dam: {
    name: { zh: '上游式尾矿坝', en: 'Upstream-raised tailings dam' },
    attributes: damAttributes,
  },
  centre_downstream_dam: {
    name: { zh: '中线式/下游式尾矿坝', en: 'Centreline / downstream-raised tailings dam' },
    attributes: damAttributes,
  },
  dry_stack: { name: { zh: '干式尾矿库', en: 'Dry-stack tailings facility' }, attributes: damAttributes },
  drainage: {
    name: { zh: '排洪系统（排水井/斜槽/隧洞）', en: 'Flood drainage (decant tower, chute, tunnel)' },
    attributes: Type.Object({ damId }),
  },
  slope_in_pond: {
    name: { zh: '库区地质滑坡体', en: 'Landslide body in the pond area' },
    attributes: Type.Object({
      damId,
      landslideRedMm: Type.Number({
        exclusiveMinimum: 0,
        maximum: 5000,
        description:
          '滑坡体位移红色预警值（设计给出，毫米）/ red displacement value of the landslide (mm, by design)',
      }),
    }),
  },
} satisfies Record<string, ObjectKindDef>;

export const metrics = {
  pond_level: {
    schema: Type.Number({ minimum: -500, maximum: 9000 }),
    unit: 'm',
    name: { zh: '库水位', en: 'Pond level' },
    intervalSec: 600,
  },
  dry_beach_length: {
    schema: Type.Number({ minimum: 0, maximum: 2000 }),
    unit: 'm',
    name: { zh: '干滩长度', en: 'Dry-beach length' },
    intervalSec: 600,
  },
  freeboard: {
    schema: Type.Number({ minimum: 0, maximum: 50 }),
    unit: 'm',
    name: { zh: '安全超高', en: 'Freeboard' },
    intervalSec: 600,
  },
  phreatic_depth: {
    schema: Type.Number({ minimum: 0, maximum: 100 }),
    unit: 'm',
    name: { zh: '浸润线埋深', en: 'Phreatic-line depth' },
    intervalSec: 3600,
  },
  surface_disp: {
    schema: Type.Number({ minimum: 0, maximum: 2000 }),
    unit: 'mm',
    name: { zh: '坝体表面位移', en: 'Dam surface displacement' },
    intervalSec: 3600,
  },
  internal_disp: {
    schema: Type.Number({ minimum: 0, maximum: 2000 }),
    unit: 'mm',
    name: { zh: '坝体内部位移', en: 'Dam internal displacement' },
    intervalSec: 3600,
  },
  disp_rate: {
    schema: Type.Number({ minimum: 0, maximum: 500 }),
    unit: 'mm/d',
    name: { zh: '位移速率', en: 'Displacement rate' },
    intervalSec: 3600,
  },
  rainfall_24h: {
    schema: Type.Number({ minimum: 0, maximum: 1000 }),
    unit: 'mm',
    name: { zh: '24小时降雨量', en: '24-h rainfall' },
    intervalSec: 600,
  },
  seepage: {
    schema: Type.Number({ minimum: 0, maximum: 1000 }),
    unit: 'L/s',
    name: { zh: '渗流量', en: 'Seepage flow' },
    intervalSec: 3600,
  },
  landslide_disp: {
    schema: Type.Number({ minimum: 0, maximum: 5000 }),
    unit: 'mm',
    name: { zh: '库区滑坡体位移', en: 'In-pond landslide displacement' },
    intervalSec: 3600,
  },
} satisfies Record<string, MetricDef>;

const GB51108 = 'GB 51108-2015 尾矿库在线安全监测系统工程技术规范 §8.3 条文说明';
const RATIO_DISP =
  'catalogue ratio tiering (notes §1): 0.6/0.7/0.85/1.0 × design allowable; GB 51108 8.3.3 gives a method only';

/** Falling tiers as ratios of a design minimum (freeboard, dry beach): catalogue `tailings-pond`. */
const beachOrFreeboard = (attr: 'minFreeboardM' | 'minBeachLengthM'): ThresholdDef => ({
  direction: 'falling',
  ratioOf: attr,
  levels: { blue: 1.6, yellow: 1.4, orange: 1.2, red: 1.0 },
  durationSec: 0,
  hysteresis: 0.02,
  hysteresisIsFraction: true,
  source: {
    blue: { basis: '1.6 × GB 50863 table 4.2.1 minimum (catalogue, ours)', assumed: true },
    yellow: { basis: '1.4 × minimum (catalogue, ours)', assumed: true },
    orange: {
      basis: `${GB51108} 8.3.5: orange set empirically from flood-routing capacity; 1.2 × minimum is the catalogue's`,
      assumed: true,
    },
    red: { basis: `${GB51108} 8.3.5: red = GB 50863 design minimum`, assumed: false },
  },
});

const displacement = (attr: 'allowableDispMm' | 'allowableDispRateMmD'): ThresholdDef => ({
  direction: 'rising',
  ratioOf: attr,
  levels: { blue: 0.6, yellow: 0.7, orange: 0.85, red: 1.0 },
  durationSec: 0,
  source: { basis: RATIO_DISP, assumed: true },
});

export const thresholds: { [K in keyof typeof metrics]?: ThresholdDef } = {
  dry_beach_length: beachOrFreeboard('minBeachLengthM'),
  freeboard: beachOrFreeboard('minFreeboardM'),
  phreatic_depth: {
    // The catalogue's alarm level equals blue (1.3 × h_min), so `alarm` is left out (levels must be strictly ordered).
    direction: 'falling',
    ratioOf: 'minPhreaticDepthM',
    levels: { blue: 1.3, yellow: 1.2, orange: 1.1, red: 1.0 },
    durationSec: 0,
    hysteresis: 0.02,
    hysteresisIsFraction: true,
    source: {
      blue: { basis: '1.3 × h_min (catalogue, ours)', assumed: true },
      yellow: { basis: '1.2 × h_min (catalogue, ours)', assumed: true },
      orange: { basis: `${GB51108} 8.3.4: orange = 1.1 × red (empirical)`, assumed: false },
      red: { basis: `${GB51108} 8.3.4: red = design minimum phreatic depth`, assumed: false },
    },
  },
  surface_disp: displacement('allowableDispMm'),
  internal_disp: displacement('allowableDispMm'),
  disp_rate: displacement('allowableDispRateMmD'),
  rainfall_24h: {
    direction: 'rising',
    levels: { blue: 25, yellow: 50, orange: 100, red: 250 },
    durationSec: 0,
    source: {
      blue: { basis: 'GB/T 28592-2012 大雨 lower bound 25 mm/24 h', assumed: true },
      yellow: { basis: `${GB51108} 8.3.7: yellow = 暴雨 amount (≥ 50 mm/24 h)`, assumed: false },
      orange: { basis: '大暴雨 lower bound 100 mm/24 h', assumed: true },
      red: {
        basis: '特大暴雨 250 mm/24 h (lower it to the design-flood rainfall by override)',
        assumed: true,
      },
    },
  },
  landslide_disp: {
    direction: 'rising',
    ratioOf: 'landslideRedMm',
    levels: { orange: 0.8, red: 1.0 },
    durationSec: 0,
    source: {
      orange: { basis: `${GB51108} 8.3.8: orange = 0.8 × red`, assumed: false },
      red: { basis: `${GB51108} 8.3.8: red as designed`, assumed: false },
    },
  },
  // pond_level: the tiers are three design elevations (catalogue: 正常运行/汛前控制/最高洪水位), not ratios of
  // one attribute, so the evaluator cannot carry them; the analysis tiers the pond level (see levels.ts).
  // seepage: design-specific with no catalogue numbers; stored and shown, never tiered.
};

const escalation = (title: string) =>
  Type.Object(
    {
      blueToYellow: Type.Integer({ minimum: 0, maximum: 50 }),
      yellowToOrange: Type.Integer({ minimum: 0, maximum: 50 }),
      orangeToRed: Type.Integer({ minimum: 0, maximum: 50 }),
    },
    { title },
  );

/** The analysis model's parameters. Every number here is documented in the README with its basis. */
export const config = Type.Object({
  damSearchM: Type.Number({
    minimum: 100,
    maximum: 20_000,
    title: '同库监测点搜索半径（米）/ radius to find the other points of the same dam (m)',
  }),
  pointEscalation: escalation('测点→项目升级（测点数，0=不用）/ points → item escalation (count, 0 = off)'),
  itemEscalation: escalation('项目→尾矿库升级（项目数，0=不用）/ items → dam escalation (count, 0 = off)'),
  spikeMetrics: Type.Array(Type.String(), {
    title: '做孤立跳变检验的指标 / metrics tested for isolated jumps',
  }),
  maxPlausibleRatePerH: Type.Record(Type.String(), Type.Number({ exclusiveMinimum: 0 }), {
    title: '物理上可信的最大变化速率（单位/小时）/ largest physically plausible change per hour, by metric',
  }),
  trendWindowH: Type.Number({
    minimum: 1,
    maximum: 72,
    title: '安全超高趋势时窗（小时）/ freeboard trend window (h)',
  }),
  overtopRedH: Type.Number({
    minimum: 0,
    maximum: 72,
    title: '预计漫顶时间≤此值→红色（小时）/ overtopping within (h) → red',
  }),
  overtopOrangeH: Type.Number({
    minimum: 0,
    maximum: 240,
    title: '预计漫顶时间≤此值→至少橙色（小时）/ overtopping within (h) → at least orange',
  }),
  release: Type.Object(
    { a: Type.Number({ exclusiveMinimum: 0 }), b: Type.Number({ exclusiveMinimum: 0 }) },
    { title: '下泄量 V_F = a·V_T^b（百万立方米）/ released volume (hm³), Rico et al. 2008' },
  ),
  runout: Type.Object(
    { a: Type.Number({ exclusiveMinimum: 0 }), b: Type.Number({ exclusiveMinimum: 0 }) },
    { title: '演进距离 D = a·(H·V_F)^b（公里）/ runout (km), Rico et al. 2008' },
  ),
  maxReachKm: Type.Number({
    minimum: 0.5,
    maximum: 100,
    title: '演进距离上限（公里）/ cap on the reach (km)',
  }),
  frontSpeedMs: Type.Number({
    minimum: 0.1,
    maximum: 30,
    title: '溃坝波前平均速度（米/秒）/ mean front speed (m/s)',
  }),
  sinuosity: Type.Number({
    minimum: 1,
    maximum: 3,
    title: '沟道弯曲系数 / channel sinuosity (path / straight line)',
  }),
  manningN: Type.Number({ minimum: 0.01, maximum: 0.2, title: '曼宁糙率 / Manning roughness n' }),
  defaultChannelWidthM: Type.Number({
    minimum: 1,
    maximum: 5000,
    title: '缺省沟谷宽度（米）/ default valley width (m)',
  }),
  defaultSlope: Type.Number({ exclusiveMinimum: 0, maximum: 1, title: '缺省沟谷纵坡 / default bed slope' }),
  sectorHalfAngleDeg: Type.Number({
    minimum: 10,
    maximum: 180,
    title: '下游扇区半角（度）/ half-angle of the downstream sector (deg)',
  }),
  escalateArrivalMin: Type.Number({
    minimum: 0,
    maximum: 600,
    title:
      '橙色时防护目标到达时间≤此值升为红色（分钟）/ orange becomes red when a target is reached within (min)',
  }),
  targetKinds: Type.Array(Type.String(), {
    title: '下游防护目标类型（空=全部）/ downstream target kinds (empty = all)',
  }),
});
export type TailingsConfig = Static<typeof config>;

export const defaults: TailingsConfig = {
  damSearchM: 3000,
  pointEscalation: { blueToYellow: 4, yellowToOrange: 3, orangeToRed: 2 },
  itemEscalation: { blueToYellow: 4, yellowToOrange: 3, orangeToRed: 2 },
  spikeMetrics: ['phreatic_depth', 'surface_disp', 'internal_disp'],
  maxPlausibleRatePerH: { phreatic_depth: 0.5, surface_disp: 20, internal_disp: 20 },
  trendWindowH: 6,
  overtopRedH: 6,
  overtopOrangeH: 12,
  release: { a: 0.354, b: 1.01 },
  runout: { a: 14.45, b: 0.545 },
  maxReachKm: 30,
  frontSpeedMs: 3,
  sinuosity: 1.2,
  manningN: 0.05,
  defaultChannelWidthM: 100,
  defaultSlope: 0.02,
  sectorHalfAngleDeg: 60,
  escalateArrivalMin: 30,
  targetKinds: [],
};
