/**
 * What the typhoon risk type monitors: the forecast track (as metrics of a `typhoon_track` object), weather
 * stations, tide gauges at sea walls, exposed structures and coastal districts; default tiers with their
 * sources (domain catalogue `typhoon`, CMA signals, GB/T 28591 and GB/T 19201), and every tunable
 * parameter of the analysis (wind profile, signal criteria, gust factor, surge, risk grid).
 */

import type { MetricDef, ObjectKindDef, ThresholdDef } from '@fenghuo/sdk';
import { type Static, Type } from '@fenghuo/sdk';

const population = Type.Optional(
  Type.Number({ minimum: 0, maximum: 10_000_000, description: '常住/在场人数 / people present' }),
);
const vulnerability = Type.Optional(
  Type.Number({
    minimum: 0,
    maximum: 1,
    description: '易损性 0–1（1 最易损） / vulnerability 0–1 (1 = most fragile)',
  }),
);

export const objects = {
  typhoon_track: {
    name: { zh: '台风路径预报（气象台）', en: 'Typhoon track forecast (met office feed)' },
    attributes: Type.Object({
      typhoonCode: Type.Optional(Type.String({ description: '台风编号，如 2609 / typhoon number' })),
      typhoonName: Type.Optional(Type.String({ description: '台风名称 / typhoon name' })),
    }),
  },
  weather_station: {
    name: { zh: '自动气象站/测风站', en: 'Automatic weather station / anemometer' },
    attributes: Type.Object({
      stationCode: Type.Optional(Type.String({ description: '区站号 / station code' })),
      anemometerHeightM: Type.Optional(
        Type.Number({
          exclusiveMinimum: 0,
          maximum: 500,
          description: '风速计高度（m） / anemometer height',
        }),
      ),
    }),
  },
  sea_wall: {
    name: { zh: '海堤/潮位站', en: 'Sea wall / tide gauge' },
    attributes: Type.Object({
      blueWarningTideM: Type.Number({
        exclusiveMinimum: 0,
        maximum: 20,
        description: '蓝色警戒潮位（m，1985 国家高程基准，与潮位计同一基面） / blue warning tide level',
      }),
      yellowWarningTideM: Type.Optional(
        Type.Number({
          exclusiveMinimum: 0,
          maximum: 20,
          description: '黄色警戒潮位（m） / yellow warning tide',
        }),
      ),
      orangeWarningTideM: Type.Optional(
        Type.Number({
          exclusiveMinimum: 0,
          maximum: 20,
          description: '橙色警戒潮位（m） / orange warning tide',
        }),
      ),
      redWarningTideM: Type.Optional(
        Type.Number({
          exclusiveMinimum: 0,
          maximum: 20,
          description: '红色警戒潮位（m） / red warning tide',
        }),
      ),
      crestLevelM: Type.Optional(
        Type.Number({
          exclusiveMinimum: 0,
          maximum: 30,
          description: '堤顶高程（m，同一基面） / crest level',
        }),
      ),
      population,
      vulnerability,
    }),
  },
  exposed_structure: {
    name: {
      zh: '高空构筑物/广告牌/塔吊/临时建筑',
      en: 'Exposed structure (billboard, tower crane, temporary building)',
    },
    attributes: Type.Object({
      structureType: Type.Union(
        [
          Type.Literal('billboard'),
          Type.Literal('tower_crane'),
          Type.Literal('temporary_building'),
          Type.Literal('scaffold'),
          Type.Literal('curtain_wall'),
          Type.Literal('other'),
        ],
        { description: '类型 / type' },
      ),
      heightM: Type.Optional(
        Type.Number({ exclusiveMinimum: 0, maximum: 1000, description: '高度（m） / height' }),
      ),
      designWindMs: Type.Optional(
        Type.Number({
          exclusiveMinimum: 0,
          maximum: 90,
          description: '设计/停用风速（m/s） / design or out-of-service wind speed',
        }),
      ),
      population,
      vulnerability,
    }),
  },
  coastal_district: {
    name: { zh: '沿海城区/社区', en: 'Coastal district / community' },
    attributes: Type.Object({ population, vulnerability }),
  },
} satisfies Record<string, ObjectKindDef>;

