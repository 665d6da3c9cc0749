/**
 * What the earthquake-geohazard risk type monitors: object kinds, metrics, default tiers with their sources
 * (project domain catalogue, `earthquake-geohazard`) and the tunable parameters of the analysis model.
 */

import type { MetricDef, ObjectKindDef, ThresholdDef } from '@fenghuo/sdk';
import { type Static, Type } from '@fenghuo/sdk';

const intensityCorrection = Type.Optional(
  Type.Number({
    minimum: -2,
    maximum: 2,
    description:
      '场地烈度调整（度），取自地震小区划或场地类别，默认 0 / site intensity correction from microzonation or site class (degrees)',
  }),
);

const slopeAttributes = Type.Object({
  volumeM3: Type.Optional(
    Type.Number({ exclusiveMinimum: 0, description: '隐患体体积（m³） / volume of the mass' }),
  ),
  threatenedPeople: Type.Optional(
    Type.Integer({ minimum: 0, description: '威胁人数 / people threatened (geohazard survey)' }),
  ),
  threatRadiusM: Type.Optional(
    Type.Number({
      exclusiveMinimum: 0,
      maximum: 20_000,
      description:
        '威胁范围半径（米），缺省用配置值 / radius of the threatened area (m); config default if absent',
    }),
  ),
});

export const objects = {
  eew_receiver: {
    name: { zh: '地震预警信息接收终端', en: 'Earthquake early-warning feed receiver' },
    attributes: Type.Object({
      feed: Type.Optional(
        Type.String({
          description: '信息来源，如 中国地震预警网 / the feed, e.g. the CEA national EEW network',
        }),
      ),
      region: Type.Optional(
        Type.Union([Type.Literal('east'), Type.Literal('west')], {
          description:
            '衰减关系分区（中国东部/西部），缺省用配置值 / attenuation region; config default if absent',
        }),
      ),
    }),
  },
  eew_site: {
    name: { zh: '地震预警接收点（学校、生命线设施）', en: 'EEW site (school, lifeline facility)' },
    attributes: Type.Object({ intensityCorrection }),
  },
  landslide: { name: { zh: '滑坡隐患点', en: 'Landslide hazard site' }, attributes: slopeAttributes },
  rockfall: { name: { zh: '崩塌隐患点', en: 'Rockfall hazard site' }, attributes: slopeAttributes },
  debris_flow: { name: { zh: '泥石流沟', en: 'Debris-flow gully' }, attributes: slopeAttributes },
} satisfies Record<string, ObjectKindDef>;

export const metrics = {
  // One early-warning message is one reading of the receiver: ts = origin time (发震时刻), with these four.
  eew_magnitude: {
    schema: Type.Number({ minimum: 0, maximum: 9.5 }),
    unit: 'M',
    name: { zh: '预警震级', en: 'EEW magnitude' },
  },
  eew_epi_lon: {
    schema: Type.Number({ minimum: -180, maximum: 180 }),
    unit: '°E',
    name: { zh: '预警震中经度', en: 'EEW epicentre longitude' },
  },
  eew_epi_lat: {
    schema: Type.Number({ minimum: -90, maximum: 90 }),
    unit: '°N',
    name: { zh: '预警震中纬度', en: 'EEW epicentre latitude' },
  },
  eew_depth: {
    schema: Type.Number({ minimum: 0, maximum: 700 }),
    unit: 'km',
    name: { zh: '预警震源深度', en: 'EEW focal depth' },
  },
  ls_disp: {
    schema: Type.Number({ minimum: 0, maximum: 10_000 }),
    unit: 'mm',
    name: { zh: '滑坡累计位移', en: 'Landslide cumulative displacement' },
    intervalSec: 86_400,
  },
  ls_rate: {
    schema: Type.Number({ minimum: 0, maximum: 1000 }),
    unit: 'mm/d',
    name: { zh: '位移速率', en: 'Displacement rate' },
    intervalSec: 86_400,
  },
  rain_24h: {
    schema: Type.Number({ minimum: 0, maximum: 1000 }),
    unit: 'mm',
    name: { zh: '24 h 降雨量', en: '24 h rainfall' },
    intervalSec: 3600,
  },
} satisfies Record<string, MetricDef>;

