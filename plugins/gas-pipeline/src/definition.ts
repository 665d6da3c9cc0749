/**
 * What the gas-pipeline risk type monitors: object kinds with their attributes, metrics, default tiers
 * with their sources (from the project's domain catalogue, `gas-pipeline-leak-explosion`), and the
 * tunable parameters of the analysis model.
 */

import type { MetricDef, ObjectKindDef, ThresholdDef } from '@fenghuo/sdk';
import { type Static, Type } from '@fenghuo/sdk';

/** GB 50028-2006 (2020) pressure classes of city gas lines (recalled, see notes §2). */
export const PressureClass = Type.Union(
  [
    Type.Literal('low'),
    Type.Literal('medium_b'),
    Type.Literal('medium_a'),
    Type.Literal('sub_high_b'),
    Type.Literal('sub_high_a'),
    Type.Literal('high_b'),
    Type.Literal('high_a'),
  ],
  {
    description:
      'GB 50028 压力级制 / pressure class: 低压 <0.01, 中压B 0.01–0.2, 中压A 0.2–0.4, 次高压B 0.4–0.8, 次高压A 0.8–1.6, 高压B 1.6–2.5, 高压A 2.5–4.0 MPa',
  },
);
export type PressureClass = Static<typeof PressureClass>;

/** Detector LEL basis: 5.0 %vol (Chinese design practice) or 4.4 %vol (IEC 60079-20-1). */
const lelBasisPctVol = Type.Optional(
  Type.Number({
    minimum: 1,
    maximum: 20,
    description:
      '探测器标定所用甲烷爆炸下限（%vol），如 5.0 或 4.4 / LEL basis the detector is calibrated on (%vol)',
  }),
);
const mainId = Type.Optional(
  Type.String({ description: '所在或相邻燃气管段编号 / id of the gas main it belongs to or lies beside' }),
);
const normalPressureMpa = Type.Number({
  exclusiveMinimum: 0,
  maximum: 6.4,
  description: '正常运行压力（MPa） / normal operating pressure',
});

const mainAttributes = Type.Object({
  pressureClass: PressureClass,
  normalPressureMpa,
  maopMpa: Type.Optional(
    Type.Number({ exclusiveMinimum: 0, maximum: 6.4, description: '最高允许工作压力 / MAOP (MPa)' }),
  ),
  diameterMm: Type.Number({
    exclusiveMinimum: 0,
    maximum: 2000,
    description: '公称直径 / nominal diameter (mm)',
  }),
  material: Type.Union([
    Type.Literal('steel'),
    Type.Literal('pe'),
    Type.Literal('ductile_iron'),
    Type.Literal('cast_iron'),
    Type.Literal('other'),
  ]),
  buriedYear: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2100 })),
  lengthM: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
  renewalPlanned: Type.Optional(Type.Boolean({ description: '列入更新改造计划 / in the renewal plan' })),
});

export const objects = {
  gas_main_hp: {
    name: { zh: '高压/次高压燃气管线', en: 'High / sub-high pressure gas main' },
    attributes: mainAttributes,
  },
  gas_main_mp_lp: {
    name: { zh: '中压/低压燃气管线', en: 'Medium / low pressure gas main' },
    attributes: mainAttributes,
  },
  regulator_station: {
    name: { zh: '调压站/调压箱', en: 'Pressure regulator station / box' },
    attributes: Type.Object({
      mainId,
      inletClass: Type.Optional(PressureClass),
      outletClass: Type.Optional(PressureClass),
      normalPressureMpa,
      lelBasisPctVol,
    }),
  },
  valve_well: {
    name: { zh: '燃气阀门井', en: 'Gas valve well' },
    attributes: Type.Object({
      mainId,
      depthM: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 20 })),
      volumeM3: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
      normalPressureMpa: Type.Optional(normalPressureMpa),
      lelBasisPctVol,
    }),
  },
  adjacent_space: {
    name: { zh: '相邻地下空间', en: 'Adjacent underground space' },
    attributes: Type.Object({
      spaceType: Type.Union(
        [
          Type.Literal('storm'),
          Type.Literal('sewer'),
          Type.Literal('power'),
          Type.Literal('telecom'),
          Type.Literal('utility_tunnel'),
          Type.Literal('basement'),
          Type.Literal('other'),
        ],
        {
          description:
            '雨水/污水/电力/通信检查井、综合管廊、地下室 / storm, sewer, power, telecom well, utility tunnel, basement',
        },
      ),
      mainId,
      volumeM3: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
      lelBasisPctVol,
    }),
  },
} satisfies Record<string, ObjectKindDef>;

export const metrics = {
  ch4: {
    schema: Type.Number({ minimum: 0, maximum: 100 }),
    unit: '%LEL',
    name: { zh: '甲烷浓度', en: 'Methane' },
    intervalSec: 60,
  },
  pressure: {
    // GB 50028 classes reach 4.0 MPa; the range leaves room for an over-pressure reading to be stored.
    schema: Type.Number({ minimum: 0, maximum: 6.4 }),
    unit: 'MPa',
    name: { zh: '管网压力', en: 'Line pressure' },
    intervalSec: 60,
  },
  flow: {
    schema: Type.Number({ minimum: 0, maximum: 100_000 }),
    unit: 'Nm3/h',
    name: { zh: '管网流量', en: 'Line flow' },
    intervalSec: 300,
  },
  pressure_drop_rate: {
    schema: Type.Number({ minimum: 0, maximum: 1 }),
    unit: 'MPa/min',
    name: { zh: '压力下降速率', en: 'Pressure drop rate' },
    intervalSec: 60,
  },
} satisfies Record<string, MetricDef>;

