/**
 * What the old-building risk type monitors: building kinds with the attributes the collapse analysis needs
 * (age, structure, use, JGJ 125 danger class, height, occupants), the deformation metrics, default tiers
 * with their sources (domain catalogue `old-building-collapse`), and every tunable model parameter.
 */
import { type MetricDef, type ObjectKindDef, type Static, type ThresholdDef, Type } from '@fenghuo/sdk';

/** JGJ 125-2016 危险房屋鉴定 房屋危险性等级 A … D. */
const dangerClass = Type.Union([Type.Literal('A'), Type.Literal('B'), Type.Literal('C'), Type.Literal('D')], {
  description:
    '危险性鉴定等级（JGJ 125）：A 无危险点 / B 个别危险点 / C 局部危房 / D 整幢危房 — danger class A (sound) … D (whole building dangerous)',
});

const structure = Type.Union(
  [
    Type.Literal('masonry'),
    Type.Literal('brick_wood'),
    Type.Literal('adobe_stone'),
    Type.Literal('timber'),
    Type.Literal('rc_frame'),
    Type.Literal('steel'),
  ],
  {
    description:
      '结构类型：砖混/砌体、砖木、土坯/毛石、木结构、钢筋混凝土框架、钢结构 — masonry, brick-timber, adobe/rubble, timber, RC frame, steel',
  },
);

const use = Type.Union(
  [
    Type.Literal('residential'),
    Type.Literal('self_built_commercial'),
    Type.Literal('public'),
    Type.Literal('heritage'),
    Type.Literal('industrial'),
  ],
  {
    description:
      '用途：住宅、经营性自建房、公共建筑、历史建筑、厂房 — residential, self-built commercial, public, heritage, industrial',
  },
);

const count = (description: string) => Type.Integer({ minimum: 0, maximum: 100_000, description });

/** Attributes every building kind has. */
const common = {
  builtYear: Type.Integer({ minimum: 1000, maximum: 2100, description: '建成年份 / year built' }),
  structure,
  use,
  storeys: Type.Integer({ minimum: 1, maximum: 100, description: '地上层数 / storeys above ground' }),
  heightM: Type.Optional(
    Type.Number({
      exclusiveMinimum: 0,
      maximum: 300,
      description: '建筑高度（米），缺省按层数 × 层高估算 / height (m); else storeys × storey height',
    }),
  ),
  dangerClass: Type.Optional(dangerClass),
  altered: Type.Optional(
    Type.Boolean({
      description:
        '加层、改扩建或拆改承重墙（未经设计） / storeys added, extended or load-bearing walls removed without design',
    }),
  ),
  occupants: Type.Optional(count('常住及在岗人数（日间） / people usually inside (daytime)')),
  vulnerableOccupants: Type.Optional(
    count('其中老人、儿童、行动不便者 / of whom elderly, children or people with limited mobility'),
  ),
  vibrationAllowCmS: Type.Optional(
    Type.Number({
      exclusiveMinimum: 0,
      maximum: 10,
      description:
        '允许振动速度（cm/s，GB 6722 按建筑类别与主频），缺省按结构类型取配置值 / allowable PPV (cm/s, GB 6722); else the config value for the structure',
    }),
  ),
};

export const objects = {
  masonry_house: {
    name: {
      zh: '老旧砌体房屋（C/D 级危房、自建房）',
      en: 'Old masonry house (class C/D dangerous building, self-built house)',
    },
    attributes: Type.Object({ ...common }),
  },
  rc_frame: {
    name: { zh: '老旧钢筋混凝土房屋', en: 'Old reinforced-concrete building' },
    attributes: Type.Object({ ...common }),
  },
  heritage: {
    name: { zh: '历史建筑/古建筑', en: 'Historic or heritage building' },
    attributes: Type.Object({
      ...common,
      protectionLevel: Type.Optional(
        Type.String({ description: '文物保护级别 / heritage protection level' }),
      ),
    }),
  },
} satisfies Record<string, ObjectKindDef>;