export const thresholds: { [K in keyof typeof metrics]?: ThresholdDef } = {
  eew_magnitude: {
    // The alarm says "a message arrived that may concern the city"; the warning tier comes from the
    // estimated intensity at each object (analysis). A revised, larger magnitude steps up and re-analyses.
    direction: 'rising',
    levels: { alarm: 3, blue: 4, yellow: 5, orange: 6, red: 7 },
    durationSec: 0,
    source: {
      alarm: {
        basis: 'engineering default: record every felt-size message for the duty officer',
        assumed: true,
      },
      // The gates are verified, but they gate publication, not colours: the placement is ours (assumed).
      blue: {
        basis: 'Yunnan / Shanghai EEW publication gate: M ≥ 4.0 within 50 km; tier placement ours',
        assumed: true,
      },
      yellow: {
        basis: 'Shanghai EEW publication gate: M ≥ 5.0 within 300 km; tier placement ours',
        assumed: true,
      },
      orange: { basis: 'engineering step between the 5.0 and 7.0 gates', assumed: true },
      red: {
        basis: 'Shanghai EEW publication gate: M ≥ 7.0 within 1000 km; tier placement ours',
        assumed: true,
      },
    },
  },
  ls_rate: {
    direction: 'rising',
    levels: { blue: 1, yellow: 5, orange: 20, red: 50 },
    source: {
      blue: { basis: 'domain catalogue (fallback when the tangent angle cannot be computed)', assumed: true },
      yellow: { basis: 'domain catalogue', assumed: true },
      orange: { basis: 'domain catalogue', assumed: true },
      red: { basis: 'domain catalogue', assumed: true },
    },
  },
  rain_24h: {
    direction: 'rising',
    levels: { blue: 25, yellow: 50, orange: 100, red: 150 },
    source: {
      blue: {
        basis: 'domain catalogue; replace with the regional 地质灾害气象风险预警 thresholds',
        assumed: true,
      },
      yellow: { basis: 'domain catalogue (regional values vary)', assumed: true },
      orange: { basis: 'domain catalogue (regional values vary)', assumed: true },
      red: { basis: 'domain catalogue (regional values vary)', assumed: true },
    },
  },
};

const axis = (title: string) =>
  Type.Object(
    {
      a: Type.Number(),
      b: Type.Number(),
      c: Type.Number({ exclusiveMinimum: 0 }),
      r0: Type.Number({ exclusiveMinimum: 0 }),
    },
    { title },
  );
const relation = (title: string) =>
  Type.Object(
    {
      logBase: Type.Union([Type.Literal('e'), Type.Literal('10')], {
        title: '对数底：e = ln，10 = lg / log base of the c term',
      }),
      long: axis('长轴 I = a + b·M − c·log(R + r0) / long axis'),
      short: axis('短轴 / short axis'),
    },
    { title },
  );