const ENGINEERING = 'engineering default (domain catalogue gas-pipeline-leak-explosion)';

export const thresholds: { [K in keyof typeof metrics]?: ThresholdDef } = {
  ch4: {
    direction: 'rising',
    levels: { alarm: 5, blue: 10, yellow: 20, orange: 25, red: 50 },
    // Catalogue debounce: a level is entered after 2 consecutive samples / 60 s; left 5 % below it.
    durationSec: 60,
    hysteresis: 0.05,
    hysteresisIsFraction: true,
    source: {
      alarm: { basis: 'engineering default, below every standard set point', assumed: true },
      blue: { basis: 'MEM 有限空间作业指导: flammable gas detector alarm 10 %LEL', assumed: true },
      yellow: { basis: 'GB 50838-2015 综合管廊: natural-gas cabin alarm set point ≤ 20 %LEL', assumed: true },
      orange: { basis: 'GB/T 50493-2019: level-1 alarm set point ≤ 25 %LEL', assumed: true },
      red: {
        basis: 'GB/T 50493-2019: level-2 alarm set point ≤ 50 %LEL (GB 50838 emergency shut-off ≤ 35 %LEL)',
        assumed: true,
      },
    },
  },
  pressure: {
    // Ratio of the object's normal operating pressure: a drop of 10/20/30 % held 5 min, or a rupture.
    direction: 'falling',
    ratioOf: 'normalPressureMpa',
    levels: { blue: 0.9, yellow: 0.8, orange: 0.7, red: 0.5 },
    durationSec: 300,
    hysteresis: 0.02,
    hysteresisIsFraction: true,
    // A loss of 30 % / 50 % of P_set between two readings a minute apart: a rupture-scale step, alarmed at
    // once instead of after the 5-minute hold (the evaluator's rate is per step, not windowed).
    ratePerMin: { orange: 0.3, red: 0.5 },
    source: {
      blue: { basis: `${ENGINEERING}: |P − P_set| / P_set ≥ 0.10 held ≥ 5 min`, assumed: true },
      yellow: { basis: `${ENGINEERING}: deviation ≥ 0.20`, assumed: true },
      orange: { basis: `${ENGINEERING}: deviation ≥ 0.30`, assumed: true },
      red: {
        basis: `${ENGINEERING}: sudden drop ≥ 50 % of P_set within 5 min (rupture signature)`,
        assumed: true,
      },
    },
  },
  pressure_drop_rate: {
    direction: 'rising',
    ratioOf: 'normalPressureMpa',
    // Per minute, as a share of P_set: the catalogue's 10/20/30/50 % deviations reached within 5 min.
    levels: { blue: 0.02, yellow: 0.04, orange: 0.06, red: 0.1 },
    durationSec: 0,
    source: {
      blue: { basis: `${ENGINEERING}: 10 % of P_set lost within 5 min`, assumed: true },
      yellow: { basis: `${ENGINEERING}: 20 % of P_set within 5 min`, assumed: true },
      orange: { basis: `${ENGINEERING}: 30 % of P_set within 5 min`, assumed: true },
      red: { basis: `${ENGINEERING}: ≥ 50 % of P_set within 5 min (rupture signature)`, assumed: true },
    },
  },
  // `flow` has no fixed tiers (the catalogue's rule compares night minimum flow with a 7-day baseline);
  // the analysis uses it to corroborate a leak.
};

const perLevel = (title: string) =>
  Type.Object(
    {
      alarm: Type.Number({ minimum: 0 }),
      blue: Type.Number({ minimum: 0 }),
      yellow: Type.Number({ minimum: 0 }),
      orange: Type.Number({ minimum: 0 }),
      red: Type.Number({ minimum: 0 }),
    },
    { title },
  );

const factorByClass = Type.Object(
  {
    low: Type.Number({ minimum: 0 }),
    medium_b: Type.Number({ minimum: 0 }),
    medium_a: Type.Number({ minimum: 0 }),
    sub_high_b: Type.Number({ minimum: 0 }),
    sub_high_a: Type.Number({ minimum: 0 }),
    high_b: Type.Number({ minimum: 0 }),
    high_a: Type.Number({ minimum: 0 }),
  },
  { title: '压力级制半径系数 / radius factor by pressure class' },
);