const deg = (min: number, max: number, zh: string, en: string): MetricDef => ({
  schema: Type.Number({ minimum: min, maximum: max }),
  unit: '°',
  name: { zh, en },
  intervalSec: 3600,
});
const km = (max: number, zh: string, en: string): MetricDef => ({
  schema: Type.Number({ minimum: 0, maximum: max }),
  unit: 'km',
  name: { zh, en },
  intervalSec: 3600,
});

export const metrics = {
  // The track feed: one reading per bulletin (CMA issues them every 3 h, hourly near landfall).
  track_lon: deg(90, 180, '台风中心经度', 'Typhoon centre longitude'),
  track_lat: deg(0, 60, '台风中心纬度', 'Typhoon centre latitude'),
  max_wind: {
    schema: Type.Number({ minimum: 0, maximum: 90 }),
    unit: 'm/s',
    name: { zh: '台风中心附近最大风速', en: 'Maximum sustained wind near the centre' },
    intervalSec: 3600,
  },
  r7_km: km(1500, '七级风圈半径', 'Radius of level-7 winds (≥ 13.9 m/s)'),
  r10_km: km(800, '十级风圈半径', 'Radius of level-10 winds (≥ 24.5 m/s)'),
  fc12_lon: deg(90, 180, '12 小时预报中心经度', 'Forecast centre longitude, +12 h'),
  fc12_lat: deg(0, 60, '12 小时预报中心纬度', 'Forecast centre latitude, +12 h'),
  fc24_lon: deg(90, 180, '24 小时预报中心经度', 'Forecast centre longitude, +24 h'),
  fc24_lat: deg(0, 60, '24 小时预报中心纬度', 'Forecast centre latitude, +24 h'),
  // Weather stations.
  wind_speed: {
    schema: Type.Number({ minimum: 0, maximum: 80 }),
    unit: 'm/s',
    name: { zh: '平均风速', en: 'Mean wind speed' },
    intervalSec: 600,
  },
  gust_speed: {
    schema: Type.Number({ minimum: 0, maximum: 100 }),
    unit: 'm/s',
    name: { zh: '极大风速（阵风）', en: 'Gust speed' },
    intervalSec: 600,
  },
  rain_24h: {
    schema: Type.Number({ minimum: 0, maximum: 1000 }),
    unit: 'mm',
    name: { zh: '24 小时累计降雨量', en: '24-hour rainfall' },
    intervalSec: 600,
  },
  sea_level_pressure: {
    schema: Type.Number({ minimum: 850, maximum: 1100 }),
    unit: 'hPa',
    name: { zh: '海平面气压', en: 'Sea-level pressure' },
    intervalSec: 600,
  },
  // Tide gauges at sea walls.
  tide_level: {
    schema: Type.Number({ minimum: -10, maximum: 20 }),
    unit: 'm',
    name: { zh: '潮位', en: 'Tide level' },
    intervalSec: 600,
  },
  wave_height: {
    schema: Type.Number({ minimum: 0, maximum: 30 }),
    unit: 'm',
    name: { zh: '有效波高', en: 'Significant wave height' },
    intervalSec: 600,
  },
} satisfies Record<string, MetricDef>;

const CMA = '中国气象局 气象灾害预警信号发布与传播办法 (2007) 台风预警信号 (verified)';
const BEAUFORT = 'GB/T 28591-2012 风力等级 (recalled)';
const CLASSES = 'GB/T 19201-2006 热带气旋等级 (recalled)';

