/**
 * What the bridge risk type monitors: bridge kinds with their design values, structural-response metrics,
 * default tiers with their sources (domain catalogue `bridge-operation`), and the analysis parameters.
 */
import { type MetricDef, type ObjectKindDef, type Static, type ThresholdDef, Type } from '@fenghuo/sdk';

/** CJJ 99-2017 城市桥梁技术状况 classes A (完好) … E (危险). */
const conditionClass = Type.Union(
  [Type.Literal('A'), Type.Literal('B'), Type.Literal('C'), Type.Literal('D'), Type.Literal('E')],
  { description: '技术状况等级 A 完好 / B 良好 / C 合格 / D 不合格 / E 危险 (CJJ 99)' },
);

const positive = (description: string) => Type.Number({ exclusiveMinimum: 0, description });

/** Attributes every bridge kind has; the design values are the references of the `ratioOf` tiers. */
const common = {
  conditionClass,
  spanM: positive('主跨跨径（米） / main span (m)'),
  lengthM: Type.Optional(positive('桥长（米） / total length (m)')),
  deflectionLimitMm: positive(
    '挠度设计限值（毫米），梁桥默认 L/600 / design deflection limit (mm), L/600 for girders',
  ),
  strainDesignUe: Type.Optional(positive('设计荷载下应变（με） / strain under the design load (με)')),
  displacementDesignMm: Type.Optional(
    positive('支座/梁端位移设计值（毫米） / design bearing or girder-end displacement (mm)'),
  ),
  crackLimitMm: Type.Optional(
    positive('裂缝宽度限值（毫米），钢筋混凝土 0.20 / crack-width limit (mm), RC 0.20'),
  ),
  accelerationBaselineMs2: Type.Optional(
    positive('车行桥 30 天基线振动加速度 RMS（m/s²） / 30-day baseline RMS acceleration of a road bridge'),
  ),
  builtYear: Type.Optional(Type.Integer({ minimum: 1800, maximum: 2100 })),
  loadClass: Type.Optional(Type.String({ description: '设计荷载等级，如 城-A / design load class' })),
};

export const objects = {
  girder_bridge: {
    name: {
      zh: '梁桥（含独柱墩桥、匝道）',
      en: 'Girder bridge (incl. single-column-pier bridges and ramps)',
    },
    attributes: Type.Object({
      ...common,
      singleColumnPier: Type.Optional(Type.Boolean({ description: '独柱墩 / single-column piers' })),
    }),
  },
  cable_bridge: {
    name: { zh: '斜拉桥/悬索桥', en: 'Cable-stayed / suspension bridge' },
    attributes: Type.Object({
      ...common,
      system: Type.Optional(Type.Union([Type.Literal('cable_stayed'), Type.Literal('suspension')])),
      cableForceDesignKn: Type.Optional(positive('索力设计值（kN） / design cable force (kN)')),
    }),
  },
  arch_bridge: {
    name: { zh: '拱桥（含系杆拱）', en: 'Arch bridge (incl. tied arch)' },
    attributes: Type.Object({ ...common, archType: Type.Optional(Type.String()) }),
  },
  footbridge: {
    name: { zh: '人行天桥', en: 'Footbridge' },
    attributes: Type.Object({ ...common }),
  },
} satisfies Record<string, ObjectKindDef>;

export const metrics = {
  deflection: {
    schema: Type.Number({ minimum: -500, maximum: 500 }),
    unit: 'mm',
    name: { zh: '主梁挠度', en: 'Girder deflection' },
    intervalSec: 60,
  },
  strain: {
    schema: Type.Number({ minimum: -2000, maximum: 2000 }),
    unit: 'με',
    name: { zh: '应变', en: 'Strain' },
    intervalSec: 60,
  },
  displacement: {
    schema: Type.Number({ minimum: 0, maximum: 300 }),
    unit: 'mm',
    name: { zh: '梁端/支座/墩顶位移', en: 'Bearing / girder-end / pier-top displacement' },
    intervalSec: 60,
  },
  acceleration: {
    schema: Type.Number({ minimum: 0, maximum: 10 }),
    unit: 'm/s²',
    name: { zh: '振动加速度', en: 'Vibration acceleration' },
    intervalSec: 60,
  },
  inclination: {
    schema: Type.Number({ minimum: 0, maximum: 20 }),
    unit: '‰',
    name: { zh: '墩柱/桥塔倾角变化', en: 'Pier / pylon tilt change' },
    intervalSec: 60,
  },
  crack_width: {
    schema: Type.Number({ minimum: 0, maximum: 5 }),
    unit: 'mm',
    name: { zh: '裂缝宽度', en: 'Crack width' },
    intervalSec: 600,
  },
  cable_force: {
    schema: Type.Number({ minimum: 0, maximum: 20_000 }),
    unit: 'kN',
    name: { zh: '索力', en: 'Cable force' },
    intervalSec: 60,
  },
  wind_speed: {
    schema: Type.Number({ minimum: 0, maximum: 60 }),
    unit: 'm/s',
    name: { zh: '桥面风速（10 分钟平均）', en: 'Deck wind speed (10-min mean)' },
    intervalSec: 60,
  },
} satisfies Record<string, MetricDef>;

const RATIO =
  'catalogue meta.defaults.ratio_tiering (70/85/100 % practice attributed to GB 50911-2013; 60 % blue added)';
/** Debounce from the catalogue (`meta.defaults.debounce`, assumed): 2 samples / 60 s in, 5 % hysteresis out. */
const debounce = { durationSec: 60, hysteresis: 0.05, hysteresisIsFraction: true } as const;
const ratioTiers = (ratioOf: string, red: string): ThresholdDef => ({
  direction: 'rising',
  ratioOf,
  levels: { blue: 0.6, yellow: 0.7, orange: 0.85, red: 1.0 },
  ...debounce,
  source: {
    blue: { basis: RATIO, assumed: true },
    yellow: { basis: RATIO, assumed: true },
    orange: { basis: RATIO, assumed: true },
    red: { basis: red, assumed: true },
  },
});

