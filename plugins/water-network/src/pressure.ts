/**
 * Analysis of a pressure alarm (`supply_pressure` below the service floor, or a sudden `pressure_drop`):
 * a burst on the main, located between two loggers by the arrival-time difference of the pressure wave;
 * a supply-side loss (pump trip); or a sensor fault (one logger drifting or stepping on its own).
 */
import {
  type AlarmEvent,
  type AnalysisContext,
  type AnalysisResult,
  type CityObject,
  haversineM,
  type I18n,
  type LevelValues,
} from '@fenghuo/sdk';
import { actionsFor } from './actions.js';
import {
  findPipe,
  iso,
  levelIdx,
  MATERIAL_NAME,
  mainWaveSpeed,
  num,
  Objects,
  round1,
  round3,
  SOIL_NAME,
  str,
  TIER_NAME,
  tierAt,
  zoneContents,
  zoneEscalation,
  zoneFindings,
} from './common.js';
import type { WaterConfig } from './definition.js';
import { circlePolygon, type LonLat, pathLengthM, pointAlong } from './geo.js';
import { arrivalPick, linearFit, type Sample, stepChange, toSamples, withReading } from './series.js';
import { soilSigns } from './soil.js';
import { soilClass, voidRadiusM } from './voids.js';
import { type Arrival, bracketingPair, type Location, locateBetween } from './wave.js';

interface Logger {
  sensorId: string;
  object: CityObject;
  at: LonLat;
  chainageM: number | null;
  window: Sample[];
  long: Sample[];
  drop: number;
}

interface FlowSign {
  sensorId: string;
  object: I18n;
  before: number;
  after: number;
  change: number;
}

/** The level a drop reaches on the `pressure_drop` limits (rising). */
function dropLevel(drop: number, limits: LevelValues): number {
  let idx = -1;
  for (const [lvl, lim] of Object.entries(limits) as [keyof LevelValues, number][]) {
    if (drop >= lim) idx = Math.max(idx, levelIdx(lvl));
  }
  return idx;
}

const inside = (s: Sample[], from: number) => s.filter((x) => x.t >= from);

