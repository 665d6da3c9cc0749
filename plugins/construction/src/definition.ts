/**
 * What the construction risk type monitors: deep excavations (基坑), mined and shield tunnels, and the
 * third-party-works detection zones over gas mains and metro lines; deformation items under GB 50497
 * double control (accumulated value and rate), strut axial force, groundwater, and construction machines
 * recognised in a protection zone. Default tiers carry their sources (domain catalogue `construction`).
 */
import { type MetricDef, type ObjectKindDef, type Static, type ThresholdDef, Type } from '@fenghuo/sdk';

/**
 * A deformation item under double control: an accumulated metric (mm) and its rate metric (mm/d), each
 * tiered as a ratio of the designer's 预警值 held in an attribute of the monitored object.
 */
export interface Item {
  /** Accumulated metric key; the rate metric is `${key}_rate`. */
  key: string;
  name: { zh: string; en: string };
  /** Attribute holding the accumulated 预警值 W (mm). */
  cumAttr: string;
  /** Attribute holding the rate 预警值 (mm/d). */
  rateAttr: string;
  range: [number, number];
  /** Grade-1 lower-bound defaults recalled from GB 50497-2019 table 8.0.4 (catalogue), for the README. */
  grade1: string;
}

/** Positive = the unfavourable direction: towards the pit, downwards, inwards, a drop of the water table. */
export const ITEMS: readonly Item[] = [
  {
    key: 'wall_top_h_disp',
    name: { zh: '围护墙（边坡）顶部水平位移', en: 'Wall (slope) top horizontal displacement' },
    cumAttr: 'wallTopHCumMm',
    rateAttr: 'wallTopHRateMmD',
    range: [-200, 200],
    grade1: 'rigid wall 20 mm or 0.2 %H, 2 mm/d; soil nail / slope 30 mm or 0.3 %H, 3 mm/d',
  },
  {
    key: 'wall_top_v_disp',
    name: { zh: '围护墙（边坡）顶部竖向位移', en: 'Wall (slope) top vertical displacement' },
    cumAttr: 'wallTopVCumMm',
    rateAttr: 'wallTopVRateMmD',
    range: [-200, 200],
    grade1: 'rigid wall 10 mm or 0.1 %H, 2 mm/d; soil nail / slope 20 mm, 3 mm/d',
  },
  {
    key: 'deep_h_disp',
    name: { zh: '深层水平位移（测斜）', en: 'Deep horizontal displacement (inclinometer)' },
    cumAttr: 'deepHCumMm',
    rateAttr: 'deepHRateMmD',
    range: [-200, 200],
    grade1: 'diaphragm wall 40 mm or 0.4 %H, bored piles 45 mm or 0.4 %H; 2 mm/d',
  },
  {
    key: 'ground_settlement',
    name: { zh: '周边地表竖向位移（沉降）', en: 'Surrounding ground settlement' },
    cumAttr: 'settlementCumMm',
    rateAttr: 'settlementRateMmD',
    range: [-100, 200],
    grade1: '25 mm, 2 mm/d',
  },
  {
    key: 'groundwater_drop',
    name: { zh: '坑外地下水位下降', en: 'Groundwater drop outside the pit' },
    cumAttr: 'groundwaterCumMm',
    rateAttr: 'groundwaterRateMmD',
    range: [-5000, 5000],
    grade1: '1000 mm, 500 mm/d',
  },
  {
    key: 'crown_settlement',
    name: { zh: '隧道拱顶沉降', en: 'Tunnel crown settlement' },
    cumAttr: 'crownCumMm',
    rateAttr: 'crownRateMmD',
    range: [-50, 200],
    grade1: 'set by the tunnel design (GB 50911 ch. 9)',
  },
  {
    key: 'convergence',
    name: { zh: '隧道净空收敛', en: 'Tunnel convergence' },
    cumAttr: 'convergenceCumMm',
    rateAttr: 'convergenceRateMmD',
    range: [-200, 200],
    grade1: 'set by the tunnel design (GB 50911 ch. 9)',
  },
];

export const STRUT = 'strut_force';
export const MACHINES = 'machines';