export const metrics = {
  tilt: {
    schema: Type.Number({ minimum: 0, maximum: 50 }),
    unit: '‰',
    name: { zh: '整体/墙柱倾斜率', en: 'Building / wall tilt' },
    intervalSec: 3600,
  },
  crack_width: {
    schema: Type.Number({ minimum: 0, maximum: 30 }),
    unit: 'mm',
    name: { zh: '裂缝宽度', en: 'Crack width' },
    intervalSec: 3600,
  },
  crack_rate: {
    schema: Type.Number({ minimum: 0, maximum: 5 }),
    unit: 'mm/d',
    name: { zh: '裂缝发展速率', en: 'Crack growth rate' },
    intervalSec: 86_400,
  },
  settlement: {
    schema: Type.Number({ minimum: 0, maximum: 300 }),
    unit: 'mm',
    name: { zh: '累计沉降', en: 'Cumulative settlement' },
    intervalSec: 3600,
  },
  settlement_rate: {
    schema: Type.Number({ minimum: 0, maximum: 50 }),
    unit: 'mm/month',
    name: { zh: '沉降速率', en: 'Settlement rate' },
    intervalSec: 86_400,
  },
  vibration_ppv: {
    schema: Type.Number({ minimum: 0, maximum: 10 }),
    unit: 'cm/s',
    name: { zh: '振动峰值速度', en: 'Peak particle velocity' },
    intervalSec: 60,
  },
  temperature: {
    schema: Type.Number({ minimum: -40, maximum: 80 }),
    unit: '°C',
    name: { zh: '测点温度（裂缝计内置）', en: 'Gauge temperature (crack meter thermistor)' },
    intervalSec: 3600,
  },
} satisfies Record<string, MetricDef>;

/** Debounce (catalogue `meta.defaults.debounce`, assumed): held 30 min (two hourly samples), 5 % band out. */
const debounce = { durationSec: 1800, hysteresis: 0.05, hysteresisIsFraction: true } as const;

export const thresholds: { [K in keyof typeof metrics]?: ThresholdDef } = {
  // The catalogue's `alarm` (increment ≥ 1 ‰ over baseline) is not a fixed value: the analysis reports
  // the increment over the window instead, and the tiers start at blue.
  tilt: {
    direction: 'rising',
    levels: { blue: 4, yellow: 7, orange: 10, red: 20 },
    ...debounce,
    source: {
      blue: { basis: 'GB 50007-2011 whole-building tilt limit, Hg ≤ 24 m = 0.004 (recalled)', assumed: true },
      yellow: {
        basis: 'JGJ 125: masonry wall/column tilt > 0.7 % is a danger point (verified in older-text excerpt)',
        assumed: true,
      },
      orange: { basis: 'JGJ 125-2016: RC building overall tilt > 1 % (recalled)', assumed: true },
      red: { basis: 'JGJ 125-2016: ≥ 3-storey building overall tilt > 2 % (recalled)', assumed: true },
    },
  },
  // The catalogue's `alarm` (new crack or growth ≥ 0.1 mm) is judged in the analysis from the history.
  crack_width: {
    direction: 'rising',
    levels: { blue: 0.5, yellow: 2, orange: 5, red: 10 },
    ...debounce,
    source: {
      blue: {
        basis: 'JGJ 125: horizontal crack from eccentric compression > 0.5 mm is a danger point',
        assumed: true,
      },
      yellow: { basis: 'JGJ 125: vertical compression crack > 2 mm', assumed: true },
      orange: { basis: 'JGJ 125-2016: multiple parallel settlement cracks > 5 mm (recalled)', assumed: true },
      red: { basis: 'JGJ 125-2016: single settlement crack > 10 mm (recalled)', assumed: true },
    },
  },
  crack_rate: {
    direction: 'rising',
    levels: { blue: 0.05, yellow: 0.1, orange: 0.3, red: 1.0 },
    durationSec: 3 * 86_400,
    hysteresis: 0.05,
    hysteresisIsFraction: true,
    source: {
      blue: { basis: 'catalogue: 0.05 mm/d held 3 d', assumed: true },
      yellow: { basis: 'catalogue', assumed: true },
      orange: { basis: 'catalogue', assumed: true },
      red: { basis: 'catalogue', assumed: true },
    },
  },
  settlement_rate: {
    direction: 'rising',
    levels: { blue: 1.2, yellow: 2, orange: 4, red: 10 },
    durationSec: 86_400,
    hysteresis: 0.05,
    hysteresisIsFraction: true,
    source: {
      blue: { basis: '≈ 0.04 mm/d, the upper stability criterion of JGJ 8 (recalled)', assumed: true },
      yellow: { basis: 'JGJ 125-2016 high-rise danger rate 2 mm/month (recalled)', assumed: true },
      orange: { basis: 'JGJ 125-2016 multi-storey danger rate 4 mm/month (recalled)', assumed: true },
      red: {
        basis:
          'JGJ 125-2016 4.2.x (recalled): ≥ 10 mm/month; "4 mm/month for 2 months without convergence" is judged in the analysis',
        assumed: true,
      },
    },
  },
  vibration_ppv: {
    direction: 'rising',
    ratioOf: 'vibrationAllowCmS',
    levels: { blue: 0.5, yellow: 0.7, orange: 0.85, red: 1.0 },
    hysteresis: 0.05,
    hysteresisIsFraction: true,
    source: {
      blue: {
        basis:
          'catalogue: 0.5 × v_allow; v_allow from GB 6722-2014 by building class and frequency (recalled)',
        assumed: true,
      },
      yellow: { basis: 'catalogue: 0.7 × v_allow', assumed: true },
      orange: { basis: 'catalogue: 0.85 × v_allow', assumed: true },
      red: { basis: 'GB 6722: the allowable PPV reached', assumed: true },
    },
  },
};

