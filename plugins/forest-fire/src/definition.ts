/**
 * What the forest-fire risk type monitors: object kinds with their attributes, metrics, default tiers
 * with their sources (the project's domain catalogue, `forest-fire`), and the tunable parameters of the
 * fire-danger, confirmation and spread models. Every number is documented in README.md.
 */

import type { MetricDef, ObjectKindDef, ThresholdDef } from '@fenghuo/sdk';
import { type Static, Type } from '@fenghuo/sdk';

/** Fuel types of the Wang Zhengfei model's fuel coefficient Ks (names after the model's table). */
export const FuelType = Type.Union(
  [
    Type.Literal('conifer_needles'),
    Type.Literal('litter'),
    Type.Literal('grass'),
    Type.Literal('pasture'),
    Type.Literal('broadleaf'),
    Type.Literal('mixed'),
  ],
  {
    description:
      '可燃物类型 / fuel type: 平铺针叶 conifer_needles, 枯枝落叶 litter, 茅草杂草 grass, 牧场草原 pasture, 阔叶林 broadleaf, 针阔混交 mixed',
  },
);
export type FuelType = Static<typeof FuelType>;

const terrain = {
  fuelType: Type.Optional(FuelType),
  slopeDeg: Type.Optional(
    Type.Number({ minimum: 0, maximum: 80, description: '平均坡度（°） / mean slope (degrees)' }),
  ),
  aspectDeg: Type.Optional(
    Type.Number({
      minimum: 0,
      maximum: 360,
      description:
        '坡向：坡面朝向（°，北=0，顺时针），上坡方向为其反方向 / aspect: the way the slope faces (downslope), degrees from north',
    }),
  ),
};

export const objects = {
  forest_area: {
    name: { zh: '林区/森林防火区', en: 'Forest area / fire-prevention zone' },
    attributes: Type.Object({
      ...terrain,
      areaHa: Type.Optional(Type.Number({ exclusiveMinimum: 0, description: '面积（公顷） / area (ha)' })),
      forestFarm: Type.Optional(Type.String({ description: '林场/管护单位 / forest farm or managing unit' })),
    }),
  },
  wildland_urban_interface: {
    name: { zh: '林缘/城乡结合部', en: 'Wildland–urban interface' },
    attributes: Type.Object({
      ...terrain,
      population: Type.Optional(
        Type.Integer({ minimum: 0, description: '林缘内常住人口 / residents at the interface' }),
      ),
    }),
  },
} satisfies Record<string, ObjectKindDef>;

export const metrics = {
  fire_danger_level: {
    schema: Type.Number({ minimum: 1, maximum: 5 }),
    unit: 'level 1-5',
    name: { zh: '森林火险气象等级', en: 'Forest fire danger level' },
    intervalSec: 86_400,
  },
  air_temp: {
    schema: Type.Number({ minimum: -40, maximum: 50 }),
    unit: '°C',
    name: { zh: '气温', en: 'Air temperature' },
    intervalSec: 600,
  },
  rh: {
    schema: Type.Number({ minimum: 0, maximum: 100 }),
    unit: '%',
    name: { zh: '相对湿度', en: 'Relative humidity' },
    intervalSec: 600,
  },
  wind: {
    schema: Type.Number({ minimum: 0, maximum: 60 }),
    unit: 'm/s',
    name: { zh: '风速', en: 'Wind speed' },
    intervalSec: 600,
  },
  dry_days: {
    schema: Type.Number({ minimum: 0, maximum: 200 }),
    unit: 'd',
    name: { zh: '连续无降水日数', en: 'Days without rain' },
    intervalSec: 86_400,
  },
  hotspot: {
    schema: Type.Number({ minimum: 0, maximum: 10_000 }),
    unit: 'count',
    name: { zh: '卫星热点', en: 'Satellite hotspots' },
    intervalSec: 600,
  },
  smoke_flame_video: {
    schema: Type.Number({ minimum: 0, maximum: 1 }),
    unit: 'event',
    name: { zh: '视频烟火识别', en: 'Video smoke/flame detection' },
    intervalSec: 60,
  },
  burned_area: {
    schema: Type.Number({ minimum: 0, maximum: 100_000 }),
    unit: 'ha',
    name: { zh: '过火面积', en: 'Burned area' },
    intervalSec: 1800,
  },
} satisfies Record<string, MetricDef>;

const CATALOGUE = 'domain catalogue forest-fire';