const mm = (zh: string, en: string) =>
  Type.Optional(Type.Number({ exclusiveMinimum: 0, description: `${zh} / ${en}` }));

/** One optional 预警值 pair per item; a metric whose attribute is missing is not evaluated. */
function itemAttributes(keys: readonly string[]) {
  const out: Record<string, ReturnType<typeof mm>> = {};
  for (const it of ITEMS) {
    if (!keys.includes(it.key)) continue;
    out[it.cumAttr] = mm(`${it.name.zh}累计预警值（mm）`, `${it.name.en}, accumulated warning value (mm)`);
    out[it.rateAttr] = mm(`${it.name.zh}速率预警值（mm/d）`, `${it.name.en}, rate warning value (mm/d)`);
  }
  return out;
}

const PIT_ITEMS = [
  'wall_top_h_disp',
  'wall_top_v_disp',
  'deep_h_disp',
  'ground_settlement',
  'groundwater_drop',
];
const TUNNEL_ITEMS = ['crown_settlement', 'convergence', 'ground_settlement', 'groundwater_drop'];

export const objects = {
  deep_pit: {
    name: { zh: '深基坑', en: 'Deep excavation (pit)' },
    attributes: Type.Object({
      grade: Type.Union([Type.Literal(1), Type.Literal(2), Type.Literal(3)], {
        description: '基坑工程安全等级 一级/二级/三级 (GB 50497) / safety grade',
      }),
      depthM: Type.Number({ exclusiveMinimum: 0, maximum: 100, description: '开挖深度 H（m） / depth H' }),
      supportType: Type.Optional(
        Type.Union(
          [
            Type.Literal('diaphragm_wall'),
            Type.Literal('bored_pile'),
            Type.Literal('smw'),
            Type.Literal('soil_nail'),
            Type.Literal('slope'),
          ],
          { description: '围护形式 / retaining system' },
        ),
      ),
      stage: Type.Optional(Type.String({ description: '当前工况，如 第三层土方开挖 / current works stage' })),
      ...itemAttributes(PIT_ITEMS),
      strutWarnKn: Type.Optional(
        Type.Number({
          exclusiveMinimum: 0,
          description: '支撑轴力预警值（kN），一般取 0.6–0.8 f2 / strut force warning value',
        }),
      ),
    }),
  },
  mined_tunnel: {
    name: { zh: '矿山法（暗挖）隧道', en: 'Mined (NATM) tunnel' },
    attributes: Type.Object({
      depthM: Type.Number({ exclusiveMinimum: 0, maximum: 200, description: '覆土厚度（m） / cover depth' }),
      ...itemAttributes(TUNNEL_ITEMS),
    }),
  },
  shield_tunnel: {
    name: { zh: '盾构隧道', en: 'Shield tunnel' },
    attributes: Type.Object({
      depthM: Type.Number({ exclusiveMinimum: 0, maximum: 200, description: '覆土厚度（m） / cover depth' }),
      ...itemAttributes(TUNNEL_ITEMS),
    }),
  },
  protect_zone: {
    name: {
      zh: '第三方施工监测区（燃气管线/地铁保护区）',
      en: 'Third-party works detection zone (gas main / metro protection area)',
    },
    attributes: Type.Object({
      detector: Type.Optional(
        Type.Union([Type.Literal('video'), Type.Literal('elastic_wave'), Type.Literal('fibre')], {
          description: '识别方式：视频图像/弹性波/光纤 / recognition technique',
        }),
      ),
    }),
  },
} satisfies Record<string, ObjectKindDef>;

