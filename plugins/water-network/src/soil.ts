/**
 * Analysis of a soil-moisture alarm beside a pipe: is the soil wetter than its dry-weather baseline because
 * of a leak (local, no rain, corroborated by leak noise or night flow), how likely a void is forming, and
 * which road-collapse risk zone and targets follow from it.
 */
import type { AlarmEvent, AnalysisContext, AnalysisResult, I18n } from '@fenghuo/sdk';
import { actionsFor } from './actions.js';
import {
  findPipe,
  iso,
  levelIdx,
  noiseSigns,
  num,
  Objects,
  round1,
  round2,
  SOIL_NAME,
  str,
  TIER_NAME,
  tierAt,
  zoneContents,
  zoneEscalation,
  zoneFindings,
} from './common.js';
import type { WaterConfig } from './definition.js';
import { circlePolygon, type LonLat } from './geo.js';
import { median, toSamples, withReading } from './series.js';
import {
  moistureRise,
  pipeCondition,
  soilClass,
  VOID_CLASS_NAME,
  voidLikelihood,
  voidRadiusM,
} from './voids.js';

const DAY = 86_400_000;

export interface SoilSign {
  sensorId: string;
  objectId: string;
  name: I18n;
  at: LonLat;
  rise: number;
  mainId: string | null;
}

/** Soil-moisture sensors within `radiusM` and their rise over their own baselines. */
export async function soilSigns(
  ctx: AnalysisContext,
  objs: Objects,
  cfg: WaterConfig,
  radiusM: number,
  endT: number,
): Promise<SoilSign[]> {
  const out: SoilSign[] = [];
  for (const s of await ctx.neighbours(radiusM, { metric: 'soil_moisture' })) {
    const o = await objs.get(s.objectId);
    const recorded = num(o?.attributes['baselineMoisturePct']);
    if (!o || recorded === null) continue;
    const pts = toSamples(
      await ctx.history(s.id, 'soil_moisture', {
        from: iso(endT - (cfg.soilBaselineDays + 1) * DAY),
        to: iso(endT),
      }),
    );
    if (pts.length === 0) continue;
    out.push({
      sensorId: s.id,
      objectId: o.id,
      name: o.name,
      at: s.location,
      rise: moistureRise(pts, endT, recorded, cfg).rise,
      mainId: str(o.attributes['mainId']),
    });
  }
  return out;
}

/** DMA night-flow sensors near `at` whose latest night is at or above their blue limit. */
async function elevatedNightFlow(
  ctx: AnalysisContext,
  objs: Objects,
  cfg: WaterConfig,
  dmaId: string | null,
  endT: number,
): Promise<I18n[]> {
  const out: I18n[] = [];
  for (const s of await ctx.neighbours(cfg.dmaSearchRadiusM, { metric: 'night_min_flow' })) {
    const o = await objs.get(s.objectId);
    if (!o || (dmaId !== null && o.id !== dmaId)) continue;
    const pts = await ctx.history(s.id, 'night_min_flow', { from: iso(endT - 2 * DAY), to: iso(endT) });
    const last = pts[pts.length - 1];
    const blue = (await ctx.thresholds(s.id, 'night_min_flow')).blue;
    if (last && blue !== undefined && last.value >= blue) out.push(o.name);
  }
  return out;
}