const weight = (title: string) => Type.Number({ minimum: 0, maximum: 1, title });
const factor = (title: string) => Type.Number({ minimum: 0.1, maximum: 5, title });
const bands = (title: string) =>
  Type.Object(
    { blue: Type.Number(), yellow: Type.Number(), orange: Type.Number(), red: Type.Number() },
    { title },
  );

export const config = Type.Object({
  windowDays: Type.Number({ minimum: 1, maximum: 120, title: '分析时窗（天） / history window (days)' }),
  convergenceDays: Type.Number({
    minimum: 7,
    maximum: 180,
    title:
      '沉降收敛判断的每段天数（两段） / days per period of the settlement convergence check (two periods)',
  }),
  settlementMinDays: Type.Number({
    minimum: 1,
    maximum: 60,
    title: '由累计沉降推算月速率所需最短天数 / days of cumulative settlement needed for a monthly rate',
  }),
  sensorRadiusM: Type.Number({
    minimum: 10,
    maximum: 5000,
    title: '同楼传感器搜索半径（米） / radius to find the building’s sensors (m)',
  }),
  robustSamples: Type.Integer({
    minimum: 1,
    maximum: 25,
    title: '取中位数的最近样本数（抑制尖峰） / latest samples whose median is the current value',
  }),
  minTrendHours: Type.Number({
    minimum: 1,
    maximum: 720,
    title: '计算速率所需最短历史（小时） / history needed for a rate (h)',
  }),
  breathingMinCorrelation: Type.Number({
    minimum: 0,
    maximum: 1,
    title: '判定温度呼吸的最小相关系数 / |r| between crack width and temperature for breathing',
  }),
  agreementRatio: Type.Number({
    minimum: 0,
    maximum: 1,
    title:
      '同楼同类测点变化/峰值之比低于此值判定单点漂移或碰撞 / share of the change (tilt) or peak (vibration) seen by the other gauges of the same kind below which one gauge is drifting or was knocked',
  }),
  vibrationPeakMin: Type.Number({
    minimum: 1,
    maximum: 1440,
    title: '振动峰值统计时窗（分钟） / minutes over which the vibration peak is taken',
  }),
  weights: Type.Object(
    {
      tilt: weight('倾斜 / tilt'),
      crack_width: weight('裂缝宽度 / crack width'),
      crack_rate: weight('裂缝发展速率 / crack growth'),
      settlement_rate: weight('沉降速率 / settlement rate'),
      vibration_ppv: weight('振动 / vibration'),
    },
    { title: '各信号权重 / signal weights' },
  ),
  structureFactor: Type.Object(
    {
      masonry: factor('砌体'),
      brick_wood: factor('砖木'),
      adobe_stone: factor('土坯/毛石'),
      timber: factor('木结构'),
      rc_frame: factor('钢筋混凝土'),
      steel: factor('钢结构'),
    },
    { title: '结构类型易损性系数 / structure vulnerability factors' },
  ),
  dangerClassFactor: Type.Object(
    { A: factor('A'), B: factor('B'), C: factor('C'), D: factor('D') },
    { title: '危险性等级系数（JGJ 125） / danger-class factors' },
  ),
  useFactor: Type.Object(
    {
      residential: factor('住宅'),
      self_built_commercial: factor('经营性自建房'),
      public: factor('公共建筑'),
      heritage: factor('历史建筑'),
      industrial: factor('厂房'),
    },
    { title: '用途系数 / use factors' },
  ),
  alteredFactor: factor('改扩建/拆改承重墙系数 / factor for unauthorised alterations'),
  ageFreeYears: Type.Number({ minimum: 0, maximum: 200, title: '不计龄期的年限 / years before age counts' }),
  agePerYear: Type.Number({ minimum: 0, maximum: 0.1, title: '每年龄期增量 / age factor per year' }),
  ageFactorMax: factor('龄期系数上限 / most the age factor reaches'),
  likelihoodBands: bands('坍塌可能性分级 / collapse likelihood per tier'),
  maxEscalation: Type.Integer({
    minimum: 0,
    maximum: 4,
    title: '可能性高于最高超限级别的最多级数 / tiers the likelihood may add above the highest exceedance',
  }),
  storeyHeightM: Type.Number({ minimum: 2, maximum: 6, title: '缺省层高（米） / default storey height (m)' }),
  fallZoneFactor: Type.Number({
    minimum: 0.5,
    maximum: 3,
    title: '倒塌影响半径 = 高度 × 系数 / fall-zone radius = height × factor',
  }),
  defaultVibrationAllowCmS: Type.Object(
    {
      masonry: Type.Number(),
      brick_wood: Type.Number(),
      adobe_stone: Type.Number(),
      timber: Type.Number(),
      rc_frame: Type.Number(),
      steel: Type.Number(),
    },
    { title: '缺省允许振动速度（cm/s） / default allowable PPV by structure (cm/s)' },
  ),
  heritageVibrationAllowCmS: Type.Number({
    exclusiveMinimum: 0,
    maximum: 10,
    title: '历史建筑缺省允许振动速度（cm/s） / default allowable PPV of a heritage building (cm/s)',
  }),
});
export type OldBuildingConfig = Static<typeof config>;

