/**
 * 供排水管网泄漏 — water supply and drainage network leakage (guideline §3 type 4, §4(2)4).
 *
 * Monitors supply pressure and sudden drops, district flows and the minimum night flow, leak noise, sewer
 * levels and the soil moisture beside pipes. On an alarm it tells a burst from a supply-side loss or a
 * faulty logger, locates the burst between two loggers by the pressure wave's arrival times, balances the
 * district meters against legitimate night use, judges how likely wet soil is hiding a void, and lists
 * the gas mains, pipes and protection targets inside the road-collapse risk zone. See README.md.
 */
import { defineRiskType } from '@fenghuo/sdk';
import { config, defaults, metrics, objects, thresholds } from './definition.js';
import { analyseNightFlow } from './mnf.js';
import { analysePressure } from './pressure.js';
import { analyseSewer } from './sewer.js';
import { analyseSoil } from './soil.js';

export default defineRiskType({
  id: 'water-network',
  version: '1.0.0',
  domain: 'lifeline',
  name: { zh: '供排水管网泄漏', en: 'Water supply and drainage network leakage' },
  description: {
    zh: '监测供水压力与压降、分区流量与夜间最小流量、漏损噪声、排水液位与管道周边土壤含水率；报警后定位漏点、评估地下空洞可能性与路面塌陷风险区，列出区内燃气管线、管线与防护目标并分级预警',
    en: 'Supply pressure and drops, district flows and minimum night flow, leak noise, sewer levels and soil moisture beside pipes; on an alarm, locates the leak, judges the void likelihood and the road-collapse risk zone, lists the gas mains, pipes and protection targets inside it and sets the warning tier',
  },
  objects,
  metrics,
  thresholds,
  config,
  defaults,
  async analyze(event, ctx, cfg) {
    switch (event.metric) {
      case 'supply_pressure':
      case 'pressure_drop':
        return analysePressure(event, ctx, cfg);
      case 'night_min_flow':
        return analyseNightFlow(event, ctx, cfg);
      case 'soil_moisture':
        return analyseSoil(event, ctx, cfg);
      case 'sewer_level':
      case 'sewer_fill_ratio':
        return analyseSewer(event, ctx, cfg);
      case 'flow':
      case 'leak_noise':
        // No tiers of their own, so they never raise an alarm; the other analyses read them as evidence.
        return {
          tier: null,
          findings: [
            {
              zh: '流量与漏损噪声无独立分级，仅作为泄漏佐证',
              en: 'Flow and leak noise have no tiers of their own; they only corroborate a leak',
            },
          ],
          actions: [],
        };
    }
  },
  warning: {
    title: { zh: '{{object}}供排水管网泄漏{{tierZh}}', en: '{{tierEn}}: water network leak at {{objectEn}}' },
    body: {
      zh: '{{object}}{{metric}} {{value}} {{unit}}：{{summaryZh}}。位置：{{whereZh}}。路面塌陷风险区半径约 {{radius}} 米，区内燃气管线：{{gasMainsZh}}；区内管线与防护目标：{{targetsZh}}。',
      en: '{{metricEn}} at {{objectEn}}: {{value}} {{unit}}; {{summaryEn}}. Where: {{whereEn}}. Road-collapse risk zone within about {{radius}} m of the leak; gas mains inside: {{gasMainsEn}}; pipes and protection targets inside: {{targetsEn}}.',
    },
    instructions: { zh: '{{actionsZh}}', en: '{{actionsEn}}' },
  },
});