export const thresholds: { [K in keyof typeof metrics]?: ThresholdDef } = {
  // The mean-wind rungs of the CMA signal, met at the station ("already affected"); m/s are the lower
  // bounds of the Beaufort levels. The analysis adds "and may continue" and the time window.
  wind_speed: {
    direction: 'rising',
    levels: { blue: 10.8, yellow: 17.2, orange: 24.5, red: 32.7 },
    hysteresis: 0.5,
    source: {
      blue: { basis: `${CMA}: blue, mean ≥ level 6; ${BEAUFORT}: level 6 from 10.8 m/s`, assumed: false },
      yellow: { basis: `${CMA}: yellow, mean ≥ level 8; ${BEAUFORT}: 17.2 m/s`, assumed: false },
      orange: { basis: `${CMA}: orange, mean ≥ level 10; ${BEAUFORT}: 24.5 m/s`, assumed: false },
      red: { basis: `${CMA}: red, mean ≥ level 12; ${BEAUFORT}: 32.7 m/s`, assumed: false },
    },
  },
  gust_speed: {
    direction: 'rising',
    levels: { blue: 17.2, yellow: 24.5, orange: 32.7, red: 41.5 },
    hysteresis: 0.5,
    source: {
      blue: { basis: `${CMA}: blue, gust ≥ level 8; ${BEAUFORT}: 17.2 m/s`, assumed: false },
      yellow: { basis: `${CMA}: yellow, gust ≥ level 10; ${BEAUFORT}: 24.5 m/s`, assumed: false },
      orange: { basis: `${CMA}: orange, gust ≥ level 12; ${BEAUFORT}: 32.7 m/s`, assumed: false },
      red: { basis: `${CMA}: red, gust ≥ level 14; ${BEAUFORT}: 41.5 m/s`, assumed: false },
    },
  },
  // The cyclone's own class: an alarm to the track's owner (the met office) that runs the analysis as the
  // storm forms and intensifies. The city's signal is the analysis's conclusion, not this level.
  max_wind: {
    direction: 'rising',
    levels: { alarm: 17.2, blue: 24.5, yellow: 32.7, orange: 41.5, red: 51 },
    source: {
      alarm: { basis: `${CLASSES}: 热带风暴 from 17.2 m/s`, assumed: true },
      blue: { basis: `${CLASSES}: 强热带风暴 from 24.5 m/s; tier placement ours`, assumed: true },
      yellow: { basis: `${CLASSES}: 台风 from 32.7 m/s; tier placement ours`, assumed: true },
      orange: { basis: `${CLASSES}: 强台风 from 41.5 m/s; tier placement ours`, assumed: true },
      red: { basis: `${CLASSES}: 超强台风 from 51.0 m/s; tier placement ours`, assumed: true },
    },
  },
  // Tide against the station's blue warning tide level (a ratio of it, so one default fits every gauge);
  // the analysis reads the four colour levels of the station itself.
  tide_level: {
    direction: 'rising',
    ratioOf: 'blueWarningTideM',
    levels: { alarm: 0.95, blue: 1 },
    hysteresis: 0.005,
    hysteresisIsFraction: true,
    source: {
      alarm: {
        basis: 'approaching the blue warning tide level (within 5 %); engineering default',
        assumed: true,
      },
      blue: {
        basis:
          'GB/T 17839-2011 警戒潮位核定规范 / 国家海洋局风暴潮预警: blue = tide reaches the blue warning tide level (recalled)',
        assumed: false,
      },
    },
  },
};

const rung = (title: string) =>
  Type.Object(
    {
      hours: Type.Number({ minimum: 0, maximum: 48 }),
      meanMs: Type.Number({ exclusiveMinimum: 0, maximum: 90 }),
      gustMs: Type.Number({ exclusiveMinimum: 0, maximum: 120 }),
    },
    { title },
  );

