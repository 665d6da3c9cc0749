/**
 * The analysis: deformation items under double control (accumulated + rate), strut axial force, and
 * third-party works near gas mains and metro structures (guideline 2023 §4(2)14).
 */
import type {
  AffectedTarget,
  AlarmEvent,
  AnalysisContext,
  AnalysisResult,
  CityObject,
  Point,
  Statement,
  Tier,
} from '@fenghuo/sdk';
import {
  dailyIncrements,
  doubleControlTier,
  isSpike,
  raise,
  rateMmPerDay,
  singleControlTier,
  sustainedRate,
  tierIndex,
} from './control.js';
import { type ConstructionConfig, ITEMS, type Item, MACHINES, STRUT, thresholds } from './definition.js';
import { type AssetHit, classify, searchRadiusM, thirdPartyTier } from './zones.js';

const DAY_MS = 86_400_000;
const r1 = (x: number) => Math.round(x * 10) / 10;
const pct = (x: number) => Math.round(x * 100);

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : null;
}

function itemOf(metric: string): Item | null {
  return ITEMS.find((i) => metric === i.key || metric === `${i.key}_rate`) ?? null;
}

/** The history of one metric up to the event, with the event's own reading when it is not stored yet. */
async function series(ctx: AnalysisContext, sensorId: string, metric: string, endMs: number, days: number) {
  return ctx.history(sensorId, metric, {
    from: new Date(endMs - days * DAY_MS).toISOString(),
    to: new Date(endMs).toISOString(),
  });
}

function toTargets(objs: CityObject[], selfId: string): AffectedTarget[] {
  return objs
    .filter((o) => o.id !== selfId && (o.role === 'target' || o.role === 'hazard'))
    .map((o) => ({
      id: o.id,
      kind: o.kind,
      role: o.role,
      name: o.name,
      distanceM: Math.round(o.distanceM ?? 0),
    }));
}

/** Other sensors of the same works whose latest reading of some item is at ≥ 0.6 of its 预警值. */
async function corroborating(event: AlarmEvent, ctx: AnalysisContext, cfg: ConstructionConfig) {
  const out: { sensor: string; metric: string; ratio: number }[] = [];
  const near = await ctx.neighbours(cfg.pitRadiusM);
  for (const s of near) {
    if (s.objectId !== event.object.id) continue;
    for (const m of s.metrics) {
      if (m === MACHINES || !thresholds[m]) continue;
      const [last] = await ctx.history(s.id, m, { limit: 1 });
      const lim = await ctx.thresholds(s.id, m);
      // The orange level is 1.0 W on every ratio ladder, so it recovers W after city overrides.
      const w = lim.orange;
      if (!last || !w) continue;
      const ratio = last.value / w;
      if (ratio >= 0.6) {
        out.push({ sensor: s.id, metric: m, ratio });
        break;
      }
    }
  }
  return out;
}

/** Gas mains and metro structures inside the influence zone of the works: named, and they raise the tier. */
async function sensitiveAssets(ctx: AnalysisContext, radiusM: number, cfg: ConstructionConfig) {
  const kinds = [...cfg.gasKinds, ...cfg.metroKinds];
  if (kinds.length === 0) return [];
  return ctx.within(radiusM, { kinds });
}

function names(objs: { name: { zh: string; en: string }; distanceM?: number }[]) {
  return {
    zh: objs.map((o) => `${o.name.zh}（${Math.round(o.distanceM ?? 0)} 米）`).join('、'),
    en: objs.map((o) => `${o.name.en} (${Math.round(o.distanceM ?? 0)} m)`).join(', '),
  };
}

