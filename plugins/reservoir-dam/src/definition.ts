/**
 * What the reservoir-dam risk type monitors: object kinds with their attributes, metrics, default tiers
 * with their sources (domain catalogue entry `reservoir`, seq 13), and the tunable parameters of the
 * downstream flood-routing model.
 */

import type { MetricDef, ObjectKindDef, ThresholdDef } from '@fenghuo/sdk';
import { type Static, Type } from '@fenghuo/sdk';

const elevation = (zh: string, en: string) =>
  Type.Number({ minimum: -500, maximum: 9000, description: `${zh}（m，高程） / ${en} (m, elevation)` });
const optElevation = (zh: string, en: string) => Type.Optional(elevation(zh, en));

/** The characteristic levels and geometry of a dam and its reservoir (SL 252-2017 terms). */
const damAttributes = Type.Object({
  floodLimitLevelM: elevation('汛限水位', 'flood-limit water level (FLWL)'),
  normalPoolLevelM: elevation('正常蓄水位', 'normal pool level'),
  floodControlHighLevelM: optElevation('防洪高水位', 'upper flood-control level'),
  designFloodLevelM: elevation('设计洪水位', 'design flood level'),
  checkFloodLevelM: elevation('校核洪水位', 'check (maximum) flood level'),
  crestElevationM: elevation('坝顶高程（或防浪墙顶）', 'dam crest (or parapet) elevation'),
  damBaseElevationM: elevation('坝基/河床高程（溃口底）', 'dam base / riverbed elevation (breach bottom)'),
  minFreeboardM: Type.Optional(
    Type.Number({
      minimum: 0,
      maximum: 20,
      description:
        '坝顶超高允许最小值（波浪爬高+安全加高） / minimum freeboard (wave run-up + safety allowance), m',
    }),
  ),
  storageAtFloodLimitM3: Type.Number({
    exclusiveMinimum: 0,
    description: '汛限水位相应库容（m³） / storage at the flood-limit level (m³)',
  }),
  surfaceAreaM2: Type.Number({
    exclusiveMinimum: 0,
    description: '汛限水位附近水面面积（m²） / water surface area near the flood-limit level (m²)',
  }),
  crestLengthM: Type.Optional(
    Type.Number({ exclusiveMinimum: 0, description: '坝顶长度（m） / crest length (m)' }),
  ),
  baselineSeepageLps: Type.Optional(
    Type.Number({
      exclusiveMinimum: 0,
      description: '同库水位下历史渗流量（L/s） / historical seepage flow at the same pool level (L/s)',
    }),
  ),
  allowableDispMm: Type.Optional(
    Type.Number({
      exclusiveMinimum: 0,
      description: '设计或历史包络允许变形（mm） / design or historical-envelope allowable displacement (mm)',
    }),
  ),
  channelId: Type.Optional(
    Type.String({ description: '下游河道对象编号 / id of the downstream channel object' }),
  ),
  downstreamBearingDeg: Type.Optional(
    Type.Number({
      minimum: 0,
      maximum: 360,
      description:
        '无河道对象时下游河道走向（度，正北顺时针） / downstream bearing when no channel object (deg)',
    }),
  ),
});
export type DamAttributes = Static<typeof damAttributes>;

export const channelAttributes = Type.Object({
  bedWidthM: Type.Number({ exclusiveMinimum: 0, maximum: 5000, description: '河底宽（m） / bed width (m)' }),
  sideSlope: Type.Number({
    minimum: 0,
    maximum: 200,
    description:
      '岸坡及滩地综合边坡 1:z 的 z / combined bank and flood-plain side slope z (1 vertical : z horizontal)',
  }),
  bedSlope: Type.Number({
    exclusiveMinimum: 0,
    maximum: 0.2,
    description: '河道纵坡（m/m） / bed slope (m/m)',
  }),
  manningN: Type.Number({
    minimum: 0.01,
    maximum: 0.2,
    description: '糙率 Manning n / Manning roughness',
  }),
  bankfullDepthM: Type.Optional(
    Type.Number({ exclusiveMinimum: 0, maximum: 50, description: '平滩水深（m） / bank-full depth (m)' }),
  ),
});
export type ChannelAttributes = Static<typeof channelAttributes>;

