/**
 * River level at a hydrological station against its warning, guaranteed and record levels (SL 758-2018),
 * with the rise rate, the time to the next characteristic level, the rain still to come, the low points
 * whose outfalls the river blocks, and who is exposed along the river.
 */
import type { AlarmEvent, AnalysisContext, AnalysisResult, Statement } from '@fenghuo/sdk';
import { riverActions } from './actions.js';
import {
  circlePolygon,
  exposure,
  type LonLat,
  namesWithDistance,
  num,
  rainNear,
  round1,
  round2,
  slopePerMin,
  TIER_NAME,
  toSamples,
  withReading,
} from './common.js';
import type { FloodConfig } from './definition.js';
import { hoursTo, nextLevel, riverTier, type StationLevels } from './river-tier.js';

const LEVEL_NAME = {
  warning: { zh: '警戒水位', en: 'the warning level' },
  guaranteed: { zh: '保证水位', en: 'the guaranteed level' },
  'historic-max': { zh: '历史最高水位', en: 'the highest level on record' },
} as const;

export async function analyseRiver(
  event: AlarmEvent,
  ctx: AnalysisContext,
  cfg: FloodConfig,
): Promise<AnalysisResult> {
  const obj = event.object;
  const a = obj.attributes;
  const st: StationLevels = {
    warningM: num(a['warningLevelM']) ?? Number.POSITIVE_INFINITY,
    guaranteedM: num(a['guaranteedLevelM']) ?? Number.POSITIVE_INFINITY,
    historicMaxM: num(a['historicMaxLevelM']),
  };
  const eventT = Date.parse(event.ts);
  const at: LonLat = event.sensor.location;
  const samples = withReading(
    toSamples(
      await ctx.history(event.sensor.id, 'river_level', {
        from: new Date(eventT - 60 * 60_000).toISOString(),
        to: event.ts,
      }),
    ),
    eventT,
    event.value,
  );
  const rateMPerH = slopePerMin(samples) * 60;
  const level = event.value;
  const { tier, reason } = riverTier(level, rateMPerH, st, cfg.riverApproachM);
  const findings: Statement[] = [];
  const over = (ref: number) => round2(level - ref);
  findings.push({
    zh: `${obj.name.zh}水位 ${round2(level)} m（警戒 ${st.warningM} m，保证 ${st.guaranteedM} m${st.historicMaxM === null ? '' : `，历史最高 ${st.historicMaxM} m`}），近 1 小时${rateMPerH >= 0 ? '上涨' : '回落'} ${round2(Math.abs(rateMPerH))} m/h`,
    en: `${obj.name.en} at ${round2(level)} m (warning ${st.warningM} m, guaranteed ${st.guaranteedM} m${st.historicMaxM === null ? '' : `, record ${st.historicMaxM} m`}), ${rateMPerH >= 0 ? 'rising' : 'falling'} ${round2(Math.abs(rateMPerH))} m/h over the last hour`,
  });
  const why: Record<typeof reason, Statement> = {
    'historic-max': {
      zh: `超历史最高水位 ${over(st.historicMaxM ?? 0)} m：洪水红色预警标准`,
      en: `${over(st.historicMaxM ?? 0)} m above the record level: red flood signal`,
    },
    guaranteed: {
      zh: `超保证水位 ${over(st.guaranteedM)} m：洪水橙色预警标准`,
      en: `${over(st.guaranteedM)} m above the guaranteed level: orange flood signal`,
    },
    warning: {
      zh: `超警戒水位 ${over(st.warningM)} m：洪水黄色预警标准`,
      en: `${over(st.warningM)} m above the warning level: yellow flood signal`,
    },
    approaching: {
      zh: `距警戒水位 ${round2(st.warningM - level)} m 且仍在上涨：洪水蓝色预警标准`,
      en: `${round2(st.warningM - level)} m below the warning level and rising: blue flood signal`,
    },
    below: {
      zh: '低于警戒水位且未接近上涨，未达洪水预警标准',
      en: 'Below the warning level and not approaching it: no flood signal',
    },
  };
  findings.push(why[reason]);
  const next = nextLevel(level, st);
  const hrs = next ? hoursTo(level, next.m, rateMPerH) : null;
  if (next && hrs !== null && hrs <= 24)
    findings.push({
      zh: `按当前涨率约 ${round1(hrs)} 小时后达${LEVEL_NAME[next.key].zh} ${next.m} m`,
      en: `At the current rate it reaches ${LEVEL_NAME[next.key].en} (${next.m} m) in about ${round1(hrs)} h`,
    });
  const rain = await rainNear(ctx, cfg, eventT, event.sensor);
  if (rain.nowcast.mm !== null)
    findings.push({
      zh: `未来 1 小时预计降雨 ${round1(rain.nowcast.mm)} mm（${rain.nowcast.label.zh}）${rain.nowcast.mm >= cfg.continuingRainMm ? '，水位仍有上涨动力' : ''}`,
      en: `${round1(rain.nowcast.mm)} mm of rain expected in the next hour (${rain.nowcast.label.en})${rain.nowcast.mm >= cfg.continuingRainMm ? ': the river has more to come' : ''}`,
    });

  const radiusM = cfg.riverExposureRadiusM;
  const exp = await exposure(ctx, cfg, at, radiusM);
  const lowPoints = (
    await ctx.within(radiusM, { kinds: ['underpass', 'low_road', 'underground_space'], at })
  ).filter((o) => o.role === 'monitored');
  if (lowPoints.length > 0 && tier !== null)
    findings.push({
      zh: `河水顶托，${radiusM} 米内易涝点自排受阻：${namesWithDistance(lowPoints, 'zh')}`,
      en: `The high river blocks gravity outfalls of the flood-prone spots within ${radiusM} m: ${namesWithDistance(lowPoints, 'en')}`,
    });
  if (exp.targets.length > 0)
    findings.push({
      zh: `沿河 ${radiusM} 米内防护目标 ${exp.targets.length} 处：${namesWithDistance(exp.objects, 'zh')}；估计暴露人口约 ${exp.population} 人${exp.unknownPopulation > 0 ? `（另有 ${exp.unknownPopulation} 处人数未知）` : ''}`,
      en: `${exp.targets.length} protection target(s) within ${radiusM} m of the river: ${namesWithDistance(exp.objects, 'en')}; about ${exp.population} people exposed${exp.unknownPopulation > 0 ? ` (${exp.unknownPopulation} more with no head count)` : ''}`,
    });

  return {
    tier,
    impact: circlePolygon(at, radiusM),
    impactRadiusM: radiusM,
    targets: exp.targets,
    findings,
    actions: riverActions(tier, lowPoints),
    data: {
      hazardZh: '洪水',
      exposureZh: `影响半径约 ${radiusM} 米，防护目标：${exp.targets.length === 0 ? '无' : exp.objects.map((o) => o.name.zh).join('、')}；估计暴露人口约 ${exp.population} 人`,
      exposureEn: `Impact radius about ${radiusM} m; protection targets: ${exp.targets.length === 0 ? 'none' : exp.objects.map((o) => o.name.en).join(', ')}; about ${exp.population} people exposed`,
      hazardEn: 'river flood',
      summaryZh: `${why[reason].zh}；涨率 ${round2(rateMPerH)} m/h`,
      summaryEn: `${why[reason].en}; rate ${round2(rateMPerH)} m/h`,
      levelM: round2(level),
      warningLevelM: st.warningM,
      guaranteedLevelM: st.guaranteedM,
      rateMPerH: round2(rateMPerH),
      signalZh: tier ? `洪水${TIER_NAME[tier].zh}预警标准` : '未达洪水预警标准',
      signalEn: tier ? `${TIER_NAME[tier].en} flood signal criteria` : 'below the flood signal criteria',
      population: exp.population,
      nowcastMm: rain.nowcast.mm === null ? '—' : round1(rain.nowcast.mm),
    },
  };
}
