/**
 * The wind analysis, for an alarm on the track feed or on a weather station: the CMA signal from the
 * forecast track (time to impact per rung) and from sustained or corroborated observations, the exposed
 * structures and protection targets in the wind, and the gridded hazard × exposure × vulnerability map.
 */
import {
  type AffectedTarget,
  type AlarmEvent,
  type AnalysisContext,
  type AnalysisResult,
  haversineM,
  localTime,
  type Statement,
  type Tier,
  utcOffsetLabel,
} from '@fenghuo/sdk';
import { actionsFor } from './actions.js';
import type { TyphoonConfig } from './definition.js';
import { circlePolygon, r1, r2 } from './geo.js';
import { CLASS_NAMES, type GridObject, idw, riskGrid } from './grid.js';
import { listAffected } from './listing.js';
import { type Place, readPlaces, readStations, readTrack, type Station, type Track } from './scene.js';
import {
  forecastSignal,
  heldLevel,
  hoursToImpact,
  maxTier,
  observedTier,
  type PointSeries,
  type RungHit,
} from './signal.js';
import {
  beaufortLevel,
  centreAt,
  fitVortex,
  type LonLat,
  radiusOf,
  translationKmH,
  type Vortex,
  windSeries,
} from './wind.js';

const TIER_ZH: Record<Tier, string> = { blue: '蓝色', yellow: '黄色', orange: '橙色', red: '红色' };
const HORIZON_H = 24;

function cycloneClass(v: number): { zh: string; en: string } {
  if (v >= 51) return { zh: '超强台风', en: 'super typhoon' };
  if (v >= 41.5) return { zh: '强台风', en: 'severe typhoon' };
  if (v >= 32.7) return { zh: '台风', en: 'typhoon' };
  if (v >= 24.5) return { zh: '强热带风暴', en: 'severe tropical storm' };
  if (v >= 17.2) return { zh: '热带风暴', en: 'tropical storm' };
  if (v >= 10.8) return { zh: '热带低压', en: 'tropical depression' };
  return { zh: '低于热带低压', en: 'below tropical-depression strength' };
}

interface ObservedAt {
  station: Station;
  tier: Tier | null;
  heldMean: number | null;
  gustUsed: number | null;
  spike: boolean;
}

/**
 * Observed rung at each station: the mean wind held for `sustainSamples` samples; a gust counts when it
 * held as long too, or when another station within `corroborateRadiusM` also saw a blue-rung gust. A gust
 * that meets a rung on its own, once, at one station is a spike.
 */
export function observe(stations: readonly Station[], cfg: TyphoonConfig): ObservedAt[] {
  const n = cfg.sustainSamples;
  const blueGust = cfg.signal.blue.gustMs;
  return stations.map((s) => {
    const heldMean = heldLevel(s.mean, n);
    const heldGust = heldLevel(s.gust, n);
    const lastGust = s.gust[s.gust.length - 1] ?? null;
    const corroborated = stations.some(
      (o) =>
        o.id !== s.id &&
        haversineM(o.at, s.at) <= cfg.corroborateRadiusM &&
        o.gust.some((g) => g >= blueGust),
    );
    const gustUsed = corroborated ? Math.max(lastGust ?? 0, heldGust ?? 0) : heldGust;
    const tier = observedTier(heldMean, gustUsed, cfg);
    const rawTier = observedTier(heldMean, Math.max(...s.gust, 0), cfg);
    return { station: s, tier, heldMean, gustUsed, spike: rawTier !== null && tier === null };
  });
}

/**
 * 0 for a place where people are (a protection target, a hazard, an exposed structure, a district), 1 for
 * the rest (pipes, wells, gauges). The forecast names the point the wind reaches first and, on a tie, the
 * first in the list: a school rather than a buried gas main.
 */
function peopleFirst(p: Place): number {
  return p.object.role !== 'monitored' ||
    p.object.kind === 'exposed_structure' ||
    p.object.kind === 'coastal_district'
    ? 0
    : 1;
}

/** The station's latest mean wind for a text, to the anemometer's 0.1 m/s. */
function lastMean(s: Station): string {
  const v = s.mean[s.mean.length - 1];
  return v === undefined ? '—' : String(r1(v));
}

function fmtH(h: number | null): { zh: string; en: string } {
  if (h === null) return { zh: '24 小时内不会达到', en: 'not within 24 h' };
  if (h <= 0) return { zh: '已达到', en: 'already reached' };
  return { zh: `约 ${r1(h)} 小时后`, en: `in about ${r1(h)} h` };
}

