/**
 * 燃气管线泄漏爆炸 — gas pipeline leak and explosion (guideline §3 type 1, §4(2)1).
 *
 * Monitors methane in valve wells and the underground spaces beside gas mains, line pressure and flow.
 * On an alarm it normalises the detector's LEL basis, tells a leak from a spike or a drifting cell,
 * estimates the leak source from the neighbouring curves, sizes the impact area, lists the protection
 * targets and hazards inside it and sets the warning tier. See README.md for every formula and source.
 */
import { defineRiskType } from '@fenghuo/sdk';
import { analyseCh4 } from './ch4.js';
import { config, defaults, metrics, objects, thresholds } from './definition.js';
import { analysePressure } from './pressure.js';

export default defineRiskType({
  id: 'gas-pipeline',
  version: '1.0.0',
  domain: 'lifeline',
  name: { zh: '燃气管线泄漏爆炸', en: 'Gas pipeline leak and explosion' },
  description: {
    zh: '监测燃气管线相邻地下空间甲烷浓度、管网压力与流量；报警后溯源泄漏点、估算影响半径、关联防护目标与危险源并分级预警',
    en: 'Methane in the underground spaces beside gas mains, line pressure and flow; on an alarm, traces the leak source, sizes the impact area, links protection targets and hazards and sets the warning tier',
  },
  objects,
  metrics,
  thresholds,
  config,
  defaults,
  async analyze(event, ctx, cfg) {
    switch (event.metric) {
      case 'ch4':
        return analyseCh4(event, ctx, cfg);
      case 'pressure':
      case 'pressure_drop_rate':
        return analysePressure(event, ctx, cfg);
      case 'flow':
        // Flow has no tiers of its own, so it never raises an alarm; it corroborates the others.
        return {
          tier: null,
          findings: [
            {
              zh: '流量无独立分级，仅用于佐证泄漏',
              en: 'Flow has no tiers of its own; it only corroborates a leak',
            },
          ],
          actions: [],
        };
    }
  },
  warning: {
    title: { zh: '{{object}}燃气泄漏{{tierZh}}', en: '{{tierEn}}: gas leak at {{objectEn}}' },
    body: {
      zh: '{{object}}{{metric}} {{value}} {{unit}}，{{confirmations}} 个监测点检出燃气。推测泄漏源：{{sourceZh}}（{{mainZh}}，{{pressureClassZh}}）。{{accidentZh}}。影响半径约 {{radius}} 米，范围内防护目标和危险源：{{targetsZh}}。',
      en: '{{metricEn}} at {{objectEn}}: {{value}} {{unit}}; gas seen at {{confirmations}} point(s). Likely source: {{sourceEn}} ({{mainEn}}, {{pressureClassEn}}). {{accidentEn}}. Impact radius about {{radius}} m; protection targets and hazards inside: {{targetsEn}}.',
    },
    instructions: { zh: '{{actionsZh}}', en: '{{actionsEn}}' },
  },
});
