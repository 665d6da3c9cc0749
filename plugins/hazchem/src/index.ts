/**
 * 危险化学品生产经营安全风险 — hazardous chemicals, major hazard installations (guideline §3 type 11,
 * §4(2)11).
 *
 * Monitors the tank farms, warehouses and process units that are major hazards: tank and vessel level,
 * temperature and pressure against the enterprise's own H / HH / design limits, combustible and toxic gas,
 * interlock bypass and trips, and the enterprise's alarm handling. On an alarm it computes the four
 * indices the guideline names (storage area, process unit, leak, alarm management) with an engineering
 * reconstruction of their formulas, takes the maximum as the risk state and tier, and reports the static
 * R-value grade of the major hazard (GB 18218-2018). See README.md for every formula and source.
 */
import { defineRiskType } from '@fenghuo/sdk';
import { analyseHazchem } from './analysis.js';
import { config, defaults } from './config.js';
import { metrics, objects, thresholds } from './definition.js';

export default defineRiskType({
  id: 'hazchem',
  version: '1.0.0',
  domain: 'production',
  name: { zh: '危险化学品生产经营安全风险', en: 'Hazardous chemicals (major hazard installations)' },
  description: {
    zh: '监测危险化学品重大危险源储罐区、仓库、生产装置的液位、温度、压力、可燃有毒气体浓度、联锁状态与报警处置；计算储存区、装置区、泄漏、报警管理四项指数，以最大值确定风险状态并分级预警，给出重大危险源 R 值静态分级',
    en: 'Level, temperature, pressure, combustible and toxic gas, interlock status and alarm handling at major-hazard tank farms, warehouses and process units; computes the storage-area, process-unit, leak and alarm-management indices, takes the maximum as the risk state and tier, and gives the static R-value grade',
  },
  objects,
  metrics,
  thresholds,
  config,
  defaults,
  analyze: (event, ctx, cfg) => analyseHazchem(event, ctx, cfg),
  warning: {
    title: {
      zh: '{{areaZh}}危险化学品安全风险{{tierZh}}',
      en: '{{tierEn}}: hazardous-chemical risk at {{areaEn}}',
    },
    body: {
      zh: '{{areaZh}}（重大危险源{{gradeZh}}，R = {{rValue}}）风险状态指数 {{stateScore}}，由{{driverZh}}决定：{{topZh}}。四项指数：储存区 {{iStorage}}、装置区 {{iUnit}}、泄漏 {{iLeak}}、报警管理 {{iAlarm}}（工程重构模型）。触发报警：{{object}}{{metric}} {{value}} {{unit}}。影响范围约 {{radius}} 米，范围内防护目标和危险源：{{targetsZh}}。',
      en: '{{areaEn}} (major hazard {{gradeEn}}, R = {{rValue}}): risk state {{stateScore}}, set by the {{driverEn}}: {{topEn}}. Indices: storage {{iStorage}}, unit {{iUnit}}, leak {{iLeak}}, alarm management {{iAlarm}} (engineering reconstruction). Trigger: {{metricEn}} at {{objectEn}} {{value}} {{unit}}. Exposure radius about {{radius}} m; protection targets and hazards inside: {{targetsEn}}.',
    },
    instructions: { zh: '{{actionsZh}}', en: '{{actionsEn}}' },
  },
});
