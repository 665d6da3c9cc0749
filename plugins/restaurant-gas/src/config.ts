/**
 * The analysis model's tunable parameters (a city sets them per plugin; the studio renders a form from
 * the schema). Every number is documented in README.md "Config" with its basis.
 */
import { type Static, Type } from '@fenghuo/sdk';

const tierName = Type.Union([
  Type.Literal('blue'),
  Type.Literal('yellow'),
  Type.Literal('orange'),
  Type.Literal('red'),
]);

/** The analysis model's parameters. Every number here is documented in the README with its basis. */
export const config = Type.Object({
  referenceLelPctVol: Type.Object(
    {
      ch4: Type.Number({ minimum: 1, maximum: 20 }),
      c3h8: Type.Number({ minimum: 1, maximum: 20 }),
    },
    { title: '参考爆炸下限（%vol） / reference LEL basis per gas' },
  ),
  windowMin: Type.Number({ minimum: 10, maximum: 720, title: '曲线分析时窗（分钟） / curve window (min)' }),
  premisesRadiusM: Type.Number({
    minimum: 1,
    maximum: 200,
    title: '同一场所探测器/阀门搜索半径（米） / radius for detectors and valves of the same premises (m)',
  }),
  freshMin: Type.Number({
    minimum: 1,
    maximum: 60,
    title: "其他探测器读数视为当前的时限（分钟） / how recent another detector's reading must be (min)",
  }),
  confirmLel: Type.Number({
    minimum: 1,
    maximum: 100,
    title: '其他探测器确认浓度（%LEL） / level at which another detector confirms gas (%LEL)',
  }),
  sustainMin: Type.Number({
    minimum: 0,
    maximum: 60,
    title: '视为持续泄漏的超限时长（分钟） / minutes above blue that make a sustained leak',
  }),
  ramp: Type.Object(
    {
      minSamples: Type.Integer({ minimum: 2, maximum: 30 }),
      minRiseLel: Type.Number({ minimum: 0.5, maximum: 50 }),
      minSlopePerMin: Type.Number({ minimum: 0 }),
      maxStepShare: Type.Number({ exclusiveMinimum: 0, maximum: 1 }),
    },
    { title: '积聚上升判据 / accumulation (ramp) test' },
  ),
  drift: Type.Object(
    {
      minDurationMin: Type.Number({ minimum: 10 }),
      maxSlopePerMin: Type.Number({ minimum: 0 }),
      minR2: Type.Number({ minimum: 0, maximum: 1 }),
    },
    { title: '传感器漂移判据 / drift test' },
  ),
  transientWarnFrom: Type.Union([tierName, Type.Null()], {
    title:
      '未确认的瞬时超限从此级别起仍发布（降一级）预警 / an unconfirmed transient still warns (one tier lower) from this level',
  }),
  falseAlarm: Type.Object(
    {
      lookbackDays: Type.Number({ minimum: 1, maximum: 90 }),
      nuisanceMaxMin: Type.Number({ minimum: 0.5, maximum: 60 }),
      mergeGapMin: Type.Number({ minimum: 0, maximum: 60 }),
      highPer30d: Type.Number({ minimum: 0 }),
      minEpisodes: Type.Integer({ minimum: 1 }),
      tierPenalty: Type.Integer({ minimum: 0, maximum: 2 }),
      maxPoints: Type.Integer({ minimum: 1000, maximum: 100_000 }),
    },
    { title: '探测器误报率 / detector false-alarm rate' },
  ),
  detectorLifeYears: Type.Number({
    minimum: 1,
    maximum: 20,
    title: '探测器使用寿命（年） / detector service life (years)',
  }),
  valveCloseGraceSec: Type.Number({
    minimum: 0,
    maximum: 600,
    title: '报警后切断阀应关闭的时限（秒） / seconds within which the valve must close after the alarm',
  }),
  defaultAirChangesPerHour: Type.Number({
    minimum: 0,
    maximum: 60,
    title: '未登记时的换气次数（次/h） / air changes per hour when not given',
  }),
  cloudFraction: Type.Number({
    exclusiveMinimum: 0,
    maximum: 1,
    title: '达到爆炸下限的气团占房间容积比例 / share of the room filled by the flammable cloud',
  }),
  tntYield: Type.Number({
    exclusiveMinimum: 0,
    maximum: 1,
    title: 'TNT 当量爆炸效率系数 / TNT-equivalence explosion yield',
  }),
  overpressureKpa: Type.Object(
    {
      severe: Type.Number({ exclusiveMinimum: 0 }),
      damage: Type.Number({ exclusiveMinimum: 0 }),
      glass: Type.Number({ exclusiveMinimum: 0 }),
    },
    { title: '冲击波超压分区（kPa） / blast overpressure zones (kPa)' },
  ),
  minImpactRadiusM: Type.Number({
    minimum: 0,
    maximum: 500,
    title: '最小影响半径（米） / minimum impact radius (m)',
  }),
  imminentMin: Type.Number({
    minimum: 0,
    maximum: 240,
    title: '预计到达爆炸下限的紧迫时间（分钟） / minutes to LEL counted as imminent',
  }),
  defaultPeakHours: Type.Array(Type.String({ pattern: '^\\d{2}:\\d{2}-\\d{2}:\\d{2}$' }), {
    title: '未登记时的就餐高峰 / meal peak hours when not given',
  }),
  utcOffsetMin: Type.Integer({
    minimum: -720,
    maximum: 840,
    title: '当地时区（分钟，事件未带时区时使用） / local UTC offset (min), when the event carries none',
  }),
  sensitiveKinds: Type.Array(Type.String(), {
    title: '升级预警的防护目标类型 / protection-target kinds that raise the tier',
  }),
  maxEscalation: Type.Integer({
    minimum: 0,
    maximum: 3,
    title: '最多升级级数 / most tiers added by escalation',
  }),
  coStelMgM3: Type.Number({ exclusiveMinimum: 0, title: 'CO 短时间接触容许浓度（mg/m³） / CO PC-STEL' }),
});
export type RestaurantConfig = Static<typeof config>;

export const defaults: RestaurantConfig = {
  referenceLelPctVol: { ch4: 5.0, c3h8: 2.1 },
  windowMin: 90,
  premisesRadiusM: 30,
  freshMin: 5,
  confirmLel: 10,
  sustainMin: 5,
  ramp: { minSamples: 3, minRiseLel: 5, minSlopePerMin: 0.5, maxStepShare: 0.6 },
  drift: { minDurationMin: 60, maxSlopePerMin: 0.15, minR2: 0.8 },
  transientWarnFrom: 'orange',
  falseAlarm: {
    lookbackDays: 14,
    nuisanceMaxMin: 5,
    mergeGapMin: 2,
    highPer30d: 4,
    minEpisodes: 3,
    tierPenalty: 1,
    maxPoints: 50_000,
  },
  detectorLifeYears: 3,
  valveCloseGraceSec: 60,
  defaultAirChangesPerHour: 3,
  cloudFraction: 0.3,
  tntYield: 0.1,
  overpressureKpa: { severe: 20.7, damage: 6.9, glass: 2.0 },
  minImpactRadiusM: 20,
  imminentMin: 15,
  defaultPeakHours: ['11:00-13:30', '17:00-20:30'],
  utcOffsetMin: 480,
  sensitiveKinds: [
    'school',
    'kindergarten',
    'hospital',
    'elderly_home',
    'crowded_place',
    'shopping_mall',
    'station',
  ],
  maxEscalation: 1,
  coStelMgM3: 30,
};
