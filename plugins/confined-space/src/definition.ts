/**
 * What the confined-space risk type monitors: object kinds with their attributes, metrics (four gases and
 * the site system's work-safety events), default tiers with their sources (from the project's domain
 * catalogue, `underground-confined-space-poisoning`), and the tunable parameters of the analysis model.
 */

import type { MetricDef, ObjectKindDef, ThresholdDef } from '@fenghuo/sdk';
import { type Static, Type } from '@fenghuo/sdk';

/** Attributes shared by every kind of confined space. */
const spaceAttributes = Type.Object({
  maxEntryMin: Type.Number({
    minimum: 5,
    maximum: 1440,
    description:
      '单次连续作业时限（分钟），作业超时按其倍数分级；排水检查井宜取 60 / longest allowed continuous work per entry (min); overtime tiers are multiples of it; 60 for sewer wells',
  }),
  depthM: Type.Optional(
    Type.Number({ exclusiveMinimum: 0, maximum: 60, description: '深度（米） / depth (m)' }),
  ),
  volumeM3: Type.Optional(
    Type.Number({ exclusiveMinimum: 0, description: '有效容积（立方米） / free volume (m³)' }),
  ),
  workUnit: Type.Optional(
    Type.String({
      description:
        '常驻作业/养护单位，写作“中文名 / English name”，报警同时通知 / usual work or maintenance unit, written "中文名 / English name", alarmed with the owner',
    }),
  ),
});

export const objects = {
  sewer_manhole: {
    name: { zh: '污水/雨水检查井', en: 'Sewer or storm manhole' },
    attributes: spaceAttributes,
  },
  septic_tank: { name: { zh: '化粪池', en: 'Septic tank' }, attributes: spaceAttributes },
  utility_tunnel: {
    name: { zh: '综合管廊/电缆隧道', en: 'Utility tunnel or cable tunnel' },
    attributes: spaceAttributes,
  },
  valve_chamber: {
    name: { zh: '阀门井/泵站集水井', en: 'Valve chamber or pump-station wet well' },
    attributes: spaceAttributes,
  },
} satisfies Record<string, ObjectKindDef>;

/** Metrics that are gas concentrations, in the order findings list them. */
export const GAS_METRICS = ['o2', 'o2_high', 'h2s', 'co', 'ch4'] as const;
export type GasMetric = (typeof GAS_METRICS)[number];

/** Metrics the site system (作业管理终端, door contacts, video analytics) reports. */
export const SITE_METRICS = [
  'people_inside',
  'work_in_progress',
  'door_open',
  'permit_approved',
  'guard_off_post',
  'ppe_missing',
  'work_elapsed_min',
] as const;
export type SiteMetric = (typeof SITE_METRICS)[number];

const flag = (zh: string, en: string): MetricDef => ({
  schema: Type.Number({ minimum: 0, maximum: 1 }),
  unit: '0/1',
  name: { zh, en },
  intervalSec: 60,
});

export const metrics = {
  // One metric has one threshold with one direction (SDK ThresholdDef), so the two-sided O2 limit is two
  // metrics: the detector's reading is sent under both keys (README "Oxygen, two-sided").
  o2: {
    schema: Type.Number({ minimum: 0, maximum: 30 }),
    unit: '%vol',
    name: { zh: '氧气浓度（缺氧）', en: 'Oxygen (deficiency)' },
    intervalSec: 60,
  },
  o2_high: {
    schema: Type.Number({ minimum: 0, maximum: 30 }),
    unit: '%vol',
    name: { zh: '氧气浓度（富氧）', en: 'Oxygen (enrichment)' },
    intervalSec: 60,
  },
  ch4: {
    schema: Type.Number({ minimum: 0, maximum: 100 }),
    unit: '%LEL',
    name: { zh: '甲烷（可燃气）', en: 'Methane (flammable gas)' },
    intervalSec: 60,
  },
  co: {
    schema: Type.Number({ minimum: 0, maximum: 2000 }),
    unit: 'mg/m3',
    name: { zh: '一氧化碳', en: 'Carbon monoxide' },
    intervalSec: 60,
  },
  h2s: {
    schema: Type.Number({ minimum: 0, maximum: 500 }),
    unit: 'mg/m3',
    name: { zh: '硫化氢', en: 'Hydrogen sulphide' },
    intervalSec: 60,
  },
  people_inside: {
    schema: Type.Number({ minimum: 0, maximum: 100 }),
    unit: 'persons',
    name: { zh: '有限空间内人数', en: 'People inside' },
    intervalSec: 60,
  },
  work_in_progress: flag('作业状态（作业开始=1，结束=0）', 'Work in progress (start = 1, end = 0)'),
  door_open: flag('门体/井盖开启', 'Door or cover open'),
  permit_approved: flag('作业审批有效', 'Approved entry permit in force'),
  guard_off_post: flag('监护人员离岗', 'Attendant off post'),
  ppe_missing: {
    schema: Type.Number({ minimum: 0, maximum: 100 }),
    unit: 'persons',
    name: { zh: '未佩戴防护用品人数', en: 'People without protective equipment' },
    intervalSec: 60,
  },
  work_elapsed_min: {
    schema: Type.Number({ minimum: 0, maximum: 1440 }),
    unit: 'min',
    name: { zh: '本次作业已持续时间', en: 'Time since work started' },
    intervalSec: 60,
  },
} satisfies Record<string, MetricDef>;

