/**
 * What the water-network risk type monitors: object kinds with their attributes, metrics, default tiers
 * with their sources (from the project's domain catalogue, `water-network-leak`), and the tunable
 * parameters of the analysis model. Every number is documented in the README with its basis.
 */

import type { MetricDef, ObjectKindDef, ThresholdDef } from '@fenghuo/sdk';
import { type Static, Type } from '@fenghuo/sdk';

/** Pipe materials with a known elastic modulus (wave celerity) and a typical wall ratio. */
export const PipeMaterial = Type.Union(
  [
    Type.Literal('steel'),
    Type.Literal('ductile_iron'),
    Type.Literal('grey_cast_iron'),
    Type.Literal('pccp'),
    Type.Literal('concrete'),
    Type.Literal('pvc'),
    Type.Literal('pe'),
    Type.Literal('other'),
  ],
  {
    description:
      '管材 / pipe material: 钢 steel, 球墨铸铁 ductile iron, 灰口铸铁 grey cast iron, 预应力钢筒混凝土 PCCP, 混凝土 concrete, PVC, PE',
  },
);
export type PipeMaterial = Static<typeof PipeMaterial>;

/** GB 50021 soil classes by plasticity index, plus sand and made ground. */
export const SoilType = Type.Union(
  [
    Type.Literal('sand'),
    Type.Literal('silt'),
    Type.Literal('silty_clay'),
    Type.Literal('clay'),
    Type.Literal('fill'),
  ],
  {
    description:
      '土类 / soil: 砂土 sand, 粉土 silt (Ip ≤ 10), 粉质黏土 silty clay (10 < Ip ≤ 17), 黏土 clay (Ip > 17), 杂填土 fill',
  },
);
export type SoilType = Static<typeof SoilType>;

const mainId = Type.Optional(
  Type.String({ description: '所在供水/排水管段编号 / id of the supply main or sewer it lies on or beside' }),
);
const dmaId = Type.Optional(Type.String({ description: '所属 DMA 计量分区编号 / id of its DMA' }));
const depthM = Type.Optional(
  Type.Number({
    exclusiveMinimum: 0,
    maximum: 30,
    description: '管顶埋深（米） / cover depth to the pipe crown (m)',
  }),
);
const diameterMm = Type.Number({
  exclusiveMinimum: 0,
  maximum: 4000,
  description: '公称内径（毫米） / nominal internal diameter (mm)',
});

