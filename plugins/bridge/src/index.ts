/**
 * 桥梁运行安全 — bridge operational safety (guideline §3 type 3, §4(2)3).
 *
 * Monitors deflection, strain, displacement, vibration, pier tilt, crack width, cable force and deck wind
 * on city bridges (class C/D, long-span, cable-stayed, suspension, tied-arch, footbridges). On an alarm it
 * combines every metric of the bridge, tells wind or crowds from a structural cause, sets the tier and
 * recommends inspection, expert review and load restriction, or closure. See README.md.
 */
import { defineRiskType } from '@fenghuo/sdk';
import { analyseBridge } from './analysis.js';
import { config, defaults, metrics, objects, thresholds } from './definition.js';

export default defineRiskType({
  id: 'bridge',
  version: '1.0.0',
  domain: 'lifeline',
  name: { zh: '桥梁运行安全', en: 'Bridge operational safety' },
  description: {
    zh: '监测桥梁结构变形、结构受力与动力响应及桥面风速；多指标综合研判，分级提出检查、专家研判、限载或封闭交通建议',
    en: 'Structural deformation, internal force, dynamic response and deck wind of city bridges; combines the metrics and recommends inspection, expert review, load restriction or closure by tier',
  },
  objects,
  metrics,
  thresholds,
  config,
  defaults,
  analyze: (event, ctx, cfg) => analyseBridge(event, ctx, cfg),
  warning: {
    title: { zh: '{{object}}运行安全{{tierZh}}', en: '{{tierEn}}: safety of {{objectEn}}' },
    body: {
      zh: '{{object}}（技术状况 {{conditionClass}} 类）{{metricsZh}}持续超限，触发指标{{metric}} {{value}} {{unit}}（限值 {{limit}} {{unit}}）。判断为{{causeZh}}。影响范围：桥梁及两侧 {{bufferM}} 米；{{targetRadiusM}} 米内防护目标：{{targetsZh}}。',
      en: '{{objectEn}} (condition class {{conditionClass}}): {{metricsEn}} beyond their limits; trigger {{metricEn}} {{value}} {{unit}} (limit {{limit}} {{unit}}). Judged as {{causeEn}}. Impact: the bridge and {{bufferM}} m either side; protection targets within {{targetRadiusM}} m: {{targetsEn}}.',
    },
    instructions: { zh: '{{actionsZh}}', en: '{{actionsEn}}' },
  },
});