export type MetricKey = keyof typeof metrics;

const MEM = '应急管理部《有限空间作业安全指导手册》/ 工贸企业有限空间作业安全规定（令13号）';
// Two consecutive readings (the evaluator measures between reading timestamps): a one-sample spike never
// raises an alarm, and no delay beyond one sampling interval is added.
const TWO_SAMPLES = 1;

export const thresholds: { [K in MetricKey]?: ThresholdDef } = {
  o2: {
    direction: 'falling',
    // The catalogue gives alarm = blue = 19.5; levels must be strictly ordered, so `alarm` is left out.
    // Blue carries the catalogue's blue flag (assumed: the standard sets the alarm, the blue placement is
    // ours), as `ch4` below does.
    levels: { blue: 19.5, yellow: 18, orange: 16, red: 12 },
    durationSec: TWO_SAMPLES,
    hysteresis: 0.3,
    source: {
      blue: {
        basis: `${MEM}: low-O2 alarm 19.5 %vol; GB 8958-2006 oxygen-deficient < 19.5 % (a standard alarm value; its blue placement is the catalogue's)`,
        assumed: true,
      },
      yellow: { basis: 'second-stage low-O2 alarm in vendor guidance', assumed: true },
      orange: { basis: 'O2 physiology table: work capacity clearly impaired at 15–19 %vol', assumed: true },
      red: { basis: 'O2 physiology table: respiration and judgement impaired at 12–14 %vol', assumed: true },
    },
  },
  o2_high: {
    direction: 'rising',
    levels: { yellow: 23.5 },
    durationSec: TWO_SAMPLES,
    hysteresis: 0.3,
    source: {
      yellow: { basis: `${MEM}: O2 high alarm 23.5 %vol (tier placement: catalogue)`, assumed: true },
    },
  },
  ch4: {
    direction: 'rising',
    // Catalogue alarm = blue = 10 %LEL: `alarm` left out.
    levels: { blue: 10, yellow: 20, orange: 25, red: 50 },
    durationSec: TWO_SAMPLES,
    hysteresis: 0.05,
    hysteresisIsFraction: true,
    source: {
      blue: { basis: `${MEM}: flammable gas alarm 10 %LEL`, assumed: true },
      yellow: { basis: 'GB 50838-2015 综合管廊: natural-gas cabin alarm ≤ 20 %LEL', assumed: true },
      orange: { basis: 'GB/T 50493-2019: level-1 combustible alarm ≤ 25 %LEL', assumed: true },
      red: { basis: 'GB/T 50493-2019: level-2 combustible alarm ≤ 50 %LEL', assumed: true },
    },
  },
  co: {
    direction: 'rising',
    levels: { alarm: 15, blue: 30, yellow: 60, orange: 137, red: 600 },
    durationSec: TWO_SAMPLES,
    hysteresis: 0.05,
    hysteresisIsFraction: true,
    source: {
      alarm: { basis: 'GBZ/T 223: pre-alarm = ½ PC-STEL (GBZ 2.1-2019 CO PC-STEL 30 mg/m³)', assumed: false },
      blue: { basis: `GBZ 2.1-2019 PC-STEL 30 mg/m³ (≈ 26 ppm) = ${MEM} CO alarm value`, assumed: false },
      yellow: { basis: 'GB/T 50493-2019: level-2 toxic alarm ≤ 200 % OEL', assumed: true },
      orange: { basis: '10 % of NIOSH IDLH 1 200 ppm (≈ 1 374 mg/m³)', assumed: true },
      red: { basis: 'catalogue value without a standard anchor (≈ 520 ppm)', assumed: true },
    },
  },
  h2s: {
    direction: 'rising',
    levels: { alarm: 5, blue: 10, yellow: 20, orange: 70, red: 141 },
    durationSec: TWO_SAMPLES,
    hysteresis: 0.05,
    hysteresisIsFraction: true,
    source: {
      alarm: { basis: 'GBZ/T 223: pre-alarm = ½ MAC', assumed: false },
      blue: { basis: `GBZ 2.1-2019 MAC 10 mg/m³ (≈ 7 ppm) = ${MEM} H2S alarm value`, assumed: false },
      yellow: { basis: 'GB/T 50493-2019: level-2 toxic alarm ≤ 200 % OEL', assumed: true },
      orange: {
        basis: 'hazard table: eye and respiratory irritation at 70–150 mg/m³ within 1–2 h',
        assumed: true,
      },
      red: { basis: 'NIOSH IDLH 100 ppm (≈ 141 mg/m³)', assumed: true },
    },
  },
  // Site events. `alarm` is the owner-only level: the owner and the work unit learn of every opening,
  // entry, absence and overrun at once; the analysis decides whether it is a warning.
  door_open: {
    direction: 'rising',
    levels: { alarm: 1 },
    durationSec: 0,
    source: { alarm: { basis: 'guideline §3 lifeline 5: door open/closed state monitoring', assumed: true } },
  },
  people_inside: {
    direction: 'rising',
    levels: { alarm: 1 },
    durationSec: 0,
    source: { alarm: { basis: 'guideline §3 lifeline 5: entry of unapproved people', assumed: true } },
  },
  guard_off_post: {
    direction: 'rising',
    levels: { alarm: 1 },
    // Video analytics flicker; one minute off post (two one-minute reports) is an absence.
    durationSec: 60,
    source: {
      alarm: {
        basis: `guideline §3 lifeline 5: attendant off post; ${MEM}: the attendant stays outside for the whole entry (60 s debounce assumed)`,
        assumed: true,
      },
    },
  },
  ppe_missing: {
    direction: 'rising',
    levels: { alarm: 1 },
    durationSec: 60,
    source: {
      alarm: {
        basis: 'guideline §3 lifeline 5: protective equipment not worn (60 s debounce assumed)',
        assumed: true,
      },
    },
  },
  work_elapsed_min: {
    direction: 'rising',
    ratioOf: 'maxEntryMin',
    levels: { alarm: 1, blue: 1.25, yellow: 1.5, orange: 2 },
    durationSec: 0,
    source: {
      alarm: {
        basis:
          "guideline §3 lifeline 5: overtime work; limit = the space's maxEntryMin (CJJ 6-2009: ≤ 1 h per descent into a sewer well, recalled)",
        assumed: true,
      },
      blue: { basis: 'engineering choice: 25 % over the limit', assumed: true },
      yellow: { basis: 'engineering choice: 50 % over the limit', assumed: true },
      orange: { basis: 'engineering choice: twice the limit', assumed: true },
    },
  },
  // `work_in_progress` and `permit_approved` carry state for the analysis; they raise no alarm.
};