export const objects = {
  supply_main: {
    name: { zh: '供水主干管', en: 'Water supply trunk main' },
    attributes: Type.Object({
      material: PipeMaterial,
      diameterMm,
      wallThicknessMm: Type.Optional(
        Type.Number({ exclusiveMinimum: 0, maximum: 200, description: '壁厚（毫米） / wall thickness (mm)' }),
      ),
      waveSpeedMs: Type.Optional(
        Type.Number({
          minimum: 100,
          maximum: 1500,
          description:
            '实测压力波速（米/秒），优先于计算值 / measured pressure-wave celerity (m/s), used instead of the computed one',
        }),
      ),
      depthM,
      normalPressureMpa: Type.Optional(
        Type.Number({
          exclusiveMinimum: 0,
          maximum: 1.6,
          description: '正常运行压力（MPa） / normal pressure',
        }),
      ),
      buriedYear: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2100 })),
      lengthM: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
      soilType: Type.Optional(SoilType),
      defective: Type.Optional(
        Type.Boolean({
          description: '存在结构性缺陷或列入改造 / known structural defect or in the renewal plan',
        }),
      ),
      dmaId,
    }),
  },
  supply_node: {
    name: {
      zh: '供水管网测压点/阀门/消火栓/分区计量点',
      en: 'Pressure point, valve, hydrant or district meter',
    },
    attributes: Type.Object({
      nodeType: Type.Union(
        [
          Type.Literal('pressure_point'),
          Type.Literal('valve'),
          Type.Literal('hydrant'),
          Type.Literal('dma_inlet'),
          Type.Literal('dma_outlet'),
        ],
        {
          description:
            '测压点、阀门、消火栓、分区进水计量、分区出水计量 / pressure point, valve, hydrant, DMA inlet meter, DMA outlet meter',
        },
      ),
      mainId,
      chainageM: Type.Optional(
        Type.Number({
          minimum: 0,
          maximum: 100_000,
          description:
            '沿管线距管段起点的里程（米），压力波定位必需 / distance along the main from its first vertex (m), needed to locate by pressure wave',
        }),
      ),
      dmaId,
      normalPressureMpa: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1.6 })),
    }),
  },
  dma: {
    name: { zh: 'DMA 独立计量分区', en: 'District metered area (DMA)' },
    attributes: Type.Object({
      mnfBaselineM3h: Type.Number({
        exclusiveMinimum: 0,
        maximum: 5000,
        description:
          '近 30 天夜间最小流量中位数（m3/h），夜间最小流量分级的基准 / 30-day median MNF, the basis of the MNF tiers',
      }),
      connections: Type.Optional(
        Type.Integer({ minimum: 0, maximum: 1_000_000, description: '用户（户表）数 / service connections' }),
      ),
      legitNightUseM3h: Type.Optional(
        Type.Number({
          minimum: 0,
          maximum: 5000,
          description:
            '合法夜间用水量（m3/h），给出时不再按户数估算 / legitimate night use; replaces the per-connection estimate',
        }),
      ),
      nonHouseholdNightUseM3h: Type.Optional(
        Type.Number({
          minimum: 0,
          maximum: 5000,
          description: '非居民夜间用水（m3/h） / non-household night use',
        }),
      ),
      mainsLengthKm: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1000 })),
    }),
  },
  sewer: {
    name: { zh: '排水管网检查井/截流井', en: 'Sewer manhole or interceptor well' },
    attributes: Type.Object({
      sewerType: Type.Union([Type.Literal('storm'), Type.Literal('foul'), Type.Literal('combined')], {
        description: '雨水/污水/合流 / storm, foul, combined',
      }),
      manholeDepthM: Type.Number({
        exclusiveMinimum: 0,
        maximum: 20,
        description:
          '井深（井底至井盖，米），液位分级的基准 / invert to cover (m), the basis of the level tiers',
      }),
      diameterMm: Type.Optional(diameterMm),
      material: Type.Optional(PipeMaterial),
      soilType: Type.Optional(SoilType),
      mainId,
    }),
  },
  pump_station: {
    name: { zh: '排水泵站', en: 'Drainage pump station' },
    attributes: Type.Object({
      manholeDepthM: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 30 })),
      capacityM3h: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
    }),
  },
  collapse_zone: {
    name: { zh: '管线周边路面塌陷风险区', en: 'Road-collapse risk zone beside a pipe' },
    attributes: Type.Object({
      mainId,
      soilType: Type.Optional(SoilType),
      plasticityIndex: Type.Optional(
        Type.Number({ minimum: 0, maximum: 80, description: '塑性指数 Ip / plasticity index' }),
      ),
      baselineMoisturePct: Type.Number({
        exclusiveMinimum: 0,
        maximum: 60,
        description:
          '无雨时土壤含水率基准（%vol），含水率分级的基准 / dry-weather soil moisture, the basis of its tiers',
      }),
      depthM,
      roadClass: Type.Optional(
        Type.Union([
          Type.Literal('expressway'),
          Type.Literal('arterial'),
          Type.Literal('secondary'),
          Type.Literal('branch'),
          Type.Literal('footway'),
        ]),
      ),
    }),
  },
} satisfies Record<string, ObjectKindDef>;

