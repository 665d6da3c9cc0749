/**
 * 森林火灾 — forest and grassland fires (guideline §3 type 16, §4(2)16).
 *
 * Rates the fire danger from the weather (or takes the met service's level), verifies satellite hotspots
 * and video detections by a second source, forecasts the spread with the Wang Zhengfei model (downwind,
 * corrected for slope and fuel), lists the settlements and key facilities in the path with the time the
 * fire front needs to reach them, and the fire-fighting resources nearby. See README.md for every formula.
 */
import { defineRiskType } from '@fenghuo/sdk';
import { config, defaults, metrics, objects, thresholds } from './definition.js';
import { analyseDetection } from './fire.js';
import { analyseDanger } from './rating.js';

export default defineRiskType({
  id: 'forest-fire',
  version: '1.0.0',
  domain: 'natural',
  name: { zh: '森林火灾', en: 'Forest fires' },
  description: {
    zh: '森林火险气象等级评定；卫星热点与视频烟火多源核实；王正非模型推演蔓延方向与速度；关联蔓延路径上的居民点、重要设施与扑救资源并分级预警',
    en: 'Fire-danger rating from the weather; satellite hotspots and video detections verified by a second source; spread direction and rate by the Wang Zhengfei model; settlements, key facilities and fire-fighting resources in the path; tiered warnings',
  },
  objects,
  metrics,
  thresholds,
  config,
  defaults,
  async analyze(event, ctx, cfg) {
    switch (event.metric) {
      case 'hotspot':
      case 'smoke_flame_video':
      case 'burned_area':
        return analyseDetection(event, event.metric, ctx, cfg);
      case 'fire_danger_level':
      case 'rh':
        return analyseDanger(event, ctx, cfg);
      case 'air_temp':
      case 'wind':
      case 'dry_days':
        // No tiers of their own, so they never raise an alarm; they feed the rating and the spread.
        return {
          tier: null,
          findings: [
            {
              zh: '该指标无独立分级，仅用于火险评定和蔓延推演',
              en: 'No tiers of its own; it feeds the danger rating and the spread',
            },
          ],
          actions: [],
        };
    }
  },
  warning: {
    title: { zh: '{{object}}{{headlineZh}}{{tierZh}}', en: '{{tierEn}}: {{headlineEn}} at {{objectEn}}' },
    body: { zh: '{{summaryZh}}', en: '{{summaryEn}}' },
    instructions: { zh: '{{actionsZh}}', en: '{{actionsEn}}' },
  },
});