export const thresholds: { [K in keyof typeof metrics]?: ThresholdDef } = {
  fire_danger_level: {
    direction: 'rising',
    levels: { blue: 2, yellow: 3, orange: 4, red: 5 },
    durationSec: 0,
    source: {
      blue: {
        basis: `${CATALOGUE}: the national signal has no blue tier; level 2 (较低) used as a platform pre-warning`,
        assumed: true,
      },
      yellow: {
        basis: '森林火险预警信号: 黄色 = 森林火险气象等级 3 (QX/T 77-2007, GB/T 36743-2018)',
        assumed: false,
      },
      orange: { basis: '森林火险预警信号: 橙色 = level 4', assumed: false },
      red: { basis: '森林火险预警信号: 红色 = level 5', assumed: false },
    },
  },
  rh: {
    // Dry air at a fire-weather station starts the rating from the station's own readings.
    direction: 'falling',
    levels: { alarm: 40 },
    durationSec: 1800,
    hysteresis: 5,
    source: {
      alarm: {
        basis:
          'engineering default: RH ≤ 40 % held 30 min triggers the fire-danger rating from the station weather (the rating, not this limit, sets the tier)',
        assumed: true,
      },
    },
  },
  hotspot: {
    direction: 'rising',
    levels: { alarm: 1 },
    durationSec: 0,
    source: {
      alarm: { basis: `${CATALOGUE}: any satellite hotspot in the jurisdiction → verify`, assumed: true },
    },
  },
  smoke_flame_video: {
    direction: 'rising',
    levels: { alarm: 1 },
    durationSec: 0,
    source: {
      alarm: { basis: `${CATALOGUE}: any video detection in the jurisdiction → verify`, assumed: true },
    },
  },
  burned_area: {
    direction: 'rising',
    levels: { yellow: 0.01, orange: 1, red: 100 },
    durationSec: 0,
    source: {
      yellow: {
        basis: `${CATALOGUE}: confirmed open fire < 1 ha (一般森林火灾); 0.01 ha (100 m²) = the smallest area a patrol maps`,
        assumed: true,
      },
      orange: {
        basis:
          "森林防火条例: 较大森林火灾 1–100 ha (size classes verified; orange for them is the catalogue's placement)",
        assumed: true,
      },
      red: {
        basis:
          "森林防火条例: 重大森林火灾 ≥ 100 ha (size classes verified; red for them is the catalogue's placement)",
        assumed: true,
      },
    },
  },
  // air_temp, wind and dry_days have no tiers of their own: they feed the fire-danger index and the spread.
};

/** A step table: the score of the last row whose `from` the value reaches (rows in increasing `from`). */
const steps = (title: string) =>
  Type.Array(Type.Object({ from: Type.Number(), score: Type.Number({ minimum: 0 }) }), {
    minItems: 1,
    title,
  });

const byFuel = Type.Object(
  {
    conifer_needles: Type.Number({ minimum: 0 }),
    litter: Type.Number({ minimum: 0 }),
    grass: Type.Number({ minimum: 0 }),
    pasture: Type.Number({ minimum: 0 }),
    broadleaf: Type.Number({ minimum: 0 }),
    mixed: Type.Number({ minimum: 0 }),
  },
  { title: '可燃物配置系数 Ks / fuel coefficient Ks by fuel type' },
);