export const metrics = {
  supply_pressure: {
    schema: Type.Number({ minimum: 0, maximum: 1.0 }),
    unit: 'MPa',
    name: { zh: '供水压力', en: 'Supply pressure' },
    intervalSec: 60,
  },
  pressure_drop: {
    schema: Type.Number({ minimum: 0, maximum: 1.0 }),
    unit: 'MPa',
    name: { zh: '压力突降量（5 分钟）', en: 'Pressure drop (5 min)' },
    intervalSec: 60,
  },
  flow: {
    schema: Type.Number({ minimum: 0, maximum: 20_000 }),
    unit: 'm3/h',
    name: { zh: '流量', en: 'Flow' },
    intervalSec: 900,
  },
  night_min_flow: {
    schema: Type.Number({ minimum: 0, maximum: 5000 }),
    unit: 'm3/h',
    name: { zh: '夜间最小流量', en: 'Minimum night flow' },
    intervalSec: 86_400,
  },
  leak_noise: {
    schema: Type.Number({ minimum: 0, maximum: 100 }),
    unit: 'dB',
    name: { zh: '漏损噪声', en: 'Leak noise' },
    intervalSec: 86_400,
  },
  sewer_level: {
    schema: Type.Number({ minimum: 0, maximum: 10 }),
    unit: 'm',
    name: { zh: '排水管网液位', en: 'Sewer level' },
    intervalSec: 300,
  },
  sewer_fill_ratio: {
    schema: Type.Number({ minimum: 0, maximum: 2 }),
    unit: 'ratio',
    name: { zh: '管道充满度', en: 'Sewer fill ratio' },
    intervalSec: 300,
  },
  soil_moisture: {
    schema: Type.Number({ minimum: 0, maximum: 60 }),
    unit: '%vol',
    name: { zh: '土壤含水率', en: 'Soil moisture' },
    intervalSec: 3600,
  },
} satisfies Record<string, MetricDef>;

const CAT = 'domain catalogue water-network-leak';