function buildMetrics(): Record<string, MetricDef> {
  const out: Record<string, MetricDef> = {};
  for (const it of ITEMS) {
    const unit = 'mm';
    out[it.key] = {
      schema: Type.Number({ minimum: it.range[0], maximum: it.range[1] }),
      unit,
      name: { zh: `${it.name.zh}累计值`, en: `${it.name.en}, accumulated` },
      intervalSec: 21_600,
    };
    out[`${it.key}_rate`] = {
      schema: Type.Number({ minimum: -1000, maximum: 1000 }),
      unit: 'mm/d',
      name: { zh: `${it.name.zh}变化速率`, en: `${it.name.en}, rate` },
      intervalSec: 21_600,
    };
  }
  out[STRUT] = {
    schema: Type.Number({ minimum: -5000, maximum: 50_000 }),
    unit: 'kN',
    name: { zh: '支撑轴力', en: 'Strut axial force' },
    intervalSec: 3600,
  };
  out[MACHINES] = {
    schema: Type.Number({ minimum: 0, maximum: 50 }),
    // A unit without Chinese: templates print `{{unit}}` in the English texts too.
    unit: 'machines',
    name: { zh: '保护区内识别到的施工机械', en: 'Construction machines recognised in the protection zone' },
    intervalSec: 60,
  };
  return out;
}
export const metrics = buildMetrics();

const SINGLE =
  'catalogue construction / notes §1: one control at 0.6 W blue, 0.85 W yellow, 1.0 W orange (70/85/100 % practice attributed to GB 50911-2013, recalled); red only when both controls reach W (analysis)';
const ALARM = 'owner alarm at half the 预警值, below every tier (engineering default)';

/** Single-control ladder as a ratio of the 预警值 W; red needs both controls and is set by the analysis. */
function ratioLadder(ratioOf: string): ThresholdDef {
  return {
    direction: 'rising',
    ratioOf,
    levels: { alarm: 0.5, blue: 0.6, yellow: 0.85, orange: 1.0 },
    hysteresis: 0.05,
    hysteresisIsFraction: true,
    source: {
      alarm: { basis: ALARM, assumed: true },
      blue: { basis: SINGLE, assumed: true },
      yellow: { basis: SINGLE, assumed: true },
      orange: {
        basis:
          "GB 50497-2019 8.0.3: the 预警值 W set by the designer is reached on one control (either control warns); orange for it is the catalogue's placement (GB 50911 practice, recalled)",
        assumed: true,
      },
    },
  };
}

function buildThresholds(): Record<string, ThresholdDef> {
  const out: Record<string, ThresholdDef> = {};
  for (const it of ITEMS) {
    out[it.key] = ratioLadder(it.cumAttr);
    out[`${it.key}_rate`] = ratioLadder(it.rateAttr);
  }
  out[STRUT] = {
    ...ratioLadder('strutWarnKn'),
    levels: { alarm: 0.5, blue: 0.6, yellow: 0.85, orange: 1.0, red: 1.25 },
    source: {
      alarm: { basis: ALARM, assumed: true },
      blue: { basis: SINGLE, assumed: true },
      yellow: { basis: SINGLE, assumed: true },
      orange: {
        basis:
          "GB 50497-2019 8.0.4: strut force 预警值 (0.6–0.8 f2 for grade 1, recalled) reached; orange is the catalogue's placement",
        assumed: true,
      },
      red: {
        basis: '1.25 W ≈ f2 when W = 0.8 f2: the member approaches its design axial force (assumed)',
        assumed: true,
      },
    },
  };
  out[MACHINES] = {
    direction: 'rising',
    levels: { blue: 1 },
    durationSec: 120,
    source: {
      blue: {
        basis:
          'guideline 2023 §3(14): a construction machine recognised inside a protection area; held 2 min so a passing lorry does not count (assumed)',
        assumed: true,
      },
    },
  };
  return out;
}
export const thresholds = buildThresholds();

const tierNum = (title: string) => Type.Number({ minimum: 0, maximum: 10, title });

