/**
 * Analysis of a minimum-night-flow alarm of a DMA: how much of the night flow is leakage (district-meter
 * balance minus legitimate night use), whether the excess is a new leak or a transfer to a neighbouring
 * zone, where in the DMA it is likely to be (leak-noise loggers, wet soil), and the collapse risk zone there.
 */
import {
  type AlarmEvent,
  type AnalysisContext,
  type AnalysisResult,
  distanceToGeometryM,
  type I18n,
} from '@fenghuo/sdk';
import { actionsFor } from './actions.js';
import {
  cityOffsetHours,
  dmaBalance,
  excessShape,
  legitimateNightUse,
  type MeterSeries,
  mnfBaseline,
  nightsAbove,
  nightWindow,
} from './balance.js';
import {
  findPipe,
  iso,
  levelIdx,
  noiseSigns,
  num,
  Objects,
  round1,
  str,
  TIER_NAME,
  tierAt,
  type Zone,
  zoneContents,
  zoneEscalation,
  zoneFindings,
} from './common.js';
import type { WaterConfig } from './definition.js';
import { circlePolygon, type LonLat } from './geo.js';
import { toSamples, withReading } from './series.js';
import { soilSigns } from './soil.js';
import { soilClass, voidRadiusM } from './voids.js';

const DAY = 86_400_000;
const BALANCE_NIGHTS = 7;

