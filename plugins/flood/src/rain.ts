/**
 * Rainfall at a gauge: the CMA rainstorm signal from the observed accumulations (while rain continues)
 * and from the accumulations projected one hour ahead with the nowcast, the short-duration intensity,
 * and a check against the neighbouring gauges for a reading nothing else confirms.
 */
import type { AlarmEvent, AnalysisContext, AnalysisResult, Statement, Tier } from '@fenghuo/sdk';
import { rainActions } from './actions.js';
import { levelOf, maxTier, nowcastNear, round1, TIER_NAME, tierAt, tierIdx, toSamples } from './common.js';
import type { FloodConfig } from './definition.js';
import {
  accumulations,
  HOUR_MS,
  hourlyTotals,
  isolatedGauge,
  projected,
  rainstormSignal,
  signalWindows,
  valueAt,
  type Windows,
} from './rainfall.js';

const REPORTED: Record<number, string> = {
  1: 'rain_1h',
  3: 'rain_3h',
  6: 'rain_6h',
  12: 'rain_12h',
  24: 'rain_24h',
};
const TOL_MS = 10 * 60_000;

export async function analyseRain(
  event: AlarmEvent,
  ctx: AnalysisContext,
  cfg: FloodConfig,
): Promise<AnalysisResult> {
  const eventT = Date.parse(event.ts);
  const sensor = event.sensor;
  const gauge = event.object.name;
  const windows = [...new Set([1, ...signalWindows(cfg), 24])].sort((a, b) => a - b);
  const maxH = Math.max(...windows);

  const rain1h = sensor.metrics.includes('rain_1h')
    ? toSamples(
        await ctx.history(sensor.id, 'rain_1h', {
          from: new Date(eventT - maxH * HOUR_MS - TOL_MS).toISOString(),
          to: event.ts,
        }),
      )
    : [];
  if (event.metric === 'rain_1h') rain1h.push({ t: eventT, v: event.value });
  const hourly = hourlyTotals(rain1h, eventT, maxH, TOL_MS);

  const reported: Windows = {};
  for (const h of windows) {
    const m = REPORTED[h];
    if (!m || !sensor.metrics.includes(m)) continue;
    if (m === event.metric) {
      reported[h] = event.value;
      continue;
    }
    const pts = toSamples(
      await ctx.history(sensor.id, m, { from: new Date(eventT - TOL_MS).toISOString(), to: event.ts }),
    );
    reported[h] = valueAt(pts, eventT, TOL_MS);
  }
  const acc = accumulations(windows, reported, hourly);
  const own1h = acc[1] ?? null;
  const nowcast = await nowcastNear(ctx, cfg, eventT, sensor, own1h);

  const findings: Statement[] = [];
  const accText = windows
    .filter((h) => acc[h] !== null && acc[h] !== undefined)
    .map((h) => `${h} h ${round1(acc[h]!)} mm`)
    .join(', ');
  findings.push({
    zh: `${gauge.zh}累计雨量：${accText || '无数据'}；未来 1 小时预计 ${nowcast.mm === null ? '未知' : `${round1(nowcast.mm)} mm`}（${nowcast.label.zh}）`,
    en: `Rainfall at ${gauge.en}: ${accText || 'no data'}; next hour: ${nowcast.mm === null ? 'unknown' : `${round1(nowcast.mm)} mm`} (${nowcast.label.en})`,
  });

  // Neighbouring gauges' last hour, to tell a storm from a bucket test or a blocked funnel that released.
  const neighbours: number[] = [];
  for (const s of await ctx.neighbours(cfg.gaugeRadiusM, { metric: 'rain_1h' })) {
    const pts = toSamples(
      await ctx.history(s.id, 'rain_1h', { from: new Date(eventT - 2 * TOL_MS).toISOString(), to: event.ts }),
    );
    const v = valueAt(pts, eventT, 2 * TOL_MS);
    if (v !== null) neighbours.push(v);
  }
  const w = await ctx.weather();
  const weatherMmH =
    w && w.rainMmH !== undefined && Math.abs(eventT - Date.parse(w.ts)) <= cfg.nowcastMaxAgeMin * 60_000
      ? w.rainMmH
      : null;
  // Other evidence of rain over the gauge: the weather feed and a meteorological nowcast, if fresh.
  const evidence = [weatherMmH, nowcast.source === 'nowcast' ? nowcast.mm : null].filter(
    (v): v is number => v !== null,
  );
  const evidenceMmH = evidence.length === 0 ? null : Math.max(...evidence);
  if (isolatedGauge(own1h ?? event.value, neighbours, evidenceMmH, cfg)) {
    return {
      tier: null,
      findings: [
        ...findings,
        {
          zh: `孤立读数：${neighbours.length} 个相邻雨量站 1 小时雨量均不足 ${cfg.isolatedGauge.dryMm} mm${evidenceMmH === null ? '' : `，天气实况/短临预报雨强 ${round1(evidenceMmH)} mm/h`}，判断为雨量计异常（翻斗测试、漏斗堵塞后集中下泄等）`,
          en: `Isolated reading: ${neighbours.length} neighbouring gauge(s) saw less than ${cfg.isolatedGauge.dryMm} mm in the hour${evidenceMmH === null ? '' : ` and the weather feed or nowcast shows ${round1(evidenceMmH)} mm/h`}; a gauge fault (bucket test, a blocked funnel that released) rather than a storm`,
        },
      ],
      actions: [
        {
          zh: '运维人员检查雨量计（翻斗、漏斗），对照雷达回波核实',
          en: 'Maintenance staff check the gauge (bucket, funnel) and compare with the radar',
        },
      ],
    };
  }
  if (neighbours.length === 0)
    findings.push({
      zh: '附近无其他雨量站可相互印证',
      en: 'No neighbouring gauge to corroborate the reading',
    });

  const continuing = nowcast.mm === null || nowcast.mm >= cfg.continuingRainMm;
  const observed = rainstormSignal(acc, cfg);
  const ahead =
    nowcast.mm === null ? null : rainstormSignal(projected(windows, acc, hourly, nowcast.mm), cfg);
  const limits = await ctx.thresholds(sensor.id, 'rain_1h');
  const intensityMm = Math.max(own1h ?? 0, nowcast.mm ?? 0);
  const intensity = levelOf(intensityMm, limits);

  if (observed)
    findings.push({
      zh: `实测达到暴雨${TIER_NAME[observed.tier].zh}预警信号标准：${observed.hours} 小时 ${round1(observed.mm)} mm${continuing ? '，降雨仍将持续' : '，但降雨已趋于结束'}`,
      en: `Observed rainfall meets the ${TIER_NAME[observed.tier].en} rainstorm signal: ${round1(observed.mm)} mm in ${observed.hours} h${continuing ? ', and rain continues' : ', but the rain is ending'}`,
    });
  if (ahead && tierIdx(ahead.tier) > tierIdx(observed && continuing ? observed.tier : null))
    findings.push({
      zh: `按短临预报，1 小时后 ${ahead.hours} 小时雨量将达 ${round1(ahead.mm)} mm，达暴雨${TIER_NAME[ahead.tier].zh}预警信号标准`,
      en: `With the nowcast, the ${ahead.hours}-hour total reaches ${round1(ahead.mm)} mm within the hour: the ${TIER_NAME[ahead.tier].en} rainstorm signal`,
    });
  if (intensity !== null && intensity !== 'alarm' && continuing)
    findings.push({
      zh: `短时强降水：雨强 ${round1(intensityMm)} mm/h，达${TIER_NAME[intensity].zh}级`,
      en: `Short-duration heavy rain: ${round1(intensityMm)} mm/h, ${TIER_NAME[intensity].en} level`,
    });
  if (!continuing)
    findings.push({
      zh: `未来 1 小时雨量低于 ${cfg.continuingRainMm} mm，降雨结束：按暴雨预警信号规则不再发布，积水点继续监测`,
      en: `Less than ${cfg.continuingRainMm} mm expected in the next hour: the rain is ending, so the rainstorm signal does not hold; keep watching the ponding spots`,
    });

  const tier: Tier | null = maxTier(
    continuing && observed ? observed.tier : null,
    ahead?.tier ?? null,
    continuing ? tierAt(tierIdx(intensity)) : null,
  );

  const watch = (
    await ctx.within(cfg.gaugeRadiusM, { kinds: ['underpass', 'low_road', 'underground_space'] })
  ).slice(0, 6);
  if (watch.length > 0 && tier !== null)
    findings.push({
      zh: `${cfg.gaugeRadiusM / 1000} 公里内易涝点 ${watch.length} 处：${watch.map((o) => o.name.zh).join('、')}`,
      en: `${watch.length} flood-prone spot(s) within ${cfg.gaugeRadiusM / 1000} km: ${watch.map((o) => o.name.en).join(', ')}`,
    });

  const sig = maxTier(continuing && observed ? observed.tier : null, ahead?.tier ?? null);
  return {
    tier,
    findings,
    actions: rainActions(tier, watch),
    data: {
      hazardZh: '暴雨',
      hazardEn: 'rainstorm',
      summaryZh: `${sig ? `达暴雨${TIER_NAME[sig].zh}预警信号标准` : '未达暴雨预警信号标准'}；未来 1 小时预计 ${nowcast.mm === null ? '未知' : `${round1(nowcast.mm)} mm`}；易涝点 ${watch.length} 处需盯防`,
      summaryEn: `${sig ? `Meets the ${TIER_NAME[sig].en} rainstorm signal criteria` : 'Below the rainstorm signal criteria'}; next hour ${nowcast.mm === null ? 'unknown' : `${round1(nowcast.mm)} mm`}; ${watch.length} flood-prone spot(s) to watch`,
      exposureZh: `${cfg.gaugeRadiusM / 1000} 公里内易涝点：${watch.length === 0 ? '无' : watch.map((o) => o.name.zh).join('、')}`,
      exposureEn: `Flood-prone spots within ${cfg.gaugeRadiusM / 1000} km: ${watch.length === 0 ? 'none' : watch.map((o) => o.name.en).join(', ')}`,
      rain1h: acc[1] === null || acc[1] === undefined ? '—' : round1(acc[1]),
      rain3h: acc[3] === null || acc[3] === undefined ? '—' : round1(acc[3]),
      rain6h: acc[6] === null || acc[6] === undefined ? '—' : round1(acc[6]),
      rain12h: acc[12] === null || acc[12] === undefined ? '—' : round1(acc[12]),
      nowcastMm: nowcast.mm === null ? '—' : round1(nowcast.mm),
      nowcastSourceZh: nowcast.label.zh,
      nowcastSourceEn: nowcast.label.en,
      signalZh: sig ? `暴雨${TIER_NAME[sig].zh}预警信号标准` : '未达暴雨预警信号标准',
      signalEn: sig
        ? `${TIER_NAME[sig].en} rainstorm signal criteria`
        : 'below the rainstorm signal criteria',
    },
  };
}
