/**
 * 地震地质灾害 — earthquakes and geological hazards (guideline §3 type 17, §4(2)17).
 *
 * Earthquake early warning: one message (origin time, epicentre, magnitude, depth) from the EEW feed
 * receiver; the analysis estimates the intensity at each object of the city with a documented attenuation
 * relation, tiers each by intensity and lists them with the S-wave lead time. Slopes: cumulative
 * displacement, its rate and rainfall; the analysis finds the deformation stage with the improved
 * tangent-angle method, rejects lone GNSS jumps and raises the tier for heavy rain. See README.md.
 */
import { defineRiskType } from '@fenghuo/sdk';
import { config, defaults, metrics, objects, thresholds } from './definition.js';
import { analyseEew } from './eew.js';
import { analyseSlope } from './slope.js';

export default defineRiskType({
  id: 'earthquake-geohazard',
  version: '1.0.0',
  domain: 'natural',
  name: { zh: '地震地质灾害', en: 'Earthquakes and geological hazards' },
  description: {
    zh: '接入地震预警信息，按烈度衰减关系估算各对象预估烈度并分级预警；监测滑坡崩塌位移与降雨，用改进切线角判定变形阶段并分级预警',
    en: 'Takes earthquake early-warning messages, estimates the intensity at each object with an attenuation relation and tiers by intensity; monitors slope displacement and rainfall and tiers by the improved tangent-angle stage',
  },
  objects,
  metrics,
  thresholds,
  config,
  defaults,
  // A slope's tangent angle needs days of displacement: re-judged every 6 h for a week.
  heldReanalysis: { afterSec: 21_600, max: 28 },
  async analyze(event, ctx, cfg) {
    switch (event.metric) {
      case 'eew_magnitude':
        return analyseEew(event, ctx, cfg);
      case 'ls_rate':
      case 'ls_disp':
      case 'rain_24h':
        return analyseSlope(event, ctx, cfg);
      case 'eew_epi_lon':
      case 'eew_epi_lat':
      case 'eew_depth':
        // No tiers: parts of the message read by the magnitude's analysis.
        return {
          tier: null,
          findings: [{ zh: '预警信息参数，无独立分级', en: 'A message field; no tiers of its own' }],
          actions: [],
        };
    }
  },
  warning: {
    title: { zh: '{{object}}{{tierZh}}：{{hazardZh}}', en: '{{tierEn}} at {{objectEn}}: {{hazardEn}}' },
    body: {
      zh: '{{findingsZh}}\n影响对象：{{affectedZh}}。',
      en: '{{findingsEn}}\nAffected: {{affectedEn}}.',
    },
    instructions: { zh: '{{actionsZh}}', en: '{{actionsEn}}' },
  },
});
