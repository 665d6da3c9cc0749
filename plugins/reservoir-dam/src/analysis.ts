/**
 * The analyses behind an alarm: pool level against the dam's characteristic levels with the rise trend,
 * seepage (lone spike vs sustained rise, turbidity = piping signature), deformation and rainfall; then,
 * from `routeFromTier` up, the downstream dam-break inundation estimate and the targets inside it.
 */
import {
  type AlarmEvent,
  type AnalysisContext,
  type AnalysisResult,
  type CityObject,
  LEVELS,
  type Statement,
  type Tier,
} from '@fenghuo/sdk';
import type { DamAttributes, DamConfig } from './definition.js';
import type { LonLat } from './geo.js';
import { downstreamFlood, type Flood } from './inundation.js';
import { assessLevel } from './levels.js';
import { isLoneSpike, median, type Sample, slopePerHour, toSamples } from './series.js';

const DAM_KINDS = ['earth_rock_dam', 'concrete_dam'];
const r1 = (x: number) => Math.round(x * 10) / 10;
const r2 = (x: number) => Math.round(x * 100) / 100;
const fmtH = (h: number) => (Number.isFinite(h) ? r1(h) : '—');
const iso = (ms: number) => new Date(ms).toISOString();
const idx = (t: Tier | null) => (t === null ? 0 : LEVELS.indexOf(t));
const maxTier = (a: Tier | null, b: Tier | null): Tier | null => (idx(a) >= idx(b) ? a : b);
const eventTier = (e: AlarmEvent): Tier | null => (e.level === 'alarm' ? null : e.level);

/** The dam an object belongs to: itself, or a spillway's `damId`. */
async function damOf(ctx: AnalysisContext, obj: CityObject): Promise<CityObject | null> {
  if (DAM_KINDS.includes(obj.kind)) return obj;
  const id = obj.attributes['damId'];
  const dam = typeof id === 'string' ? await ctx.object(id) : null;
  return dam && DAM_KINDS.includes(dam.kind) ? dam : null;
}

/** The event's sensor when it measures `metric`, else the nearest sensor of the same dam that does. */
async function sensorFor(
  ctx: AnalysisContext,
  event: AlarmEvent,
  metric: string,
  cfg: DamConfig,
): Promise<string | null> {
  if (event.sensor.metrics.includes(metric)) return event.sensor.id;
  const near = await ctx.neighbours(cfg.sensorRadiusM, { metric });
  return near[0]?.id ?? null;
}

/** Samples of `metric` over the last `hours` before the event, from {@link sensorFor}'s sensor. */
async function series(
  ctx: AnalysisContext,
  event: AlarmEvent,
  metric: string,
  cfg: DamConfig,
  hours: number,
  sensorId?: string | null,
): Promise<Sample[]> {
  const id = sensorId === undefined ? await sensorFor(ctx, event, metric, cfg) : sensorId;
  if (id === null) return [];
  const to = Date.parse(event.ts);
  return toSamples(await ctx.history(id, metric, { from: iso(to - hours * 3_600_000), to: event.ts }));
}

interface Partial {
  tier: Tier | null;
  findings: Statement[];
  actions: Statement[];
  /** Pool elevation to route a breach from; `null` when no level reading is at hand. */
  aboveFlwlM: number | null;
  /** Seepage rising and turning muddy: the piping signature, which adds the filter-well action. */
  piping?: boolean;
  data: Record<string, string | number>;
}