/** Analyse a `soil_moisture` alarm. */
export async function analyseSoil(
  event: AlarmEvent,
  ctx: AnalysisContext,
  cfg: WaterConfig,
): Promise<AnalysisResult> {
  const objs = new Objects(ctx);
  const obj = event.object;
  const endT = Date.parse(event.ts);
  const recorded = num(obj.attributes['baselineMoisturePct']) ?? event.limit;
  const samples = withReading(
    toSamples(
      await ctx.history(event.sensor.id, 'soil_moisture', {
        from: iso(endT - (cfg.soilBaselineDays + 1) * DAY),
        to: event.ts,
      }),
    ),
    endT,
    event.value,
  );
  const mr = moistureRise(samples, endT, recorded, cfg);
  const findings: I18n[] = [
    {
      zh: `${obj.name.zh}土壤含水率 ${round1(mr.latest)} %vol，较${mr.baselineFrom === 'series' ? '近期无雨基准' : '登记基准'} ${round1(mr.baseline)} %vol 升高 ${round1(mr.rise)} %vol，已持续 ${round1(mr.daysElevated)} 天`,
      en: `Soil moisture at ${obj.name.en} ${round1(mr.latest)} %vol, ${round1(mr.rise)} %vol above its ${mr.baselineFrom === 'series' ? 'recent dry-weather' : 'recorded'} baseline ${round1(mr.baseline)} %vol, for ${round1(mr.daysElevated)} day(s)`,
    },
  ];
  const noWarning = (why: I18n, action: I18n): AnalysisResult => ({
    tier: null,
    findings: [...findings, why],
    actions: [action],
    data: { summaryZh: why.zh, summaryEn: why.en },
  });

  if (mr.rise < cfg.riseBluePct) {
    return noWarning(
      {
        zh: `升幅不足 ${cfg.riseBluePct} %vol（蓝色判据），报警留权属单位关注，不发布预警`,
        en: `Rise below ${cfg.riseBluePct} %vol (the blue rule): the alarm stays with the owner, no warning`,
      },
      { zh: '权属单位关注含水率变化', en: 'Owner to keep watching the soil moisture' },
    );
  }
  const weather = await ctx.weather();
  const rainRecent = weather !== null && Date.parse(weather.ts) >= endT - cfg.rainExcludeHours * 3_600_000;
  const raining = rainRecent && (weather?.rainMmH ?? 0) >= cfg.rainMmH;
  const refs = (await soilSigns(ctx, objs, cfg, cfg.arealRadiusM, endT)).filter(
    (s) => s.sensorId !== event.sensor.id,
  );
  const refRise = refs.length > 0 ? median(refs.map((r) => r.rise)) : null;
  if (refRise !== null) {
    findings.push({
      zh: `${cfg.arealRadiusM} 米内 ${refs.length} 个对照测点含水率升幅中位数 ${round1(refRise)} %vol`,
      en: `Median rise of ${refs.length} reference sensor(s) within ${cfg.arealRadiusM} m: ${round1(refRise)} %vol`,
    });
  }
  if (raining || (refRise !== null && refRise >= cfg.arealShare * mr.rise)) {
    return noWarning(
      raining
        ? {
            zh: `近 ${cfg.rainExcludeHours} 小时有降雨（${weather?.rainMmH} mm/h）：含水率升高归因降雨，不作泄漏判断`,
            en: `Rain within the last ${cfg.rainExcludeHours} h (${weather?.rainMmH} mm/h): the rise is put down to rain, not a leak`,
          }
        : {
            zh: '周边对照测点同步升高：为区域性湿润（降雨或绿化灌溉），非管线渗漏，不发布预警',
            en: 'The reference sensors around rose as well: areal wetting (rain or irrigation), not a pipe leak; no warning',
          },
      { zh: '雨后复核含水率是否回落', en: 'Check after the rain that the moisture falls back' },
    );
  }

  const pipe = await findPipe(ctx, objs, obj, event.sensor.location, cfg.pipeSearchM);
  if (pipe) {
    findings.push({
      zh: `局部升高、无降雨，邻近管线：${pipe.name.zh}${typeof pipe.distanceM === 'number' ? `（${Math.round(pipe.distanceM)} 米）` : ''}`,
      en: `A local rise without rain, beside ${pipe.name.en}${typeof pipe.distanceM === 'number' ? ` (${Math.round(pipe.distanceM)} m)` : ''}`,
    });
  } else {
    findings.push({
      zh: `${cfg.pipeSearchM} 米内未找到登记的供排水管线：排查其他水源`,
      en: `No recorded water or sewer pipe within ${cfg.pipeSearchM} m: look for another water source`,
    });
  }
  const noise = await noiseSigns(ctx, objs, cfg, cfg.corroborationRadiusM, endT);
  const dmaId = str(pipe?.attributes['dmaId']);
  const mnf = await elevatedNightFlow(ctx, objs, cfg, dmaId, endT);
  for (const n of noise) {
    findings.push({
      zh: `漏损噪声佐证：${n.object.zh} ${round1(n.latest)} dB（基准 ${round1(n.baseline)} dB）`,
      en: `Leak noise corroborates: ${n.object.en} ${round1(n.latest)} dB (baseline ${round1(n.baseline)} dB)`,
    });
  }
  for (const m of mnf) {
    findings.push({
      zh: `夜间最小流量佐证：${m.zh}偏高`,
      en: `Night flow corroborates: ${m.en} is elevated`,
    });
  }
  const leak = (noise.length > 0 ? 0.5 : 0) + (mnf.length > 0 ? 0.5 : 0);
  const soil = soilClass(
    obj.attributes['soilType'] ?? pipe?.attributes['soilType'],
    obj.attributes['plasticityIndex'],
  );
  const pipeF = pipe ? pipeCondition(pipe.attributes, endT, cfg.oldPipeYears) : 0;
  const vl = voidLikelihood({ rise: mr.rise, daysElevated: mr.daysElevated, soil, leak, pipe: pipeF }, cfg);
  findings.push({
    zh: `地下空洞可能性 ${round2(vl.p)}（${VOID_CLASS_NAME[vl.klass].zh}）：含水率 ${round2(vl.parts.moisture)}、持续 ${round2(vl.parts.duration)}、土体可冲蚀性 ${round2(vl.parts.soil)}（${SOIL_NAME[soil]?.zh ?? soil}）、泄漏佐证 ${round2(vl.parts.leak)}、管况 ${round2(vl.parts.pipe)}`,
    en: `Void likelihood ${round2(vl.p)} (${VOID_CLASS_NAME[vl.klass].en}): moisture ${round2(vl.parts.moisture)}, duration ${round2(vl.parts.duration)}, soil erodibility ${round2(vl.parts.soil)} (${SOIL_NAME[soil]?.en ?? soil}), leak evidence ${round2(vl.parts.leak)}, pipe condition ${round2(vl.parts.pipe)}`,
  });

  const depth = num(obj.attributes['depthM']) ?? num(pipe?.attributes['depthM']);
  const rVoid = voidRadiusM(num(pipe?.attributes['diameterMm']), depth, soil, cfg);
  const radiusM = Math.min(cfg.maxZoneRadiusM, Math.ceil((cfg.soilLocationUncertaintyM + rVoid) / 10) * 10);
  const centre = event.sensor.location;
  const zone = await zoneContents(ctx, cfg, centre, radiusM, [obj.id, ...(pipe ? [pipe.id] : [])]);
  findings.push({
    zh: `路面塌陷风险区半径 ${radiusM} 米 = 测点定位不确定度 ${cfg.soilLocationUncertaintyM} 米 + 塌陷半径 ${round1(rVoid)} 米（朗肯破裂面）`,
    en: `Road-collapse risk zone radius ${radiusM} m = sensor location uncertainty ${cfg.soilLocationUncertaintyM} m + collapse radius ${round1(rVoid)} m (Rankine wedge)`,
  });
  findings.push(...zoneFindings(zone));

  // Tier: the catalogue's additive rule, then the void likelihood and what lies in the zone.
  const base = mr.rise >= cfg.riseYellowPct ? levelIdx('yellow') : levelIdx('blue');
  let steps = 0;
  if (pipe && (vl.klass === 'high' || vl.klass === 'very_high')) {
    steps++;
    findings.push({ zh: '空洞可能性高：升一级', en: 'Void likely: one tier up' });
  }
  const esc = zoneEscalation(zone, cfg);
  steps += esc.steps;
  findings.push(...esc.findings);
  const tier = tierAt(base + Math.min(steps, cfg.maxEscalation));
  if (tier) findings.push({ zh: `定级 → ${TIER_NAME[tier].zh}预警`, en: `Tier → ${TIER_NAME[tier].en}` });

  const where: I18n = pipe
    ? { zh: `${obj.name.zh}（${pipe.name.zh}旁）`, en: `${obj.name.en} (beside ${pipe.name.en})` }
    : obj.name;
  return {
    tier,
    impact: circlePolygon(centre, radiusM),
    impactRadiusM: radiusM,
    targets: zone.targets,
    findings,
    actions: tier
      ? actionsFor(tier, {
          kind: 'void',
          where,
          main: pipe?.name ?? null,
          radiusM,
          gasMains: zone.gasMains.map((o) => o.name),
          targets: [...zone.sensitive, ...zone.others].map((o) => o.name),
        })
      : [],
    data: {
      summaryZh: `土壤含水率无雨升高 ${round1(mr.rise)} %vol，地下空洞可能性${VOID_CLASS_NAME[vl.klass].zh}（${round2(vl.p)}）`,
      summaryEn: `soil moisture up ${round1(mr.rise)} %vol without rain; void likelihood ${VOID_CLASS_NAME[vl.klass].en} (${round2(vl.p)})`,
      whereZh: where.zh,
      whereEn: where.en,
      gasMainsZh: zone.gasMains.map((o) => o.name.zh).join('、') || '无',
      gasMainsEn: zone.gasMains.map((o) => o.name.en).join(', ') || 'none',
      voidLikelihood: round2(vl.p),
      moistureRisePct: round1(mr.rise),
    },
  };
}
