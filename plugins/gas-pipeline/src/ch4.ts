/**
 * Analysis of a methane alarm in a valve well or an adjacent underground space (guideline §4(2)1):
 * normalise the LEL basis, tell a leak from a spike or a drifting cell, find the likely source from the
 * neighbouring curves, size the impact area, list who is inside it and set the tier.
 */
import {
  type AlarmEvent,
  type AnalysisContext,
  type AnalysisResult,
  type Level,
  type LevelValues,
  levelIndex,
  type Statement,
  type Tier,
} from '@fenghuo/sdk';
import { actionsFor, ownerCheck } from './actions.js';
import {
  CONDUIT_SPACES,
  exposure,
  findMain,
  type GasSign,
  gasCurves,
  iso,
  levelIdx,
  lineEvidence,
  mainHazard,
  namesWithDistance,
  Objects,
  round1,
  round2,
  seesGas,
  TIER_NAME,
  tierAt,
} from './common.js';
import type { GasConfig } from './definition.js';
import { circlePolygon, distanceM } from './geo.js';
import { impactRadius, lelFactor, lelToVolume, levelOf, pressureClassName } from './impact.js';
import { looksLikeDrift, profile, toSamples, trailingRun, withReading } from './series.js';
import { estimateSource } from './source.js';

type Kind = 'below' | 'spike' | 'drift' | 'sustained';

const KIND_NAME: Record<Kind, Statement> = {
  below: { zh: '折算后低于报警值', en: 'below the alarm level once normalised' },
  spike: { zh: '孤立尖峰', en: 'a lone spike' },
  drift: { zh: '疑似传感器漂移', en: 'a likely drifting sensor' },
  sustained: { zh: '持续泄漏', en: 'a sustained leak' },
};

function lowestLimit(limits: LevelValues): number | null {
  let out: number | null = null;
  for (const v of Object.values(limits))
    if (typeof v === 'number' && Number.isFinite(v)) out = out === null ? v : Math.min(out, v);
  return out;
}