/** The analysis model's parameters. */
export const config = Type.Object({
  danger: Type.Object(
    {
      tempScores: steps('最高气温分值（°C 起点） / temperature score table (°C)'),
      drynessScores: steps('空气干燥度（100−RH）分值 / dryness (100 − RH %) score table'),
      dryDayScores: steps('连续无降水日数分值 / days-without-rain score table'),
      windScores: steps('风速分值（m/s 起点） / wind score table (m/s)'),
      levelFrom: Type.Object(
        {
          l2: Type.Number({ minimum: 0 }),
          l3: Type.Number({ minimum: 0 }),
          l4: Type.Number({ minimum: 0 }),
          l5: Type.Number({ minimum: 0 }),
        },
        { title: '火险等级下限（指数） / index from which levels 2–5 start' },
      ),
    },
    { title: '森林火险气象指数 / fire-danger index' },
  ),
  stationRadiusM: Type.Number({
    minimum: 100,
    maximum: 100_000,
    title: '气象站/火险等级搜索半径（米） / radius for weather stations and danger levels (m)',
  }),
  weatherMaxAgeMin: Type.Number({
    minimum: 10,
    maximum: 2880,
    title: '气象数据最长时效（分钟） / oldest weather used (min)',
  }),
  confirmRadiusM: Type.Number({
    minimum: 100,
    maximum: 50_000,
    title: '第二来源核实半径（米） / second-source confirmation radius (m)',
  }),
  confirmWindowMin: Type.Number({
    minimum: 5,
    maximum: 1440,
    title: '第二来源核实时窗（分钟） / second-source confirmation window (min)',
  }),
  confirmNeedsOtherKind: Type.Boolean({
    title: '须为不同类型的来源（天/地） / the second source must be another kind (space vs ground)',
  }),
  spread: Type.Object(
    {
      r0: Type.Object(
        {
          perDegC: Type.Number(),
          perWindMs: Type.Number(),
          perDryness: Type.Number(),
          constant: Type.Number(),
        },
        {
          title:
            '初始蔓延速度 R0 = a·T + b·V + c·(100−RH) − d（米/分） / initial rate R0 coefficients (m/min)',
        },
      ),
      windExp: Type.Number({
        minimum: 0,
        maximum: 1,
        title: '风速更正 Kw = exp(k·V) 的 k / wind coefficient k',
      }),
      slopeCoef: Type.Number({
        minimum: 0,
        maximum: 10,
        title: '坡度更正 Kφ = exp(a·tanφ^b) 的 a / slope a',
      }),
      slopePow: Type.Number({ minimum: 0.1, maximum: 3, title: '坡度更正的 b / slope b' }),
      fuel: byFuel,
      defaultFuel: FuelType,
      maxRateMPerMin: Type.Number({
        minimum: 1,
        maximum: 500,
        title: '蔓延速度上限（米/分） / cap on the rate of spread (m/min)',
      }),
    },
    { title: '王正非林火蔓延模型 / Wang Zhengfei spread model' },
  ),
  horizonMin: Type.Number({ minimum: 10, maximum: 1440, title: '推演时长（分钟） / forecast horizon (min)' }),
  sectorHalfAngleDeg: Type.Number({
    minimum: 5,
    maximum: 90,
    title: '下风向扇区半角（°） / half-angle of the downwind sector (deg)',
  }),
  minNearM: Type.Number({
    minimum: 0,
    maximum: 20_000,
    title: '火点周边必查半径（米） / radius checked in every direction (m)',
  }),
  resourceRadiusM: Type.Number({
    minimum: 0,
    maximum: 100_000,
    title: '扑救资源搜索半径（米） / radius for fire-fighting resources (m)',
  }),
  settlementKinds: Type.Array(Type.String(), {
    title: '居民点/重要设施类型 / settlement and key-facility kinds',
  }),
  resourceKinds: Type.Array(Type.String(), { title: '扑救资源类型 / fire-fighting resource kinds' }),
  nearSettlementM: Type.Number({
    minimum: 0,
    maximum: 20_000,
    title: '距居民点/重要设施升橙色距离（米） / distance to a settlement that makes it orange (m)',
  }),
  redArrivalMin: Type.Number({
    minimum: 0,
    maximum: 1440,
    title:
      '火头到达居民点升红色时间（分钟，0=不用） / arrival time at a settlement that makes it red (min, 0 = off)',
  }),
  dangerOrangeLevel: Type.Integer({
    minimum: 1,
    maximum: 6,
    title: '已确认火情升橙色的火险等级（6=不用） / danger level that makes a confirmed fire orange (6 = off)',
  }),
  orangeAreaHa: Type.Number({ minimum: 0, title: '橙色过火面积（公顷） / burned area for orange (ha)' }),
  redAreaHa: Type.Number({ minimum: 0, title: '红色过火面积（公顷） / burned area for red (ha)' }),
});
export type FireConfig = Static<typeof config>;

export const defaults: FireConfig = {
  danger: {
    tempScores: [
      { from: -100, score: 0 },
      { from: 5, score: 5 },
      { from: 10, score: 10 },
      { from: 15, score: 15 },
      { from: 20, score: 20 },
      { from: 25, score: 25 },
    ],
    drynessScores: [
      { from: 0, score: 0 },
      { from: 30, score: 5 },
      { from: 40, score: 10 },
      { from: 50, score: 15 },
      { from: 60, score: 20 },
      { from: 70, score: 25 },
    ],
    dryDayScores: [
      { from: 0, score: 0 },
      { from: 1, score: 5 },
      { from: 2, score: 10 },
      { from: 3, score: 15 },
      { from: 5, score: 20 },
      { from: 10, score: 25 },
    ],
    windScores: [
      { from: 0, score: 0 },
      { from: 1.6, score: 5 },
      { from: 3.4, score: 10 },
      { from: 5.5, score: 15 },
      { from: 8, score: 20 },
      { from: 10.8, score: 25 },
    ],
    levelFrom: { l2: 26, l3: 51, l4: 73, l5: 91 },
  },
  stationRadiusM: 20_000,
  weatherMaxAgeMin: 180,
  confirmRadiusM: 3000,
  confirmWindowMin: 60,
  confirmNeedsOtherKind: true,
  spread: {
    r0: { perDegC: 0.03, perWindMs: 0.05, perDryness: 0.01, constant: 0.3 },
    windExp: 0.1783,
    slopeCoef: 3.533,
    slopePow: 1.2,
    fuel: { conifer_needles: 0.8, litter: 1.2, grass: 1.6, pasture: 1.0, broadleaf: 1.0, mixed: 1.0 },
    defaultFuel: 'mixed',
    maxRateMPerMin: 100,
  },
  horizonMin: 120,
  sectorHalfAngleDeg: 30,
  minNearM: 500,
  resourceRadiusM: 15_000,
  settlementKinds: [
    'village',
    'residential',
    'town',
    'school',
    'kindergarten',
    'hospital',
    'elderly_home',
    'wildland_urban_interface',
    'cultural_heritage',
    'substation',
    'power_line',
    'fuel_depot',
    'explosives_depot',
    'filling_station',
  ],
  resourceKinds: ['fire_team', 'water_source', 'fire_depot', 'helipad', 'firebreak'],
  nearSettlementM: 1000,
  redArrivalMin: 60,
  dangerOrangeLevel: 4,
  orangeAreaHa: 1,
  redAreaHa: 100,
};