export const defaults: OldBuildingConfig = {
  windowDays: 7,
  convergenceDays: 30,
  settlementMinDays: 3,
  sensorRadiusM: 300,
  robustSamples: 3,
  minTrendHours: 24,
  breathingMinCorrelation: 0.7,
  agreementRatio: 0.3,
  vibrationPeakMin: 60,
  weights: { tilt: 1.0, crack_width: 0.8, crack_rate: 0.9, settlement_rate: 0.9, vibration_ppv: 0.6 },
  structureFactor: {
    masonry: 1.2,
    brick_wood: 1.3,
    adobe_stone: 1.5,
    timber: 1.2,
    rc_frame: 1.0,
    steel: 0.9,
  },
  dangerClassFactor: { A: 0.8, B: 1.0, C: 1.25, D: 1.6 },
  useFactor: { residential: 1.0, self_built_commercial: 1.2, public: 1.1, heritage: 1.1, industrial: 1.0 },
  alteredFactor: 1.2,
  ageFreeYears: 30,
  agePerYear: 0.01,
  ageFactorMax: 1.5,
  likelihoodBands: { blue: 0.3, yellow: 0.5, orange: 0.7, red: 0.9 },
  maxEscalation: 1,
  storeyHeightM: 3,
  fallZoneFactor: 1.0,
  defaultVibrationAllowCmS: {
    masonry: 1.5,
    brick_wood: 1.0,
    adobe_stone: 0.7,
    timber: 1.0,
    rc_frame: 2.5,
    steel: 3.0,
  },
  heritageVibrationAllowCmS: 0.3,
};
