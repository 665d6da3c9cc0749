/**
 * 水库垮坝 — reservoir and dam failure (guideline §3 type 13, §4(2)13).
 *
 * Monitors the pool level against the reservoir's own characteristic levels, seepage flow and turbidity,
 * dam surface displacement and basin rainfall. On an alarm it re-derives the tier from the dam's levels
 * and the rise trend (hours to overtopping), tells a lone seepage spike from a sustained rise or piping,
 * and from `routeFromTier` up estimates the downstream dam-break flood (Froehlich peak, Listvan
 * attenuation, Manning depth and width, kinematic-wave arrival time) with the targets it reaches.
 * See README.md for every formula and source.
 */
import { defineRiskType } from '@fenghuo/sdk';
import { analyseDam } from './analysis.js';
import { config, defaults, metrics, objects, thresholds } from './definition.js';

export default defineRiskType({
  id: 'reservoir-dam',
  version: '1.0.0',
  domain: 'natural',
  name: { zh: '水库垮坝', en: 'Reservoir dam failure' },
  description: {
    zh: '监测库水位（相对汛限水位）、渗流量与浑浊度、坝体变形、流域降雨；报警后按水库特征水位和涨率研判漫坝风险，估算溃坝洪水下游淹没范围、到达时间、水深并关联防护目标',
    en: 'Pool level against the flood-limit level, seepage flow and turbidity, dam displacement, basin rainfall; on an alarm, judges overtopping risk from the characteristic levels and rise rate and estimates the downstream dam-break inundation (extent, arrival time, depth) with the targets it reaches',
  },
  objects,
  metrics,
  thresholds,
  config,
  defaults,
  // A flood's pool level and seepage over hours: re-judged hourly for two days.
  heldReanalysis: { afterSec: 3_600, max: 48 },
  analyze: (event, ctx, cfg) => analyseDam(event, ctx, cfg),
  warning: {
    title: { zh: '{{subjectZh}}{{tierZh}}', en: '{{tierEn}}: {{subjectEn}}' },
    body: {
      zh: '{{dam}}{{metric}} {{value}} {{unit}}。溃坝估算坝址洪峰约 {{peakM3s}} m³/s，沿{{channel}}演进 {{routedKm}} km，最早受淹目标约 {{firstArrivalMin}} 分钟后洪水到达。受影响目标：{{targetsZh}}。',
      en: '{{metricEn}} at {{damEn}}: {{value}} {{unit}}. Breach peak at the dam about {{peakM3s}} m³/s, routed {{routedKm}} km along {{channelEn}}; the first target is reached in about {{firstArrivalMin}} min. Affected: {{targetsEn}}.',
    },
    instructions: { zh: '{{actionsZh}}', en: '{{actionsEn}}' },
  },
});