export async function analyseWind(
  event: AlarmEvent,
  ctx: AnalysisContext,
  cfg: TyphoonConfig,
): Promise<AnalysisResult> {
  const track = await readTrack(event, ctx, cfg);
  const stations = await readStations(event, ctx, cfg);
  const places = await readPlaces(event, ctx, cfg);
  const findings: Statement[] = [];

  // --- Forecast: the vortex along the track, at every object of the city.
  let vortex: Vortex | null = null;
  let hit: RungHit | null = null;
  let series: PointSeries[] = [];
  const others = places
    .filter((p) => p.object.id !== event.object.id)
    .sort((a, b) => peopleFirst(a) - peopleFirst(b))
    .map((p) => ({ id: p.object.id, name: p.object.name, at: p.at }));
  // The track object stands at the met office and bears the storm's name: it is a point of the city only
  // when the city has no other object, lest a finding read "Typhoon X may see gusts of level 12".
  const cityPoints: { id: string; name: { zh: string; en: string }; at: LonLat }[] =
    event.object.kind === 'typhoon_track' && others.length > 0
      ? others
      : [{ id: event.object.id, name: event.object.name, at: event.sensor.location }, ...others];
  if (track) {
    vortex = fitVortex(track.maxWindMs, track.r7Km, track.r10Km, cfg);
    series = cityPoints.map((p) => ({
      id: p.id,
      name: p.name,
      series: windSeries(vortex as Vortex, track.fixes, p.at, HORIZON_H, cfg.forecastStepH),
    }));
    hit = forecastSignal(series, cfg);
    findings.push(trackFinding(track, vortex, event.sensor.location, event.utcOffsetMin ?? 0));
    const lead = (['blue', 'yellow', 'orange', 'red'] as const).map((t) => {
      const h = hoursToImpact(series, cfg.signal[t].meanMs);
      return { t, h, lvl: beaufortLevel(cfg.signal[t].meanMs) };
    });
    findings.push({
      zh: `预计影响时间（城区任一对象平均风达到）：${lead.map((l) => `${l.lvl} 级 ${fmtH(l.h).zh}`).join('；')}`,
      en: `Time to impact (mean wind reaching any object of the city): ${lead.map((l) => `level ${l.lvl} ${fmtH(l.h).en}`).join('; ')}`,
    });
    if (hit) {
      const r = cfg.signal[hit.tier];
      findings.push({
        zh: `按路径预报：${r.hours} 小时内${hit.point.name.zh}${hit.by === 'mean' ? `平均风可达 ${beaufortLevel(r.meanMs)} 级（≥ ${r.meanMs} m/s）` : `阵风可达 ${beaufortLevel(r.gustMs)} 级（≥ ${r.gustMs} m/s，阵风系数 ${cfg.gustFactor}）`}，${fmtH(hit.hours).zh}，满足台风${TIER_ZH[hit.tier]}预警信号标准`,
        en: `From the forecast track: within ${r.hours} h ${hit.point.name.en} may see ${hit.by === 'mean' ? `a mean wind of level ${beaufortLevel(r.meanMs)} (≥ ${r.meanMs} m/s)` : `gusts of level ${beaufortLevel(r.gustMs)} (≥ ${r.gustMs} m/s, gust factor ${cfg.gustFactor})`}, ${fmtH(hit.hours).en}: the ${hit.tier} typhoon signal criterion is met`,
      });
    } else {
      findings.push({
        zh: '按路径预报，24 小时内城区平均风不会达到 6 级、阵风不会达到 8 级',
        en: 'From the forecast track, the city will not see a level-6 mean wind or level-8 gusts within 24 h',
      });
    }
  } else {
    findings.push({
      zh: `${cfg.trackMaxAgeH} 小时内没有台风路径报文，仅按实况研判`,
      en: `No track bulletin within ${cfg.trackMaxAgeH} h; judged on observations only`,
    });
  }

  // --- Observations: sustained or corroborated, and "may continue".
  const obs = observe(stations, cfg);
  let obsTier: Tier | null = null;
  let obsAt: ObservedAt | null = null;
  for (const o of obs) {
    if (o.tier !== null && maxTier(obsTier, o.tier) !== obsTier) {
      obsTier = o.tier;
      obsAt = o;
    }
    if (o.spike) {
      const g = Math.max(...o.station.gust);
      findings.push({
        zh: `${o.station.id} 单次阵风 ${r1(g)} m/s（${beaufortLevel(g)} 级），未持续（少于 ${cfg.sustainSamples} 个样本）且 ${cfg.corroborateRadiusM / 1000} km 内无其他站点佐证，平均风仅 ${lastMean(o.station)} m/s：判为孤立阵风尖峰，不据此发布预警`,
        en: `${o.station.id}: a single gust of ${r1(g)} m/s (level ${beaufortLevel(g)}), not sustained (fewer than ${cfg.sustainSamples} samples) and not seen by any station within ${cfg.corroborateRadiusM / 1000} km, mean wind only ${lastMean(o.station)} m/s: an isolated gust spike, no warning from it`,
      });
    }
  }
  if (obsAt && obsTier) {
    const s = obsAt.station;
    const continuing =
      !vortex || !track
        ? true
        : windSeries(vortex, track.fixes, s.at, 6, cfg.forecastStepH).windMs.some(
            (w) => w >= cfg.signal.blue.meanMs,
          );
    findings.push({
      zh: `实况：${s.id} 平均风持续 ${obsAt.heldMean === null ? '—' : r1(obsAt.heldMean)} m/s（${beaufortLevel(obsAt.heldMean ?? 0)} 级），阵风 ${obsAt.gustUsed === null ? '—' : r1(obsAt.gustUsed)} m/s（${beaufortLevel(obsAt.gustUsed ?? 0)} 级），已达台风${TIER_ZH[obsTier]}预警信号标准${continuing ? '，且大风可能持续' : '，但路径预报显示大风将在 6 小时内减弱'}`,
      en: `Observed: ${s.id} mean wind held at ${obsAt.heldMean === null ? '—' : r1(obsAt.heldMean)} m/s (level ${beaufortLevel(obsAt.heldMean ?? 0)}), gusts ${obsAt.gustUsed === null ? '—' : r1(obsAt.gustUsed)} m/s (level ${beaufortLevel(obsAt.gustUsed ?? 0)}): the ${obsTier} signal criterion is met${continuing ? ' and the wind may continue' : ', but the track says the wind eases within 6 h'}`,
    });
    if (!continuing) obsTier = null;
  }
  const tier = maxTier(hit?.tier ?? null, obsTier);

  // --- Peak modelled wind per object, for the exposed structures and the grid.
  const peakAt = (p: LonLat): number => {
    if (vortex && track)
      return Math.max(...windSeries(vortex, track.fixes, p, HORIZON_H, cfg.forecastStepH).windMs);
    return idw(
      p,
      stations.filter((s) => s.mean.length > 0).map((s) => ({ at: s.at, value: Math.max(...s.mean) })),
      cfg.grid.rainRadiusM,
      haversineM,
      0,
    );
  };
  const peakById = new Map<string, number>();
  for (const ps of series) peakById.set(ps.id, Math.max(...ps.series.windMs));
  const peakOf = (pl: Place) => peakById.get(pl.object.id) ?? peakAt(pl.at);

  const threatened: Place[] = [];
  for (const pl of places) {
    if (pl.object.kind !== 'exposed_structure') continue;
    const a = pl.object.attributes;
    const limit =
      typeof a.designWindMs === 'number'
        ? a.designWindMs
        : a.structureType === 'tower_crane'
          ? cfg.craneStopWindMs
          : cfg.signal.yellow.meanMs;
    const peak = peakOf(pl);
    if (peak * cfg.gustFactor >= limit) threatened.push(pl);
  }
  if (threatened.length > 0)
    findings.push({
      zh: `预计阵风超过设计/停用风速的高空构筑物 ${threatened.length} 处：${threatened.map((p) => `${p.object.name.zh}（峰值阵风约 ${r1(peakOf(p) * cfg.gustFactor)} m/s）`).join('、')}`,
      en: `${threatened.length} exposed structure(s) expected to see gusts above their design or out-of-service wind: ${threatened.map((p) => `${p.object.name.en} (peak gust about ${r1(peakOf(p) * cfg.gustFactor)} m/s)`).join(', ')}`,
    });

  // --- The risk grid.
  const rainStations = stations
    .filter((s) => s.rain24h !== null)
    .map((s) => ({ at: s.at, value: s.rain24h as number }));
  const weather = await ctx.weather();
  const rainFallback = weather?.rainMmH !== undefined ? weather.rainMmH * 24 : 0;
  const gridObjs: GridObject[] = places
    .filter((p) => p.object.kind !== 'weather_station')
    .map((p) => ({
      id: p.object.id,
      kind: p.object.kind,
      name: p.object.name,
      at: p.at,
      attributes: p.object.attributes,
    }));
  const grid = riskGrid(
    gridObjs,
    peakAt,
    (p) => idw(p, rainStations, cfg.grid.rainRadiusM, haversineM, rainFallback),
    cfg,
  );
  const top = grid.cells.filter((c) => c.risk > 0).slice(0, cfg.grid.topCells);
  for (const [i, c] of top.entries()) {
    const cls = CLASS_NAMES[c.riskClass] ?? { zh: '—', en: '—' };
    findings.push({
      zh: `风险网格第 ${i + 1}（${grid.cellSizeM} m 网格 行${c.row}列${c.col}，中心 ${c.centre[0]}, ${c.centre[1]}）：风险 ${r2(c.risk)}（${cls.zh}）= 危险性 ${r2(c.hazard)}（峰值风 ${r1(c.windMs)} m/s，雨量 ${r1(c.rainMm)} mm）× 暴露度 ${r2(c.exposure)}（${Math.round(c.people)} 人）× 脆弱性 ${r2(c.vulnerability)}；对象：${c.objects.map((o) => o.name.zh).join('、')}`,
      en: `Risk cell ${i + 1} (${grid.cellSizeM} m grid, row ${c.row} col ${c.col}, centre ${c.centre[0]}, ${c.centre[1]}): risk ${r2(c.risk)} (${cls.en}) = hazard ${r2(c.hazard)} (peak wind ${r1(c.windMs)} m/s, rain ${r1(c.rainMm)} mm) × exposure ${r2(c.exposure)} (${Math.round(c.people)} people) × vulnerability ${r2(c.vulnerability)}; objects: ${c.objects.map((o) => o.name.en).join(', ')}`,
    });
  }

  if (tier === null) {
    findings.unshift({
      zh: '未达到台风预警信号标准，不发布预警；报警仍推送权属单位',
      en: 'No typhoon signal criterion is met: no warning; the alarm still goes to the owner unit',
    });
    return { tier: null, findings, actions: [] };
  }

  // --- Targets: protection targets and hazards where the modelled (or observed) wind meets the blue rung.
  const inWind = places.filter(
    (p) =>
      (p.object.role === 'target' || p.object.role === 'hazard' || p.object.kind === 'exposed_structure') &&
      (peakOf(p) >= cfg.signal.blue.meanMs || peakOf(p) * cfg.gustFactor >= cfg.signal.blue.gustMs),
  );
  const trackObj = track ? await ctx.object(track.objectId) : null;
  const targets: AffectedTarget[] = inWind.slice(0, 100).map((p) => ({
    id: p.object.id,
    kind: p.object.kind,
    role: p.object.role,
    name: p.object.name,
    distanceM: Math.round(p.distanceM),
  }));

  // The body names the strongest-hit few; the structured targets keep them all.
  const affected = listAffected(
    [...inWind]
      .sort((a, b) => peakOf(b) - peakOf(a))
      .map((p) => ({
        name: p.object.name,
        note: { zh: `峰值风约 ${r1(peakOf(p))} m/s`, en: `peak wind about ${r1(peakOf(p))} m/s` },
      })),
    cfg.maxListed,
    { zh: '按预计峰值风由大到小', en: 'strongest expected wind first' },
  );
  const result: AnalysisResult = {
    tier,
    targets,
    findings,
    actions: actionsFor(tier, threatened.length > 0),
    data: {
      titleZh:
        event.object.kind === 'typhoon_track'
          ? `${event.object.name.zh}影响本市`
          : `${event.object.name.zh}台风大风`,
      titleEn:
        event.object.kind === 'typhoon_track'
          ? `${event.object.name.en} approaching the city`
          : `typhoon winds at ${event.object.name.en}`,
      summaryZh: `${trackObj ? trackObj.name.zh : '大风'}${track ? `中心距城区约 ${Math.round(haversineM(track.centre, event.sensor.location) / 1000)} km，最大风速 ${track.maxWindMs} m/s（${beaufortLevel(track.maxWindMs)} 级）` : ''}，达到台风${TIER_ZH[tier]}预警信号标准${hit ? `，${fmtH(hit.hours).zh}影响` : '（实况）'}；影响范围内防护目标 ${targets.length} 处，超限高空构筑物 ${threatened.length} 处；风险最高网格：${top[0] ? `${top[0].objects.map((o) => o.name.zh).join('、')}（${r2(top[0].risk)}）` : '无'}`,
      summaryEn: `${trackObj ? trackObj.name.en : 'Strong winds'}${track ? `: centre about ${Math.round(haversineM(track.centre, event.sensor.location) / 1000)} km from the city, maximum wind ${track.maxWindMs} m/s (level ${beaufortLevel(track.maxWindMs)})` : ''}; the ${tier} typhoon signal criterion is met${hit ? `, impact ${fmtH(hit.hours).en}` : ' (observed)'}; protection targets in the wind: ${targets.length}; exposed structures beyond their limit: ${threatened.length}; riskiest grid cell: ${top[0] ? `${top[0].objects.map((o) => o.name.en).join(', ')} (${r2(top[0].risk)})` : 'none'}`,
      affectedZh: affected.zh,
      affectedEn: affected.en,
      tierCn: TIER_ZH[tier],
      hoursToImpact: hit ? r1(Math.max(0, hit.hours)) : 0,
      typhoonZh: trackObj ? trackObj.name.zh : '大风',
      typhoonEn: trackObj ? trackObj.name.en : 'strong winds',
      maxWind: track ? track.maxWindMs : '—',
      maxLevel: track ? beaufortLevel(track.maxWindMs) : '—',
      distanceKm: track ? Math.round(haversineM(track.centre, event.sensor.location) / 1000) : '—',
      targetsInWind: targets.length,
      structuresAtRisk: threatened.length,
      topCellRisk: top[0] ? r2(top[0].risk) : 0,
      topCellZh: top[0] ? top[0].objects.map((o) => o.name.zh).join('、') : '无',
      topCellEn: top[0] ? top[0].objects.map((o) => o.name.en).join(', ') : 'none',
    },
  };
  if (vortex && track && hit) {
    const radiusKm = radiusOf(vortex, cfg.signal[hit.tier].meanMs);
    if (radiusKm > 0) {
      result.impact = circlePolygon(centreAt(track.fixes, Math.max(0, hit.hours)), radiusKm * 1000);
      result.impactRadiusM = Math.round(radiusKm * 1000);
    }
  }
  return result;
}