export const config = Type.Object({
  lookbackDays: Type.Number({ minimum: 1, maximum: 30, title: '回看天数 / days of history read' }),
  rateWindowH: Type.Number({
    minimum: 6,
    maximum: 72,
    title: '由累计值推算速率的时窗（小时） / window for the rate computed from accumulated values (h)',
  }),
  sustainedRateRatio: Type.Number({
    minimum: 0,
    maximum: 1,
    title: '连续多日速率比（×速率预警值） / sustained-rate ratio of the rate warning value',
  }),
  sustainedRateDays: Type.Integer({ minimum: 1, maximum: 10, title: '连续天数 / consecutive days' }),
  sustainedRateTier: Type.Union(
    [Type.Literal('none'), Type.Literal('blue'), Type.Literal('yellow'), Type.Literal('orange')],
    {
      title:
        '连续多日速率超限时的最低预警等级（none：仅报警权属单位） / lowest warning tier for a sustained rate (none: the owner alarm only)',
    },
  ),
  dangerRateRatio: tierNum(
    '速率突增（×速率预警值）判红 / rate ratio that, with W reached, is a sudden increase (red)',
  ),
  spikeMinRatio: tierNum('单次跳变（×累计预警值）疑似粗差 / single jump (× W) that makes a reading suspect'),
  spikeRateFactor: tierNum('跳变折算速率（×速率预警值） / implied rate of that jump (× rate W)'),
  pitRadiusM: Type.Number({
    minimum: 10,
    maximum: 2000,
    title: '同一工程测点搜索半径（米） / radius to find the works’ other sensors (m)',
  }),
  corroborateMin: Type.Integer({
    minimum: 1,
    maximum: 20,
    title: '其他超蓝测点数（升一级） / other points at ≥ 0.6 W that raise the tier',
  }),
  influenceFactorH: Type.Number({
    minimum: 0.5,
    maximum: 5,
    title: '影响范围（×开挖深度 H） / influence zone as a multiple of depth H',
  }),
  influenceMinM: Type.Number({
    minimum: 5,
    maximum: 500,
    title: '影响范围下限（米） / least influence zone (m)',
  }),
  gasKinds: Type.Array(Type.String(), { title: '燃气管线对象类型 / object kinds that are gas mains' }),
  metroKinds: Type.Array(Type.String(), { title: '地铁对象类型 / object kinds that are metro structures' }),
  gasProtectionM: Type.Object(
    { low_medium: Type.Number(), sub_high: Type.Number(), high: Type.Number() },
    { title: '燃气管道保护范围（米） / gas main protection range by pressure (m)' },
  ),
  gasControlM: Type.Object(
    { low_medium: Type.Number(), sub_high: Type.Number(), high: Type.Number() },
    { title: '燃气管道控制范围（米） / gas main control range by pressure (m)' },
  ),
  metroProtectionM: Type.Number({
    minimum: 0,
    maximum: 200,
    title: '地铁保护区（米） / metro protection zone outside the structure (m)',
  }),
  metroCoreM: Type.Number({
    minimum: 0,
    maximum: 100,
    title: '地铁结构近接区（米，判红） / metro near zone (m) that makes it red',
  }),
  gasImpactM: Type.Object(
    { low_medium: Type.Number(), sub_high: Type.Number(), high: Type.Number() },
    { title: '燃气管道挖破后影响半径（米） / impact radius of a struck gas main (m)' },
  ),
  metroImpactM: Type.Number({
    minimum: 0,
    maximum: 2000,
    title: '地铁击穿影响半径（米） / metro breach impact radius (m)',
  }),
  maxEscalation: Type.Integer({
    minimum: 0,
    maximum: 3,
    title: '最多升级级数 / most tiers added by escalation',
  }),
});
export type ConstructionConfig = Static<typeof config>;

export const defaults: ConstructionConfig = {
  lookbackDays: 4,
  rateWindowH: 24,
  sustainedRateRatio: 0.5,
  sustainedRateDays: 3,
  sustainedRateTier: 'none',
  dangerRateRatio: 2,
  spikeMinRatio: 0.3,
  spikeRateFactor: 5,
  pitRadiusM: 300,
  corroborateMin: 2,
  influenceFactorH: 2,
  influenceMinM: 20,
  gasKinds: ['gas_main_hp', 'gas_main_mp_lp'],
  metroKinds: ['metro_tunnel', 'metro_station', 'metro_line'],
  gasProtectionM: { low_medium: 0.5, sub_high: 1.5, high: 5 },
  gasControlM: { low_medium: 5, sub_high: 15, high: 50 },
  metroProtectionM: 50,
  metroCoreM: 10,
  gasImpactM: { low_medium: 50, sub_high: 100, high: 200 },
  metroImpactM: 100,
  maxEscalation: 2,
};