const TierLiteral = Type.Union([
  Type.Literal('blue'),
  Type.Literal('yellow'),
  Type.Literal('orange'),
  Type.Literal('red'),
]);

/** The analysis model's parameters. Every number here is documented in the README with its basis. */
export const config = Type.Object({
  siteRadiusM: Type.Number({
    minimum: 0,
    maximum: 5000,
    title: "同一空间其他监测设备搜索半径（米） / radius to find the space's other sensors (m)",
  }),
  stateLookbackMin: Type.Number({
    minimum: 5,
    maximum: 2880,
    title: '现场状态最长回溯（分钟） / how far back a site state is read (min)',
  }),
  gasFreshMin: Type.Number({
    minimum: 1,
    maximum: 120,
    title: '同空间气体读数有效期（分钟） / age up to which another gas reading counts (min)',
  }),
  openDoorMeansOccupied: Type.Boolean({
    title: '无人数数据时门开视为有人 / an open door counts as people inside when no headcount is reported',
  }),
  unknownPermitIsUnapproved: Type.Boolean({
    title: '无审批记录视为未审批 / no permit state reported counts as not approved',
  }),
  unpermittedEntryTier: TierLiteral,
  guardOffPostTier: TierLiteral,
  ppeMissingTier: TierLiteral,
  additiveToxics: Type.Boolean({
    title: 'CO 与 H2S 按相加作用评价（GBZ 2.1） / assess CO and H2S as additive (GBZ 2.1)',
  }),
  multiHazardRaise: Type.Boolean({
    title: '两种及以上气体同时达蓝色时升一级 / raise one tier when two or more gases are at blue or above',
  }),
  exposureLimits: Type.Object(
    {
      coPcTwa: Type.Number({ exclusiveMinimum: 0 }),
      coPcStel: Type.Number({ exclusiveMinimum: 0 }),
      h2sMac: Type.Number({ exclusiveMinimum: 0 }),
    },
    { title: '职业接触限值（mg/m³，GBZ 2.1-2019） / occupational exposure limits (mg/m³)' },
  ),
  molarVolumeL: Type.Number({
    minimum: 22,
    maximum: 26,
    title: '摩尔体积（L/mol，25 °C 为 24.45） / molar volume for ppm conversion',
  }),
  stelWindowMin: Type.Number({
    minimum: 1,
    maximum: 60,
    title: '短时间接触时窗（分钟） / STEL window (min)',
  }),
  twaShiftMin: Type.Number({
    minimum: 60,
    maximum: 720,
    title: 'TWA 工作日长度（分钟） / TWA shift length (min)',
  }),
  drift: Type.Object(
    {
      windowMin: Type.Number({ minimum: 60, maximum: 2880 }),
      minPoints: Type.Integer({ minimum: 4, maximum: 10_000 }),
      minR2: Type.Number({ minimum: 0, maximum: 1 }),
      minSpanFraction: Type.Number({ minimum: 0, maximum: 1 }),
      maxStepFraction: Type.Number({ minimum: 0, maximum: 1 }),
      maxTier: TierLiteral,
    },
    { title: '传感器漂移判据 / drifting-sensor test' },
  ),
  cordonRadiusM: Type.Number({ minimum: 1, maximum: 200, title: '作业警戒区半径（米） / cordon radius (m)' }),
  surfaceHazardRadiusM: Type.Number({
    minimum: 1,
    maximum: 1000,
    title: '地面影响半径（米） / radius of a hazard reaching the surface (m)',
  }),
  surfaceHazardFrom: Type.Object(
    { ch4: TierLiteral, h2s: TierLiteral },
    { title: '气体外溢到地面的起始级别 / tier from which a gas is treated as reaching the surface' },
  ),
});
export type CsConfig = Static<typeof config>;

export const defaults: CsConfig = {
  siteRadiusM: 500,
  stateLookbackMin: 720,
  gasFreshMin: 10,
  openDoorMeansOccupied: true,
  unknownPermitIsUnapproved: true,
  unpermittedEntryTier: 'blue',
  guardOffPostTier: 'blue',
  ppeMissingTier: 'blue',
  additiveToxics: true,
  multiHazardRaise: true,
  exposureLimits: { coPcTwa: 20, coPcStel: 30, h2sMac: 10 },
  molarVolumeL: 24.45,
  stelWindowMin: 15,
  twaShiftMin: 480,
  drift: {
    windowMin: 720,
    minPoints: 12,
    minR2: 0.9,
    minSpanFraction: 0.75,
    maxStepFraction: 0.2,
    maxTier: 'blue',
  },
  cordonRadiusM: 10,
  surfaceHazardRadiusM: 30,
  surfaceHazardFrom: { ch4: 'yellow', h2s: 'orange' },
};
