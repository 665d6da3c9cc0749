/**
 * Analysis of a carbon-monoxide alarm (incomplete combustion in the kitchen or dining room): the reading
 * against the occupational limits, its 15-minute mean against PC-STEL (GBZ 2.1-2019), who is breathing
 * it, and the tier.
 */
import type { AlarmEvent, AnalysisContext, AnalysisResult, Statement, Tier } from '@fenghuo/sdk';
import { levelIndex } from '@fenghuo/sdk';
import { iso, levelIdx, levelOf, round1, TIER_NAME, tierAt } from './common.js';
import type { RestaurantConfig } from './config.js';
import { coPpm } from './gases.js';
import { buildingName, cityOffsetMin, occupancy } from './occupancy.js';
import { timeWeightedMean, toSamples, trailingRun, withReading } from './series.js';

const MIN = 60_000;

function coActions(tier: Tier): Statement[] {
  const blue: Statement[] = [
    {
      zh: '打开门窗和排烟罩通风，检查灶具火焰（黄焰、离焰为不完全燃烧）、烟道是否堵塞；炭火锅、烧烤炭火移至通风处',
      en: 'Open windows and run the hood; check burner flames (yellow or lifting flames mean incomplete combustion) and flues; move charcoal hotpots and grills to a ventilated place',
    },
  ];
  const yellow: Statement[] = [
    {
      zh: '停用燃烧器具和炭火，后厨人员撤至室外新鲜空气处',
      en: 'Shut the burners and charcoal; kitchen staff out into fresh air',
    },
    { zh: '有头痛、头晕、恶心者立即送医', en: 'Anyone with headache, dizziness or nausea to hospital now' },
  ];
  const orange: Statement[] = [
    {
      zh: '组织店内全部顾客和员工撤离，燃气企业和消防到场检查',
      en: 'Evacuate every guest and worker; gas company and fire service to inspect',
    },
  ];
  const red: Statement[] = [
    {
      zh: '通知 120，对中毒人员实施高压氧治疗评估；同楼人员撤离',
      en: 'Call 120; assess the exposed for hyperbaric oxygen; clear the building',
    },
  ];
  switch (tier) {
    case 'red':
      return [...red, ...orange, ...yellow, ...blue];
    case 'orange':
      return [...orange, ...yellow, ...blue];
    case 'yellow':
      return [...yellow, ...blue];
    case 'blue':
      return blue;
  }
}

export async function analyseCo(
  event: AlarmEvent,
  ctx: AnalysisContext,
  cfg: RestaurantConfig,
): Promise<AnalysisResult> {
  const endT = Date.parse(event.ts);
  const samples = withReading(
    toSamples(await ctx.history(event.sensor.id, 'co', { from: iso(endT - 60 * MIN), to: event.ts })),
    endT,
    event.value,
  );
  const limits = await ctx.thresholds(event.sensor.id, 'co');
  const level = levelOf(event.value, limits);
  const stel = timeWeightedMean(samples, endT - 15 * MIN, endT) ?? event.value;
  const run = trailingRun(samples, limits.alarm ?? limits.blue ?? cfg.coStelMgM3);
  const occ = occupancy(event.object.attributes, endT, {
    utcOffsetMin: cityOffsetMin(event, cfg),
    defaultPeakHours: cfg.defaultPeakHours,
  });

  const findings: Statement[] = [
    {
      zh: `${event.object.name.zh}一氧化碳 ${round1(event.value)} mg/m³（约 ${Math.round(coPpm(event.value))} ppm），超限已 ${Math.round(run.spanMin)} 分钟；平台已即时向店方报警`,
      en: `Carbon monoxide in ${event.object.name.en}: ${round1(event.value)} mg/m³ (about ${Math.round(coPpm(event.value))} ppm), above the limit for ${Math.round(run.spanMin)} min; the shop was alarmed at once`,
    },
    {
      zh: `15 分钟时间加权均值 ${round1(stel)} mg/m³，${stel >= cfg.coStelMgM3 ? '超过' : '低于'} PC-STEL ${cfg.coStelMgM3} mg/m³（GBZ 2.1-2019）`,
      en: `15-minute time-weighted mean ${round1(stel)} mg/m³, ${stel >= cfg.coStelMgM3 ? 'above' : 'below'} the PC-STEL of ${cfg.coStelMgM3} mg/m³ (GBZ 2.1-2019)`,
    },
    {
      zh: '可能原因：燃烧器具供风不足、排烟罩或烟道失效、使用炭火',
      en: 'Likely causes: burners short of air, hood or flue not working, charcoal in use',
    },
    ...occ.statements,
  ];

  let idx = levelIdx(level);
  if (idx <= levelIndex('blue') && stel < cfg.coStelMgM3) {
    findings.push({
      zh: '短时波动，15 分钟均值未超过 PC-STEL：不发布预警，店方通风排查',
      en: 'A short excursion; the 15-minute mean is under the PC-STEL: no warning, the shop ventilates and checks',
    });
    return {
      tier: null,
      findings,
      actions: coActions('blue'),
      data: { hazardZh: '一氧化碳超标', hazardEn: 'carbon monoxide' },
    };
  }
  const esc: Statement[] = [];
  if (occ.open) esc.push({ zh: '营业中有人员暴露', en: 'people exposed while open' });
  if (occ.floor < 0) esc.push({ zh: '地下空间', en: 'below ground' });
  const used = Math.min(esc.length, cfg.maxEscalation);
  idx = Math.max(idx, levelIndex('blue')) + used;
  const tier = tierAt(idx);
  findings.push({
    zh: `定级：浓度级别${level ? TIER_NAME[level].zh : '—'}${used > 0 ? `，升 ${used} 级（${esc.map((e) => e.zh).join('、')}）` : ''} → ${tier ? TIER_NAME[tier].zh : '—'}预警`,
    en: `Tier: concentration level ${level ? TIER_NAME[level].en : '—'}${used > 0 ? `, ${used} step(s) up (${esc.map((e) => e.en).join(', ')})` : ''} → ${tier ? TIER_NAME[tier].en : '—'}`,
  });
  const b = buildingName(occ.buildingUse);
  return {
    tier,
    targets: [],
    findings,
    actions: tier ? coActions(tier) : [],
    data: {
      hazardZh: '一氧化碳超标',
      hazardEn: 'carbon monoxide',
      summaryZh: `一氧化碳 ${round1(event.value)} mg/m³（约 ${Math.round(coPpm(event.value))} ppm），15 分钟均值 ${round1(stel)} mg/m³`,
      summaryEn: `carbon monoxide ${round1(event.value)} mg/m³ (about ${Math.round(coPpm(event.value))} ppm), 15-minute mean ${round1(stel)} mg/m³`,
      classificationZh: '不完全燃烧',
      classificationEn: 'incomplete combustion',
      confidenceZh: '中',
      confidenceEn: 'medium',
      buildingZh: b.zh,
      buildingEn: b.en,
      exposedZh: occ.open ? '店内顾客与员工' : '店内值守人员',
      exposedEn: occ.open ? 'guests and staff' : 'anyone on duty',
    },
  };
}
