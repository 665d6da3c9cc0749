/**
 * 尾矿库溃坝 — tailings dam failure (guideline §3 type 12, §4(2)12).
 *
 * Monitors dry-beach length, freeboard, pond level, phreatic depth, dam displacement, rainfall,
 * seepage and in-pond landslides. On an alarm it tiers every point of the dam, applies the point →
 * item → dam escalation rule, projects the freeboard to overtopping, sets isolated jumps aside, and
 * estimates a dam break (released volume, peak outflow, runout, arrival times) with the protection
 * targets inside the downstream reach. See README.md for every formula and source.
 */
import { defineRiskType } from '@fenghuo/sdk';
import { analyseTailings } from './analysis.js';
import { config, defaults, metrics, objects, thresholds } from './definition.js';

export default defineRiskType({
  id: 'tailings-dam',
  version: '1.0.0',
  domain: 'production',
  name: { zh: '尾矿库溃坝', en: 'Tailings dam failure' },
  description: {
    zh: '监测干滩长度、安全超高、库水位、浸润线、坝体位移与降雨；按测点→项目→尾矿库规则综合分级，估算溃坝下泄流量、到达时间与影响范围并关联下游防护目标',
    en: 'Dry beach, freeboard, pond level, phreatic line, dam displacement and rainfall; tiers the dam by the point → item → dam rule, estimates the dam-break outflow, arrival times and reach, and lists the protection targets downstream',
  },
  objects,
  metrics,
  thresholds,
  config,
  defaults,
  // Freeboard and beach trends over hours of rain: re-judged hourly for two days.
  heldReanalysis: { afterSec: 3_600, max: 48 },
  analyze(event, ctx, cfg) {
    return analyseTailings(event, ctx, cfg);
  },
  warning: {
    title: { zh: '{{damZh}}{{tierZh}}', en: '{{tierEn}}: {{damEn}}' },
    body: {
      zh: '{{damZh}}{{metric}} {{value}} {{unit}}（预警值 {{limit}}）。分项预警：{{itemsZh}}。预计约 {{hoursToOvertop}} 小时漫顶。若溃坝：下泄约 {{releasedWanM3}} 万立方米，峰值流量约 {{peakFlow}} 立方米/秒，影响约 {{reachKm}} 公里，最近防护目标约 {{firstArrivalMin}} 分钟到达；受影响：{{targetsZh}}。',
      en: '{{metricEn}} at {{damEn}}: {{value}} {{unit}} (limit {{limit}}). Items in a tier: {{itemsEn}}. Overtopping in about {{hoursToOvertop}} h. If the dam breaks: about {{releasedMillionM3}} million m³ released, peak outflow about {{peakFlow}} m³/s, reach about {{reachKm}} km, nearest target reached in about {{firstArrivalMin}} min; affected: {{targetsEn}}.',
    },
    instructions: { zh: '{{actionsZh}}', en: '{{actionsEn}}' },
  },
});