const TIER_ACTIONS: Record<Tier, Statement[]> = {
  blue: [
    {
      zh: '加密监测频率（至少每日 2 次），监测单位复核数据并报施工、监理、设计单位',
      en: 'Monitor at least twice a day; the monitoring contractor checks the data and reports to the contractor, supervisor and designer',
    },
  ],
  yellow: [
    {
      zh: '暂停该区段超挖与坑边堆载，检查支撑/锚杆施工及时性，设计单位复核',
      en: 'Stop over-excavation and surcharge at the pit edge in that section, check that struts/anchors are installed in time, designer to review',
    },
  ],
  orange: [
    {
      zh: '停止该区段开挖，启动应急预案：回填反压或加设支撑，组织专家论证，通知周边管线和建筑权属单位',
      en: 'Stop excavation in that section and start the emergency plan: back-fill or add struts, convene experts, notify the owners of nearby utilities and buildings',
    },
  ],
  red: [
    {
      zh: '立即停工撤离坑内及坑边人员，设置警戒，回填反压；通知燃气/地铁/供水等权属单位到场并准备关阀或限速',
      en: 'Stop work and evacuate the pit and its edge at once, cordon off, back-fill; call the gas/metro/water owners on site to be ready to close valves or slow trains',
    },
  ],
};

function actionsFor(tier: Tier): Statement[] {
  const out: Statement[] = [];
  for (let i = tierIndex(tier); i >= 0; i--)
    out.push(...TIER_ACTIONS[(['blue', 'yellow', 'orange', 'red'] as const)[i]!]);
  return out;
}

