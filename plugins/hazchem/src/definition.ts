/**
 * What the hazchem risk type monitors: the major hazard's areas (tank farm, warehouse, process unit), the
 * equipment and detectors in them, the metrics and the default tiers with their sources (domain
 * catalogue `hazardous-chemicals`). The analysis model's parameters are in `config.ts`.
 */

import type { MetricDef, ObjectKindDef, ThresholdDef } from '@fenghuo/sdk';
import { Type } from '@fenghuo/sdk';

const num = (description: string, opts: { minimum?: number; exclusiveMinimum?: number } = {}) =>
  Type.Optional(Type.Number({ ...opts, description }));

/** One substance held in a major-hazard unit, for R = α Σ β q / Q (GB 18218-2018 §4.2). */
const InventoryItem = Type.Object({
  substance: Type.String({ minLength: 1, description: '物质名称 / substance, e.g. 液氨, 汽油' }),
  category: Type.String({
    minLength: 1,
    description:
      'β 类别键，见 config.rValue.betaByCategory（flammable_gas、explosive、toxic_gas、highly_toxic、other、W5.1 …） / β category key',
  }),
  toxicGas: Type.Optional(
    Type.String({
      description:
        '毒性气体键，见 config.rValue.betaByToxicGas（ammonia、chlorine、hydrogen_sulfide …），优先于 category / toxic-gas key, wins over category',
    }),
  ),
  quantityT: Type.Number({ minimum: 0, description: '实际存在量 q（吨） / actual quantity q (t)' }),
  thresholdT: Type.Number({
    exclusiveMinimum: 0,
    description: 'GB 18218 临界量 Q（吨） / threshold quantity Q (t)',
  }),
});

/** Attributes every major-hazard area carries: its inventory and exposure, for the R-value grade. */
const hazardAttributes = {
  enterpriseId: Type.Optional(Type.String({ description: '所属企业 / enterprise id' })),
  hazardCode: Type.Optional(Type.String({ description: '重大危险源编码 / major-hazard code' })),
  inventory: Type.Optional(
    Type.Array(InventoryItem, { description: '危险化学品存量 / inventory for the R-value' }),
  ),
  exposedPeople: Type.Optional(
    Type.Integer({
      minimum: 0,
      description:
        '厂区边界外 500 米内常住人口（α 校正） / people living within 500 m outside the plant boundary (α)',
    }),
  ),
  filedGrade: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 4,
      description: '备案的重大危险源级别（1 一级 … 4 四级） / grade on file (1 = 一级 … 4 = 四级)',
    }),
  ),
};

/** The enterprise's own limits of a vessel: high (H), high-high (HH, interlock) and design. */
const vesselLimits = {
  levelHighM: num('液位高报 H（米） / level high alarm H (m)', { minimum: 0 }),
  levelHighHighM: num('液位高高 HH（米，联锁值） / level high-high HH (m, interlock)', {
    exclusiveMinimum: 0,
  }),
  levelDesignM: num('最高允许液位/安全高度（米） / maximum safe fill height (m)', { exclusiveMinimum: 0 }),
  tempHighC: num('温度高报 H（°C） / temperature high alarm H (°C)'),
  tempHighHighC: num('温度高高 HH（°C，>0 时参与分级） / temperature high-high HH (°C; tiered when > 0)'),
  tempDesignC: num('设计温度（°C） / design temperature (°C)'),
  pressureHighMpa: num('压力高报 H（MPa） / pressure high alarm H (MPa)'),
  pressureHighHighMpa: num('压力高高 HH（MPa，联锁值） / pressure high-high HH (MPa, interlock)', {
    exclusiveMinimum: 0,
  }),
  pressureDesignMpa: num('设计压力或安全阀整定压力（MPa） / design or relief set pressure (MPa)', {
    exclusiveMinimum: 0,
  }),
};

const areaId = Type.String({
  minLength: 1,
  description: '所在储罐区/装置区/仓库对象编号 / id of the tank farm, process unit or warehouse it stands in',
});