export const objects = {
  earth_rock_dam: {
    name: { zh: '土石坝', en: 'Earth-rock dam' },
    attributes: damAttributes,
  },
  concrete_dam: {
    name: { zh: '混凝土坝', en: 'Concrete dam' },
    attributes: damAttributes,
  },
  spillway: {
    name: { zh: '溢洪道/泄洪设施', en: 'Spillway / outlet works' },
    attributes: Type.Object({
      damId: Type.String({ description: '所属大坝对象编号 / id of the dam it belongs to' }),
      designDischargeM3s: Type.Optional(
        Type.Number({ exclusiveMinimum: 0, description: '设计泄量（m³/s） / design discharge (m³/s)' }),
      ),
    }),
  },
  downstream_channel: {
    name: { zh: '下游河道', en: 'Downstream channel' },
    attributes: channelAttributes,
  },
} satisfies Record<string, ObjectKindDef>;

export const metrics = {
  level_above_flood_limit: {
    schema: Type.Number({ minimum: -100, maximum: 100 }),
    unit: 'm',
    name: { zh: '库水位超汛限幅度', en: 'Pool level above the flood-limit level' },
    intervalSec: 3600,
  },
  seepage_flow: {
    schema: Type.Number({ minimum: 0, maximum: 5000 }),
    unit: 'L/s',
    name: { zh: '渗流量', en: 'Seepage flow' },
    intervalSec: 3600,
  },
  seepage_turbidity: {
    schema: Type.Number({ minimum: 0, maximum: 1000 }),
    unit: 'NTU',
    name: { zh: '渗水浑浊度', en: 'Seepage turbidity' },
    intervalSec: 3600,
  },
  surface_disp: {
    schema: Type.Number({ minimum: -500, maximum: 500 }),
    unit: 'mm',
    name: { zh: '坝体表面变形', en: 'Dam surface displacement' },
    intervalSec: 3600,
  },
  rainfall: {
    schema: Type.Number({ minimum: 0, maximum: 1000 }),
    unit: 'mm',
    name: { zh: '流域24小时面雨量', en: 'Basin 24-hour areal rainfall' },
    intervalSec: 3600,
  },
} satisfies Record<string, MetricDef>;

const CAT = 'domain catalogue `reservoir`';

export const thresholds: { [K in keyof typeof metrics]?: ThresholdDef } = {
  level_above_flood_limit: {
    // Metres above the reservoir's own FLWL (水情报表 "超汛限 x 米"). The alarm and blue limits are the
    // catalogue's; yellow…red are generic offsets that a city overrides per dam with its own
    // (normal pool, design flood, check flood) − FLWL. The analysis always re-derives the tier from the
    // dam's characteristic-level attributes, so a missing override cannot understate a warning.
    direction: 'rising',
    levels: { alarm: -0.3, blue: 0, yellow: 1, orange: 2, red: 3 },
    durationSec: 0,
    hysteresis: 0.05,
    source: {
      alarm: { basis: `${CAT}: FLWL − 0.3 m in flood season`, assumed: true },
      blue: { basis: `${CAT}: 超汛限 (above the FLWL)`, assumed: true },
      yellow: {
        basis: `${CAT}: 防洪高水位 or 正常蓄水位; generic +1 m until the city sets the dam's own offset`,
        assumed: true,
      },
      orange: { basis: `${CAT}: 设计洪水位; generic +2 m until overridden`, assumed: true },
      red: {
        basis: `${CAT}: 校核洪水位 or freeboard below the allowance; generic +3 m until overridden`,
        assumed: true,
      },
    },
  },
  seepage_flow: {
    // Ratio to the dam's historical seepage at the same pool level.
    direction: 'rising',
    ratioOf: 'baselineSeepageLps',
    levels: { blue: 1.2, yellow: 1.5, orange: 2 },
    durationSec: 0,
    hysteresis: 0.05,
    hysteresisIsFraction: true,
    source: {
      blue: { basis: `${CAT}: flow / historical flow at the same level ≥ 1.2`, assumed: true },
      yellow: { basis: `${CAT}: ≥ 1.5`, assumed: true },
      orange: { basis: `${CAT}: ≥ 2.0 (or turbidity rising)`, assumed: true },
    },
  },
  seepage_turbidity: {
    direction: 'rising',
    levels: { blue: 10, yellow: 30, orange: 60, red: 100 },
    durationSec: 0,
    source: {
      blue: { basis: 'engineering default: clear seepage stays below ~5 NTU', assumed: true },
      yellow: { basis: 'engineering default', assumed: true },
      orange: { basis: `${CAT}: orange on turbidity rising`, assumed: true },
      red: { basis: `${CAT}: red on muddy seepage (piping)`, assumed: true },
    },
  },
  surface_disp: {
    direction: 'rising',
    ratioOf: 'allowableDispMm',
    levels: { blue: 0.6, yellow: 0.7, orange: 0.85, red: 1 },
    durationSec: 0,
    hysteresis: 0.02,
    hysteresisIsFraction: true,
    source: {
      blue: { basis: `${CAT}: value / design or historical-envelope limit ≥ 0.6`, assumed: true },
      yellow: { basis: `${CAT}: ≥ 0.7`, assumed: true },
      orange: { basis: `${CAT}: ≥ 0.85`, assumed: true },
      red: { basis: `${CAT}: ≥ 1.0`, assumed: true },
    },
  },
  rainfall: {
    direction: 'rising',
    levels: { blue: 25, yellow: 50, orange: 100, red: 250 },
    durationSec: 0,
    source: {
      blue: { basis: 'GB/T 28592-2012 24 h 大雨 lower bound 25 mm; tier placement ours', assumed: true },
      yellow: { basis: 'GB/T 28592-2012 暴雨 50 mm; tier placement ours', assumed: true },
      orange: { basis: 'GB/T 28592-2012 大暴雨 100 mm; tier placement ours', assumed: true },
      red: { basis: 'GB/T 28592-2012 特大暴雨 250 mm; tier placement ours', assumed: true },
    },
  },
};