/** Analyse a `night_min_flow` alarm. */
export async function analyseNightFlow(
  event: AlarmEvent,
  ctx: AnalysisContext,
  cfg: WaterConfig,
): Promise<AnalysisResult> {
  const objs = new Objects(ctx);
  const dma = event.object;
  const endT = Date.parse(event.ts);
  const recorded = num(dma.attributes['mnfBaselineM3h']) ?? event.limit;
  const hist = withReading(
    toSamples(
      await ctx.history(event.sensor.id, 'night_min_flow', {
        from: iso(endT - cfg.mnfBaselineDays * DAY),
        to: event.ts,
      }),
    ),
    endT,
    event.value,
  );
  const base = mnfBaseline(hist, endT, recorded, cfg.minBaselineNights);
  const excess = event.value - base.m3h;
  const limits = await ctx.thresholds(event.sensor.id, 'night_min_flow');
  const nights = nightsAbove(hist, limits.blue ?? base.m3h * 1.2);
  const shape = excessShape(hist, base.m3h);
  const legit = legitimateNightUse(dma.attributes, cfg.legitNightUseLPerConnH);
  const findings: I18n[] = [
    {
      zh: `${dma.name.zh}夜间最小流量 ${round1(event.value)} m3/h，为基准 ${round1(base.m3h)} m3/h（${base.own ? `近 ${base.nights} 夜中位数` : '登记值'}）的 ${round1(event.value / base.m3h)} 倍，超出 ${round1(excess)} m3/h；连续 ${nights} 夜偏高`,
      en: `${dma.name.en} minimum night flow ${round1(event.value)} m3/h, ${round1(event.value / base.m3h)} × its baseline ${round1(base.m3h)} m3/h (${base.own ? `median of ${base.nights} nights` : 'recorded'}), ${round1(excess)} m3/h above; elevated ${nights} night(s) running`,
    },
    {
      zh: `合法夜间用水 ${round1(legit.m3h)} m3/h（${legit.basis === 'attribute' ? '分区登记值' : legit.basis === 'connections' ? `${dma.attributes['connections']} 户 × ${cfg.legitNightUseLPerConnH} L/户·h` : '未登记，按 0 计'}）`,
      en: `Legitimate night use ${round1(legit.m3h)} m3/h (${legit.basis === 'attribute' ? 'recorded for the DMA' : legit.basis === 'connections' ? `${dma.attributes['connections']} connections × ${cfg.legitNightUseLPerConnH} L/conn/h` : 'not recorded, taken as 0'})`,
    },
  ];
  if (shape !== 'unknown') {
    findings.push(
      shape === 'step'
        ? {
            zh: '增量在一夜内出现：新发漏点或爆管',
            en: 'The excess appeared in one night: a new leak or a burst',
          }
        : {
            zh: '增量逐夜累积：背景漏损增长',
            en: 'The excess built up over several nights: growing background leakage',
          },
    );
  }

  // District-meter balance over the night window.
  const win = nightWindow(endT, cfg.nightStartHour, cfg.nightEndHour, cityOffsetHours(event, cfg));
  const meters: MeterSeries[] = [];
  const candidates = [
    ...(event.sensor.metrics.includes('flow') ? [event.sensor] : []),
    ...(await ctx.neighbours(cfg.dmaSearchRadiusM, { metric: 'flow' })),
  ];
  for (const s of candidates) {
    const o = await objs.get(s.objectId);
    if (!o || str(o.attributes['dmaId']) !== dma.id) continue;
    const role =
      o.attributes['nodeType'] === 'dma_inlet'
        ? 'in'
        : o.attributes['nodeType'] === 'dma_outlet'
          ? 'out'
          : null;
    if (!role) continue;
    const samples = toSamples(
      await ctx.history(s.id, 'flow', { from: iso(win.from - BALANCE_NIGHTS * DAY), to: iso(win.to) }),
    );
    meters.push({ sensorId: s.id, role, samples });
  }
  const bal = dmaBalance(meters, win, BALANCE_NIGHTS);
  if (bal.netNow !== null) {
    findings.push({
      zh: `分区计量平衡（${meters.length} 个计量点，夜间时段均值）：进水 ${round1(bal.inNow)} − 出水 ${round1(bal.outNow)} = 净夜间流量 ${round1(bal.netNow)} m3/h${bal.netBefore !== null ? `（此前 ${round1(bal.netBefore)}）` : ''}`,
      en: `District-meter balance (${meters.length} meter(s), night-window mean): inflow ${round1(bal.inNow)} − outflow ${round1(bal.outNow)} = net night flow ${round1(bal.netNow)} m3/h${bal.netBefore !== null ? ` (before: ${round1(bal.netBefore)})` : ''}`,
    });
  }
  // The excess left through an outlet meter: a boundary valve opened or water transferred, not a leak.
  if (excess > 0 && bal.outBefore !== null && bal.outNow - bal.outBefore >= cfg.transferShare * excess) {
    const why: I18n = {
      zh: `出水计量点同期增加 ${round1(bal.outNow - bal.outBefore)} m3/h，吸收了进水增量：为边界阀门开启或向相邻分区转供，非泄漏，不发布预警`,
      en: `Outflow rose ${round1(bal.outNow - bal.outBefore)} m3/h at the same time, taking up the excess: a boundary valve opened or water passed to the next zone, not a leak; no warning`,
    };
    return {
      tier: null,
      findings: [...findings, why],
      actions: [
        {
          zh: '权属单位核查分区边界阀门状态与调度记录',
          en: 'Owner to check the DMA boundary valves and the dispatch log',
        },
      ],
      data: { summaryZh: why.zh, summaryEn: why.en },
    };
  }
  const net = bal.netNow ?? event.value;
  const leakNow = net - legit.m3h;
  const leakBefore = (bal.netBefore ?? base.m3h) - legit.m3h;
  if (leakNow <= 0) {
    const why: I18n = {
      zh: '净夜间流量不超过合法夜间用水：无漏损证据，不发布预警',
      en: 'Net night flow within legitimate night use: no evidence of leakage, no warning',
    };
    return {
      tier: null,
      findings: [...findings, why],
      actions: [{ zh: '核对分区用户数与夜间大用户', en: 'Check the DMA connection count and night users' }],
      data: { summaryZh: why.zh, summaryEn: why.en },
    };
  }
  findings.push({
    zh: `估计漏损 = 净夜间流量 − 合法夜间用水 = ${round1(leakNow)} m3/h（${round1(leakNow / 3.6)} L/s），较此前增加 ${round1(leakNow - leakBefore)} m3/h`,
    en: `Estimated leakage = net night flow − legitimate night use = ${round1(leakNow)} m3/h (${round1(leakNow / 3.6)} L/s), up ${round1(leakNow - leakBefore)} m3/h`,
  });

  // Where in the DMA: a leak-noise logger that rose, else the wettest soil sensor.
  const inDma = (at: LonLat, objDma: unknown) =>
    objDma === dma.id || (dma.geometry.type !== 'Point' && distanceToGeometryM(at, dma.geometry) === 0);
  const loudest = (await noiseSigns(ctx, objs, cfg, cfg.dmaSearchRadiusM, endT))
    .filter((n) => inDma(n.at, n.dmaId))
    .sort((a, b) => b.latest - b.baseline - (a.latest - a.baseline))[0];
  let wet: Awaited<ReturnType<typeof soilSigns>>[number] | undefined;
  for (const s of await soilSigns(ctx, objs, cfg, cfg.dmaSearchRadiusM, endT)) {
    if (s.rise < cfg.riseBluePct || (wet && wet.rise >= s.rise)) continue;
    const main = s.mainId ? await objs.get(s.mainId) : null;
    if (inDma(s.at, main?.attributes['dmaId'])) wet = s;
  }
  let zone: Zone | null = null;
  let where: I18n = {
    zh: `${dma.name.zh}范围内（待步测定位）`,
    en: `inside ${dma.name.en} (to be narrowed by a step test)`,
  };
  let radiusM = 0;
  const spot = loudest
    ? {
        at: loudest.at,
        name: loudest.object,
        uncertainty: cfg.noiseRangeM,
        how: { zh: '漏损噪声', en: 'leak noise' },
      }
    : wet
      ? {
          at: wet.at,
          name: wet.name,
          uncertainty: cfg.soilLocationUncertaintyM,
          how: { zh: '土壤含水率', en: 'soil moisture' },
        }
      : null;
  if (spot) {
    const spotObj = await ctx.within(cfg.pipeSearchM, { kinds: ['supply_main'], at: spot.at });
    const pipe = spotObj[0] ?? (await findPipe(ctx, objs, dma, spot.at, cfg.pipeSearchM));
    const soil = soilClass(pipe?.attributes['soilType'], undefined);
    const rVoid = voidRadiusM(
      num(pipe?.attributes['diameterMm']),
      num(pipe?.attributes['depthM']),
      soil,
      cfg,
    );
    radiusM = Math.min(cfg.maxZoneRadiusM, Math.ceil((spot.uncertainty + rVoid) / 10) * 10);
    where = {
      zh: `${spot.name.zh}附近${pipe ? `（${pipe.name.zh}）` : ''}`,
      en: `near ${spot.name.en}${pipe ? ` (${pipe.name.en})` : ''}`,
    };
    findings.push({
      zh: `疑似漏点：${where.zh}，依据${spot.how.zh}；塌陷风险区半径 ${radiusM} 米 = ${spot.uncertainty} + ${round1(rVoid)} 米`,
      en: `Suspected leak ${where.en}, from ${spot.how.en}; collapse risk zone radius ${radiusM} m = ${spot.uncertainty} + ${round1(rVoid)} m`,
    });
    zone = await zoneContents(ctx, cfg, spot.at, radiusM, [dma.id, ...(pipe ? [pipe.id] : [])]);
    findings.push(...zoneFindings(zone));
  } else {
    findings.push({
      zh: '分区内无噪声或含水率异常可供定位：漏点位置限于分区范围',
      en: 'No leak-noise or soil-moisture sign inside the DMA to place the leak: located to the DMA only',
    });
  }

  const esc = zone ? zoneEscalation(zone, cfg) : { steps: 0, findings: [] };
  findings.push(...esc.findings);
  const tier = tierAt(levelIdx(event.level) + Math.min(esc.steps, cfg.maxEscalation));
  if (tier) findings.push({ zh: `定级 → ${TIER_NAME[tier].zh}预警`, en: `Tier → ${TIER_NAME[tier].en}` });
  return {
    tier,
    ...(zone
      ? { impact: circlePolygon(zone.centre, radiusM), impactRadiusM: radiusM, targets: zone.targets }
      : dma.geometry.type === 'Polygon' || dma.geometry.type === 'MultiPolygon'
        ? { impact: dma.geometry, targets: [] }
        : { targets: [] }),
    findings,
    actions: tier
      ? actionsFor(tier, {
          kind: 'leak',
          where,
          main: null,
          radiusM,
          gasMains: zone?.gasMains.map((o) => o.name) ?? [],
          targets: zone ? [...zone.sensitive, ...zone.others].map((o) => o.name) : [],
        })
      : [],
    data: {
      summaryZh: `夜间最小流量超基准 ${round1(excess)} m3/h，估计漏损 ${round1(leakNow)} m3/h`,
      summaryEn: `minimum night flow ${round1(excess)} m3/h above baseline; estimated leakage ${round1(leakNow)} m3/h`,
      whereZh: where.zh,
      whereEn: where.en,
      gasMainsZh: zone?.gasMains.map((o) => o.name.zh).join('、') || '无',
      gasMainsEn: zone?.gasMains.map((o) => o.name.en).join(', ') || 'none',
      leakM3h: round1(leakNow),
      legitNightUseM3h: round1(legit.m3h),
    },
  };
}