/** Deformation or groundwater item under double control. */
async function analyseItem(
  item: Item,
  event: AlarmEvent,
  ctx: AnalysisContext,
  cfg: ConstructionConfig,
): Promise<AnalysisResult> {
  const attrs = event.object.attributes;
  const cumW = num(attrs[item.cumAttr]);
  const rateW = num(attrs[item.rateAttr]);
  const endMs = Date.parse(event.ts);
  const sid = event.sensor.id;
  const has = (m: string) => event.sensor.metrics.includes(m);
  const rateKey = `${item.key}_rate`;

  const cumPts: Point[] = has(item.key) ? await series(ctx, sid, item.key, endMs, cfg.lookbackDays) : [];
  const ratePts: Point[] = has(rateKey) ? await series(ctx, sid, rateKey, endMs, cfg.lookbackDays) : [];
  const cum = cumPts.at(-1)?.value ?? null;
  const reported = ratePts.at(-1)?.value ?? null;
  const computed = rateMmPerDay(cumPts, endMs, cfg.rateWindowH);
  const rate = reported ?? computed;

  const cumRatio = cum !== null && cumW ? cum / cumW : null;
  const rateRatio = rate !== null && rateW ? rate / rateW : null;
  const findings: Statement[] = [];
  const peers = await corroborating(event, ctx, cfg);

  // A single survey outlier (a prism knocked, a mis-sighted total station) with nothing else moving.
  if (event.metric === item.key && cumW) {
    const sp = isSpike(cumPts, cumW, rateW, {
      minRatio: cfg.spikeMinRatio,
      rateFactor: cfg.spikeRateFactor,
      windowH: cfg.rateWindowH,
    });
    const rateAgrees = reported !== null && rateW !== null && reported >= 0.6 * rateW;
    if (sp.spike && peers.length === 0 && !rateAgrees) {
      return {
        tier: null,
        findings: [
          {
            zh: `疑似测量粗差：单次读数跳变 ${r1(sp.jumpMm)} mm（${pct(sp.jumpMm / cumW)}% 预警值），此前速率 ${r1(sp.priorRate ?? 0)} mm/d 平稳，同一工程其他测点未见异常`,
            en: `Suspected survey outlier: one reading jumped ${r1(sp.jumpMm)} mm (${pct(sp.jumpMm / cumW)} % of the warning value) after a quiet trend of ${r1(sp.priorRate ?? 0)} mm/d, and no other point of the works moved`,
          },
        ],
        actions: [
          {
            zh: '监测单位 2 小时内复测该点（检查棱镜、基准点和仪器），复测确认后再研判',
            en: 'The monitoring contractor re-surveys the point within 2 h (prism, reference points, instrument) before any judgement',
          },
        ],
        data: { itemZh: item.name.zh, itemEn: item.name.en },
      };
    }
  }

  // GB 50497-2009 8.0.4 note 3: a rate above half its warning value on each of 3 days must be alarmed. The
  // catalogue places that at `alarm` (the responsible units, as GB 50497 addresses them), which the
  // 0.5 W owner alarm on the rate already gives; a city may make it a warning (`sustainedRateTier`).
  let sustained = false;
  if (rateW && cumPts.length > 1) {
    sustained = sustainedRate(
      dailyIncrements(cumPts, endMs, cfg.sustainedRateDays),
      rateW,
      cfg.sustainedRateRatio,
      cfg.sustainedRateDays,
    );
    if (sustained) {
      findings.push({
        zh: `变化速率连续 ${cfg.sustainedRateDays} 天超过速率预警值的 ${pct(cfg.sustainedRateRatio)}%（GB 50497 规定应报警：建设、施工、监理、设计和监测单位应分析原因）`,
        en: `The rate exceeded ${pct(cfg.sustainedRateRatio)} % of its warning value on each of the last ${cfg.sustainedRateDays} days (GB 50497 requires an alarm: the client, contractor, supervisor, designer and monitoring firm must find the cause)`,
      });
    }
  }

  let tier = doubleControlTier(cumRatio, rateRatio);
  if (sustained && cfg.sustainedRateTier !== 'none' && tierIndex(tier) < tierIndex(cfg.sustainedRateTier))
    tier = cfg.sustainedRateTier;
  findings.unshift({
    zh: `${item.name.zh}：累计 ${cum === null ? '—' : r1(cum)} mm（${cumRatio === null ? '—' : pct(cumRatio)}% 累计预警值 ${cumW ?? '—'} mm），速率 ${rate === null ? '—' : r1(rate)} mm/d（${rateRatio === null ? '—' : pct(rateRatio)}% 速率预警值 ${rateW ?? '—'} mm/d），双控判定${tier ? '' : '未达蓝色'}`,
    en: `${item.name.en}: accumulated ${cum === null ? '—' : r1(cum)} mm (${cumRatio === null ? '—' : pct(cumRatio)} % of W ${cumW ?? '—'} mm), rate ${rate === null ? '—' : r1(rate)} mm/d (${rateRatio === null ? '—' : pct(rateRatio)} % of the rate W ${rateW ?? '—'} mm/d)${tier ? '' : ', below blue on both controls'}`,
  });
  if (cumRatio !== null && cumRatio >= 1 && rateRatio !== null && rateRatio >= cfg.dangerRateRatio) {
    tier = 'red';
    findings.push({
      zh: '累计值已超预警值且速率突然明显增大：属 GB 50497 危险情况',
      en: 'Accumulated value beyond W and a sudden large rate increase: a danger condition of GB 50497',
    });
  }
  return finish(tier, findings, peers, item, event, ctx, cfg, {
    cum: cum === null ? '—' : r1(cum),
    rate: rate === null ? '—' : r1(rate),
  });
}

