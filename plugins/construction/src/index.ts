/**
 * 工程建设（基坑、隧道） — construction works: deep excavations and tunnels (guideline 2023 §3(14), §4(2)14).
 *
 * Deformation under GB 50497 double control (accumulated value and rate), strut axial force, groundwater,
 * tunnel crown settlement and convergence, and third-party works recognised near gas mains and metro
 * structures. See README.md.
 */
import { defineRiskType } from '@fenghuo/sdk';
import { analyseConstruction } from './analysis.js';
import { config, defaults, metrics, objects, thresholds } from './definition.js';

export default defineRiskType({
  id: 'construction',
  version: '1.0.0',
  domain: 'production',
  name: { zh: '工程建设（基坑、隧道）', en: 'Construction works (deep excavations, tunnels)' },
  description: {
    zh: '基坑与隧道变形按 GB 50497 累计值与速率双控研判，支撑轴力、地下水位，以及燃气管线/地铁保护区内第三方施工识别与关联风险分析',
    en: 'Pit and tunnel deformation under GB 50497 double control (accumulated value and rate), strut force, groundwater, and third-party works recognised in the protection areas of gas mains and metro lines',
  },
  objects,
  metrics,
  thresholds,
  config,
  defaults,
  // The 3-day sustained-rate rule and daily rates: re-judged every 6 h for a week while an alarm holds.
  heldReanalysis: { afterSec: 21_600, max: 28 },
  analyze: (event, ctx, cfg) => analyseConstruction(event, ctx, cfg),
  warning: {
    title: { zh: '{{object}}{{itemZh}}{{tierZh}}', en: '{{tierEn}}: {{itemEn}} at {{objectEn}}' },
    body: {
      zh: '{{object}}测点 {{sensor}} {{metric}} {{value}} {{unit}}（报警限值 {{limit}} {{unit}}）。研判：{{summaryZh}}。影响范围约 {{radius}} 米，关联设施与防护目标：{{targetsZh}}。',
      en: '{{objectEn}}, point {{sensor}}: {{metricEn}} {{value}} {{unit}} (alarm limit {{limit}} {{unit}}). Assessment: {{summaryEn}}. Impact zone about {{radius}} m; linked assets and protection targets: {{targetsEn}}.',
    },
    instructions: { zh: '{{actionsZh}}', en: '{{actionsEn}}' },
  },
});