/** The analysis model's parameters. Every number here is documented in the README with its basis. */
export const config = Type.Object({
  referenceLelPctVol: Type.Number({
    minimum: 1,
    maximum: 20,
    title: '参考爆炸下限（%vol） / reference LEL basis',
  }),
  windowMin: Type.Number({ minimum: 5, maximum: 720, title: '曲线分析时窗（分钟） / curve window (min)' }),
  neighbourRadiusM: Type.Number({
    minimum: 10,
    maximum: 5000,
    title: '相邻监测点搜索半径（米） / neighbour search radius (m)',
  }),
  pressureRadiusM: Type.Number({
    minimum: 10,
    maximum: 10_000,
    title: '压力/流量监测点搜索半径（米） / pressure & flow search radius (m)',
  }),
  riseDeltaLel: Type.Number({
    minimum: 0.1,
    maximum: 50,
    title: '视为上升的增量（%LEL） / rise above own baseline (%LEL)',
  }),
  confirmLel: Type.Number({
    minimum: 0.1,
    maximum: 100,
    title: '相邻点确认浓度（%LEL） / neighbour confirmation level (%LEL)',
  }),
  heldEscalateMin: Type.Number({
    minimum: 1,
    maximum: 240,
    title: '持续升级时长（分钟） / held-for escalation (min)',
  }),
  spikeMaxSamples: Type.Integer({
    minimum: 1,
    maximum: 10,
    title: '孤立尖峰最多样本数 / samples a lone spike may span',
  }),
  drift: Type.Object(
    {
      minDurationMin: Type.Number({ minimum: 10 }),
      maxSlopePerMin: Type.Number({ minimum: 0 }),
      minR2: Type.Number({ minimum: 0, maximum: 1 }),
    },
    { title: '传感器漂移判据 / drift test' },
  ),
  sourceWeights: Type.Object(
    {
      first: Type.Number({ minimum: 0 }),
      highest: Type.Number({ minimum: 0 }),
      steepest: Type.Number({ minimum: 0 }),
    },
    { title: '泄漏源评分权重 / leak-source score weights' },
  ),
  sourceTopK: Type.Integer({
    minimum: 1,
    maximum: 10,
    title: '加权质心取前 K 个点 / points in the weighted centroid',
  }),
  radiusByLevelM: perLevel('按浓度级别的基础半径（米） / base radius by concentration level (m)'),
  pressureClassFactor: factorByClass,
  coverMarginM: Type.Number({
    minimum: 0,
    maximum: 500,
    title: '检出点外扩（米） / margin beyond the farthest detecting point (m)',
  }),
  mainSearchM: Type.Number({
    minimum: 0,
    maximum: 1000,
    title: '未登记 mainId 时查找管线的距离（米） / distance to look for the main when mainId is absent (m)',
  }),
  conduitFactor: Type.Number({
    minimum: 1,
    maximum: 5,
    title: '连通管沟空间半径系数 / factor for spaces connected to conduits',
  }),
  maxRadiusM: Type.Number({ minimum: 50, maximum: 5000, title: '最大影响半径（米） / maximum radius (m)' }),
  pressureDropRatio: Type.Number({
    minimum: 0,
    maximum: 1,
    title: '压降佐证比例 / pressure drop that corroborates a leak',
  }),
  ruptureDropRatio: Type.Number({
    minimum: 0,
    maximum: 1,
    title: '5 分钟内破裂压降比例 / 5-min drop read as a rupture',
  }),
  flowRiseRatio: Type.Number({
    minimum: 0,
    maximum: 10,
    title: '流量上升佐证比例 / flow rise that corroborates a leak',
  }),
  sensitiveKinds: Type.Array(Type.String(), {
    title: '升级预警的防护目标类型 / protection-target kinds that raise the tier',
  }),
  escalateOnHazard: Type.Boolean({
    title: '范围内有重大危险源时升级 / raise the tier when a hazard is inside',
  }),
  maxEscalation: Type.Integer({
    minimum: 0,
    maximum: 4,
    title: '最多升级级数 / most tiers added by escalation',
  }),
});
export type GasConfig = Static<typeof config>;

export const defaults: GasConfig = {
  referenceLelPctVol: 5.0,
  windowMin: 90,
  neighbourRadiusM: 300,
  pressureRadiusM: 1000,
  riseDeltaLel: 3,
  confirmLel: 5,
  heldEscalateMin: 10,
  spikeMaxSamples: 1,
  drift: { minDurationMin: 60, maxSlopePerMin: 0.15, minR2: 0.8 },
  sourceWeights: { first: 0.35, highest: 0.35, steepest: 0.3 },
  sourceTopK: 3,
  radiusByLevelM: { alarm: 30, blue: 50, yellow: 100, orange: 150, red: 200 },
  pressureClassFactor: {
    low: 0.8,
    medium_b: 1,
    medium_a: 1,
    sub_high_b: 1.25,
    sub_high_a: 1.25,
    high_b: 1.5,
    high_a: 1.5,
  },
  conduitFactor: 1.5,
  coverMarginM: 20,
  mainSearchM: 50,
  maxRadiusM: 1000,
  pressureDropRatio: 0.1,
  ruptureDropRatio: 0.5,
  flowRiseRatio: 0.3,
  sensitiveKinds: [
    'school',
    'kindergarten',
    'hospital',
    'elderly_home',
    'crowded_place',
    'shopping_mall',
    'station',
  ],
  escalateOnHazard: true,
  maxEscalation: 2,
};