/** Escalation by other points, surroundings and targets; shared by the items and the strut force. */
async function finish(
  base: Tier | null,
  findings: Statement[],
  peers: { sensor: string; metric: string; ratio: number }[],
  item: { key: string; name: { zh: string; en: string } },
  event: AlarmEvent,
  ctx: AnalysisContext,
  cfg: ConstructionConfig,
  values: { cum: number | string; rate: number | string },
): Promise<AnalysisResult> {
  const depth = num(event.object.attributes.depthM) ?? 10;
  const radiusM = Math.max(cfg.influenceMinM, cfg.influenceFactorH * depth);
  let steps = 0;
  if (peers.length > 0) {
    findings.push({
      zh: `同一工程另有 ${peers.length} 个测点达 60% 预警值以上：${peers.map((p) => `${p.sensor}（${pct(p.ratio)}%）`).join('、')}`,
      en: `${peers.length} other point(s) of the works at ≥ 60 % of their warning value: ${peers.map((p) => `${p.sensor} (${pct(p.ratio)} %)`).join(', ')}`,
    });
    if (peers.length >= cfg.corroborateMin) steps++;
  }
  if (item.key === 'groundwater_drop' && peers.some((p) => p.metric.startsWith('ground_settlement'))) {
    findings.push({
      zh: '坑外水位下降伴随地表沉降：疑似止水帷幕渗漏',
      en: 'Groundwater drop with ground settlement outside the pit: likely leakage through the cut-off wall',
    });
  }
  const assets = base === null ? [] : await sensitiveAssets(ctx, radiusM, cfg);
  if (assets.length > 0) {
    const n = names(assets);
    findings.push({
      zh: `影响范围（${Math.round(radiusM)} 米）内有燃气管线/地铁设施：${n.zh}`,
      en: `Gas mains / metro structures inside the influence zone (${Math.round(radiusM)} m): ${n.en}`,
    });
    steps++;
  }
  const tier = raise(base, Math.min(steps, cfg.maxEscalation));
  const targets =
    tier === null
      ? []
      : toTargets(await ctx.within(radiusM, { roles: ['target', 'hazard'] }), event.object.id);
  const linked = assets.map((a) => ({
    id: a.id,
    kind: a.kind,
    role: a.role,
    name: a.name,
    distanceM: Math.round(a.distanceM ?? 0),
  }));
  const actions = tier === null ? [] : actionsFor(tier);
  if (tier !== null && assets.length > 0)
    actions.unshift({
      zh: `通知${names(assets).zh.replace(/（[^）]*）/g, '')}权属单位加密巡查并监测管线/结构变形`,
      en: `Tell the owners of ${assets.map((a) => a.name.en).join(', ')} to patrol more often and monitor their deformation`,
    });
  return {
    tier,
    impactRadiusM: Math.round(radiusM),
    targets: [...linked, ...targets.filter((t) => !linked.some((l) => l.id === t.id))],
    findings,
    actions,
    data: {
      itemZh: item.name.zh,
      itemEn: item.name.en,
      cum: values.cum,
      rate: values.rate,
      summaryZh: findings.map((f) => f.zh).join('；'),
      summaryEn: findings.map((f) => f.en).join('; '),
    },
  };
}

async function analyseStrut(
  event: AlarmEvent,
  ctx: AnalysisContext,
  cfg: ConstructionConfig,
): Promise<AnalysisResult> {
  const w = num(event.object.attributes.strutWarnKn);
  const ratio = w ? event.value / w : 0;
  const base = singleControlTier(ratio, thresholds[STRUT]?.levels.red ?? 1.25);
  const findings: Statement[] = [
    {
      zh: `支撑轴力 ${Math.round(event.value)} kN，为预警值 ${w ?? '—'} kN 的 ${pct(ratio)}%`,
      en: `Strut axial force ${Math.round(event.value)} kN, ${pct(ratio)} % of its warning value ${w ?? '—'} kN`,
    },
  ];
  const peers = await corroborating(event, ctx, cfg);
  const item = { key: STRUT, name: { zh: '支撑轴力', en: 'Strut axial force' } };
  return finish(base, findings, peers, item, event, ctx, cfg, { cum: Math.round(event.value), rate: '—' });
}