/** The analysis model's parameters; every number is documented in the README with its basis. */
export const config = Type.Object({
  signal: Type.Object(
    {
      blue: rung('蓝色 / blue'),
      yellow: rung('黄色 / yellow'),
      orange: rung('橙色 / orange'),
      red: rung('红色 / red'),
    },
    {
      title: '台风预警信号标准（时效、平均风、阵风） / typhoon signal criteria (lead time, mean wind, gust)',
    },
  ),
  gustFactor: Type.Number({
    minimum: 1,
    maximum: 2.5,
    title: '阵风系数（阵风/平均风） / gust factor (gust / mean)',
  }),
  rankineExponent: Type.Number({
    minimum: 0.2,
    maximum: 1,
    title: '兰金涡外区衰减指数缺省值 / default outer decay exponent of the Rankine vortex',
  }),
  rankineExponentRange: Type.Tuple([Type.Number({ minimum: 0.1 }), Type.Number({ maximum: 1.5 })], {
    title: '由风圈半径拟合的指数允许范围 / allowed range of the exponent fitted from the wind radii',
  }),
  defaultRmaxKm: Type.Number({
    minimum: 5,
    maximum: 200,
    title: '无风圈半径时的最大风速半径（km） / radius of maximum wind without wind radii (km)',
  }),
  forecastStepH: Type.Number({
    minimum: 0.1,
    maximum: 3,
    title: '路径插值步长（小时） / track time step (h)',
  }),
  trackMaxAgeH: Type.Number({
    minimum: 1,
    maximum: 24,
    title: '路径报文最长有效时间（小时） / oldest usable bulletin (h)',
  }),
  cityRadiusM: Type.Number({
    minimum: 1000,
    maximum: 100_000,
    title: '城市范围半径（米） / radius of the city around the event (m)',
  }),
  maxStations: Type.Integer({
    minimum: 1,
    maximum: 100,
    title: '参与研判的气象站上限 / stations read at most',
  }),
  sustainSamples: Type.Integer({
    minimum: 1,
    maximum: 12,
    title: '实况平均风持续样本数 / mean-wind samples that make "continuing"',
  }),
  spikeWindowMin: Type.Number({
    minimum: 10,
    maximum: 360,
    title: '阵风核验时窗（分钟） / gust check window (min)',
  }),
  corroborateRadiusM: Type.Number({
    minimum: 100,
    maximum: 100_000,
    title: '邻站佐证半径（米） / radius of corroborating stations (m)',
  }),
  surgeDefaultStepsM: Type.Tuple(
    [Type.Number({ minimum: 0 }), Type.Number({ minimum: 0 }), Type.Number({ minimum: 0 })],
    { title: '缺省黄/橙/红警戒潮位高于蓝色的幅度（m） / yellow/orange/red above blue when unset (m)' },
  ),
  maxListed: Type.Integer({
    minimum: 1,
    maximum: 200,
    title:
      '预警正文点名列出的防护目标上限，其余只给数量 / targets named in a warning body; the rest are counted',
  }),
  surgeExposureRadiusM: Type.Number({
    minimum: 100,
    maximum: 20_000,
    title: '海堤后方暴露范围半径（米） / radius of the area behind a sea wall (m)',
  }),
  surgeRunupAllowanceM: Type.Number({
    minimum: 0,
    maximum: 5,
    title:
      '越浪余量（米）：地面高程低于潮位加此值的防护目标受淹 / run-up allowance (m): a target whose groundLevelM is below tide + this is exposed',
  }),
  overtopWaveFactor: Type.Number({
    minimum: 0,
    maximum: 2,
    title: '越浪判据：潮位 + 系数×有效波高 ≥ 堤顶 / overtopping when tide + k·Hs ≥ crest',
  }),
  grid: Type.Object(
    {
      cellSizeM: Type.Number({ minimum: 100, maximum: 20_000 }),
      maxCells: Type.Integer({ minimum: 100, maximum: 1_000_000 }),
      topCells: Type.Integer({ minimum: 1, maximum: 20 }),
      windWeight: Type.Number({ minimum: 0, maximum: 1 }),
      rainWeight: Type.Number({ minimum: 0, maximum: 1 }),
      windRefMs: Type.Number({ exclusiveMinimum: 0, maximum: 90 }),
      rainRefMm: Type.Number({ exclusiveMinimum: 0, maximum: 1000 }),
      exposureRefPeople: Type.Number({ exclusiveMinimum: 0 }),
      rainRadiusM: Type.Number({ minimum: 100, maximum: 100_000 }),
      classBreaks: Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()]),
    },
    { title: '网格化风险（危险性×暴露度×脆弱性） / risk grid (hazard × exposure × vulnerability)' },
  ),
  populationAttribute: Type.String({ title: '人数属性名 / attribute holding the head count' }),
  populationByKind: Type.Record(Type.String(), Type.Number({ minimum: 0 }), {
    title: '无人数属性时按类型估算人数 / head count by kind when the attribute is absent',
  }),
  vulnerabilityByKind: Type.Record(Type.String(), Type.Number({ minimum: 0, maximum: 1 }), {
    title: '按对象类型的易损性 / vulnerability by object kind',
  }),
  vulnerabilityByStructure: Type.Record(Type.String(), Type.Number({ minimum: 0, maximum: 1 }), {
    title: '按构筑物类型的易损性 / vulnerability by structure type',
  }),
  defaultVulnerability: Type.Number({ minimum: 0, maximum: 1, title: '缺省易损性 / default vulnerability' }),
  craneStopWindMs: Type.Number({
    minimum: 5,
    maximum: 40,
    title: '塔吊停止作业风速（m/s） / tower crane stop-work wind',
  }),
});
export type TyphoonConfig = Static<typeof config>;

