/**
 * Analysis of a methane or propane alarm in a kitchen or cylinder room (guideline §4(2)2): the shop has
 * been alarmed already; normalise the detector's LEL basis, tell an ordinary spike or a drifting cell from
 * a leak, weigh the detector's false-alarm record, check the shut-off valve, project the room, size the
 * fire and explosion extent, find who is exposed and set the tier.
 */
import type { AlarmEvent, AnalysisContext, AnalysisResult, Statement } from '@fenghuo/sdk';
import { circlePolygon, levelIndex } from '@fenghuo/sdk';
import { gasActions, shopCheck } from './actions.js';
import {
  iso,
  levelIdx,
  levelOf,
  lowestLimit,
  namesWithDistance,
  Objects,
  peerCurves,
  round1,
  round2,
  valvesOf,
} from './common.js';
import type { RestaurantConfig } from './config.js';
import { consequence, surroundings } from './consequence.js';
import { DETECTOR, VALVE } from './definition.js';
import { episodesOf, falseAlarmRecord } from './false-alarm.js';
import {
  detectorBasis,
  detectorInstalledOn,
  type FlammableMetric,
  gasOf,
  lelFactor,
  lelToVolume,
} from './gases.js';
import { buildingName, cityOffsetMin, occupancy } from './occupancy.js';
import { finalRise, looksLikeDrift, toSamples, trailingRun, withReading } from './series.js';
import { CONFIDENCE, flammableTier, type Kind } from './tier.js';

const KIND_NAME: Record<Kind, Statement> = {
  below: { zh: '折算后低于报警值', en: 'below the alarm level once normalised' },
  transient: { zh: '未确认的瞬时超限', en: 'an unconfirmed transient' },
  drift: { zh: '疑似传感器漂移', en: 'a likely drifting sensor' },
  leak: { zh: '燃气泄漏', en: 'a gas leak' },
};

const MIN = 60_000;
const DAY = 86_400_000;

