/**
 * 地下市政设施中毒窒息 — poisoning and asphyxiation in underground municipal confined spaces (guideline
 * §3 lifeline type 5, §4(2)5).
 *
 * Monitors O2 (deficiency and enrichment), methane, CO and H2S in manholes, septic tanks, utility tunnels
 * and valve chambers, and the site system's work-safety events: people inside, work start/end, door or
 * cover open, approved permit, attendant off post, protective equipment, time since work started. Every
 * gas exceedance and every opening, entry, absence and overrun is alarmed to the owner (and, through the
 * texts, the work unit) at once; the analysis then judges the whole situation at the space: the worst gas
 * against GBZ 2.1 and the MEM confined-space alarm values, whether people are inside, whether the entry
 * is authorised and attended, and sets the warning tier. See README.md for every formula and source.
 */
import { defineRiskType } from '@fenghuo/sdk';
import { analyseSpace } from './analyze.js';
import { config, defaults, metrics, objects, thresholds } from './definition.js';

export default defineRiskType({
  id: 'confined-space',
  version: '1.0.0',
  domain: 'lifeline',
  name: { zh: '地下市政设施中毒窒息', en: 'Poisoning and asphyxiation in underground confined spaces' },
  description: {
    zh: '监测检查井、化粪池、综合管廊、阀门井等有限空间的氧气、甲烷、一氧化碳、硫化氢浓度和作业人数、门体开启、作业审批、监护在岗、防护用品与作业时长；报警后综合判断气体超限与作业违规，有人作业时升级预警',
    en: 'O2, methane, CO and H2S in manholes, septic tanks, utility tunnels and valve chambers, with headcount, door state, entry permit, attendant, protective equipment and work time; on an alarm, judges gas exceedances and entry breaches together and raises the tier while people are inside',
  },
  objects,
  metrics,
  thresholds,
  config,
  defaults,
  async analyze(event, ctx, cfg) {
    switch (event.metric) {
      case 'o2':
      case 'o2_high':
      case 'ch4':
      case 'co':
      case 'h2s':
      case 'door_open':
      case 'people_inside':
      case 'guard_off_post':
      case 'ppe_missing':
      case 'work_elapsed_min':
        return analyseSpace(event, ctx, cfg);
      case 'work_in_progress':
      case 'permit_approved':
        // State only: no tiers, so no alarm ever asks; answered for completeness.
        return {
          tier: null,
          findings: [
            { zh: '作业状态和审批状态无独立分级', en: 'Work and permit states have no tiers of their own' },
          ],
          actions: [],
        };
    }
  },
  warning: {
    title: {
      zh: '{{object}}{{hazardZh}}{{tierZh}}',
      en: '{{tierEn}}: {{hazardEn}} in confined space {{objectEn}}',
    },
    body: {
      zh: '{{object}}（有限空间）：{{headlineZh}}。人员：{{peopleZh}}；作业审批：{{permitZh}}；监护：{{guardZh}}。{{basisZh}}。警戒范围：入口周围 {{radius}} 米，范围内防护目标和危险源：{{targetsZh}}。',
      en: '{{objectEn}} (confined space): {{headlineEn}}. People: {{peopleEn}}; permit: {{permitEn}}; attendant: {{guardEn}}. {{basisEn}}. Cordon: {{radius}} m around the opening; protection targets and hazards inside: {{targetsEn}}.',
    },
    instructions: {
      zh: '请权属单位和作业单位（{{workUnitZh}}）立即处置：\n{{actionsZh}}',
      en: 'The owner unit and the work unit ({{workUnitEn}}) act now:\n{{actionsEn}}',
    },
  },
});