export const objects = {
  tank_farm: {
    name: { zh: '储罐区（重大危险源）', en: 'Tank farm (major hazard)' },
    attributes: Type.Object(hazardAttributes),
  },
  warehouse: {
    name: { zh: '危险化学品仓库', en: 'Hazardous-chemical warehouse' },
    attributes: Type.Object({
      ...hazardAttributes,
      tempHighC: vesselLimits.tempHighC,
      tempHighHighC: vesselLimits.tempHighHighC,
      humidityHighPct: num('湿度高报（%RH） / humidity high alarm (%RH)', { minimum: 0 }),
      humidityHighHighPct: num('湿度高高/储存条件上限（%RH） / humidity high-high, storage limit (%RH)', {
        exclusiveMinimum: 0,
      }),
    }),
  },
  process_unit: {
    name: { zh: '生产装置（重点监管危险化工工艺）', en: 'Process unit (key supervised hazardous process)' },
    attributes: Type.Object({
      ...hazardAttributes,
      process: Type.Optional(Type.String({ description: '危险化工工艺，如 氯化工艺 / hazardous process' })),
    }),
  },
  storage_tank: {
    name: { zh: '储罐', en: 'Storage tank' },
    attributes: Type.Object({
      areaId,
      substance: Type.Optional(Type.String({ description: '储存物质 / substance stored' })),
      ...vesselLimits,
    }),
  },
  reactor: {
    name: { zh: '反应器/关键工艺设备', en: 'Reactor / key process vessel' },
    attributes: Type.Object({ areaId, ...vesselLimits }),
  },
  gas_detector: {
    name: { zh: '可燃/有毒气体检测点', en: 'Combustible / toxic gas detection point' },
    attributes: Type.Object({
      areaId,
      gas: Type.Optional(Type.String({ description: '检测气体，如 甲烷、氨、硫化氢 / gas measured' })),
      oelMgM3: num('职业接触限值 MAC/PC-STEL/PC-TWA（mg/m³），有毒气体必填 / OEL (mg/m³), toxic detectors', {
        exclusiveMinimum: 0,
      }),
      idlhMgM3: num('IDLH（mg/m³） / immediately dangerous to life or health (mg/m³)', {
        exclusiveMinimum: 0,
      }),
      setPoint1: num('一级报警设定值（本指标单位） / level-1 alarm set point, in the metric unit', {
        exclusiveMinimum: 0,
      }),
      setPoint2: num('二级报警设定值（本指标单位） / level-2 alarm set point, in the metric unit', {
        exclusiveMinimum: 0,
      }),
      fenceLine: Type.Optional(Type.Boolean({ description: '位于厂界 / at the plant fence line' })),
    }),
  },
} satisfies Record<string, ObjectKindDef>;

export const metrics = {
  level: {
    schema: Type.Number({ minimum: 0, maximum: 40 }),
    unit: 'm',
    name: { zh: '液位', en: 'Level' },
    intervalSec: 60,
  },
  temperature: {
    schema: Type.Number({ minimum: -200, maximum: 300 }),
    unit: '°C',
    name: { zh: '温度', en: 'Temperature' },
    intervalSec: 60,
  },
  pressure: {
    schema: Type.Number({ minimum: -0.1, maximum: 10 }),
    unit: 'MPa',
    name: { zh: '压力', en: 'Pressure' },
    intervalSec: 60,
  },
  humidity: {
    schema: Type.Number({ minimum: 0, maximum: 100 }),
    unit: '%RH',
    name: { zh: '仓库湿度', en: 'Warehouse humidity' },
    intervalSec: 300,
  },
  combustible_gas: {
    schema: Type.Number({ minimum: 0, maximum: 100 }),
    unit: '%LEL',
    name: { zh: '可燃气体浓度', en: 'Combustible gas' },
    intervalSec: 60,
  },
  toxic_gas: {
    schema: Type.Number({ minimum: 0, maximum: 100_000 }),
    unit: 'mg/m³',
    name: { zh: '有毒气体浓度', en: 'Toxic gas' },
    intervalSec: 60,
  },
  flame: {
    schema: Type.Number({ minimum: 0, maximum: 1 }),
    unit: '0/1',
    name: { zh: '火焰/视频火情确认', en: 'Flame or video fire confirmation' },
    intervalSec: 60,
  },
  sis_bypass: {
    schema: Type.Number({ minimum: 0, maximum: 1 }),
    unit: '0/1',
    name: { zh: '联锁/SIS 旁路', en: 'Interlock / SIS bypass' },
    intervalSec: 60,
  },
  interlock_trip: {
    schema: Type.Number({ minimum: 0, maximum: 1 }),
    unit: '0/1',
    name: { zh: '联锁动作/安全阀起跳', en: 'Interlock trip / relief lift' },
    intervalSec: 60,
  },
  alarms_overdue: {
    schema: Type.Number({ minimum: 0, maximum: 10_000 }),
    unit: 'alarms',
    name: { zh: '超时未处置报警数', en: 'Alarms overdue for disposal' },
    intervalSec: 300,
  },
  alarm_unack_min: {
    schema: Type.Number({ minimum: 0, maximum: 100_000 }),
    unit: 'min',
    name: { zh: '最久未确认报警时长', en: 'Oldest unacknowledged alarm' },
    intervalSec: 300,
  },
  alarm_rate: {
    schema: Type.Number({ minimum: 0, maximum: 100_000 }),
    unit: 'alarms/10 min',
    name: { zh: '操作台报警频率', en: 'Console alarm rate' },
    intervalSec: 300,
  },
} satisfies Record<string, MetricDef>;

export type MetricKey = keyof typeof metrics;