async function levelPart(
  event: AlarmEvent,
  ctx: AnalysisContext,
  a: DamAttributes,
  cfg: DamConfig,
): Promise<Partial> {
  const s = await series(ctx, event, 'level_above_flood_limit', cfg, cfg.trendWindowH);
  const rate = slopePerHour(s);
  const v = event.value;
  const l = assessLevel(a, v, rate);
  let tier = l.tier;
  const findings: Statement[] = [
    {
      zh: `库水位 ${r2(l.poolM)} m，${v >= 0 ? '超' : '低于'}汛限水位 ${r2(Math.abs(v))} m；近 ${cfg.trendWindowH} 小时涨率 ${r2(rate)} m/h；距坝顶 ${r2(l.freeboardM)} m`,
      en: `Pool at ${r2(l.poolM)} m, ${r2(Math.abs(v))} m ${v >= 0 ? 'above' : 'below'} the flood-limit level; rising ${r2(rate)} m/h over ${cfg.trendWindowH} h; ${r2(l.freeboardM)} m below the crest`,
    },
  ];
  const LEVEL_NAME: Record<typeof l.reached, Statement> = {
    none: { zh: '低于汛限水位', en: 'below the flood-limit level' },
    near_flood_limit: { zh: '接近汛限水位', en: 'near the flood-limit level' },
    flood_limit: { zh: '超汛限水位', en: 'above the flood-limit level' },
    upper: { zh: '达到防洪高水位/正常蓄水位', en: 'at the upper flood-control / normal pool level' },
    design_flood: { zh: '达到设计洪水位', en: 'at the design flood level' },
    check_flood: { zh: '达到校核洪水位', en: 'at the check flood level' },
    freeboard: { zh: '坝顶超高不足', en: 'freeboard below the allowance' },
  };
  findings.push({ zh: `水位${LEVEL_NAME[l.reached].zh}`, en: `Pool ${LEVEL_NAME[l.reached].en}` });
  if (rate > 0 && l.hoursToCrest <= cfg.leadTimeH) {
    tier = 'red';
    findings.push({
      zh: `按当前涨率约 ${fmtH(l.hoursToCrest)} 小时后漫顶，存在漫坝溃坝风险`,
      en: `At this rate the dam is overtopped in about ${fmtH(l.hoursToCrest)} h: overtopping and breach risk`,
    });
  } else if (rate > 0 && l.hoursToCheck <= cfg.leadTimeH) {
    tier = maxTier(tier, 'orange');
    findings.push({
      zh: `按当前涨率约 ${fmtH(l.hoursToCheck)} 小时后达校核洪水位`,
      en: `At this rate the check flood level is reached in about ${fmtH(l.hoursToCheck)} h`,
    });
  }
  const rain = await series(ctx, event, 'rainfall', cfg, 3);
  const lastRain = rain[rain.length - 1]?.v;
  if (lastRain !== undefined)
    findings.push({
      zh: `流域24小时面雨量 ${r1(lastRain)} mm`,
      en: `Basin 24-h rainfall ${r1(lastRain)} mm`,
    });
  return {
    tier,
    findings,
    actions: [],
    aboveFlwlM: v,
    data: {
      poolM: r2(l.poolM),
      riseMPerH: r2(rate),
      freeboardM: r2(l.freeboardM),
      hoursToCrest: fmtH(l.hoursToCrest),
    },
  };
}

