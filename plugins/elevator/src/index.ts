/**
 * 城市电梯运行风险 — elevator operation risk (guideline §3 public-safety type 9, §4(2)9).
 *
 * Monitors passenger lifts and escalators: ride quality (acceleration, horizontal and vertical
 * vibration), car speed against the rated speed, the controller's fault events (door, safety circuit,
 * overtravel, unintended movement…), entrapments and their duration, and maintenance status. Every
 * exceedance goes to the owner and maintenance company at once; the analysis then judges the event,
 * counts the lift's 96333-style fault and entrapment statistics over 30/90 days and those of the other
 * lifts its maintenance company keeps, classes the lift for classified supervision (A/B/C) and sets the
 * tier. See README.md for every formula and source.
 */
import { defineRiskType } from '@fenghuo/sdk';
import { analyseLift } from './analyze.js';
import { config, defaults, metrics, objects, thresholds } from './definition.js';

export default defineRiskType({
  id: 'elevator',
  version: '1.0.0',
  domain: 'public',
  name: { zh: '城市电梯运行风险', en: 'Elevator operation risk' },
  description: {
    zh: '监测乘客电梯和自动扶梯的加减速度、振动、运行速度、故障事件、困人和维保状态；报警后判断事件严重程度，统计本梯及同一维保单位电梯的 96333 故障和困人数据，实施分类监管（A/B/C）并确定预警等级',
    en: 'Acceleration, vibration, speed, fault events, entrapments and maintenance status of passenger lifts and escalators; on an alarm, judges the event, counts 96333-style fault and entrapment statistics of the lift and of its maintenance company, classes the lift for supervision (A/B/C) and sets the tier',
  },
  objects,
  metrics,
  thresholds,
  config,
  defaults,
  async analyze(event, ctx, cfg) {
    switch (event.metric) {
      case 'speed':
      case 'accel':
      case 'vib_h':
      case 'vib_v':
      case 'trapped':
      case 'trapped_minutes':
      case 'fault_code':
      case 'maintenance_overdue':
        return analyseLift(event, ctx, cfg);
    }
  },
  warning: {
    title: {
      zh: '{{object}}{{eventZh}}{{tierZh}}',
      en: '{{tierEn}}: {{eventEn}} at {{objectEn}}',
    },
    body: {
      zh: '{{object}}（注册代码 {{regCode}}，维保单位 {{company}}）：{{eventZh}}，{{metric}} {{value}} {{unit}}。本梯近 {{shortDays}} 天故障 {{faultsShort}} 次、困人 {{trappedShort}} 次，近 {{longDays}} 天故障 {{faultsLong}} 次、困人 {{trappedLong}} 次，分类监管：{{classZh}}。维保单位 {{companyLifts}} 台电梯近 {{longDays}} 天平均每台故障 {{companyRate}} 次。\n{{findingsZh}}',
      en: '{{objectEn}} (registration {{regCode}}, maintained by {{companyEn}}): {{eventEn}}, {{metricEn}} {{value}} {{unit}}. This lift: {{faultsShort}} faults and {{trappedShort}} entrapments in {{shortDays}} days, {{faultsLong}} faults and {{trappedLong}} entrapments in {{longDays}} days; {{classEn}}. The company’s {{companyLifts}} lift(s): {{companyRate}} faults per lift in {{longDays}} days.\n{{findingsEn}}',
    },
    instructions: {
      zh: '请维保单位（{{company}}）和使用单位立即处置：\n{{actionsZh}}',
      en: 'The maintenance company ({{companyEn}}) and the building owner act now:\n{{actionsEn}}',
    },
  },
});