export const thresholds: { [K in keyof typeof metrics]?: ThresholdDef } = {
  supply_pressure: {
    direction: 'falling',
    levels: { alarm: 0.16, blue: 0.14, yellow: 0.1, orange: 0.07, red: 0.03 },
    // A service-pressure shortfall counts once it holds two one-minute samples (assumed debounce).
    durationSec: 60,
    hysteresis: 0.005,
    source: {
      alarm: { basis: `${CAT}: early margin above the 0.14 MPa service floor`, assumed: true },
      blue: {
        basis: 'CJJ 58 §3.1.3 (via the 城镇供水服务 standard page): 管网末梢压力不得低于 0.14 MPa',
        assumed: false,
      },
      yellow: { basis: `${CAT}: engineering step below the service floor`, assumed: true },
      orange: { basis: `${CAT}: engineering step`, assumed: true },
      red: { basis: `${CAT}: supply effectively lost`, assumed: true },
    },
  },
  pressure_drop: {
    direction: 'rising',
    levels: { blue: 0.03, yellow: 0.05, orange: 0.1, red: 0.2 },
    // The catalogue's burst signature: a drop within 5 min that is sustained (two one-minute samples).
    durationSec: 60,
    source: {
      blue: { basis: `${CAT}: drop ≥ 0.03 MPa within 5 min, sustained`, assumed: true },
      yellow: { basis: `${CAT}: drop ≥ 0.05 MPa`, assumed: true },
      orange: { basis: `${CAT}: drop ≥ 0.10 MPa`, assumed: true },
      red: { basis: `${CAT}: drop ≥ 0.20 MPa (burst of a trunk main)`, assumed: true },
    },
  },
  night_min_flow: {
    direction: 'rising',
    ratioOf: 'mnfBaselineM3h',
    levels: { blue: 1.2, yellow: 1.5, orange: 2.0, red: 3.0 },
    source: {
      blue: { basis: `${CAT}: MNF / 30-day median MNF of the DMA ≥ 1.2`, assumed: true },
      yellow: { basis: `${CAT}: ratio ≥ 1.5`, assumed: true },
      orange: { basis: `${CAT}: ratio ≥ 2.0`, assumed: true },
      red: { basis: `${CAT}: ratio ≥ 3.0`, assumed: true },
    },
  },
  sewer_fill_ratio: {
    direction: 'rising',
    levels: { alarm: 0.8, blue: 0.9, yellow: 1.0 },
    durationSec: 600,
    hysteresis: 0.05,
    source: {
      alarm: {
        basis: 'above the design maximum fill ratios 0.55–0.75 of foul sewers (GB 50014, recalled)',
        assumed: true,
      },
      blue: { basis: `${CAT}: fill ratio ≥ 0.9`, assumed: true },
      yellow: { basis: `${CAT}: surcharged (满管), fill ratio ≥ 1.0`, assumed: true },
    },
  },
  sewer_level: {
    // Orange and red of the catalogue ("within 0.5 m of the cover", "overflow at ground level") as a
    // share of the manhole depth; the analysis re-judges orange by the absolute freeboard.
    direction: 'rising',
    ratioOf: 'manholeDepthM',
    levels: { orange: 0.85, red: 0.98 },
    durationSec: 300,
    source: {
      orange: {
        basis: `${CAT}: water within 0.5 m of the manhole cover (0.85 of a typical 3.3 m manhole)`,
        assumed: true,
      },
      red: { basis: `${CAT}: overflow at ground level (level within 2 % of the depth)`, assumed: true },
    },
  },
  soil_moisture: {
    // The catalogue's rule is additive (rise ≥ 10 / 20 %vol over the dry-weather baseline); the evaluator
    // knows ratios only, so the levels are that rule on a 25 %vol baseline. The analysis re-judges with
    // the additive rule and the sensor's own baseline.
    direction: 'rising',
    ratioOf: 'baselineMoisturePct',
    levels: { alarm: 1.2, blue: 1.4, yellow: 1.8 },
    durationSec: 7200,
    source: {
      alarm: { basis: `${CAT}: early notice, +5 %vol on a 25 %vol baseline`, assumed: true },
      blue: { basis: `${CAT}: rise ≥ 10 %vol over baseline without rain (+10 on 25 %vol)`, assumed: true },
      yellow: { basis: `${CAT}: rise ≥ 20 %vol — hidden leak, void risk (+20 on 25 %vol)`, assumed: true },
    },
  },
  // `flow` and `leak_noise` have no tiers of their own: flow is read as a district-meter balance, leak noise
  // (the catalogue's two-night rule) as corroboration of a leak.
};

const bySoil = (title: string) =>
  Type.Object(
    {
      sand: Type.Number({ minimum: 0 }),
      silt: Type.Number({ minimum: 0 }),
      silty_clay: Type.Number({ minimum: 0 }),
      clay: Type.Number({ minimum: 0 }),
      fill: Type.Number({ minimum: 0 }),
    },
    { title },
  );
const byMaterial = (title: string) =>
  Type.Object(
    {
      steel: Type.Number({ exclusiveMinimum: 0 }),
      ductile_iron: Type.Number({ exclusiveMinimum: 0 }),
      grey_cast_iron: Type.Number({ exclusiveMinimum: 0 }),
      pccp: Type.Number({ exclusiveMinimum: 0 }),
      concrete: Type.Number({ exclusiveMinimum: 0 }),
      pvc: Type.Number({ exclusiveMinimum: 0 }),
      pe: Type.Number({ exclusiveMinimum: 0 }),
      other: Type.Number({ exclusiveMinimum: 0 }),
    },
    { title },
  );
const kinds = (title: string) => Type.Array(Type.String(), { title });