async function seepagePart(
  event: AlarmEvent,
  ctx: AnalysisContext,
  a: DamAttributes,
  cfg: DamConfig,
): Promise<Partial> {
  const base = a.baselineSeepageLps;
  const flowId = await sensorFor(ctx, event, 'seepage_flow', cfg);
  const flow = await series(ctx, event, 'seepage_flow', cfg, 48, flowId);
  // The effective limits after the city's override, as ratios of the baseline (catalogue 1.2 and 2.0).
  const lim = flowId === null ? {} : await ctx.thresholds(flowId, 'seepage_flow');
  const blueR = base !== undefined && lim.blue !== undefined ? lim.blue / base : 1.2;
  const orangeR = base !== undefined && lim.orange !== undefined ? lim.orange / base : 2;
  const turb = await series(ctx, event, 'seepage_turbidity', cfg, 48);
  const turbLast = turb[turb.length - 1]?.v;
  const turbBase = median(turb.slice(0, Math.max(1, Math.floor(turb.length / 2))).map((x) => x.v));
  const turbidRising =
    turbLast !== undefined && Number.isFinite(turbBase) && turbLast - turbBase >= cfg.turbidityRiseNtu;
  const lastFlow = flow[flow.length - 1]?.v;
  const ratio = base !== undefined && lastFlow !== undefined ? lastFlow / base : null;
  const findings: Statement[] = [];
  if (ratio !== null)
    findings.push({
      zh: `渗流量 ${r1(lastFlow!)} L/s，为同水位历史值的 ${r2(ratio)} 倍`,
      en: `Seepage ${r1(lastFlow!)} L/s, ${r2(ratio)} × the historical flow at this pool level`,
    });
  if (turbLast !== undefined)
    findings.push({
      zh: `渗水浑浊度 ${r1(turbLast)} NTU（基线 ${r1(turbBase)}）${turbidRising ? '，正在变浑' : ''}`,
      en: `Seepage turbidity ${r1(turbLast)} NTU (baseline ${r1(turbBase)})${turbidRising ? ', turning muddy' : ''}`,
    });
  let tier = eventTier(event);
  if (
    event.metric === 'seepage_flow' &&
    !turbidRising &&
    isLoneSpike(flow, cfg.spikeJumpRatio, cfg.spikeBaselineSamples)
  ) {
    findings.unshift({
      zh: '单点突跳：此前渗流量平稳、浑浊度未变，判为量水堰/传感器异常或偶发干扰，不发布预警',
      en: 'Lone spike: seepage was steady before and turbidity is unchanged; read as a weir or sensor fault, no warning',
    });
    return {
      tier: null,
      findings,
      actions: [
        {
          zh: '现场核查量水堰及传感器，复测渗流量',
          en: 'Check the measuring weir and the sensor on site and re-measure',
        },
      ],
      aboveFlwlM: null,
      data: {},
    };
  }
  const piping = turbidRising && ratio !== null && ratio >= blueR;
  if (piping) {
    // Rising flow that turns muddy carries soil: the catalogue's piping signature.
    tier = ratio >= orangeR ? 'red' : maxTier(tier, 'orange');
    findings.push({
      zh: '渗流量增大且渗水变浑，疑似管涌/渗透破坏',
      en: 'Seepage rising and turning muddy: suspected piping (internal erosion)',
    });
  } else if (event.metric === 'seepage_turbidity' && (ratio === null || ratio < blueR)) {
    findings.push({
      zh: '渗流量未增大：浑浊可能来自地表径流或堰槽淤积，需现场确认',
      en: 'Seepage flow not up: turbidity may come from surface runoff or weir silt; confirm on site',
    });
  }
  return {
    tier,
    findings,
    actions: [],
    aboveFlwlM: null,
    data: { seepageRatio: ratio === null ? '—' : r2(ratio) },
  };
}

async function deformationPart(
  event: AlarmEvent,
  ctx: AnalysisContext,
  a: DamAttributes,
  cfg: DamConfig,
): Promise<Partial> {
  const s = await series(ctx, event, 'surface_disp', cfg, 72);
  const rate = slopePerHour(s) * 24;
  const ratio = a.allowableDispMm ? event.value / a.allowableDispMm : null;
  return {
    tier: eventTier(event),
    findings: [
      {
        zh: `坝体表面变形 ${r1(event.value)} mm${ratio === null ? '' : `，为允许值的 ${r2(ratio)} 倍`}，近 3 天速率 ${r2(rate)} mm/d`,
        en: `Dam surface displacement ${r1(event.value)} mm${ratio === null ? '' : `, ${r2(ratio)} × the allowable`}; ${r2(rate)} mm/d over 3 days`,
      },
    ],
    actions: [],
    aboveFlwlM: null,
    data: { dispRateMmD: r2(rate) },
  };
}

function rainfallPart(event: AlarmEvent): Partial {
  return {
    tier: eventTier(event),
    findings: [
      { zh: `流域24小时面雨量 ${r1(event.value)} mm`, en: `Basin 24-h rainfall ${r1(event.value)} mm` },
    ],
    actions: [],
    aboveFlwlM: null,
    data: {},
  };
}