/** The analysis model's parameters. Every number here is documented in the README with its basis. */
export const config = Type.Object({
  attenuation: Type.Object(
    {
      east: relation('中国东部烈度衰减关系 / eastern China intensity attenuation'),
      west: relation('中国西部烈度衰减关系 / western China intensity attenuation'),
    },
    { title: '烈度衰减关系系数 / attenuation coefficients' },
  ),
  region: Type.Union([Type.Literal('east'), Type.Literal('west')], {
    title: '默认衰减分区 / default attenuation region',
  }),
  faultStrikeDeg: Type.Union([Type.Number({ minimum: 0, maximum: 180 }), Type.Null()], {
    title:
      '主要断裂走向（度，北起顺时针；空 = 未知，取长轴） / dominant fault strike (null: use the long axis)',
  }),
  intensityTiers: Type.Object(
    {
      blue: Type.Number({ minimum: 0, maximum: 12 }),
      yellow: Type.Number({ minimum: 0, maximum: 12 }),
      orange: Type.Number({ minimum: 0, maximum: 12 }),
      red: Type.Number({ minimum: 0, maximum: 12 }),
    },
    { title: '按预估烈度分级（度） / tier by estimated intensity (degree)' },
  ),
  publicationGates: Type.Array(
    Type.Object({
      maxDistanceKm: Type.Number({ exclusiveMinimum: 0 }),
      minMagnitude: Type.Number({ minimum: 0, maximum: 9.5 }),
    }),
    { title: '发布门槛：震中距以内的最小震级 / publication gates: least magnitude within a distance' },
  ),
  cityRadiusKm: Type.Number({
    minimum: 1,
    maximum: 100,
    title:
      '评估对象的范围（公里，以接收终端为中心） / radius of the objects assessed, around the receiver (km)',
  }),
  sWaveKmS: Type.Number({ minimum: 2, maximum: 5, title: 'S 波速度（km/s） / S-wave speed' }),
  messageDelaySec: Type.Number({
    minimum: 0,
    maximum: 60,
    title: '发震至收到预警的时延（秒） / delay from origin to the message (s)',
  }),
  maxListed: Type.Integer({
    minimum: 1,
    maximum: 200,
    title:
      '预警中点名列出的对象数上限，其余只给数量 / objects named in a warning (most affected first); the rest are counted',
  }),
  priorityKinds: Type.Array(Type.String({ minLength: 1 }), {
    maxItems: 50,
    title:
      '同烈度下优先列出的脆弱对象类型（学校、医院、养老机构等） / kinds listed first at equal intensity (schools, hospitals, care homes …)',
  }),
  tangent: Type.Object(
    {
      smoothWindow: Type.Integer({ minimum: 1, maximum: 9, title: '滑动中值样本数 / moving-median samples' }),
      baselineDays: Type.Number({
        minimum: 2,
        maximum: 365,
        title: '等速段时长（天） / uniform-stage span (d)',
      }),
      recentDays: Type.Number({
        minimum: 0,
        maximum: 60,
        title: '不计入等速段的近期天数 / recent days kept out (d)',
      }),
      minStepDays: Type.Number({
        minimum: 0.04,
        maximum: 10,
        title: '切线角最小时间步（天） / least step for α (d)',
      }),
      minVelocity: Type.Number({
        minimum: 0.01,
        maximum: 10,
        title: '等速速率下限（mm/d） / floor on v (mm/d)',
      }),
      angles: Type.Object(
        {
          acceleration: Type.Number({ minimum: 0, maximum: 90 }),
          medium: Type.Number({ minimum: 0, maximum: 90 }),
          imminent: Type.Number({ minimum: 0, maximum: 90 }),
          uniformToleranceDeg: Type.Number({ minimum: 0, maximum: 20 }),
        },
        { title: '改进切线角阶段阈值（度） / stage angles (°)' },
      ),
    },
    { title: '改进切线角法 / improved tangent-angle method' },
  ),
  historyDays: Type.Number({
    minimum: 3,
    maximum: 365,
    title: '读取位移历史（天） / displacement history read (d)',
  }),
  spikeFactor: Type.Number({
    minimum: 1,
    maximum: 100,
    title: '单点跳变判据：原始增量 / 平滑增量 / lone-jump test: raw step over smoothed step',
  }),
  spikeMinMm: Type.Number({
    minimum: 0,
    maximum: 1000,
    title: '视为跳变的最小原始增量（mm） / least raw jump (mm)',
  }),
  rainRaiseMm: Type.Number({
    minimum: 0,
    maximum: 1000,
    title: '升级一级的 24 h 降雨量（mm） / 24 h rainfall that raises the tier by one',
  }),
  rainRadiusM: Type.Number({
    minimum: 0,
    maximum: 100_000,
    title: '雨量站搜索半径（米） / rain gauge radius (m)',
  }),
  threatRadiusM: Type.Number({
    minimum: 10,
    maximum: 20_000,
    title: '默认威胁范围半径（米） / default threatened radius (m)',
  }),
});
export type GeoConfig = Static<typeof config>;

export const defaults: GeoConfig = {
  attenuation: {
    east: {
      logBase: 'e',
      long: { a: 6.046, b: 1.48, c: 2.081, r0: 25 },
      short: { a: 2.617, b: 1.435, c: 1.441, r0: 7 },
    },
    west: {
      logBase: 'e',
      long: { a: 5.643, b: 1.538, c: 2.109, r0: 25 },
      short: { a: 2.941, b: 1.363, c: 1.494, r0: 7 },
    },
  },
  region: 'east',
  faultStrikeDeg: null,
  intensityTiers: { blue: 2, yellow: 3, orange: 5, red: 7 },
  publicationGates: [
    { maxDistanceKm: 50, minMagnitude: 4 },
    { maxDistanceKm: 300, minMagnitude: 5 },
    { maxDistanceKm: 1000, minMagnitude: 7 },
  ],
  cityRadiusKm: 50,
  sWaveKmS: 3.5,
  messageDelaySec: 8,
  // A duty officer reads the first lines of a warning: name the ten most affected, count the rest.
  maxListed: 10,
  // People who cannot take cover or leave by themselves (assumed list; a city adds its own kinds).
  priorityKinds: [
    'school',
    'kindergarten',
    'hospital',
    'clinic',
    'elderly_home',
    'nursing_home',
    'welfare_home',
  ],
  tangent: {
    smoothWindow: 3,
    baselineDays: 20,
    recentDays: 5,
    minStepDays: 1,
    minVelocity: 0.2,
    angles: { acceleration: 45, medium: 80, imminent: 85, uniformToleranceDeg: 3 },
  },
  historyDays: 40,
  spikeFactor: 3,
  spikeMinMm: 5,
  rainRaiseMm: 50,
  rainRadiusM: 5000,
  threatRadiusM: 500,
};