export const thresholds: { [K in keyof typeof metrics]?: ThresholdDef } = {
  deflection: ratioTiers(
    'deflectionLimitMm',
    'design limit reached; L/600 for RC/PC girders, JTG 3362-2018 6.5.3 (recalled)',
  ),
  strain: ratioTiers('strainDesignUe', 'design value under the standard load combination reached'),
  displacement: ratioTiers('displacementDesignMm', 'design value reached'),
  cable_force: ratioTiers('cableForceDesignKn', 'design cable force reached'),
  crack_width: {
    direction: 'rising',
    ratioOf: 'crackLimitMm',
    levels: { blue: 0.7, yellow: 0.85, orange: 1.0, red: 1.5 },
    ...debounce,
    source: {
      blue: {
        basis:
          'catalogue: 0.7 × w_lim; w_lim RC 0.20 mm (env. I/II), PC class-B 0.10 mm, JTG 3362-2018 6.4 (recalled)',
        assumed: true,
      },
      yellow: { basis: 'catalogue: 0.85 × w_lim', assumed: true },
      orange: { basis: 'catalogue: 1.0 × w_lim', assumed: true },
      red: { basis: 'catalogue: 1.5 × w_lim (or growth ≥ 0.1 mm/d for 3 d)', assumed: true },
    },
  },
  inclination: {
    direction: 'rising',
    levels: { blue: 1, yellow: 2, orange: 3, red: 4 },
    ...debounce,
    source: {
      blue: {
        basis: 'catalogue: ‰, anchored on GB 50007 tilt limits for tall structures 2–4 ‰',
        assumed: true,
      },
      yellow: { basis: 'catalogue', assumed: true },
      orange: { basis: 'catalogue', assumed: true },
      red: { basis: 'catalogue', assumed: true },
    },
  },
  acceleration: {
    // Sétra vertical comfort bands for footbridges; road bridges are judged against their baseline in the
    // analysis (catalogue: 10-min RMS / 30-day baseline RMS ≥ 2/3/4/5).
    direction: 'rising',
    levels: { blue: 0.5, yellow: 1.0, orange: 1.75, red: 2.5 },
    ...debounce,
    source: {
      blue: { basis: 'Sétra 2006: upper bound of maximum comfort (0.5 m/s²)', assumed: false },
      yellow: { basis: 'Sétra 2006: upper bound of mean comfort (1.0 m/s²)', assumed: false },
      orange: { basis: 'midpoint of the Sétra minimum-comfort band (1.0–2.5 m/s²)', assumed: true },
      red: { basis: 'Sétra 2006: above 2.5 m/s² is unacceptable', assumed: false },
    },
  },
  wind_speed: {
    direction: 'rising',
    levels: { blue: 13.9, yellow: 17.2, orange: 20.8, red: 25.0 },
    ...debounce,
    source: {
      blue: { basis: 'Beaufort 7 (GB/T 28591-2012, recalled)', assumed: true },
      yellow: { basis: 'Beaufort 8', assumed: true },
      orange: { basis: 'Beaufort 9; restrict high-sided vehicles', assumed: true },
      red: {
        basis: 'common deck-closure speed cited from JTG/T 3360-01-2018 (recalled, not verified)',
        assumed: true,
      },
    },
  },
};

export const config = Type.Object({
  windowMin: Type.Number({ minimum: 5, maximum: 720, title: '分析时窗（分钟） / history window (min)' }),
  sustainMinSamples: Type.Integer({
    minimum: 1,
    maximum: 20,
    title: '持续超限最少样本数 / samples that make an exceedance sustained',
  }),
  sensorRadiusM: Type.Number({
    minimum: 10,
    maximum: 20_000,
    title: '同桥传感器搜索半径（米） / radius to find the bridge’s sensors (m)',
  }),
  multiMetricCount: Type.Integer({
    minimum: 2,
    maximum: 8,
    title: '同时超限指标数（升一级） / metrics exceeding together that raise the tier',
  }),
  poorClasses: Type.Array(Type.String(), {
    title: '技术状况较差等级（升一级） / condition classes that raise the tier',
  }),
  windExplainsMs: Type.Number({
    minimum: 0,
    maximum: 60,
    title: '可解释振动的风速（m/s） / wind that explains vibration',
  }),
  accelerationRatioLevels: Type.Object(
    { blue: Type.Number(), yellow: Type.Number(), orange: Type.Number(), red: Type.Number() },
    { title: '车行桥加速度/基线比分级 / road-bridge acceleration-to-baseline tiers' },
  ),
  bufferM: Type.Number({
    minimum: 0,
    maximum: 2000,
    title: '影响范围外扩（米） / impact buffer around the bridge (m)',
  }),
  targetRadiusM: Type.Number({
    minimum: 0,
    maximum: 5000,
    title: '关联防护目标距离（米） / distance for affected targets (m)',
  }),
  maxEscalation: Type.Integer({
    minimum: 0,
    maximum: 4,
    title: '最多升级级数 / most tiers added by escalation',
  }),
});
export type BridgeConfig = Static<typeof config>;

export const defaults: BridgeConfig = {
  windowMin: 30,
  sustainMinSamples: 2,
  sensorRadiusM: 3000,
  multiMetricCount: 2,
  poorClasses: ['D', 'E'],
  windExplainsMs: 10.8,
  accelerationRatioLevels: { blue: 2, yellow: 3, orange: 4, red: 5 },
  bufferM: 50,
  targetRadiusM: 200,
  maxEscalation: 2,
};