const ACTIONS: Record<Tier, Statement[]> = {
  blue: [
    {
      zh: '加密巡坝检查（每日不少于2次），检查泄洪设施启闭',
      en: 'Step up dam inspections (at least twice a day); test the spillway gates',
    },
    {
      zh: '按调度规程预泄，将库水位降至汛限水位以下',
      en: 'Pre-release per the operating rules to bring the pool below the flood-limit level',
    },
  ],
  yellow: [
    {
      zh: '24小时值守，按调度规程开闸泄洪，提前通知下游沿河乡镇',
      en: 'Staff the dam 24 h; release per the operating rules and tell the riverside towns downstream first',
    },
    { zh: '下游危险区做好人员转移准备', en: 'Prepare to evacuate people from the downstream danger zone' },
  ],
  orange: [
    {
      zh: '启动水库防汛抢险应急预案，抢险队伍和物资上坝',
      en: 'Activate the dam emergency plan; send repair crews and materials to the dam',
    },
    {
      zh: '组织下游淹没区老弱病残等人员先行转移',
      en: 'Evacuate the vulnerable from the downstream inundation zone first',
    },
  ],
  red: [
    {
      zh: '立即组织下游淹没区全部人员转移，按洪水到达时间由近及远',
      en: 'Evacuate everyone in the downstream inundation zone now, nearest (earliest arrival) first',
    },
    {
      zh: '全力泄洪、抢护大坝，报告地方政府和上级防汛部门',
      en: 'Release at full capacity, defend the dam, and report to the local government and flood-control headquarters',
    },
  ],
};

/**
 * The title's subject: "<dam> 险情" when the name already says 水库 or 坝 (梅灵水库大坝险情, not
 * 梅灵水库大坝水库险情), "<name>水库险情" when it does not (梅灵 → 梅灵水库险情); in English "dam hazard at
 * <name>", with "reservoir" added only when the name says neither reservoir nor dam.
 *
 * @example
 * hazardSubject({ zh: '梅灵水库大坝', en: 'Meiling Reservoir dam' });
 * // { zh: '梅灵水库大坝险情', en: 'dam hazard at Meiling Reservoir dam' }
 */
export function hazardSubject(name: Statement): Statement {
  return {
    zh: /水库|坝/.test(name.zh) ? `${name.zh}险情` : `${name.zh}水库险情`,
    en: /\b(reservoir|dam)\b/i.test(name.en)
      ? `dam hazard at ${name.en}`
      : `dam hazard at ${name.en} reservoir`,
  };
}

const subjectData = (name: Statement) => {
  const t = hazardSubject(name);
  return { subjectZh: t.zh, subjectEn: t.en };
};

