/**
 * 城市洪涝/内涝 — urban flooding and waterlogging (guideline §3 type 15, §4(2)15).
 *
 * Monitors rainfall at gauges (and the meteorological nowcast), ponding depth at underpasses, flood-prone
 * roads and underground-space entrances, river levels at hydrological stations and the drainage pump
 * stations. On an alarm it sets the CMA rainstorm signal from observed and nowcast accumulations,
 * forecasts the next hour's ponding with the rational method and the drainage capacity, recommends road
 * closure, tiers river levels by SL 758, names the water and gas mains under a ponded road and counts the
 * people exposed. See README.md for every formula and source.
 */
import { defineRiskType } from '@fenghuo/sdk';
import { config, defaults, metrics, objects, thresholds } from './definition.js';
import { analysePonding } from './ponding.js';
import { analysePump } from './pump.js';
import { analyseRain } from './rain.js';
import { analyseRiver } from './river.js';

export default defineRiskType({
  id: 'flood',
  version: '1.0.0',
  domain: 'natural',
  name: { zh: '城市洪涝/内涝', en: 'Urban flooding and waterlogging' },
  description: {
    zh: '监测降雨、短临降水预报、下穿立交/易涝道路/地下空间出入口积水、河道水位和排涝泵站；按暴雨和洪水预警信号标准分级，预报未来 1 小时积水，提出封闭交通建议，关联地下管线和暴露人口',
    en: 'Rainfall and the rainfall nowcast, ponding at underpasses, flood-prone roads and underground-space entrances, river levels and drainage pumps; tiers by the rainstorm and flood signal criteria, forecasts the next hour of ponding, recommends road closures, and links the mains underneath and the people exposed',
  },
  objects,
  metrics,
  thresholds,
  config,
  defaults,
  async analyze(event, ctx, cfg) {
    switch (event.metric) {
      case 'ponding_depth':
        return analysePonding(event, ctx, cfg);
      case 'rain_1h':
      case 'rain_3h':
      case 'rain_6h':
      case 'rain_12h':
      case 'rain_24h':
        return analyseRain(event, ctx, cfg);
      case 'river_level':
        return analyseRiver(event, ctx, cfg);
      case 'pump_status':
        return analysePump(event, ctx, cfg);
      case 'rain_nowcast_1h':
        // A forecast has no tiers of its own, so it never raises an alarm; the analyses read it.
        return {
          tier: null,
          findings: [
            {
              zh: '短临降水预报无独立分级，仅供积水预报和暴雨信号研判使用',
              en: 'The nowcast has no tiers of its own; it feeds the ponding forecast and the rainstorm signal',
            },
          ],
          actions: [],
        };
    }
  },
  warning: {
    title: { zh: '{{object}}{{hazardZh}}{{tierZh}}', en: '{{tierEn}}: {{hazardEn}} at {{objectEn}}' },
    body: {
      zh: '{{object}}{{metric}} {{value}} {{unit}}（限值 {{limit}}）。{{summaryZh}}。{{exposureZh}}。',
      en: '{{metricEn}} at {{objectEn}}: {{value}} {{unit}} (limit {{limit}}). {{summaryEn}}. {{exposureEn}}.',
    },
    instructions: { zh: '{{actionsZh}}', en: '{{actionsEn}}' },
  },
});
