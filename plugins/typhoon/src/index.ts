/**
 * 台风 — typhoons (tropical cyclones), guideline §3 type 18 and §4(2)18.
 *
 * Takes the met office's track bulletin (centre, maximum wind, level-7 and level-10 wind radii, +12 h and
 * +24 h forecast centres) as metrics of a `typhoon_track` object, models the wind at every object of the
 * city with a Rankine vortex fitted to the wind radii and moved along the forecast track, sets the CMA
 * typhoon warning signal from the time to impact and from sustained or corroborated station winds (a lone
 * gust spike raises no warning), judges storm surge at sea walls against their warning tide levels, and
 * maps hazard × exposure × vulnerability on a grid over the city. See README.md for every formula.
 */
import { defineRiskType } from '@fenghuo/sdk';
import { analyseWind } from './analysis.js';
import { config, defaults, metrics, objects, thresholds } from './definition.js';
import { analyseSurge } from './seawall.js';

export default defineRiskType({
  id: 'typhoon',
  version: '1.0.0',
  domain: 'natural',
  name: { zh: '台风', en: 'Typhoons (tropical cyclones)' },
  description: {
    zh: '接入台风路径预报，按兰金涡风场推算城区各对象的风速和影响时间，依据气象台风预警信号标准分级；结合气象站实况排除孤立阵风；按警戒潮位研判海堤风暴潮；对城区网格评估危险性×暴露度×脆弱性风险',
    en: 'Takes the typhoon track forecast, models wind and time to impact at every object with a Rankine vortex, sets the CMA typhoon signal, checks station observations (ignoring lone gusts), judges storm surge at sea walls against warning tide levels, and maps hazard × exposure × vulnerability on a grid over the city',
  },
  objects,
  metrics,
  thresholds,
  config,
  defaults,
  async analyze(event, ctx, cfg) {
    switch (event.metric) {
      case 'tide_level':
      case 'wave_height':
        return analyseSurge(event, ctx, cfg);
      case 'track_lon':
      case 'track_lat':
      case 'max_wind':
      case 'r7_km':
      case 'r10_km':
      case 'fc12_lon':
      case 'fc12_lat':
      case 'fc24_lon':
      case 'fc24_lat':
      case 'wind_speed':
      case 'gust_speed':
      case 'rain_24h':
      case 'sea_level_pressure':
        return analyseWind(event, ctx, cfg);
    }
  },
  warning: {
    title: { zh: '{{titleZh}}{{tierZh}}', en: '{{tierEn}}: {{titleEn}}' },
    body: {
      zh: '{{object}}{{metric}} {{value}} {{unit}}（限值 {{limit}}）。{{summaryZh}}。影响范围内防护目标和危险源：{{affectedZh}}。研判：\n{{findingsZh}}',
      en: '{{metricEn}} at {{objectEn}}: {{value}} {{unit}} (limit {{limit}}). {{summaryEn}}. Protection targets and hazards affected: {{affectedEn}}. Findings:\n{{findingsEn}}',
    },
    instructions: { zh: '{{actionsZh}}', en: '{{actionsEn}}' },
  },
});
