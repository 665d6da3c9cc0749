/**
 * A drainage pump station in fault: which low points it drains, and how deep they will pond in the next
 * hour with only gravity drainage left, given the nowcast.
 */
import type { AlarmEvent, AnalysisContext, AnalysisResult, Statement, Tier } from '@fenghuo/sdk';
import { levelOf, maxTier, rainNear, round1, TIER_NAME, tierAt, tierIdx, toSamples } from './common.js';
import type { FloodConfig } from './definition.js';
import { drainageOf } from './drainage.js';
import { forecastPonding } from './ponding-model.js';

export async function analysePump(
  event: AlarmEvent,
  ctx: AnalysisContext,
  cfg: FloodConfig,
): Promise<AnalysisResult> {
  const station = event.object;
  const eventT = Date.parse(event.ts);
  const served = (
    await ctx.within(cfg.gaugeRadiusM, { kinds: ['underpass', 'low_road', 'underground_space'] })
  ).filter((o) => o.attributes['pumpStationId'] === station.id);
  const rain = await rainNear(ctx, cfg, eventT, event.sensor);
  const dry = cfg.isolatedGauge.dryMm;
  const findings: Statement[] = [
    {
      zh: `${station.name.zh}故障，服务的积水点：${served.length === 0 ? '台账中无' : served.map((o) => o.name.zh).join('、')}`,
      en: `${station.name.en} is in fault; it drains: ${served.length === 0 ? 'nothing listed in the inventory' : served.map((o) => o.name.en).join(', ')}`,
    },
  ];
  const repair: Statement = {
    zh: '立即组织抢修泵站，备用电源和移动泵车待命',
    en: 'Repair the pump station now; standby power and mobile pump trucks on call',
  };
  if ((rain.rain1hMm ?? 0) < dry && (rain.nowcast.mm ?? 0) < dry) {
    findings.push({
      zh: '当前无降雨且短临无雨：暂不构成内涝风险，须在下次降雨前修复',
      en: 'No rain now and none expected within the hour: no waterlogging risk yet; repair before the next rain',
    });
    return { tier: null, findings, actions: [repair] };
  }
  const ponding = await ctx.neighbours(cfg.gaugeRadiusM, { metric: 'ponding_depth' });
  let tier: Tier | null = null;
  let deepestCm = 0;
  for (const o of served) {
    const s = ponding.find((p) => p.objectId === o.id);
    let depth = 0;
    let limits = {};
    if (s) {
      const pts = toSamples(
        await ctx.history(s.id, 'ponding_depth', {
          from: new Date(eventT - 30 * 60_000).toISOString(),
          to: event.ts,
        }),
      );
      depth = pts[pts.length - 1]?.v ?? 0;
      limits = await ctx.thresholds(s.id, 'ponding_depth');
    }
    const d = await drainageOf(ctx, cfg, o, eventT, 'fault');
    const fc = forecastPonding({
      depthCm: depth,
      rainMmH: rain.nowcast.mm ?? 0,
      runoffCoefficient: d.runoffCoefficient,
      catchmentHa: d.catchmentHa,
      drainM3s: d.drainM3s,
      storage: d.storage,
      horizonMin: cfg.forecastMin,
      stepMin: cfg.forecastStepMin,
    });
    const lv = levelOf(fc.peakCm, limits);
    deepestCm = Math.max(deepestCm, fc.peakCm);
    tier = maxTier(tier, tierAt(tierIdx(lv)));
    findings.push({
      zh: `${o.name.zh}：现积水 ${round1(depth)} cm，无泵排水时 ${cfg.forecastMin} 分钟内预计达 ${round1(fc.peakCm)} cm（${TIER_NAME[lv ?? 'alarm'].zh}级）`,
      en: `${o.name.en}: ${round1(depth)} cm now; without the pumps, forecast ${round1(fc.peakCm)} cm within ${cfg.forecastMin} min (${TIER_NAME[lv ?? 'alarm'].en} level)`,
    });
  }
  const actions: Statement[] = [repair];
  if (tier !== null)
    actions.unshift({
      zh: `调派移动泵车到${served.map((o) => o.name.zh).join('、')}顶替排水，封闭人员和路障前置`,
      en: `Send mobile pump trucks to ${served.map((o) => o.name.en).join(', ')} to take over, with closure staff and barriers`,
    });
  return {
    tier,
    findings,
    actions,
    data: {
      hazardZh: '泵站故障内涝',
      hazardEn: 'waterlogging from a pump fault',
      summaryZh: `服务积水点 ${served.length} 处；无泵排水时 ${cfg.forecastMin} 分钟内预计最深积水 ${round1(deepestCm)} cm`,
      summaryEn: `${served.length} low point(s) drained by it; without pumping the deepest forecast within ${cfg.forecastMin} min is ${round1(deepestCm)} cm`,
      exposureZh: `服务积水点：${served.length === 0 ? '无' : served.map((o) => o.name.zh).join('、')}`,
      exposureEn: `Low points it drains: ${served.length === 0 ? 'none' : served.map((o) => o.name.en).join(', ')}`,
      nowcastMm: rain.nowcast.mm === null ? '—' : round1(rain.nowcast.mm),
      servedCount: served.length,
    },
  };
}