/** The analysis model's parameters. Every number here is documented in the README with its basis. */
export const config = Type.Object({
  trendWindowH: Type.Number({
    minimum: 1,
    maximum: 72,
    title: '水位涨率计算时窗（小时） / window for the pool-level rise rate (h)',
  }),
  leadTimeH: Type.Number({
    minimum: 0.5,
    maximum: 72,
    title: '预见期（小时）：在此时间内将达校核洪水位/坝顶则升级 / lead time that escalates (h)',
  }),
  spikeJumpRatio: Type.Number({
    minimum: 0.05,
    maximum: 5,
    title: '单点突跳判据（相对前值） / jump over the previous reading read as a spike',
  }),
  spikeBaselineSamples: Type.Integer({
    minimum: 2,
    maximum: 48,
    title: '突跳判别基线样本数 / samples in the spike baseline',
  }),
  turbidityRiseNtu: Type.Number({
    minimum: 0,
    maximum: 500,
    title: '视为浑浊上升的增量（NTU） / turbidity rise that corroborates (NTU)',
  }),
  sensorRadiusM: Type.Number({
    minimum: 10,
    maximum: 20_000,
    title: '同坝佐证测点搜索半径（米） / radius for corroborating sensors of the same dam (m)',
  }),
  routeFromTier: Type.Union(
    [Type.Literal('blue'), Type.Literal('yellow'), Type.Literal('orange'), Type.Literal('red')],
    {
      title: '从此级起做下游溃坝洪水演进 / tier from which the downstream routing runs',
    },
  ),
  routeLengthM: Type.Number({
    minimum: 500,
    maximum: 100_000,
    title: '演进计算河长（米） / routed channel length (m)',
  }),
  stationSpacingM: Type.Number({
    minimum: 100,
    maximum: 10_000,
    title: '计算断面间距（米） / spacing of computed cross-sections (m)',
  }),
  floodVelocityMs: Type.Number({
    minimum: 0.5,
    maximum: 10,
    title: '李斯特万公式最大流速 v（m/s） / maximum flood velocity v of the Listvan formula (m/s)',
  }),
  listvanK: Type.Number({
    minimum: 0.5,
    maximum: 2,
    title: '李斯特万经验系数 K / Listvan empirical coefficient K',
  }),
  celerityFactor: Type.Number({
    minimum: 1,
    maximum: 2,
    title: '洪水波速/断面流速比 / flood-wave celerity over mean velocity',
  }),
  concreteBreachWidthRatio: Type.Number({
    minimum: 0.05,
    maximum: 1,
    title: '混凝土坝溃口宽/坝顶长 / concrete-dam breach width over crest length',
  }),
  defaultChannel: channelAttributes,
  sensitiveKinds: Type.Array(Type.String(), {
    title: '升级关注的防护目标类型 / protection-target kinds listed first',
  }),
});
export type DamConfig = Static<typeof config>;

export const defaults: DamConfig = {
  trendWindowH: 6,
  leadTimeH: 6,
  spikeJumpRatio: 0.3,
  spikeBaselineSamples: 6,
  turbidityRiseNtu: 5,
  sensorRadiusM: 2000,
  routeFromTier: 'yellow',
  routeLengthM: 20_000,
  stationSpacingM: 250,
  floodVelocityMs: 3,
  listvanK: 1,
  celerityFactor: 5 / 3,
  concreteBreachWidthRatio: 0.3,
  defaultChannel: { bedWidthM: 40, sideSlope: 20, bedSlope: 0.002, manningN: 0.04, bankfullDepthM: 3 },
  sensitiveKinds: ['school', 'kindergarten', 'hospital', 'elderly_home', 'residential', 'village'],
};