/** Analyse a `ch4` alarm. */
export async function analyseCh4(
  event: AlarmEvent,
  ctx: AnalysisContext,
  cfg: GasConfig,
): Promise<AnalysisResult> {
  const objs = new Objects(ctx);
  const endT = Date.parse(event.ts);
  const windowFrom = endT - cfg.windowMin * 60_000;
  const window = { from: iso(windowFrom), to: event.ts };
  const lookback = {
    from: iso(endT - Math.max(cfg.windowMin, cfg.drift.minDurationMin) * 60_000),
    to: event.ts,
  };
  const obj = event.object;
  const sensorId = event.sensor.id;
  const basis = obj.attributes['lelBasisPctVol'];
  const factor = lelFactor(basis, cfg.referenceLelPctVol);
  const value = event.value * factor;

  const all = withReading(toSamples(await ctx.history(sensorId, 'ch4', lookback), factor), endT, value);
  const own = all.filter((s) => s.t >= windowFrom);
  const limits = await ctx.thresholds(sensorId, 'ch4');
  const alarmLimit = lowestLimit(limits) ?? cfg.confirmLel;
  const level = levelOf(value, limits);
  const run = trailingRun(own, alarmLimit);
  const ownSign: GasSign = {
    sensorId,
    objectId: obj.id,
    object: obj,
    at: event.sensor.location,
    factor,
    samples: own,
    profile: profile(own, cfg.riseDeltaLel),
  };

  const neighbours = await gasCurves(ctx, objs, cfg, cfg.neighbourRadiusM, window, sensorId);
  const confirming = neighbours.filter((g) => seesGas(g, cfg));
  const line = await lineEvidence(ctx, objs, cfg, window, event.sensor);
  const lineLeak = line.drops.length > 0 || line.flowRises.length > 0;
  const corroborated = confirming.length > 0 || lineLeak;
  const drift = looksLikeDrift(
    all.filter((s) => s.t >= endT - cfg.drift.minDurationMin * 60_000),
    cfg.drift,
  );

  let kind: Kind;
  if (level === null) kind = 'below';
  else if (run.count <= cfg.spikeMaxSamples && !corroborated) kind = 'spike';
  else if (drift.drift && !corroborated) kind = 'drift';
  else kind = 'sustained';

  const findings: Statement[] = [];
  const vol = lelToVolume(value, cfg.referenceLelPctVol);
  if (factor !== 1) {
    findings.push({
      zh: `${sensorId} 按 ${basis} %vol 爆炸下限标定，读数 ${round1(event.value)} %LEL 折算为 ${cfg.referenceLelPctVol} %vol 基准 ${round1(value)} %LEL（×${round2(factor)}）后再判级`,
      en: `${sensorId} is calibrated on a ${basis} %vol LEL; its ${round1(event.value)} %LEL is ${round1(value)} %LEL on the ${cfg.referenceLelPctVol} %vol basis (×${round2(factor)}) used for the tiers`,
    });
  }
  findings.push({
    zh: `${obj.name.zh}甲烷 ${round1(value)} %LEL，约 ${round2(vol.pctVol)} %vol（${Math.round(vol.ppm)} ppm）`,
    en: `Methane in ${obj.name.en}: ${round1(value)} %LEL, about ${round2(vol.pctVol)} %vol (${Math.round(vol.ppm)} ppm)`,
  });

  // Every sensor that sees gas now (the event's own unless it is below the alarm level after normalising).
  const signs = kind === 'below' ? confirming : [ownSign, ...confirming];
  const worst = signs.reduce<GasSign | null>(
    (w, g) => (w === null || g.profile.latest > w.profile.latest ? g : w),
    null,
  );
  const worstLevel: Level | null = worst ? levelOf(worst.profile.latest, limits) : null;

  switch (kind) {
    case 'below':
      findings.push({
        zh: `折算后低于报警值 ${alarmLimit} %LEL，不构成预警`,
        en: `Below the ${alarmLimit} %LEL alarm level once normalised: no warning`,
      });
      break;
    case 'spike':
      findings.push({
        zh: `仅最近 ${run.count} 个样本超过报警值 ${alarmLimit} %LEL，此前读数正常，${cfg.neighbourRadiusM} 米内相邻监测点及管网压力、流量均无异常：判断为孤立尖峰（干扰），不发布预警`,
        en: `Only the latest ${run.count} sample(s) exceed the ${alarmLimit} %LEL alarm level after normal readings, with no sign at the neighbours within ${cfg.neighbourRadiusM} m nor in line pressure or flow: a lone spike (interference), no warning`,
      });
      break;
    case 'drift':
      findings.push({
        zh: `近 ${Math.round(drift.durationMin)} 分钟缓慢单调上升（${round2(drift.slopePerMin)} %LEL/分钟，R² ${round2(drift.r2)}），相邻监测点无同步上升，管网压力正常：疑似传感器漂移，建议标定`,
        en: `Slow steady climb over ${Math.round(drift.durationMin)} min (${round2(drift.slopePerMin)} %LEL/min, R² ${round2(drift.r2)}) with no rise at the neighbours and normal line pressure: likely sensor drift, calibration recommended`,
      });
      break;
    case 'sustained':
      findings.push({
        zh: `超过报警值已持续 ${Math.round(run.spanMin)} 分钟（${run.count} 个样本），平均上升 ${round2(ownSign.profile.slopePerMin)} %LEL/分钟`,
        en: `Above the alarm level for ${Math.round(run.spanMin)} min (${run.count} samples), rising ${round2(ownSign.profile.slopePerMin)} %LEL/min on average`,
      });
      break;
  }

  if (neighbours.length === 0) {
    findings.push({
      zh: `${cfg.neighbourRadiusM} 米内无其他甲烷监测点，无法交叉印证`,
      en: `No other methane sensor within ${cfg.neighbourRadiusM} m to cross-check`,
    });
  } else if (confirming.length === 0) {
    findings.push({
      zh: `${cfg.neighbourRadiusM} 米内 ${neighbours.length} 个相邻监测点均未检出燃气`,
      en: `None of the ${neighbours.length} neighbouring sensors within ${cfg.neighbourRadiusM} m sees gas`,
    });
  } else {
    const list = (lang: 'zh' | 'en') =>
      confirming
        .map((g) => `${g.object.name[lang]} ${round1(g.profile.latest)} %LEL`)
        .join(lang === 'zh' ? '、' : ', ');
    findings.push({
      zh: `${confirming.length} 个相邻监测点同步检出燃气：${list('zh')}`,
      en: `${confirming.length} neighbouring sensor(s) also see gas: ${list('en')}`,
    });
  }
  for (const d of line.drops) {
    findings.push({
      zh: `${d.object.zh}（${d.sensorId}）压力降至正常运行压力的 ${Math.round(d.ratio * 100)}%`,
      en: `Pressure at ${d.object.en} (${d.sensorId}) is down to ${Math.round(d.ratio * 100)} % of normal`,
    });
  }
  for (const f of line.flowRises) {
    findings.push({
      zh: `${f.object.zh}（${f.sensorId}）流量较基线上升 ${Math.round(f.change * 100)}%，流量与压力不匹配，佐证泄漏`,
      en: `Flow at ${f.object.en} (${f.sensorId}) is ${Math.round(f.change * 100)} % above its baseline, out of step with pressure: supports a leak`,
    });
  }

  if (kind === 'below' || kind === 'spike' || (kind === 'drift' && levelIdx(level) < levelIndex('yellow'))) {
    return {
      tier: null,
      findings,
      actions: ownerCheck(sensorId, kind === 'drift' ? 'drift' : kind === 'spike' ? 'spike' : 'low'),
      data: {
        classificationZh: KIND_NAME[kind].zh,
        classificationEn: KIND_NAME[kind].en,
        valueNorm: round1(value),
        referenceLel: cfg.referenceLelPctVol,
      },
    };
  }

  // Source, impact radius and exposure.
  const cands = signs.map((g) => ({
    sensorId: g.sensorId,
    objectId: g.objectId,
    name: g.object.name,
    at: g.at,
    peak: g.profile.peak,
    slopePerMin: g.profile.slopePerMin,
    onsetT: g.profile.onsetT ?? g.samples[g.samples.length - 1]?.t ?? endT,
  }));
  const src = estimateSource(cands, cfg.sourceWeights, cfg.sourceTopK)!;
  const srcSign = signs.find((g) => g.sensorId === src.best.sensorId)!;
  const centre = signs.length > 1 ? src.centroid : event.sensor.location;
  let coverM = 0;
  for (const g of signs) coverM = Math.max(coverM, distanceM(centre, g.at));
  const main = await findMain(ctx, objs, srcSign.object, srcSign.at, cfg.mainSearchM);
  const { pressureClass, pirM } = mainHazard(main);
  const conduitSpaces = signs.filter(
    (g) =>
      g.object.kind === 'adjacent_space' && CONDUIT_SPACES.includes(String(g.object.attributes['spaceType'])),
  );
  const r = impactRadius(
    { level: worstLevel, pressureClass, conduit: conduitSpaces.length > 0, pirM, coverM },
    cfg,
  );
  const exp = await exposure(ctx, cfg, centre, r.radiusM);

  findings.push({
    zh: `推测泄漏源：${src.best.name.zh}（${src.best.sensorId}）——${src.reason.zh}${signs.length > 1 ? `；前 ${Math.min(cfg.sourceTopK, signs.length)} 个点加权质心距其 ${Math.round(src.offsetM)} 米` : ''}`,
    en: `Likely leak source: ${src.best.name.en} (${src.best.sensorId}) — ${src.reason.en}${signs.length > 1 ? `; the score-weighted centroid of the top ${Math.min(cfg.sourceTopK, signs.length)} points is ${Math.round(src.offsetM)} m from it` : ''}`,
  });
  const slope = srcSign.profile.slopePerMin;
  const minToLel = slope > 0 ? Math.ceil((100 - srcSign.profile.latest) / slope) : Infinity;
  // Linear extrapolation of the source's rise; beyond a few hours it says nothing useful.
  if (srcSign.profile.latest < 100 && minToLel <= 240) {
    const min = minToLel;
    findings.push({
      zh: `按当前上升速率，约 ${min} 分钟后${src.best.name.zh}内达到爆炸下限（100 %LEL）`,
      en: `At the current rate ${src.best.name.en} reaches the lower explosive limit (100 %LEL) in about ${min} min`,
    });
  }
  const pcName = pressureClass ? pressureClassName(pressureClass) : null;
  findings.push({
    zh: `影响半径 ${r.radiusM} 米 = max(浓度级别基础半径 ${r.baseM} 米 × 压力级制系数 ${r.classFactor}${pcName ? `（${pcName.zh}）` : ''} × 管沟连通系数 ${r.conduitFactor}, 管线潜在影响半径 ${Math.round(r.pirM)} 米, 检出点覆盖 ${Math.round(r.coverM)} 米 + ${cfg.coverMarginM} 米)`,
    en: `Impact radius ${r.radiusM} m = max(base ${r.baseM} m for the level × class factor ${r.classFactor}${pcName ? ` (${pcName.en})` : ''} × conduit factor ${r.conduitFactor}, pipeline PIR ${Math.round(r.pirM)} m, farthest detecting point ${Math.round(r.coverM)} m + ${cfg.coverMarginM} m)`,
  });
  const accident: Statement =
    conduitSpaces.length > 0
      ? {
          zh: '可能的事故类型：燃气沿雨污水、电力通信等管沟蔓延并在密闭空间积聚，遇点火源发生连环爆炸',
          en: 'Likely accident: gas travels along storm, sewer, power or telecom conduits, builds up in closed spaces and explodes in a chain when it meets an ignition source',
        }
      : {
          zh: '可能的事故类型：燃气在井室内积聚，遇点火源发生井内爆炸并引燃泄漏气流',
          en: 'Likely accident: gas builds up in the well and explodes on an ignition source, igniting the leak',
        };
  findings.push(accident);
  if (exp.all.length > 0) {
    findings.push({
      zh: `影响范围内的防护目标和危险源：${namesWithDistance(exp.all, 'zh')}`,
      en: `Protection targets and hazards inside the area: ${namesWithDistance(exp.all, 'en')}`,
    });
  }
  if (exp.hazards.length > 0) {
    findings.push({
      zh: `灾害链：爆炸可能波及${exp.hazards.map((h) => h.name.zh).join('、')}，引发次生火灾爆炸`,
      en: `Disaster chain: an explosion may reach ${exp.hazards.map((h) => h.name.en).join(', ')} and cause a secondary fire or explosion`,
    });
  }

  let tier: Tier | null;
  if (kind === 'drift') {
    tier = 'blue';
    findings.push({
      zh: '漂移特征但浓度已达黄色级别以上：按蓝色预警安排现场核查',
      en: 'Drift-like, but at yellow level or above: a blue warning so that the site is checked',
    });
  } else {
    let esc = 0;
    const base = levelIdx(worstLevel);
    if (confirming.length > 0 || run.spanMin >= cfg.heldEscalateMin) {
      esc++;
      findings.push(
        confirming.length > 0
          ? {
              zh: `${signs.length} 个监测点确认：升一级`,
              en: `Confirmed by ${signs.length} sensors: one tier up`,
            }
          : {
              zh: `持续超过 ${cfg.heldEscalateMin} 分钟：升一级`,
              en: `Held over ${cfg.heldEscalateMin} min: one tier up`,
            },
      );
    }
    if (lineLeak) {
      esc++;
      findings.push({
        zh: '管网压力/流量佐证泄漏：升一级',
        en: 'Line pressure or flow supports a leak: one tier up',
      });
    }
    const exposed = exp.sensitive.length > 0 || (cfg.escalateOnHazard && exp.hazards.length > 0);
    if (exposed) {
      esc++;
      const who = [...exp.sensitive, ...(cfg.escalateOnHazard ? exp.hazards : [])];
      findings.push({
        zh: `影响范围内有${who.map((o) => o.name.zh).join('、')}：升一级`,
        en: `${who.map((o) => o.name.en).join(', ')} inside the area: one tier up`,
      });
    }
    const used = Math.min(esc, cfg.maxEscalation);
    tier = tierAt(base + used);
    if (tier && worstLevel) {
      findings.push({
        zh: `定级：浓度级别${TIER_NAME[worstLevel].zh} + 升级 ${used} 级${esc > used ? `（上限 ${cfg.maxEscalation} 级）` : ''} → ${TIER_NAME[tier].zh}预警`,
        en: `Tier: concentration level ${TIER_NAME[worstLevel].en} + ${used} step(s)${esc > used ? ` (capped at ${cfg.maxEscalation})` : ''} → ${TIER_NAME[tier].en}`,
      });
    }
  }

  const actionCtx = {
    radiusM: r.radiusM,
    source: src.best.name,
    main: main ? main.name : null,
    targets: exp.all.filter((o) => o.role === 'target').map((o) => o.name),
    hazards: exp.hazards.map((o) => o.name),
    rupture: line.drops.some((d) => d.ratio <= 1 - cfg.ruptureDropRatio),
  };
  const actions = tier
    ? kind === 'drift'
      ? [...ownerCheck(sensorId, 'drift'), ...actionsFor('blue', actionCtx)]
      : actionsFor(tier, actionCtx)
    : ownerCheck(sensorId, 'low');

  return {
    tier,
    impact: circlePolygon(centre, r.radiusM),
    impactRadiusM: r.radiusM,
    targets: exp.targets,
    findings,
    actions,
    data: {
      classificationZh: KIND_NAME[kind].zh,
      classificationEn: KIND_NAME[kind].en,
      valueNorm: round1(value),
      referenceLel: cfg.referenceLelPctVol,
      pctVol: round2(vol.pctVol),
      ppm: Math.round(vol.ppm),
      confirmations: signs.length,
      sourceZh: src.best.name.zh,
      sourceEn: src.best.name.en,
      sourceSensor: src.best.sensorId,
      peakLel: round1(worst?.profile.latest ?? value),
      minutesToLel: Number.isFinite(minToLel) ? minToLel : '—',
      mainZh: main?.name.zh ?? '—',
      mainEn: main?.name.en ?? '—',
      pressureClassZh: pcName?.zh ?? '—',
      pressureClassEn: pcName?.en ?? '—',
      accidentZh: accident.zh,
      accidentEn: accident.en,
    },
  };
}