/** The whole analysis of one alarm. */
export async function analyseDam(
  event: AlarmEvent,
  ctx: AnalysisContext,
  cfg: DamConfig,
): Promise<AnalysisResult> {
  const dam = await damOf(ctx, event.object);
  if (!dam) {
    return {
      tier: eventTier(event),
      findings: [
        { zh: '未找到所属大坝，仅按阈值报警', en: 'No dam found for this object; threshold alarm only' },
      ],
      actions: [],
      data: subjectData(event.object.name),
    };
  }
  const a = dam.attributes as DamAttributes;
  const part =
    event.metric === 'level_above_flood_limit'
      ? await levelPart(event, ctx, a, cfg)
      : event.metric === 'seepage_flow' || event.metric === 'seepage_turbidity'
        ? await seepagePart(event, ctx, a, cfg)
        : event.metric === 'surface_disp'
          ? await deformationPart(event, ctx, a, cfg)
          : rainfallPart(event);
  const { tier, findings } = part;
  const actions = [...part.actions];
  if (tier) actions.push(...ACTIONS[tier]);
  if (tier && part.piping)
    actions.unshift({
      zh: '立即对渗漏出口抢筑反滤围井/反滤压重，降低库水位',
      en: 'Build filter wells / filter berms at the seepage exit at once and draw the pool down',
    });

  let flood: Flood | null = null;
  if (tier && idx(tier) >= idx(cfg.routeFromTier)) {
    let above = part.aboveFlwlM;
    if (above === null) {
      const lv = await series(ctx, event, 'level_above_flood_limit', cfg, 6);
      above = lv[lv.length - 1]?.v ?? 0;
    }
    const damAt: LonLat = dam.geometry.type === 'Point' ? dam.geometry.coordinates : event.sensor.location;
    flood = await downstreamFlood(ctx, dam, a, damAt, a.floodLimitLevelM + above, cfg);
  }
  const data: Record<string, string | number> = {
    dam: dam.name.zh,
    damEn: dam.name.en,
    ...subjectData(dam.name),
    ...part.data,
  };
  if (flood) {
    const last = flood.stations[flood.stations.length - 1]!;
    const first = flood.targets[0];
    findings.push({
      zh: `溃坝估算（${flood.method === 'froehlich' ? 'Froehlich 1995' : 'Ritter'}）：水头 ${r1(flood.headM)} m、库容 ${Math.round(flood.volumeM3 / 1e4)} 万m³，坝址洪峰约 ${Math.round(flood.peakM3s)} m³/s；${Math.round(last.chainageM / 1000)} km 处衰减至 ${Math.round(last.peakM3s)} m³/s，洪峰约 ${Math.round(last.arrivalMin)} 分钟到达，水深约 ${r1(last.depthM)} m，淹没宽约 ${Math.round(last.topWidthM)} m`,
      en: `Breach estimate (${flood.method === 'froehlich' ? 'Froehlich 1995' : 'Ritter'}): head ${r1(flood.headM)} m, ${r1(flood.volumeM3 / 1e6)} million m³, peak at the dam about ${Math.round(flood.peakM3s)} m³/s; ${Math.round(last.peakM3s)} m³/s at ${Math.round(last.chainageM / 1000)} km, arriving in about ${Math.round(last.arrivalMin)} min, about ${r1(last.depthM)} m deep and ${Math.round(last.topWidthM)} m wide`,
    });
    if (first)
      findings.push({
        zh: `下游淹没范围内 ${flood.targets.length} 处防护目标/危险源，最早 ${first.name.zh} 约 ${first.arrivalMin} 分钟后受淹`,
        en: `${flood.targets.length} protection target(s)/hazard(s) in the downstream inundation zone; ${first.name.en} first, in about ${first.arrivalMin} min`,
      });
    const sensitive = flood.targets.filter((t) => cfg.sensitiveKinds.includes(t.kind));
    if (sensitive.length > 0)
      findings.push({
        zh: `需优先转移的敏感目标：${sensitive.map((t) => `${t.name.zh}（约${t.arrivalMin}分钟）`).join('、')}`,
        en: `Sensitive targets to evacuate first: ${sensitive.map((t) => `${t.name.en} (~${t.arrivalMin} min)`).join(', ')}`,
      });
    const sep = (lang: 'zh' | 'en') => (lang === 'zh' ? '、' : ', ');
    const list = (lang: 'zh' | 'en') =>
      flood!.targets
        .map((t) =>
          lang === 'zh'
            ? `${t.name.zh}（下游${r1(t.distanceM / 1000)}km，约${t.arrivalMin}分钟，水深${t.depthM}m）`
            : `${t.name.en} (${r1(t.distanceM / 1000)} km downstream, ~${t.arrivalMin} min, ${t.depthM} m deep)`,
        )
        .join(sep(lang)) || (lang === 'zh' ? '无' : 'none');
    Object.assign(data, {
      peakM3s: Math.round(flood.peakM3s),
      routedKm: r1(last.chainageM / 1000),
      firstArrivalMin: first ? first.arrivalMin : '—',
      channel: flood.channel.name,
      channelEn: flood.channel.nameEn,
      targetsZh: list('zh'),
      targetsEn: list('en'),
    });
  } else {
    Object.assign(data, {
      peakM3s: '—',
      routedKm: 0,
      firstArrivalMin: '—',
      channel: '—',
      channelEn: '—',
      targetsZh: '—',
      targetsEn: '—',
    });
  }
  return {
    tier,
    ...(flood ? { impact: flood.impact } : {}),
    targets: flood
      ? flood.targets.map(({ id, kind, role, name, distanceM }) => ({ id, kind, role, name, distanceM }))
      : [],
    findings,
    actions,
    data,
  };
}