/** The analysis model's parameters. */
export const config = Type.Object({
  // Pressure and the pressure-wave location.
  windowMin: Type.Number({ minimum: 5, maximum: 720, title: '压力分析时窗（分钟） / pressure window (min)' }),
  pressureRadiusM: Type.Number({
    minimum: 10,
    maximum: 20_000,
    title: '同管段测压点搜索半径（米） / radius to look for loggers on the main (m)',
  }),
  minDropMpa: Type.Number({
    minimum: 0.001,
    maximum: 0.5,
    title: '视为"检出压降"的最小降幅（MPa） / smallest drop that counts as seen (MPa)',
  }),
  onsetFraction: Type.Number({
    minimum: 0.05,
    maximum: 0.95,
    title: '到达时刻取降幅的比例 / share of the drop that marks the arrival',
  }),
  neighbourDropShare: Type.Number({
    minimum: 0,
    maximum: 1,
    title: '相邻测压点需同步下降的比例 / share of the drop neighbours must show',
  }),
  bulkModulusGpa: Type.Number({
    minimum: 1,
    maximum: 3,
    title: '水的体积模量 K（GPa） / bulk modulus of water',
  }),
  densityKgM3: Type.Number({ minimum: 900, maximum: 1100, title: '水的密度（kg/m3） / density of water' }),
  restraintFactor: Type.Number({
    minimum: 0.5,
    maximum: 1,
    title: '管道约束系数 c1 / pipe restraint factor c1',
  }),
  youngModulusGpa: byMaterial('管材弹性模量 E（GPa） / pipe elastic modulus by material'),
  diameterToWall: byMaterial('未登记壁厚时的径厚比 D/e / D/e when the wall thickness is not recorded'),
  waveSpeedUncertainty: Type.Number({
    minimum: 0,
    maximum: 0.5,
    title: '波速相对不确定度 / relative uncertainty of the wave speed',
  }),
  driftWindowMin: Type.Number({
    minimum: 30,
    maximum: 2880,
    title: '漂移判别时窗（分钟） / drift test window (min)',
  }),
  driftMinR2: Type.Number({ minimum: 0, maximum: 1, title: '漂移线性拟合最小 R² / drift fit R²' }),
  unlocatedRadiusM: Type.Number({
    minimum: 10,
    maximum: 5000,
    title: '无法两点定位时的位置不确定度（米） / location uncertainty with one logger (m)',
  }),
  flowRiseRatio: Type.Number({
    minimum: 0,
    maximum: 10,
    title: '分区进水流量上升佐证比例 / inflow rise that corroborates a burst',
  }),
  // Minimum night flow and the district-meter balance.
  dmaSearchRadiusM: Type.Number({
    minimum: 100,
    maximum: 50_000,
    title: '分区计量点搜索半径（米） / radius to look for the DMA meters (m)',
  }),
  nightStartHour: Type.Number({
    minimum: 0,
    maximum: 23,
    title: '夜间时段起（本地时） / night window start (local h)',
  }),
  nightEndHour: Type.Number({
    minimum: 1,
    maximum: 24,
    title: '夜间时段止（本地时） / night window end (local h)',
  }),
  utcOffsetHours: Type.Number({
    minimum: -12,
    maximum: 14,
    title: '本地时区（小时，事件未带时区时使用） / local UTC offset (h), when the event carries none',
  }),
  legitNightUseLPerConnH: Type.Number({
    minimum: 0,
    maximum: 50,
    title: '户均合法夜间用水（升/户·时） / legitimate night use per connection (L/conn/h)',
  }),
  mnfBaselineDays: Type.Integer({
    minimum: 7,
    maximum: 90,
    title: '夜间最小流量基准天数 / MNF baseline days',
  }),
  minBaselineNights: Type.Integer({
    minimum: 3,
    maximum: 60,
    title: '自算基准所需最少夜数 / nights needed for an own baseline',
  }),
  transferShare: Type.Number({
    minimum: 0,
    maximum: 1,
    title: '出水计量吸收增量比例（判为转供） / share of the excess leaving by outlets that means a transfer',
  }),
  // Soil moisture and the void.
  soilBaselineDays: Type.Integer({ minimum: 2, maximum: 60, title: '含水率基准天数 / soil baseline days' }),
  rainExcludeHours: Type.Number({
    minimum: 0,
    maximum: 240,
    title: '降雨排除时长（小时） / hours before now excluded from the baseline (rain rule)',
  }),
  riseBluePct: Type.Number({ minimum: 1, maximum: 40, title: '蓝色含水率升幅（%vol） / blue rise (%vol)' }),
  riseYellowPct: Type.Number({
    minimum: 1,
    maximum: 60,
    title: '黄色含水率升幅（%vol） / yellow rise (%vol)',
  }),
  rainMmH: Type.Number({
    minimum: 0,
    maximum: 50,
    title: '视为降雨的雨强（mm/h） / rain intensity that counts as rain',
  }),
  arealRadiusM: Type.Number({
    minimum: 10,
    maximum: 10_000,
    title: '区域性湿润对照半径（米） / radius of the areal-wetting comparison (m)',
  }),
  arealShare: Type.Number({
    minimum: 0,
    maximum: 1,
    title: '对照点同步升幅比例（判为降雨/灌溉） / share of the rise at reference sensors that means rain',
  }),
  pipeSearchM: Type.Number({
    minimum: 1,
    maximum: 500,
    title: '管线搜索距离（米） / distance to look for the pipe (m)',
  }),
  corroborationRadiusM: Type.Number({
    minimum: 10,
    maximum: 10_000,
    title: '泄漏佐证搜索半径（米） / radius for leak corroboration (m)',
  }),
  noiseRangeM: Type.Number({
    minimum: 10,
    maximum: 1000,
    title: '噪声记录仪探测距离（米） / detection range of a noise logger (m)',
  }),
  noiseRiseDb: Type.Number({ minimum: 1, maximum: 40, title: '漏损噪声升幅（dB） / leak-noise rise (dB)' }),
  voidDays: Type.Number({
    minimum: 0.5,
    maximum: 90,
    title: '形成空洞的特征时间（天） / characteristic time to form a void (days)',
  }),
  voidWeights: Type.Object(
    {
      moisture: Type.Number({ minimum: 0 }),
      duration: Type.Number({ minimum: 0 }),
      soil: Type.Number({ minimum: 0 }),
      leak: Type.Number({ minimum: 0 }),
      pipe: Type.Number({ minimum: 0 }),
    },
    { title: '空洞可能性权重 / void-likelihood weights' },
  ),
  voidClassBreaks: Type.Object(
    {
      medium: Type.Number({ minimum: 0, maximum: 1 }),
      high: Type.Number({ minimum: 0, maximum: 1 }),
      veryHigh: Type.Number({ minimum: 0, maximum: 1 }),
    },
    { title: '空洞可能性分档 / void-likelihood class breaks' },
  ),
  erodibility: bySoil('土体可冲蚀性（0–1） / soil erodibility (0–1)'),
  frictionAngleDeg: bySoil('内摩擦角 φ（度） / friction angle φ (deg)'),
  defaultDepthM: Type.Number({
    minimum: 0.3,
    maximum: 20,
    title: '未登记埋深时取值（米） / depth when not recorded (m)',
  }),
  oldPipeYears: Type.Integer({
    minimum: 5,
    maximum: 100,
    title: '老旧管道年限（年） / age of an old pipe (years)',
  }),
  // The road-collapse zone and its targets.
  minVoidRadiusM: Type.Number({
    minimum: 1,
    maximum: 200,
    title: '最小塌陷半径（米） / smallest collapse radius (m)',
  }),
  voidSafetyFactor: Type.Number({
    minimum: 1,
    maximum: 5,
    title: '塌陷半径安全系数 / collapse-radius safety factor',
  }),
  soilLocationUncertaintyM: Type.Number({
    minimum: 0,
    maximum: 500,
    title: '土壤测点定位不确定度（米） / location uncertainty of a soil sensor (m)',
  }),
  maxZoneRadiusM: Type.Number({
    minimum: 10,
    maximum: 5000,
    title: '最大风险区半径（米） / largest zone radius (m)',
  }),
  gasMainKinds: kinds('燃气管线类型（灾害链） / gas-main kinds (disaster chain)'),
  utilityKinds: kinds('其他受影响管线类型 / other utility kinds listed as affected pipes'),
  sensitiveKinds: kinds('升级预警的防护目标类型 / protection-target kinds that raise the tier'),
  escalateOnGasMain: Type.Boolean({
    title: '风险区内有燃气管线时升级 / raise the tier when a gas main is inside',
  }),
  escalateOnHazard: Type.Boolean({
    title: '风险区内有危险源时升级 / raise the tier when a hazard is inside',
  }),
  maxEscalation: Type.Integer({
    minimum: 0,
    maximum: 4,
    title: '最多升级级数 / most tiers added by escalation',
  }),
  // Sewers.
  freeboardOrangeM: Type.Number({
    minimum: 0,
    maximum: 5,
    title: '橙色井盖余量（米） / orange freeboard to the cover (m)',
  }),
});
export type WaterConfig = Static<typeof config>;