export const defaults: TyphoonConfig = {
  signal: {
    blue: { hours: 24, meanMs: 10.8, gustMs: 17.2 },
    yellow: { hours: 24, meanMs: 17.2, gustMs: 24.5 },
    orange: { hours: 12, meanMs: 24.5, gustMs: 32.7 },
    red: { hours: 6, meanMs: 32.7, gustMs: 41.5 },
  },
  gustFactor: 1.4,
  rankineExponent: 0.5,
  rankineExponentRange: [0.3, 0.9],
  defaultRmaxKm: 40,
  forecastStepH: 0.5,
  trackMaxAgeH: 6,
  cityRadiusM: 50_000,
  maxStations: 20,
  sustainSamples: 2,
  spikeWindowMin: 60,
  corroborateRadiusM: 30_000,
  surgeDefaultStepsM: [0.3, 0.6, 0.9],
  surgeExposureRadiusM: 5000,
  // Water behind an overtopped or breached wall stands at about the still tide; waves running up and
  // spilling over lift it higher, and a surveyed ground level is good to a decimetre or so. Half a metre
  // for both is our assumption; a city with wave and survey data sets its own.
  surgeRunupAllowanceM: 0.5,
  // A duty officer reads the first names: ten, the rest counted (assumed, as in earthquake-geohazard).
  maxListed: 10,
  overtopWaveFactor: 0.5,
  grid: {
    cellSizeM: 1000,
    maxCells: 40_000,
    topCells: 5,
    windWeight: 0.7,
    rainWeight: 0.3,
    windRefMs: 41.5,
    rainRefMm: 250,
    exposureRefPeople: 5000,
    rainRadiusM: 20_000,
    classBreaks: [0.05, 0.15, 0.3, 0.5],
  },
  populationAttribute: 'population',
  populationByKind: {
    school: 1000,
    kindergarten: 200,
    hospital: 800,
    elderly_home: 150,
    shopping_mall: 2000,
    station: 1000,
    residential: 2000,
    port: 500,
  },
  vulnerabilityByKind: {
    temporary_building: 0.9,
    elderly_home: 0.8,
    kindergarten: 0.8,
    school: 0.6,
    hospital: 0.6,
    residential: 0.5,
    shopping_mall: 0.4,
    port: 0.6,
    chemical_park: 0.7,
    oil_depot: 0.7,
  },
  vulnerabilityByStructure: {
    billboard: 0.9,
    tower_crane: 0.9,
    temporary_building: 0.9,
    scaffold: 0.8,
    curtain_wall: 0.6,
    other: 0.5,
  },
  defaultVulnerability: 0.5,
  craneStopWindMs: 10.8,
};