async function analyseMachines(
  event: AlarmEvent,
  ctx: AnalysisContext,
  cfg: ConstructionConfig,
): Promise<AnalysisResult> {
  const near = await ctx.within(searchRadiusM(cfg), { kinds: [...cfg.gasKinds, ...cfg.metroKinds] });
  const hits = near.map((o) => classify(o, cfg)).filter((h): h is AssetHit => h !== null);
  const tier = thirdPartyTier(hits);
  if (tier === null)
    return {
      tier: null,
      findings: [
        {
          zh: `识别到 ${event.value} 台施工机械，但 ${searchRadiusM(cfg)} 米内无燃气管线或地铁设施的控制范围`,
          en: `${event.value} machine(s) recognised, but outside the control range of every gas main and metro structure within ${searchRadiusM(cfg)} m`,
        },
      ],
      actions: [],
    };
  const findings: Statement[] = [];
  const actions: Statement[] = [];
  for (const h of hits) {
    const zoneZh = h.zone === 'protection' ? '保护范围' : '控制范围';
    const zoneEn = h.zone === 'protection' ? 'protection range' : 'control range';
    if (h.asset === 'gas')
      findings.push({
        zh: `施工机械位于${h.obj.name.zh}${zoneZh}内（距 ${r1(h.distanceM)} 米）：可能挖破燃气管道，导致泄漏、火灾或爆炸，影响半径约 ${h.impactM} 米`,
        en: `Machines inside the ${zoneEn} of ${h.obj.name.en} (${r1(h.distanceM)} m): a strike could cause a gas leak, fire or explosion, impact radius about ${h.impactM} m`,
      });
    else
      findings.push({
        zh: `施工机械位于${h.obj.name.zh}${zoneZh}内（距 ${r1(h.distanceM)} 米）：可能击穿或损伤地铁隧道结构，影响运营安全`,
        en: `Machines inside the ${zoneEn} of ${h.obj.name.en} (${r1(h.distanceM)} m): they could breach or damage the metro structure and endanger operation`,
      });
  }
  const gas = hits.filter((h) => h.asset === 'gas');
  const metro = hits.filter((h) => h.asset === 'metro');
  actions.push({
    zh: '立即派员到场制止施工，核查施工许可与管线交底（探明管位后方可作业）',
    en: 'Send staff to stop the works at once and check the permit and utility disclosure (no digging before the line is located)',
  });
  if (gas.length)
    actions.push({
      zh: `通知燃气公司（${gas.map((h) => h.obj.name.zh).join('、')}）到场监护，检查管道压力与周边甲烷浓度，准备关阀`,
      en: `Call the gas company (${gas.map((h) => h.obj.name.en).join(', ')}) to stand by, check line pressure and methane around, and be ready to close valves`,
    });
  if (metro.length)
    actions.push({
      zh: `通知地铁运营单位（${metro.map((h) => h.obj.name.zh).join('、')}）巡查隧道结构，必要时限速`,
      en: `Tell the metro operator (${metro.map((h) => h.obj.name.en).join(', ')}) to inspect the tunnel and slow trains if needed`,
    });
  const impactM = Math.max(...hits.map((h) => h.impactM));
  const around = await ctx.within(impactM, { roles: ['target', 'hazard'] });
  const linked: AffectedTarget[] = hits.map((h) => ({
    id: h.obj.id,
    kind: h.obj.kind,
    role: h.obj.role,
    name: h.obj.name,
    distanceM: Math.round(h.distanceM),
  }));
  return {
    tier,
    impactRadiusM: impactM,
    targets: [
      ...linked,
      ...toTargets(around, event.object.id).filter((t) => !linked.some((l) => l.id === t.id)),
    ],
    findings,
    actions,
    data: {
      itemZh: '第三方施工',
      itemEn: 'Third-party works',
      cum: event.value,
      rate: '—',
      summaryZh: findings.map((f) => f.zh).join('；'),
      summaryEn: findings.map((f) => f.en).join('; '),
    },
  };
}

/** Dispatch by metric. */
export async function analyseConstruction(
  event: AlarmEvent,
  ctx: AnalysisContext,
  cfg: ConstructionConfig,
): Promise<AnalysisResult> {
  if (event.metric === MACHINES) return analyseMachines(event, ctx, cfg);
  if (event.metric === STRUT) return analyseStrut(event, ctx, cfg);
  const item = itemOf(event.metric);
  if (item) return analyseItem(item, event, ctx, cfg);
  return { tier: null, findings: [], actions: [] };
}