export const defaults: WaterConfig = {
  windowMin: 30,
  pressureRadiusM: 5000,
  minDropMpa: 0.02,
  onsetFraction: 0.5,
  neighbourDropShare: 0.3,
  bulkModulusGpa: 2.19,
  densityKgM3: 998.2,
  restraintFactor: 0.91,
  youngModulusGpa: {
    steel: 207,
    ductile_iron: 169,
    grey_cast_iron: 100,
    pccp: 30,
    concrete: 25,
    pvc: 3.0,
    pe: 0.9,
    other: 100,
  },
  diameterToWall: {
    steel: 80,
    ductile_iron: 60,
    grey_cast_iron: 30,
    pccp: 12,
    concrete: 12,
    pvc: 21,
    pe: 11,
    other: 40,
  },
  waveSpeedUncertainty: 0.1,
  driftWindowMin: 360,
  driftMinR2: 0.8,
  unlocatedRadiusM: 300,
  flowRiseRatio: 0.2,
  dmaSearchRadiusM: 5000,
  nightStartHour: 2,
  nightEndHour: 4,
  utcOffsetHours: 8,
  legitNightUseLPerConnH: 1.7,
  mnfBaselineDays: 30,
  minBaselineNights: 7,
  transferShare: 0.7,
  soilBaselineDays: 7,
  rainExcludeHours: 48,
  riseBluePct: 10,
  riseYellowPct: 20,
  rainMmH: 0.5,
  arealRadiusM: 800,
  arealShare: 0.5,
  pipeSearchM: 30,
  corroborationRadiusM: 500,
  noiseRiseDb: 10,
  noiseRangeM: 150,
  voidDays: 7,
  voidWeights: { moisture: 0.35, duration: 0.15, soil: 0.2, leak: 0.2, pipe: 0.1 },
  voidClassBreaks: { medium: 0.3, high: 0.5, veryHigh: 0.7 },
  erodibility: { sand: 0.9, silt: 1.0, silty_clay: 0.6, clay: 0.3, fill: 0.8 },
  frictionAngleDeg: { sand: 30, silt: 28, silty_clay: 20, clay: 15, fill: 25 },
  defaultDepthM: 1.5,
  oldPipeYears: 30,
  minVoidRadiusM: 10,
  voidSafetyFactor: 2,
  soilLocationUncertaintyM: 15,
  maxZoneRadiusM: 1000,
  gasMainKinds: ['gas_main_hp', 'gas_main_mp_lp'],
  utilityKinds: ['supply_main', 'sewer', 'power_cable', 'telecom_duct', 'heat_main', 'utility_tunnel'],
  sensitiveKinds: [
    'school',
    'kindergarten',
    'hospital',
    'elderly_home',
    'crowded_place',
    'shopping_mall',
    'station',
    'metro_station',
  ],
  escalateOnGasMain: true,
  escalateOnHazard: true,
  maxEscalation: 2,
  freeboardOrangeM: 0.5,
};