export async function analyseFlammable(
  event: AlarmEvent,
  ctx: AnalysisContext,
  cfg: RestaurantConfig,
): Promise<AnalysisResult> {
  const metric = event.metric as FlammableMetric;
  const gas = gasOf(metric);
  const objs = new Objects(ctx);
  const obj = event.object;
  const attrs = obj.attributes;
  const sid = event.sensor.id;
  const endT = Date.parse(event.ts);
  const ref = cfg.referenceLelPctVol[gas.key];
  const basis = detectorBasis(attrs, sid, gas.key);
  const factor = lelFactor(basis, ref);
  const value = event.value * factor;
  const windowFrom = endT - Math.max(cfg.windowMin, cfg.drift.minDurationMin) * MIN;
  const longRange = {
    from: iso(endT - cfg.falseAlarm.lookbackDays * DAY),
    to: event.ts,
    limit: cfg.falseAlarm.maxPoints,
  };

  const own = withReading(toSamples(await ctx.history(sid, metric, longRange), factor), endT, value);
  const win = own.filter((s) => s.t >= windowFrom);
  const limits = await ctx.thresholds(sid, metric);
  const blueLimit = lowestLimit(limits) ?? 10;
  const level = levelOf(value, limits);
  const run = trailingRun(win, blueLimit);
  const rise = finalRise(win, cfg.ramp);
  const drift = looksLikeDrift(
    win.filter((s) => s.t >= endT - cfg.drift.minDurationMin * MIN),
    cfg.drift,
  );

  const peers = await peerCurves(ctx, objs, cfg.premisesRadiusM, longRange, cfg.referenceLelPctVol);
  const confirming = peers.filter((p) => {
    const last = p.samples[p.samples.length - 1];
    return last !== undefined && last.t >= endT - cfg.freshMin * MIN && last.v >= cfg.confirmLel;
  });
  const corroborated = confirming.length > 0;

  const episodes = episodesOf(
    own,
    blueLimit,
    peers.map((p) => p.samples),
    cfg.confirmLel,
    cfg.falseAlarm,
    run.startT ?? endT,
  );
  const fa = falseAlarmRecord(episodes, own[0]?.t ?? null, endT, cfg.falseAlarm);

  const installedOn = detectorInstalledOn(attrs, sid);
  const ageYears = installedOn ? (endT - Date.parse(installedOn)) / (365.25 * DAY) : null;
  const expired = ageYears !== null && ageYears > cfg.detectorLifeYears;
  const stateNow = event.sensor.metrics.includes('detector_state')
    ? (await ctx.history(sid, 'detector_state', { from: iso(windowFrom), to: event.ts, limit: 1 }))[0]
    : undefined;
  const faulty = stateNow !== undefined && Math.round(stateNow.value) >= DETECTOR.fault;

  let kind: Kind;
  if (level === null) kind = 'below';
  else if (!corroborated && drift.drift) kind = 'drift';
  else if (corroborated || run.spanMin >= cfg.sustainMin || rise.ramp) kind = 'leak';
  else kind = 'transient';

  const findings: Statement[] = [];
  const where = event.sensor.id;
  if (factor !== 1) {
    findings.push({
      zh: `${where} 按 ${basis} %vol 爆炸下限标定，读数 ${round1(event.value)} %LEL 折算为 ${ref} %vol 基准 ${round1(value)} %LEL（×${round2(factor)}）后再判级`,
      en: `${where} is calibrated on a ${basis} %vol LEL; its ${round1(event.value)} %LEL is ${round1(value)} %LEL on the ${ref} %vol basis (×${round2(factor)}) used for the tiers`,
    });
  }
  const vol = lelToVolume(value, ref);
  findings.push({
    zh: `${obj.name.zh}${gas.name.zh} ${round1(value)} %LEL，约 ${round2(vol.pctVol)} %vol（${Math.round(vol.ppm)} ppm）；平台已即时向店方报警`,
    en: `${gas.name.en} in ${obj.name.en}: ${round1(value)} %LEL, about ${round2(vol.pctVol)} %vol (${Math.round(vol.ppm)} ppm); the shop was alarmed at once`,
  });

  switch (kind) {
    case 'below':
      findings.push({
        zh: `折算后低于报警值 ${blueLimit} %LEL，不构成预警`,
        en: `Below the ${blueLimit} %LEL alarm level once normalised: no warning`,
      });
      break;
    case 'drift':
      findings.push({
        zh: `近 ${Math.round(drift.durationMin)} 分钟缓慢单调上升（${round2(drift.slopePerMin)} %LEL/分钟，R² ${round2(drift.r2)}），同场所其他探测器无同步上升：疑似传感器漂移`,
        en: `Slow steady climb over ${Math.round(drift.durationMin)} min (${round2(drift.slopePerMin)} %LEL/min, R² ${round2(drift.r2)}) with no rise at the other detectors of the premises: likely sensor drift`,
      });
      break;
    case 'transient':
      findings.push({
        zh: `超限仅 ${round1(run.spanMin)} 分钟（${run.count} 个样本），由 ${round1(rise.fromV)} %LEL 一步跳升，其他探测器未检出：疑似普通尖峰（烹饪酒精、喷雾剂、油烟等干扰），尚非持续泄漏`,
        en: `Above the limit for only ${round1(run.spanMin)} min (${run.count} sample(s)), jumping from ${round1(rise.fromV)} %LEL in one step, not seen by another detector: an ordinary spike (cooking alcohol, sprays, fumes) rather than a sustained leak so far`,
      });
      break;
    case 'leak': {
      const why: Statement[] = [];
      if (corroborated) why.push({ zh: '其他探测器同步检出', en: 'seen by another detector' });
      if (run.spanMin >= cfg.sustainMin)
        why.push({
          zh: `超限已持续 ${Math.round(run.spanMin)} 分钟`,
          en: `above the limit for ${Math.round(run.spanMin)} min`,
        });
      if (rise.ramp)
        why.push({
          zh: `${Math.round(rise.durationMin)} 分钟内由 ${round1(rise.fromV)} 逐步升至 ${round1(value)} %LEL（${rise.samples} 个样本，燃气在室内积聚）`,
          en: `built up from ${round1(rise.fromV)} to ${round1(value)} %LEL over ${Math.round(rise.durationMin)} min (${rise.samples} samples: gas accumulating in the room)`,
        });
      findings.push({
        zh: `判断为持续泄漏：${why.map((w) => w.zh).join('；')}`,
        en: `A sustained leak: ${why.map((w) => w.en).join('; ')}`,
      });
      break;
    }
  }

  if (peers.length === 0) {
    findings.push({
      zh: `${cfg.premisesRadiusM} 米内无其他可燃气体探测器，无法交叉印证`,
      en: `No other gas detector within ${cfg.premisesRadiusM} m to cross-check`,
    });
  } else if (!corroborated) {
    findings.push({
      zh: `同场所 ${peers.length} 个其他探测器均未检出燃气`,
      en: `None of the ${peers.length} other detector(s) of the premises sees gas`,
    });
  } else {
    const list = (lang: 'zh' | 'en') =>
      confirming
        .map((p) => `${p.sensor.id} ${round1(p.samples[p.samples.length - 1]!.v)} %LEL`)
        .join(lang === 'zh' ? '、' : ', ');
    findings.push({
      zh: `${confirming.length} 个其他探测器同步检出燃气：${list('zh')}`,
      en: `${confirming.length} other detector(s) also see gas: ${list('en')}`,
    });
  }

  // False-alarm record of this detector (README "False-alarm rate").
  findings.push(
    fa.episodes.length === 0
      ? {
          zh: `${where} 近 ${round1(fa.days)} 天无此前超限记录，误报率 0 次/30 天`,
          en: `${where}: no earlier exceedance in the last ${round1(fa.days)} day(s), a false-alarm rate of 0 per 30 days`,
        }
      : {
          zh: `${where} 近 ${round1(fa.days)} 天 ${fa.episodes.length} 次超限中 ${fa.nuisance} 次在 ${cfg.falseAlarm.nuisanceMaxMin} 分钟内消失且无其他探测器印证，误报率 ${round1(fa.ratePer30d)} 次/30 天${fa.high ? '，属误报频繁探测器' : ''}`,
          en: `${where}: ${fa.nuisance} of ${fa.episodes.length} exceedances in the last ${round1(fa.days)} day(s) cleared within ${cfg.falseAlarm.nuisanceMaxMin} min with no other detector seeing gas — a false-alarm rate of ${round1(fa.ratePer30d)} per 30 days${fa.high ? ', a frequent false alarmer' : ''}`,
        },
  );
  if (expired) {
    findings.push({
      zh: `${where} 安装于 ${installedOn}，已超过 ${cfg.detectorLifeYears} 年使用寿命（CJJ/T 146），读数可信度下降`,
      en: `${where} was installed on ${installedOn}, past its ${cfg.detectorLifeYears}-year life (CJJ/T 146): its readings are less reliable`,
    });
  }
  if (faulty) {
    findings.push({ zh: `${where} 当前自报故障状态`, en: `${where} reports a fault state` });
  }

  if (kind === 'below' || kind === 'transient' || kind === 'drift') {
    const warnFrom = cfg.transientWarnFrom;
    const stillWarn =
      (kind === 'transient' && warnFrom !== null && levelIdx(level) >= levelIndex(warnFrom)) ||
      (kind === 'drift' && levelIdx(level) >= levelIndex('yellow'));
    if (!stillWarn) {
      if (kind === 'transient') {
        findings.push({
          zh: '不发布预警；若浓度继续升级将重新研判',
          en: 'No warning; a further step up is analysed again',
        });
      }
      const why = kind === 'drift' ? 'drift' : kind === 'transient' ? 'spike' : 'low';
      return {
        tier: null,
        findings,
        actions: [...shopCheck(sid, why), ...(expired ? shopCheck(sid, 'expired') : [])],
        data: {
          classificationZh: KIND_NAME[kind].zh,
          classificationEn: KIND_NAME[kind].en,
          valueNorm: round1(value),
        },
      };
    }
  }

  // Valve, consequences and exposure.
  const valves = await valvesOf(ctx, objs, event.sensor, obj.id, cfg.premisesRadiusM, {
    from: iso(windowFrom),
    to: event.ts,
  });
  const graceEnd = (run.startT ?? endT) + cfg.valveCloseGraceSec * 1000;
  const failedValves = valves.filter(
    (v) => v.state === VALVE.fault || (v.state === VALVE.open && v.ts !== null && v.ts >= graceEnd),
  );
  const valveFailed = failedValves.length > 0;
  if (valves.length === 0) {
    findings.push({
      zh: `${cfg.premisesRadiusM} 米内未接入紧急切断阀状态，无法确认气源已切断`,
      en: `No shut-off valve state within ${cfg.premisesRadiusM} m: the supply cannot be confirmed shut`,
    });
  } else if (valveFailed) {
    findings.push({
      zh: `紧急切断阀未能切断气源：${failedValves.map((v) => `${v.object.name.zh}${v.state === VALVE.fault ? '故障' : `报警 ${Math.round(cfg.valveCloseGraceSec)} 秒后仍为开启`}`).join('、')}`,
      en: `The shut-off valve did not cut the supply: ${failedValves.map((v) => `${v.object.name.en} ${v.state === VALVE.fault ? 'is faulty' : `still open ${Math.round(cfg.valveCloseGraceSec)} s after the alarm`}`).join(', ')}`,
    });
  } else {
    const closed = valves.filter((v) => v.state === VALVE.closed);
    findings.push(
      closed.length > 0
        ? {
            zh: `紧急切断阀已关闭：${closed.map((v) => v.object.name.zh).join('、')}`,
            en: `Shut-off valve closed: ${closed.map((v) => v.object.name.en).join(', ')}`,
          }
        : { zh: '紧急切断阀尚未报告关闭', en: 'The shut-off valve has not reported closed yet' },
    );
  }

  const cons = consequence(attrs, obj.kind, gas, ref, value, Math.max(0, rise.slopePerMin), cfg);
  findings.push(...cons.statements);
  const occ = occupancy(attrs, endT, {
    utcOffsetMin: cityOffsetMin(event, cfg),
    defaultPeakHours: cfg.defaultPeakHours,
  });
  findings.push(...occ.statements);
  const sur = await surroundings(ctx, obj.id, event.sensor.location, cons.radiusM, cons.zones.damageM, cfg);
  if (sur.neighbours.length > 0) {
    findings.push({
      zh: `爆炸破坏范围内的相邻餐饮场所：${namesWithDistance(sur.neighbours, 'zh')}`,
      en: `Neighbouring premises inside the blast-damage radius: ${namesWithDistance(sur.neighbours, 'en')}`,
    });
  }
  const inside = [...sur.targets, ...sur.hazards];
  if (inside.length > 0) {
    findings.push({
      zh: `影响半径 ${cons.radiusM} 米内的防护目标和危险源：${namesWithDistance(inside, 'zh')}`,
      en: `Protection targets and hazards within the ${cons.radiusM} m impact radius: ${namesWithDistance(inside, 'en')}`,
    });
  }

  // Tier (README "Tier").
  const minutesToLel = cons.projection.minutesToLel;
  const { tier, confidence, finding } = flammableTier(
    {
      kind,
      level,
      values: [value, ...confirming.map((p) => p.samples[p.samples.length - 1]!.v)],
      limits,
      valveFailed,
      crowded: occ.crowded,
      buildingExposed: occ.buildingExposed,
      sensitive: sur.sensitive.map((o) => o.name),
      minutesToLel,
      corroborated,
      runSpanMin: run.spanMin,
      frequentFalseAlarmer: fa.high,
      unreliableDetector: expired || faulty,
    },
    cfg,
  );
  findings.push(finding);

  const actionCtx = {
    premises: obj.name,
    lpg: gas.key === 'c3h8',
    damageM: cons.zones.damageM,
    glassM: cons.radiusM,
    valveFailed,
    neighbours: sur.neighbours.map((o) => o.name),
    targets: sur.targets.map((o) => o.name),
    buildingExposed: occ.buildingExposed,
    fireballM: cons.fireball?.radiusM ?? null,
  };
  const actions = tier
    ? [
        ...gasActions(tier, actionCtx),
        ...(kind === 'drift' ? shopCheck(sid, 'drift') : []),
        ...(kind === 'transient' ? shopCheck(sid, 'spike') : []),
        ...(expired ? shopCheck(sid, 'expired') : []),
      ]
    : [...shopCheck(sid, 'spike'), ...(expired ? shopCheck(sid, 'expired') : [])];

  const b = buildingName(occ.buildingUse);
  const valveZh = valves.length === 0 ? '未接入' : valveFailed ? '未关闭' : '已关闭或待确认';
  const valveEn =
    valves.length === 0 ? 'not monitored' : valveFailed ? 'did not close' : 'closed or awaiting report';
  const lelZh = minutesToLel === null ? '' : `，约 ${Math.ceil(minutesToLel)} 分钟后达到爆炸下限`;
  const lelEn = minutesToLel === null ? '' : `, LEL in about ${Math.ceil(minutesToLel)} min`;
  return {
    tier,
    impact: circlePolygon(event.sensor.location, cons.radiusM),
    impactRadiusM: cons.radiusM,
    targets: inside.map((o) => ({
      id: o.id,
      kind: o.kind,
      role: o.role,
      name: o.name,
      distanceM: Math.round(o.distanceM ?? 0),
    })),
    findings,
    actions,
    data: {
      hazardZh: '燃气泄漏',
      hazardEn: 'gas leak',
      classificationZh: KIND_NAME[kind].zh,
      classificationEn: KIND_NAME[kind].en,
      confidenceZh: CONFIDENCE[confidence].zh,
      confidenceEn: CONFIDENCE[confidence].en,
      valueNorm: round1(value),
      referenceLel: ref,
      gasZh: gas.name.zh,
      gasEn: gas.name.en,
      buildingZh: b.zh,
      buildingEn: b.en,
      minutesToLel: minutesToLel === null ? '—' : Math.ceil(minutesToLel),
      damageRadius: Math.round(cons.zones.damageM),
      falseAlarmRate: round1(fa.ratePer30d),
      detectors: 1 + confirming.length,
      valveZh,
      valveEn,
      summaryZh: `${gas.name.zh} ${round1(value)} %LEL（${Math.round(vol.ppm)} ppm，${1 + confirming.length} 个探测器检出），紧急切断阀${valveZh}${lelZh}；遇火爆炸破坏半径约 ${Math.round(cons.zones.damageM)} 米，影响半径 ${cons.radiusM} 米`,
      summaryEn: `${gas.name.en} ${round1(value)} %LEL (${Math.round(vol.ppm)} ppm, seen by ${1 + confirming.length} detector(s)), shut-off valve ${valveEn}${lelEn}; if ignited, blast damage within about ${Math.round(cons.zones.damageM)} m, impact radius ${cons.radiusM} m`,
      exposedZh: exposedText(occ, 'zh'),
      exposedEn: exposedText(occ, 'en'),
    },
  };
}

function exposedText(occ: ReturnType<typeof occupancy>, lang: 'zh' | 'en'): string {
  const parts: string[] = [];
  if (lang === 'zh') {
    parts.push(occ.crowded ? '就餐高峰顾客与员工' : occ.open ? '店内顾客与员工' : '店内值守人员');
    // `occupants` is the most people inside when open: no head count for a closed shop.
    if (occ.occupants !== null && occ.open) parts[0] += `（约 ${occ.occupants} 人）`;
    if (occ.residents) parts.push(`同楼居民约 ${occ.residents} 人`);
    else if (occ.buildingExposed) parts.push('同楼其他人员');
    return parts.join('、');
  }
  parts.push(
    occ.crowded ? 'guests and staff at a meal peak' : occ.open ? 'guests and staff' : 'anyone on duty',
  );
  if (occ.occupants !== null && occ.open) parts[0] += ` (about ${occ.occupants})`;
  if (occ.residents) parts.push(`about ${occ.residents} residents of the building`);
  else if (occ.buildingExposed) parts.push('other people in the building');
  return parts.join(', ');
}
