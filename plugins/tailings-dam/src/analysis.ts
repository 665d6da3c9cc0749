/**
 * The tailings-dam analysis (guideline §4(2)12): every monitoring point of the dam tiered, the
 * point → item → dam escalation rule, the freeboard trend to overtopping, isolated jumps set aside, and
 * an empirical dam-break estimate with the protection targets inside the downstream reach.
 */
import type {
  AffectedTarget,
  AlarmEvent,
  AnalysisContext,
  AnalysisResult,
  CityObject,
  Statement,
  Tier,
} from '@fenghuo/sdk';
import { arrivalMin, damBreak } from './dam-break.js';
import { DAM_KINDS, metrics, type TailingsConfig } from './definition.js';
import { angleBetween, bearingDeg, type LonLat, representativePoint, sectorPolygon } from './geo.js';
import { escalate, levelOf, levelTier, maxTier, pondTier, raiseTier, tierRank } from './levels.js';
import { hoursTo, slopePerH, stepRatePerH } from './series.js';

type MetricKey = keyof typeof metrics;

const TIER_ZH: Record<Tier, string> = { blue: '蓝色', yellow: '黄色', orange: '橙色', red: '红色' };

interface PointState {
  sensorId: string;
  metric: MetricKey;
  value: number;
  tier: Tier | null;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const r1 = (x: number) => Math.round(x * 10) / 10;
const r2 = (x: number) => Math.round(x * 100) / 100;

function isDam(o: CityObject): boolean {
  return (DAM_KINDS as readonly string[]).includes(o.kind);
}

/** The dam an event belongs to: its own object, or the dam named by `damId`. */
async function findDam(event: AlarmEvent, ctx: AnalysisContext): Promise<CityObject | null> {
  if (isDam(event.object)) return event.object;
  const id = event.object.attributes.damId;
  if (typeof id !== 'string') return null;
  const o = await ctx.object(id);
  return o && isDam(o) ? o : null;
}

/** Every tiered point of the dam: the latest reading of each metric of each of its sensors. */
async function damPoints(
  event: AlarmEvent<MetricKey>,
  ctx: AnalysisContext,
  cfg: TailingsConfig,
  dam: CityObject,
): Promise<PointState[]> {
  const near = await ctx.neighbours(cfg.damSearchM);
  const objectDam = new Map<string, string | null>([[dam.id, dam.id]]);
  const sensors = [event.sensor, ...near];
  const points: PointState[] = [];
  for (const s of sensors) {
    if (!objectDam.has(s.objectId)) {
      const o = await ctx.object(s.objectId);
      const d = o?.attributes.damId;
      objectDam.set(s.objectId, typeof d === 'string' ? d : null);
    }
    if (objectDam.get(s.objectId) !== dam.id) continue;
    for (const m of s.metrics) {
      if (!(m in metrics) || m === 'seepage') continue;
      const metric = m as MetricKey;
      if (s.id === event.sensor.id && metric === event.metric) {
        points.push({ sensorId: s.id, metric, value: event.value, tier: levelTier(event.level) });
        continue;
      }
      const last = (await ctx.history(s.id, metric, { limit: 1 }))[0];
      if (!last) continue;
      const tier =
        metric === 'pond_level'
          ? pondTier(last.value, {
              normalLevelM: num(dam.attributes.normalLevelM),
              preFloodLevelM: num(dam.attributes.preFloodLevelM),
              maxFloodLevelM: num(dam.attributes.maxFloodLevelM),
            })
          : levelTier(levelOf(last.value, await ctx.thresholds(s.id, metric)));
      points.push({ sensorId: s.id, metric, value: last.value, tier });
    }
  }
  return points;
}

export async function analyseTailings(
  event: AlarmEvent<MetricKey>,
  ctx: AnalysisContext,
  cfg: TailingsConfig,
): Promise<AnalysisResult> {
  const findings: Statement[] = [];
  const actions: Statement[] = [];
  const metricName = metrics[event.metric].name;
  const dam = await findDam(event, ctx);
  if (!dam) {
    const tier = levelTier(event.level);
    return {
      tier,
      findings: [
        {
          zh: `${event.object.name.zh}未关联尾矿坝（damId），仅按单点分级，未做溃坝演进估算`,
          en: `${event.object.name.en} names no tailings dam (damId): tiered on this point alone, no dam-break estimate`,
        },
      ],
      actions: [{ zh: '在清单中补充 damId', en: 'Add damId to the inventory' }],
    };
  }
  const a = dam.attributes;
  const points = await damPoints(event, ctx, cfg, dam);

  // Isolated jump: a piezometer or displacement point changing faster than the dam can, with no other
  // point of the same item in any tier, is a sensor fault until shown otherwise.
  if ((cfg.spikeMetrics as string[]).includes(event.metric)) {
    const limit = cfg.maxPlausibleRatePerH[event.metric];
    const hist = await ctx.history(event.sensor.id, event.metric, { limit: 6 });
    const rate = stepRatePerH(hist, event.ts, event.value);
    const others = points.filter(
      (p) => p.metric === event.metric && p.sensorId !== event.sensor.id && p.tier,
    );
    if (limit !== undefined && rate !== null && rate > limit && others.length === 0) {
      return {
        tier: null,
        findings: [
          {
            zh: `孤立跳变：${event.sensor.id} ${metricName.zh}变化 ${r1(rate)}/小时，超过物理可信速率 ${limit}/小时，且同库其他测点未见异常，判为疑似传感器故障`,
            en: `Isolated jump: ${event.sensor.id} ${metricName.en} changed ${r1(rate)} per hour, beyond the plausible ${limit} per hour, and no other point of the dam shows it: likely a sensor fault`,
          },
        ],
        actions: [
          {
            zh: '权属单位现场核查该测点（渗压计/位移计）并人工比测；未确认前不发布预警',
            en: 'Owner to check the instrument on site and take a manual reading; no warning until confirmed',
          },
        ],
        data: { damZh: dam.name.zh, damEn: dam.name.en },
      };
    }
  }

  // Point → item (per metric) → dam.
  const byItem = new Map<MetricKey, PointState[]>();
  for (const p of points) byItem.set(p.metric, [...(byItem.get(p.metric) ?? []), p]);
  const items: { metric: MetricKey; tier: Tier | null; escalated: boolean; n: number }[] = [];
  for (const [metric, ps] of byItem) {
    const r = escalate(
      ps.map((p) => p.tier),
      cfg.pointEscalation,
    );
    items.push({ metric, tier: r.tier, escalated: r.escalated, n: ps.length });
  }
  const damRule = escalate(
    items.map((i) => i.tier),
    cfg.itemEscalation,
  );
  let tier = damRule.tier;
  const tiered = items.filter((i) => i.tier).sort((x, y) => tierRank(y.tier) - tierRank(x.tier));
  const itemsZh = tiered.map((i) => `${metrics[i.metric].name.zh}${TIER_ZH[i.tier!]}`).join('、') || '无';
  const itemsEn = tiered.map((i) => `${metrics[i.metric].name.en} ${i.tier}`).join(', ') || 'none';
  findings.push({ zh: `分项预警：${itemsZh}`, en: `Items in a tier: ${itemsEn}` });
  for (const i of items.filter((x) => x.escalated))
    findings.push({
      zh: `${metrics[i.metric].name.zh}共 ${i.n} 个测点达到预警，按测点→项目规则升为${TIER_ZH[i.tier!]}`,
      en: `${i.n} points of ${metrics[i.metric].name.en} in a tier: the point → item rule makes the item ${i.tier}`,
    });
  if (damRule.escalated)
    findings.push({
      zh: `多个监测项目同时预警，按项目→尾矿库规则升为${TIER_ZH[tier!]}`,
      en: `Several items in a tier at once: the item → dam rule makes the dam ${tier}`,
    });

  // Freeboard trend: hours to the design minimum and to overtopping at the present rate of loss.
  let hoursToOvertop = Number.POSITIVE_INFINITY;
  const fb = points.filter((p) => p.metric === 'freeboard').sort((x, y) => x.value - y.value)[0];
  if (fb) {
    const from = new Date(Date.parse(event.ts) - cfg.trendWindowH * 3_600_000).toISOString();
    const hist = await ctx.history(fb.sensorId, 'freeboard', { from });
    const slope = slopePerH(hist);
    hoursToOvertop = hoursTo(fb.value, 0, slope);
    const minF = num(a.minFreeboardM);
    if (slope !== null && slope < 0) {
      const toMin = minF === undefined ? null : hoursTo(fb.value, minF, slope);
      findings.push({
        zh: `安全超高 ${r2(fb.value)} 米，近 ${cfg.trendWindowH} 小时每小时下降 ${r1(-slope * 100)} 厘米；${toMin === null ? '' : `约 ${r1(toMin)} 小时降至设计最小值，`}约 ${r1(hoursToOvertop)} 小时漫顶`,
        en: `Freeboard ${r2(fb.value)} m, falling ${r1(-slope * 100)} cm/h over ${cfg.trendWindowH} h; ${toMin === null ? '' : `design minimum in about ${r1(toMin)} h, `}overtopping in about ${r1(hoursToOvertop)} h`,
      });
      if (hoursToOvertop <= cfg.overtopRedH) tier = maxTier(tier, 'red');
      else if (hoursToOvertop <= cfg.overtopOrangeH) tier = maxTier(tier, 'orange');
    }
  }

  // Dam-break estimate and the protection targets downstream.
  const at: LonLat = representativePoint(dam.geometry);
  const brg = num(a.downstreamBearingDeg) ?? null;
  const br = damBreak(
    {
      damHeightM: num(a.damHeightM) ?? 1,
      storageM3: num(a.storageM3) ?? 1,
      channelWidthM: num(a.downstreamChannelWidthM) ?? cfg.defaultChannelWidthM,
      slope: num(a.downstreamSlope) ?? cfg.defaultSlope,
    },
    cfg,
  );
  const candidates = await ctx.within(br.reachM, {
    roles: ['target', 'hazard'],
    at,
    ...(cfg.targetKinds.length > 0 ? { kinds: cfg.targetKinds } : {}),
  });
  const reached = candidates
    .map((o) => {
      const d = o.distanceM ?? 0;
      const inSector =
        brg === null ||
        d === 0 ||
        angleBetween(bearingDeg(at, representativePoint(o.geometry)), brg) <= cfg.sectorHalfAngleDeg;
      return { o, d, inSector, min: arrivalMin(d, cfg.sinuosity, cfg.frontSpeedMs) };
    })
    .filter((x) => x.inSector);
  const targets: AffectedTarget[] = reached.map(({ o, d }) => ({
    id: o.id,
    kind: o.kind,
    role: o.role,
    name: o.name,
    distanceM: Math.round(d),
  }));
  const first = reached[0];
  findings.push({
    zh: `溃坝估算：下泄量约 ${r1(br.releasedM3 / 1e4)} 万立方米，峰值流量约 ${Math.round(br.peakFlowM3s)} 立方米/秒，坝下水深约 ${r1(br.depthM)} 米，演进距离约 ${r1(br.runoutKm)} 公里${br.capped ? `（按上限 ${cfg.maxReachKm} 公里查找防护目标）` : ''}`,
    en: `Dam-break estimate: released volume about ${r1(br.releasedM3 / 1e6)} million m³, peak outflow about ${Math.round(br.peakFlowM3s)} m³/s, depth below the dam about ${r1(br.depthM)} m, runout about ${r1(br.runoutKm)} km${br.capped ? ` (targets searched to the ${cfg.maxReachKm} km cap)` : ''}`,
  });
  for (const x of reached.slice(0, 10))
    findings.push({
      zh: `${x.o.name.zh}距坝 ${Math.round(x.d)} 米，波前约 ${Math.round(x.min)} 分钟到达`,
      en: `${x.o.name.en}, ${Math.round(x.d)} m from the dam: front arrives in about ${Math.round(x.min)} min`,
    });
  // An orange dam with people inside the first minutes of the front leaves no time for an orderly response.
  if (first && first.min <= cfg.escalateArrivalMin && tier === 'orange') {
    tier = raiseTier(tier);
    findings.push({
      zh: `下游${first.o.name.zh}约 ${Math.round(first.min)} 分钟内可能被波及，预警升一级`,
      en: `${first.o.name.en} downstream could be reached within about ${Math.round(first.min)} min: tier raised by one`,
    });
  }

  if (tier !== null) {
    if (tierRank(tier) >= tierRank('orange') && reached.length > 0)
      actions.push({
        zh: `立即组织下游 ${targets.map((t) => t.name.zh).join('、')} 人员撤离至溃坝影响范围外高处，封闭下游道路`,
        en: `Evacuate ${targets.map((t) => t.name.en).join(', ')} downstream to high ground outside the reach at once and close the roads below the dam`,
      });
    if (
      items.some(
        (i) =>
          (i.metric === 'freeboard' || i.metric === 'dry_beach_length' || i.metric === 'pond_level') &&
          i.tier,
      )
    )
      actions.push({
        zh: '停止向库内排放尾矿和水，全力开启排洪系统降低库水位，检查排水井/斜槽/隧洞是否堵塞',
        en: 'Stop discharging tailings and water into the pond, run the flood drainage at full capacity to lower the pond, check decant tower, chute and tunnel for blockage',
      });
    if (
      items.some(
        (i) =>
          (i.metric === 'phreatic_depth' || i.metric.endsWith('disp') || i.metric === 'disp_rate') && i.tier,
      )
    )
      actions.push({
        zh: '巡查坝坡渗水、管涌、裂缝和滑移迹象，加密人工观测，必要时降低库水位、坝坡压坡',
        en: 'Inspect the slopes for seepage, piping, cracks and sliding, observe more often by hand, lower the pond and buttress the slope if needed',
      });
    actions.push({
      zh: '企业24小时值守，按应急预案通知下游村镇和应急管理部门',
      en: 'Staff the dam around the clock and notify the villages downstream and the emergency management bureau under the emergency plan',
    });
  }

  return {
    tier,
    impact: sectorPolygon(at, br.reachM, brg, cfg.sectorHalfAngleDeg),
    impactRadiusM: Math.round(br.reachM),
    targets,
    findings,
    actions,
    data: {
      damZh: dam.name.zh,
      damEn: dam.name.en,
      itemsZh,
      itemsEn,
      releasedWanM3: r1(br.releasedM3 / 1e4),
      releasedMillionM3: Math.round(br.releasedM3 / 1e4) / 100,
      peakFlow: Math.round(br.peakFlowM3s),
      depthM: r1(br.depthM),
      runoutKm: r1(br.runoutKm),
      reachKm: r1(br.reachM / 1000),
      firstArrivalMin: first ? Math.round(first.min) : '—',
      hoursToOvertop: Number.isFinite(hoursToOvertop) ? r1(hoursToOvertop) : '—',
    },
  };
}
