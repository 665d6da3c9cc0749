/**
 * 重点车辆运输风险 — key commercial vehicles (guideline §3 public safety type 10, §4(2)10).
 *
 * Monitors coaches, school buses, hazmat and heavy trucks through the telematics platform (speed and
 * map-matched limit, position, continuous driving, tyres, driver-state events). On an alarm it checks the
 * speed against the class, road and night limits, rebuilds continuous and 24-h driving from the speed
 * track, applies the coach 02:00–05:00 rule, rejects GNSS speed glitches, lists protection targets near a
 * hazmat truck and combines the factors into an accident-likelihood tier. See README.md.
 */
import { defineRiskType } from '@fenghuo/sdk';
import { analyse } from './analysis.js';
import { config, defaults, metrics, objects, thresholds } from './definition.js';

export default defineRiskType({
  id: 'key-vehicle',
  version: '1.0.0',
  domain: 'public',
  name: { zh: '重点车辆运输风险', en: 'Key commercial vehicle transport risk' },
  description: {
    zh: '监测客车、校车、危险货物运输车辆和重型货车的超速、疲劳驾驶、凌晨运行、胎压和驾驶员状态；报警后复核车速与驾驶时间、识别定位漂移、关联危货车周边防护目标并研判事故可能性分级预警',
    en: 'Speeding, fatigue, night running, tyres and driver state of coaches, school buses, hazmat and heavy trucks; on an alarm, rechecks speed and driving time, rejects GNSS glitches, links protection targets near hazmat trucks and grades the accident likelihood',
  },
  objects,
  metrics,
  thresholds,
  config,
  defaults,
  analyze: (event, ctx, cfg) => analyse(event, ctx, cfg),
  warning: {
    title: {
      zh: '{{object}}（{{plate}}）运输风险{{tierZh}}',
      en: '{{tierEn}}: transport risk, {{objectEn}} ({{plateEn}})',
    },
    body: {
      zh: '{{time}}，{{object}}（{{plate}}）位于 {{positionZh}}，车速 {{speedKmh}} km/h（限速 {{limitKmh}} km/h），连续驾驶 {{continuousH}} h。风险因素：{{factorsZh}}。{{loadZh}}',
      en: 'At {{time}} ({{utcOffset}}) {{objectEn}} ({{plateEn}}) at {{positionEn}}: {{speedKmh}} km/h (limit {{limitKmh}} km/h), {{continuousH}} h of continuous driving. Risk factors: {{factorsEn}}.{{loadEn}}',
    },
    instructions: { zh: '{{actionsZh}}', en: '{{actionsEn}}' },
  },
});
