/**
 * 餐饮场所燃气泄漏 — restaurant and catering gas leak (guideline §3 type 2, §4(2)2).
 *
 * Monitors methane and propane (%LEL, normalised per detector to one LEL basis) and carbon monoxide in
 * kitchens and LPG cylinder rooms, with the emergency shut-off valve and the detectors' own state. The
 * shop is alarmed at once by the platform; the analysis then tells an ordinary spike or a drifting cell
 * from a sustained leak, weighs the detector's false-alarm record, checks the shut-off valve, projects the
 * room to the LEL, sizes the flash-fire, explosion and fireball extent, finds the occupants, the building's
 * residents and the neighbours exposed and sets the tier. See README.md for every formula and source.
 */
import { defineRiskType } from '@fenghuo/sdk';
import { analyseCo } from './co.js';
import { config, defaults } from './config.js';
import { metrics, objects, thresholds } from './definition.js';
import { analyseDevice } from './devices.js';
import { analyseFlammable } from './flammable.js';

export default defineRiskType({
  id: 'restaurant-gas',
  version: '1.0.0',
  domain: 'lifeline',
  name: { zh: '餐饮场所燃气泄漏', en: 'Restaurant / catering gas leak' },
  description: {
    zh: '监测餐饮场所后厨、瓶组间的甲烷/丙烷浓度、一氧化碳、紧急切断阀和探测器状态；即时报警店方，区分普通尖峰与持续泄漏，统计探测器误报率，分析燃气积聚时间、闪燃爆炸范围及对楼内人员和周边的影响并分级预警',
    en: 'Methane/propane, carbon monoxide, shut-off valve and detector state in restaurant kitchens and LPG cylinder rooms; alarms the shop at once, tells an ordinary spike from a sustained leak, tracks each detector’s false-alarm rate, projects the time to the LEL, sizes the flash-fire and explosion extent and its impact on the building’s occupants and neighbours, and sets the tier',
  },
  objects,
  metrics,
  thresholds,
  config,
  defaults,
  async analyze(event, ctx, cfg) {
    switch (event.metric) {
      case 'ch4_lel':
      case 'c3h8_lel':
        return analyseFlammable(event, ctx, cfg);
      case 'co':
        return analyseCo(event, ctx, cfg);
      case 'valve_state':
      case 'detector_state':
        return analyseDevice(event);
    }
  },
  warning: {
    title: { zh: '{{object}}{{hazardZh}}{{tierZh}}', en: '{{tierEn}}: {{hazardEn}} at {{objectEn}}' },
    body: {
      zh: '{{object}}（{{buildingZh}}）{{summaryZh}}。研判：{{classificationZh}}，置信度{{confidenceZh}}。受影响人员：{{exposedZh}}；范围内防护目标：{{targetsZh}}。',
      en: '{{objectEn}} ({{buildingEn}}): {{summaryEn}}. Judged {{classificationEn}}, confidence {{confidenceEn}}. People affected: {{exposedEn}}; protection targets inside: {{targetsEn}}.',
    },
    instructions: { zh: '{{actionsZh}}', en: '{{actionsEn}}' },
  },
});