/** Analyse a `supply_pressure` or `pressure_drop` alarm. */
export async function analysePressure(
  event: AlarmEvent,
  ctx: AnalysisContext,
  cfg: WaterConfig,
): Promise<AnalysisResult> {
  const objs = new Objects(ctx);
  const obj = event.object;
  const endT = Date.parse(event.ts);
  const winFrom = endT - cfg.windowMin * 60_000;
  const longRange = { from: iso(endT - cfg.driftWindowMin * 60_000), to: event.ts };
  const main = await findPipe(ctx, objs, obj, event.sensor.location, cfg.pipeSearchM);
  const dmaId = str(obj.attributes['dmaId']) ?? str(main?.attributes['dmaId']);

  // This logger's own curve.
  let ownLong = event.sensor.metrics.includes('supply_pressure')
    ? toSamples(await ctx.history(event.sensor.id, 'supply_pressure', longRange))
    : [];
  if (event.metric === 'supply_pressure') ownLong = withReading(ownLong, endT, event.value);
  const ownWin = inside(ownLong, winFrom);
  const ownStep = stepChange(ownWin);
  const ownDrop = Math.max(ownStep?.drop ?? 0, event.metric === 'pressure_drop' ? event.value : 0);
  const self: Logger = {
    sensorId: event.sensor.id,
    object: obj,
    at: event.sensor.location,
    chainageM: num(obj.attributes['chainageM']),
    window: ownWin,
    long: ownLong,
    drop: ownDrop,
  };

  // Loggers on the same main (or the same DMA, or anywhere near when neither is recorded).
  const loggers: Logger[] = [];
  for (const s of await ctx.neighbours(cfg.pressureRadiusM, { metric: 'supply_pressure' })) {
    const o = await objs.get(s.objectId);
    if (!o) continue;
    const sameMain = main !== null && str(o.attributes['mainId']) === main.id;
    const sameDma = dmaId !== null && str(o.attributes['dmaId']) === dmaId;
    if ((main !== null || dmaId !== null) && !sameMain && !sameDma) continue;
    const long = toSamples(await ctx.history(s.id, 'supply_pressure', longRange));
    const window = inside(long, winFrom);
    loggers.push({
      sensorId: s.id,
      object: o,
      at: s.location,
      chainageM: sameMain ? num(o.attributes['chainageM']) : null,
      window,
      long,
      drop: stepChange(window)?.drop ?? 0,
    });
  }

  // District inlet meters: inflow up with the drop is a burst, down is a supply-side loss.
  const flows: FlowSign[] = [];
  const meters = [
    ...(event.sensor.metrics.includes('flow') ? [event.sensor] : []),
    ...(await ctx.neighbours(cfg.dmaSearchRadiusM, { metric: 'flow' })),
  ];
  for (const s of meters) {
    const o = await objs.get(s.objectId);
    if (!o) continue;
    if (o.attributes['nodeType'] !== 'dma_inlet') continue;
    if (dmaId !== null && str(o.attributes['dmaId']) !== dmaId) continue;
    // Latest against the level before: at the alarm a burst's inflow has had a minute or two to show.
    const samples = toSamples(await ctx.history(s.id, 'flow', { from: iso(winFrom), to: event.ts }));
    const step = stepChange(samples);
    const after = samples[samples.length - 1]?.v;
    if (!step || !(step.before > 0) || after === undefined) continue;
    flows.push({
      sensorId: s.id,
      object: o.name,
      before: step.before,
      after,
      change: (after - step.before) / step.before,
    });
  }
  const inflowUp = flows.filter((f) => f.change >= cfg.flowRiseRatio);
  const inflowDown = flows.filter((f) => f.change <= -cfg.flowRiseRatio);

  const findings: I18n[] = [];
  const latest = ownLong[ownLong.length - 1]?.v;
  findings.push({
    zh: `${obj.name.zh}${latest !== undefined ? `压力 ${round3(latest)} MPa，` : ''}近 ${cfg.windowMin} 分钟压降 ${round3(ownDrop)} MPa`,
    en: `${obj.name.en}${latest !== undefined ? ` pressure ${round3(latest)} MPa,` : ''} drop ${round3(ownDrop)} MPa in the last ${cfg.windowMin} min`,
  });
  const seenShare = Math.max(cfg.minDropMpa, cfg.neighbourDropShare * ownDrop);
  const seen = loggers.filter((l) => l.drop >= seenShare);
  if (loggers.length > 0) {
    findings.push({
      zh: `同管段/分区 ${loggers.length} 个测压点中 ${seen.length} 个同步压降（≥ ${round3(seenShare)} MPa）`,
      en: `${seen.length} of ${loggers.length} loggers on the same main or DMA show the drop (≥ ${round3(seenShare)} MPa)`,
    });
  }
  for (const f of flows) {
    findings.push({
      zh: `${f.object.zh}进水流量 ${round1(f.before)} → ${round1(f.after)} m3/h（${Math.round(f.change * 100)}%）`,
      en: `Inflow at ${f.object.en} ${round1(f.before)} → ${round1(f.after)} m3/h (${Math.round(f.change * 100)} %)`,
    });
  }

  const ownerCheck = (why: I18n): AnalysisResult => ({
    tier: null,
    findings: [...findings, why],
    actions: [
      {
        zh: `权属单位核查 ${event.sensor.id} 的压力变送器、取压阀与数据链路`,
        en: `Owner to check the transmitter, tapping valve and telemetry of ${event.sensor.id}`,
      },
    ],
    data: { summaryZh: why.zh, summaryEn: why.en },
  });

  // A slow fall with no sudden drop: drift of this logger, or the zone's service pressure.
  if (ownDrop < cfg.minDropMpa && inflowUp.length === 0) {
    const fit = linearFit(ownLong);
    const ownLongDrop = stepChange(ownLong)?.drop ?? 0;
    const othersFell = loggers.some(
      (l) => (stepChange(l.long)?.drop ?? 0) >= cfg.neighbourDropShare * ownLongDrop,
    );
    if (fit.slopePerMin < 0 && fit.r2 >= cfg.driftMinR2 && !othersFell && loggers.length > 0) {
      return ownerCheck({
        zh: `仅该测点在 ${cfg.driftWindowMin} 分钟内线性缓降（R² ${round3(fit.r2)}），同管段测压点与进水流量平稳：判为传感器漂移，不发布预警`,
        en: `Only this logger has fallen steadily over ${cfg.driftWindowMin} min (R² ${round3(fit.r2)}) while the loggers on the same main and the inflow are steady: sensor drift, no warning`,
      });
    }
    return {
      tier: null,
      findings: [
        ...findings,
        {
          zh: '压力缓慢降低且无突降、进水流量未增加：属服务压力不足（用水高峰或供水调度），非泄漏，不发布泄漏预警',
          en: 'Pressure fell slowly with no sudden drop and no rise in inflow: a service-pressure shortfall (peak demand or dispatch), not a leak; no leak warning',
        },
      ],
      actions: [
        {
          zh: '调度中心核查泵站出水压力与分区阀门状态，必要时调整供水调度',
          en: 'Control room to check pump delivery pressure and DMA valves; adjust dispatch if needed',
        },
      ],
      data: { summaryZh: '服务压力不足，非泄漏', summaryEn: 'service-pressure shortfall, not a leak' },
    };
  }
  if (loggers.length > 0 && seen.length === 0 && inflowUp.length === 0) {
    return ownerCheck({
      zh: '仅该测点压降，同管段其他测压点与进水流量无变化（爆管压力波数秒内即传至相邻测点）：判为传感器或取压点局部故障，不发布预警',
      en: 'Only this logger dropped; the others on the main and the inflow did not (a burst wave reaches the neighbours within seconds): a local sensor or tapping fault, no warning',
    });
  }
  if (inflowDown.length > 0 && inflowUp.length === 0) {
    return {
      tier: null,
      findings: [
        ...findings,
        {
          zh: '压力与进水流量同时下降：为供水侧（水厂/泵站停泵或调度）压力损失，非管网泄漏',
          en: 'Pressure and inflow fell together: a supply-side loss (pump trip or dispatch), not a leak in the network',
        },
      ],
      actions: [
        {
          zh: '调度中心核查水厂、加压泵站运行与进水阀门，恢复供水压力',
          en: 'Control room to check the plant, booster pumps and inlet valves and restore pressure',
        },
      ],
      data: { summaryZh: '供水侧压力损失，非泄漏', summaryEn: 'supply-side pressure loss, not a leak' },
    };
  }

  const corroborated = seen.length > 0 || inflowUp.length > 0;
  const burstFlow = inflowUp.reduce((s, f) => s + (f.after - f.before), 0);
  if (burstFlow > 0) {
    findings.push({
      zh: `分区进水增加约 ${Math.round(burstFlow)} m3/h（${round1(burstFlow / 3.6)} L/s），即估计漏水量`,
      en: `District inflow up by about ${Math.round(burstFlow)} m3/h (${round1(burstFlow / 3.6)} L/s): the estimated leak flow`,
    });
  }

  // Locate between two loggers by the arrival-time difference of the pressure wave.
  let centre: LonLat = event.sensor.location;
  let uncertaintyM = cfg.unlocatedRadiusM;
  let where: I18n = { zh: `${obj.name.zh}附近`, en: `near ${obj.name.en}` };
  let loc: Location | null = null;
  let speed: ReturnType<typeof mainWaveSpeed> | null = null;
  if (main !== null) {
    speed = mainWaveSpeed(main, cfg);
    const arrivals: Arrival[] = [];
    for (const l of [self, ...seen]) {
      if (l.chainageM === null) continue;
      const pick = arrivalPick(l.window, cfg.onsetFraction, cfg.minDropMpa);
      if (pick) arrivals.push({ sensorId: l.sensorId, chainageM: l.chainageM, ...pick });
    }
    const pair = bracketingPair(arrivals);
    const line = main.geometry.type === 'LineString' ? (main.geometry.coordinates as LonLat[]) : null;
    if (pair) {
      const [a, b] = pair;
      loc = locateBetween(a, b, speed.speedMs, cfg.waveSpeedUncertainty);
      const name = (id: string) =>
        [self, ...seen].find((l) => l.sensorId === id)?.object.name ?? { zh: id, en: id };
      const na = name(a.sensorId);
      const nb = name(b.sensorId);
      findings.push({
        zh: `压力波速 a = ${Math.round(speed.speedMs)} m/s（${speed.measured ? '实测' : `Korteweg 公式，${MATERIAL_NAME[speed.material]?.zh ?? speed.material}`}）；${na.zh}与${nb.zh}相距 ${Math.round(loc.segmentM)} 米，压降到达时差 tA − tB = ${round3(loc.dtS)} s`,
        en: `Wave speed a = ${Math.round(speed.speedMs)} m/s (${speed.measured ? 'measured' : `Korteweg formula, ${MATERIAL_NAME[speed.material]?.en ?? speed.material}`}); ${na.en} and ${nb.en} are ${Math.round(loc.segmentM)} m apart, arrival difference tA − tB = ${round3(loc.dtS)} s`,
      });
      if (loc.resolvable && !loc.outside) {
        uncertaintyM = loc.uncertaintyM;
        where = {
          zh: `${main.name.zh}里程 ${Math.round(loc.chainageM)} 米处（距${na.zh} ${Math.round(loc.fromAM)} 米，±${Math.round(loc.uncertaintyM)} 米）`,
          en: `${main.name.en} at chainage ${Math.round(loc.chainageM)} m (${Math.round(loc.fromAM)} m from ${na.en}, ±${Math.round(loc.uncertaintyM)} m)`,
        };
        findings.push({
          zh: `漏点定位：x = (L + a·(tA − tB)) / 2 = ${Math.round(loc.fromAM)} 米，位于${where.zh}`,
          en: `Leak located: x = (L + a·(tA − tB)) / 2 = ${Math.round(loc.fromAM)} m, at ${where.en}`,
        });
      } else {
        uncertaintyM = loc.segmentM / 2;
        where = {
          zh: `${main.name.zh}${na.zh}至${nb.zh}之间（${Math.round(loc.segmentM)} 米管段）`,
          en: `${main.name.en} between ${na.en} and ${nb.en} (${Math.round(loc.segmentM)} m section)`,
        };
        findings.push(
          loc.outside
            ? {
                zh: '到达时差大于管段传播时间：漏点可能在两测点之外或波速有误，仅能定位到管段',
                en: 'The arrival difference exceeds the travel time over the section: the leak may lie outside it or the wave speed is off; located to the section only',
              }
            : {
                zh: `采样间隔过长（不确定度 ±${Math.round(loc.uncertaintyM)} 米 ≥ 管段一半），仅能定位到管段；需高频（≥10 Hz）瞬态压力记录或相关仪`,
                en: `Sampling too coarse (±${Math.round(loc.uncertaintyM)} m ≥ half the section): located to the section only; needs ≥ 10 Hz transient loggers or a correlator`,
              },
        );
      }
      const mid = a.chainageM + (loc.resolvable && !loc.outside ? loc.fromAM : loc.segmentM / 2);
      centre =
        line && pathLengthM(line) > 0
          ? pointAlong(line, mid)
          : (() => {
              const pa = [self, ...seen].find((l) => l.sensorId === a.sensorId)!.at;
              const pb = [self, ...seen].find((l) => l.sensorId === b.sensorId)!.at;
              const f = loc.segmentM > 0 ? (mid - a.chainageM) / loc.segmentM : 0.5;
              return [pa[0] + f * (pb[0] - pa[0]), pa[1] + f * (pb[1] - pa[1])] as LonLat;
            })();
    } else {
      findings.push({
        zh: '同管段可判读到达时刻的测压点不足两个（需登记 chainageM），以本测点为中心估计',
        en: 'Fewer than two loggers on the main with a readable arrival (chainageM needed); centred on this logger',
      });
    }
  }

  // Road-collapse risk zone around the leak.
  const soil = soilClass(main?.attributes['soilType'], undefined);
  const rVoid = voidRadiusM(num(main?.attributes['diameterMm']), num(main?.attributes['depthM']), soil, cfg);
  const radiusM = Math.min(cfg.maxZoneRadiusM, Math.ceil((uncertaintyM + rVoid) / 10) * 10);
  const zone = await zoneContents(ctx, cfg, centre, radiusM, [obj.id, ...(main ? [main.id] : [])]);
  findings.push({
    zh: `路面塌陷风险区半径 ${radiusM} 米 = 定位不确定度 ${Math.round(uncertaintyM)} 米 + 塌陷半径 ${round1(rVoid)} 米（朗肯破裂面，${SOIL_NAME[soil]?.zh ?? soil}）`,
    en: `Road-collapse risk zone radius ${radiusM} m = location uncertainty ${Math.round(uncertaintyM)} m + collapse radius ${round1(rVoid)} m (Rankine wedge, ${SOIL_NAME[soil]?.en ?? soil})`,
  });
  findings.push(...zoneFindings(zone));

  // Wet ground over the burst: soil sensors on this main, or anywhere inside the zone, risen at least half
  // the blue rise over their dry-weather baselines (the "elevated" test of the soil analysis). Burst water
  // or rain has soaked the subgrade, the condition in which the jet washes out a void (§4(2)4: the soil
  // data locate the leak). Whatever wetted it, it is a finding, not a tier step.
  const searchM = radiusM + haversineM(event.sensor.location, centre);
  const wet = (await soilSigns(ctx, objs, cfg, searchM, endT)).filter(
    (s) =>
      s.rise >= cfg.riseBluePct / 2 &&
      ((main !== null && s.mainId === main.id) || haversineM(s.at, centre) <= radiusM),
  );
  if (wet.length > 0)
    findings.push({
      zh: `管周土壤含水率升高：${wet.map((w) => `${w.name.zh} +${round1(w.rise)} %vol`).join('、')}，路基已浸水，漏水冲刷易掏空路基形成空洞`,
      en: `Wetter soil over the main: ${wet.map((w) => `${w.name.en} +${round1(w.rise)} %vol`).join(', ')}; the subgrade is soaked, where escaping water washes out a void`,
    });

  // Tier: the higher of the alarm's level and the drop's own level; one lower until corroborated.
  const dropLimits = await ctx.thresholds(event.sensor.id, 'pressure_drop');
  let base = Math.max(levelIdx(event.level), dropLevel(ownDrop, dropLimits));
  if (!corroborated) {
    base -= 1;
    findings.push({
      zh: '无相邻测压点或分区流量佐证：降一级待确认',
      en: 'No neighbouring logger or district flow to corroborate: one tier lower until confirmed',
    });
  } else {
    findings.push({
      zh: '相邻测压点或分区进水流量佐证：判为爆管/明漏',
      en: 'Corroborated by neighbouring loggers or district inflow: a burst',
    });
  }
  const esc = zoneEscalation(zone, cfg);
  findings.push(...esc.findings);
  const tier = tierAt(base + Math.min(esc.steps, cfg.maxEscalation));
  if (tier) findings.push({ zh: `定级 → ${TIER_NAME[tier].zh}预警`, en: `Tier → ${TIER_NAME[tier].en}` });

  const summary: I18n = {
    zh: `供水管网压力突降 ${round3(ownDrop)} MPa${burstFlow > 0 ? `、进水增加 ${Math.round(burstFlow)} m3/h` : ''}，疑似爆管`,
    en: `supply pressure fell ${round3(ownDrop)} MPa${burstFlow > 0 ? ` and inflow rose ${Math.round(burstFlow)} m3/h` : ''}: a suspected burst`,
  };
  return {
    tier,
    impact: circlePolygon(centre, radiusM),
    impactRadiusM: radiusM,
    targets: zone.targets,
    findings,
    actions: tier
      ? actionsFor(tier, {
          kind: 'burst',
          where,
          main: main?.name ?? null,
          radiusM,
          gasMains: zone.gasMains.map((o) => o.name),
          targets: [...zone.sensitive, ...zone.others].map((o) => o.name),
        })
      : [{ zh: '权属单位到场核查管线运行工况', en: 'Owner to check the main on site' }],
    data: {
      summaryZh: summary.zh,
      summaryEn: summary.en,
      whereZh: where.zh,
      whereEn: where.en,
      gasMainsZh: zone.gasMains.map((o) => o.name.zh).join('、') || '无',
      gasMainsEn: zone.gasMains.map((o) => o.name.en).join(', ') || 'none',
      waveSpeedMs: speed ? Math.round(speed.speedMs) : '—',
      locationUncertaintyM: Math.round(uncertaintyM),
      leakM3h: burstFlow > 0 ? Math.round(burstFlow) : '—',
    },
  };
}