/** The bulletin in a sentence, dated in the city's time (`offsetMin`, the English adding the offset). */
function trackFinding(track: Track, v: Vortex, city: LonLat, offsetMin: number): Statement {
  const issued = localTime(track.ts, offsetMin);
  const distKm = Math.round(haversineM(track.centre, city) / 1000);
  const cls = cycloneClass(track.maxWindMs);
  const speed = translationKmH(track.fixes);
  const fit =
    v.fit === 'r7+r10'
      ? { zh: '由七级、十级风圈半径拟合', en: 'fitted to the level-7 and level-10 radii' }
      : v.fit === 'default'
        ? { zh: '无风圈半径，采用缺省值', en: 'no wind radii, defaults used' }
        : {
            zh: `由${v.fit === 'r7' ? '七' : '十'}级风圈半径和缺省指数推算`,
            en: `from the ${v.fit === 'r7' ? 'level-7' : 'level-10'} radius and the default exponent`,
          };
  return {
    zh: `台风路径报文 ${issued}：中心 ${track.centre[0]}°E, ${track.centre[1]}°N，距城区约 ${distKm} km；中心附近最大风速 ${track.maxWindMs} m/s（${beaufortLevel(track.maxWindMs)} 级，${cls.zh}）${speed === null ? '' : `，移速约 ${Math.round(speed)} km/h`}；风场模型：兰金涡，最大风速半径 ${r1(v.rmaxKm)} km，外区衰减指数 ${r2(v.x)}（${fit.zh}）`,
    en: `Track bulletin ${issued} (${utcOffsetLabel(offsetMin)}): centre ${track.centre[0]}°E, ${track.centre[1]}°N, about ${distKm} km from the city; maximum wind ${track.maxWindMs} m/s (level ${beaufortLevel(track.maxWindMs)}, ${cls.en})${speed === null ? '' : `, moving at about ${Math.round(speed)} km/h`}; wind model: Rankine vortex, radius of maximum wind ${r1(v.rmaxKm)} km, outer decay exponent ${r2(v.x)} (${fit.en})`,
  };
}
