/**
 * 老旧房屋坍塌 — collapse of old or dilapidated buildings (guideline §3 type 6, §4(2)6).
 *
 * Monitors tilt, crack width and growth, settlement and its rate, and vibration of old masonry houses,
 * old RC buildings and heritage buildings. On an alarm it reads every gauge of the building, explains
 * away lone spikes, temperature-driven crack breathing and a drifting tilt gauge, combines the remaining
 * signals with the building's age, structure, use and JGJ 125 danger class into a collapse likelihood,
 * sets the tier, and lists the occupants and everything inside the fall zone. See README.md.
 */
import { defineRiskType } from '@fenghuo/sdk';
import { analyseBuilding } from './analysis.js';
import { config, defaults, metrics, objects, thresholds } from './definition.js';

export default defineRiskType({
  id: 'old-building',
  version: '1.0.0',
  domain: 'public',
  name: { zh: '老旧房屋坍塌', en: 'Collapse of old or dilapidated buildings' },
  description: {
    zh: '监测老旧房屋、经营性自建房和历史建筑的倾斜、裂缝及其发展、沉降速率与振动；结合房龄、结构、用途与危险性等级研判坍塌可能性，给出倒塌影响范围内的人员和周边对象',
    en: 'Tilt, crack width and growth, settlement rate and vibration of old houses, self-built commercial buildings and heritage buildings; combines them with age, structure, use and danger class into a collapse likelihood and lists the people and neighbours inside the fall zone',
  },
  objects,
  metrics,
  thresholds,
  config,
  defaults,
  // Crack growth and settlement rates over days and months: re-judged every 12 h for a month.
  heldReanalysis: { afterSec: 43_200, max: 60 },
  analyze: (event, ctx, cfg) => analyseBuilding(event, ctx, cfg),
  warning: {
    title: { zh: '{{object}}房屋坍塌{{tierZh}}', en: '{{tierEn}}: collapse risk at {{objectEn}}' },
    body: {
      zh: '{{object}}（{{builtYear}} 年建，{{structureZh}}，{{useZh}}，危险性等级 {{dangerClass}}）{{signalsZh}}超限，触发指标{{metric}} {{value}} {{unit}}（限值 {{limit}} {{unit}}）。坍塌可能性评分 {{likelihood}}。倒塌影响范围：以房屋为中心半径 {{fallZoneM}} 米；楼内 {{occupants}} 人；范围内：{{inZoneZh}}；合计约 {{peopleAtRisk}} 人可能受影响。',
      en: '{{objectEn}}, {{builtEn}}, {{structureEn}}, {{useEn}}, danger class {{dangerClass}}: {{exceedEn}}; the trigger, {{triggerEn}}, read {{value}} {{unit}} (limit {{limit}} {{unit}}). Collapse likelihood {{likelihood}}. Fall zone: {{fallZoneM}} m round the building; {{occupantsEn}}; in the zone: {{inZoneEn}}; about {{peopleAtRisk}} people at risk.',
    },
    instructions: { zh: '{{actionsZh}}', en: '{{actionsEn}}' },
  },
});