const CAT = 'domain catalogue hazardous-chemicals';
const TRIGGER = `${CAT}: the enterprise's H/HH/design limits; this level only triggers the analysis, which compares the reading with the object's own attributes`;

/** A vessel parameter tiered as a ratio of the object's own high-high (interlock) set point. */
const vessel = (ratioOf: string, alarm: number, red: number): ThresholdDef => ({
  direction: 'rising',
  ratioOf,
  levels: { alarm, yellow: 1, red },
  durationSec: 60,
  hysteresis: 0.01,
  hysteresisIsFraction: true,
  source: {
    alarm: { basis: `${TRIGGER}; ≈ H (set the object's own H/HH as an override)`, assumed: true },
    yellow: { basis: `${CAT}: yellow = HH reached`, assumed: true },
    red: {
      basis: `${TRIGGER}; ≈ design limit (set design/HH as an override); catalogue red = design or relief set point exceeded`,
      assumed: true,
    },
  },
});

const event = (basis: string): ThresholdDef => ({
  direction: 'rising',
  levels: { alarm: 1 },
  durationSec: 0,
  source: { alarm: { basis, assumed: true } },
});

export const thresholds: { [K in MetricKey]?: ThresholdDef } = {
  level: vessel('levelHighHighM', 0.95, 1.05),
  temperature: vessel('tempHighHighC', 0.9, 1.2),
  pressure: vessel('pressureHighHighMpa', 0.9, 1.1),
  humidity: {
    direction: 'rising',
    ratioOf: 'humidityHighHighPct',
    levels: { alarm: 0.9, yellow: 1 },
    durationSec: 600,
    source: {
      alarm: { basis: `${TRIGGER}; warehouse humidity ≈ H`, assumed: true },
      yellow: { basis: `${CAT}: storage-condition limit reached (HH rule)`, assumed: true },
    },
  },
  // Catalogue alarm = blue = 25 %LEL: `alarm` is left out because levels must strictly increase.
  combustible_gas: {
    direction: 'rising',
    levels: { blue: 25, yellow: 50 },
    durationSec: 60,
    hysteresis: 0.05,
    hysteresisIsFraction: true,
    source: {
      blue: { basis: 'GB/T 50493-2019: level-1 alarm set point ≤ 25 %LEL', assumed: true },
      yellow: { basis: 'GB/T 50493-2019: level-2 alarm set point ≤ 50 %LEL', assumed: true },
    },
  },
  toxic_gas: {
    direction: 'rising',
    ratioOf: 'oelMgM3',
    levels: { blue: 1, yellow: 2 },
    durationSec: 60,
    hysteresis: 0.05,
    hysteresisIsFraction: true,
    source: {
      blue: {
        basis: 'GB/T 50493-2019: level-1 alarm ≤ 100 % OEL (GBZ 2.1-2019 MAC/PC-STEL/PC-TWA)',
        assumed: true,
      },
      yellow: { basis: 'GB/T 50493-2019: level-2 alarm ≤ 200 % OEL', assumed: true },
    },
  },
  // `flame` has no tiers: it confirms a leak (catalogue red "≥ 50 %LEL plus fire/flame or video").
  sis_bypass: event(
    `${CAT}: interlock bypassed (orange rule "HH with the interlock bypassed"; notes §5.2 I_unit +30)`,
  ),
  interlock_trip: event(`${CAT}: red rule "relief set point exceeded"; notes §5.2 trip`),
  alarms_overdue: {
    direction: 'rising',
    levels: { blue: 1, yellow: 3, orange: 5, red: 8 },
    durationSec: 0,
    source: {
      blue: { basis: 'notes §5.2 I_alarm: 10 per overdue alarm → 10 (blue band > 0)', assumed: true },
      yellow: { basis: 'notes §5.2 I_alarm: 3 × 10 = 30 ≥ 25 (yellow band)', assumed: true },
      orange: { basis: 'notes §5.2 I_alarm: 5 × 10 = 50 ≥ 50 (orange band)', assumed: true },
      red: { basis: 'notes §5.2 I_alarm: 8 × 10 = 80 ≥ 75 (red band)', assumed: true },
    },
  },
  alarm_unack_min: {
    direction: 'rising',
    levels: { alarm: 60 },
    durationSec: 0,
    source: { alarm: { basis: 'notes §5.2 I_alarm: an alarm unacknowledged > 60 min', assumed: true } },
  },
  alarm_rate: {
    direction: 'rising',
    levels: { alarm: 11 },
    durationSec: 0,
    source: {
      alarm: {
        basis:
          "EEMUA 191 / ISA-18.2 alarm flood: more than 10 alarms per 10 min per console (benchmark; its use in the alarm-management index is the catalogue's reconstruction, notes §5.2, all assumed)",
        assumed: true,
      },
    },
  },
};
