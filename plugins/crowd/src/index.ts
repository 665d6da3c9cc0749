/**
 * 大客流 — large crowds and stampede risk (guideline §3 type 7, §4(2)7).
 *
 * Monitors the count, density and share of capacity of squares, streets, scenic areas, stations and
 * venues. On an alarm it computes the density and Fruin's level of service, tells a counting glitch from a
 * crowd, forecasts the next 15–30 minutes from the recent curve and the same time of day on past days,
 * sets the stampede-risk tier (stairs, slopes, bottlenecks and counter-flow lower the limits) and
 * recommends flow control and, at orange and red, public warning by screens and broadcast. See README.md.
 */
import { defineRiskType } from '@fenghuo/sdk';
import { analyseCrowd } from './analysis.js';
import { config, defaults, metrics, objects, thresholds } from './definition.js';

export default defineRiskType({
  id: 'crowd',
  version: '1.0.0',
  domain: 'public',
  name: { zh: '大客流', en: 'Large crowds and stampede risk' },
  description: {
    zh: '监测广场、商圈、景区、车站、场馆的实时人数、密度和承载率；报警后计算 Fruin 服务水平、预测未来 15–30 分钟人数、研判踩踏风险等级并建议限流和公众发布',
    en: 'Real-time count, density and share of capacity of squares, shopping streets, scenic areas, stations and venues; on an alarm, Fruin level of service, a 15–30 min forecast, the stampede-risk tier, flow control and public warning',
  },
  objects,
  metrics,
  thresholds,
  config,
  defaults,
  async analyze(event, ctx, cfg) {
    switch (event.metric) {
      case 'count':
      case 'density':
      case 'capacity_ratio':
        return analyseCrowd(event, ctx, cfg);
      case 'flow_rate':
      case 'speed':
      case 'counterflow':
        // These have no tiers, so they never raise an alarm; counter-flow feeds the density analysis.
        return {
          tier: null,
          findings: [
            {
              zh: '该指标无独立分级，仅用于佐证',
              en: 'This metric has no tiers of its own; it only corroborates',
            },
          ],
          actions: [],
        };
    }
  },
  warning: {
    title: { zh: '{{object}}大客流{{tierZh}}', en: '{{tierEn}}: crowding at {{objectEn}}' },
    body: {
      zh: '{{object}}现有约 {{persons}} 人，密度 {{density}} 人/m²（Fruin {{losTableZh}}服务水平 {{los}}）{{capacityZh}}。预计 {{forecastZh}}。{{likelihoodZh}}，{{timeZh}}。受影响：区域内约 {{persons}} 人，周边目标：{{targetsZh}}。公众发布渠道：{{channelsZh}}。',
      en: '{{objectEn}} holds about {{persons}} persons, {{density}} p/m² (Fruin {{losTableEn}} LOS {{los}}){{capacityEn}}. Forecast: {{forecastEn}}. {{likelihoodEn}}; {{timeEn}}. Affected: about {{persons}} persons inside; nearby: {{targetsEn}}. Public channels: {{channelsEn}}.',
    },
    instructions: { zh: '{{actionsZh}}', en: '{{actionsEn}}' },
  },
});
