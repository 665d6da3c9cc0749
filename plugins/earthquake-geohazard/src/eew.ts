/**
 * Earthquake early warning (guideline §4(2)17: "warn the public at once from the estimated epicentre,
 * magnitude, intensity and the local faults"). One message is one reading of the feed receiver; on its
 * alarm this estimates the intensity at every object of the city with the attenuation relation, tiers
 * each object by intensity, lists the objects of each tier and their S-wave lead time.
 */
import {
  type AffectedTarget,
  type AlarmEvent,
  type AnalysisContext,
  type AnalysisResult,
  type CityObject,
  localTime,
  type Statement,
  type Tier,
  utcOffsetLabel,
} from '@fenghuo/sdk';
import { bearingDeg, distanceKm, leadTimeSec, roman, siteIntensity } from './attenuation.js';
import { nameList, pointOf, round1, say, TIER_ZH, TIERS } from './common.js';
import type { GeoConfig } from './definition.js';

export interface SiteEstimate {
  object: CityObject;
  distKm: number;
  /** Continuous estimate, site correction included. */
  intensity: number;
  /** Integer intensity (GB/T 17742 degrees) the tier is read from. */
  degree: number;
  tier: Tier | null;
  leadSec: number;
}

/** The tier of an integer intensity. */
export function tierOfIntensity(degree: number, t: GeoConfig['intensityTiers']): Tier | null {
  for (let i = TIERS.length - 1; i >= 0; i--) {
    const tier = TIERS[i]!;
    if (degree >= t[tier]) return tier;
  }
  return null;
}

/**
 * Listing order at equal intensity: the kinds in `priorityKinds` (schools, hospitals, care homes: people
 * who cannot take cover or leave by themselves), then other protection targets, then hazards (secondary
 * disasters), then monitored assets.
 */
export function listRank(o: CityObject, priorityKinds: readonly string[]): number {
  if (priorityKinds.includes(o.kind)) return 0;
  return o.role === 'target' ? 1 : o.role === 'hazard' ? 2 : 3;
}

/**
 * Most affected first: the higher integer intensity (the degree a tier is read from), then `listRank`,
 * then the higher continuous estimate, then the id (a stable order).
 *
 * @example
 * sites.sort(byImpact(cfg.priorityKinds)); // a VII village before a VI school before a VI valve well
 */
export function byImpact(priorityKinds: readonly string[]) {
  return (a: SiteEstimate, b: SiteEstimate): number =>
    b.degree - a.degree ||
    listRank(a.object, priorityKinds) - listRank(b.object, priorityKinds) ||
    b.intensity - a.intensity ||
    a.object.id.localeCompare(b.object.id);
}

const leadText = (s: SiteEstimate): Statement =>
  s.leadSec <= 0
    ? { zh: '盲区', en: 'blind zone' }
    : { zh: `横波约 ${Math.round(s.leadSec)} 秒`, en: `S waves in about ${Math.round(s.leadSec)} s` };

const degreeRange = (xs: readonly SiteEstimate[]): string => {
  const hi = Math.max(...xs.map((x) => x.degree));
  const lo = Math.min(...xs.map((x) => x.degree));
  return hi === lo ? roman(hi) : `${roman(lo)}–${roman(hi)}`;
};

/**
 * One finding naming the most affected objects, each with its intensity and S-wave lead time, and
 * counting the rest in the same line: a message that reaches a whole city must not bury the school at
 * VII under a hundred valve wells. `sites` are the warned sites, already in `byImpact` order.
 *
 * @example
 * mostAffected(sites, 10).en;
 * // 'Most affected 10 of 115 (…): Meiling Primary School (VI, S waves in about 5 s), …; 105 more at V'
 */
export function mostAffected(sites: readonly SiteEstimate[], max: number): Statement {
  const shown = sites.slice(0, max);
  const rest = sites.slice(max);
  const zh = shown.map((s) => `${s.object.name.zh}（${roman(s.degree)} 度，${leadText(s).zh}）`).join('、');
  const en = shown.map((s) => `${s.object.name.en} (${roman(s.degree)}, ${leadText(s).en})`).join(', ');
  const order = {
    zh: '按预估烈度，同烈度先列学校、医院、养老机构等和防护目标',
    en: 'highest estimated intensity first; at equal intensity schools, hospitals, care homes and protection targets first',
  };
  if (rest.length === 0)
    return {
      zh: `受影响对象 ${sites.length} 处（${order.zh}）：${zh}`,
      en: `All ${sites.length} affected (${order.en}): ${en}`,
    };
  return {
    zh: `影响最大的 ${shown.length} 处（共 ${sites.length} 处，${order.zh}）：${zh}；其余 ${rest.length} 处预估烈度 ${degreeRange(rest)} 度，见预警目标清单`,
    en: `Most affected ${shown.length} of ${sites.length} (${order.en}): ${en}; ${rest.length} more at estimated intensity ${degreeRange(rest)}, all in the warning's target list`,
  };
}

/** Whether a message of this magnitude this far away passes the publication gates. */
export function passesGate(magnitude: number, distKm: number, gates: GeoConfig['publicationGates']): boolean {
  return gates.some((g) => distKm <= g.maxDistanceKm && magnitude >= g.minMagnitude);
}

/** Estimate intensity, tier and lead time at each object. */
export function estimateSites(
  objects: CityObject[],
  epicentre: [number, number],
  magnitude: number,
  depthKm: number,
  region: 'east' | 'west',
  cfg: GeoConfig,
): SiteEstimate[] {
  const relation = cfg.attenuation[region];
  return objects.map((object) => {
    const at = pointOf(object.geometry);
    const distKm = distanceKm(epicentre, at);
    const az = cfg.faultStrikeDeg === null ? null : bearingDeg(epicentre, at) - cfg.faultStrikeDeg;
    const corr = object.attributes.intensityCorrection;
    const intensity = Math.min(
      12,
      Math.max(0, siteIntensity(relation, magnitude, distKm, az) + (typeof corr === 'number' ? corr : 0)),
    );
    const degree = Math.round(intensity);
    return {
      object,
      distKm,
      intensity,
      degree,
      tier: tierOfIntensity(degree, cfg.intensityTiers),
      leadSec: leadTimeSec(distKm, depthKm, cfg.sWaveKmS, cfg.messageDelaySec),
    };
  });
}

const ACTIONS: Record<Tier, [string, string][]> = {
  red: [
    [
      '立即发布公众预警（手机、电视、应急广播），人员就近避险：室内躲在坚固桌下、远离窗户，低楼层和户外人员迅速到开阔地',
      'Issue the public warning at once (phones, TV, emergency broadcast); people take cover: under a sturdy table away from windows, or out to open ground from low floors and outdoors',
    ],
    [
      '学校、医院启动地震应急预案，停止手术等高风险作业；燃气、供水、电力、轨道交通执行紧急处置（燃气自动切断、列车减速停车、电梯就近停靠）',
      'Schools and hospitals start their earthquake plans and stop high-risk work; gas, water, power and rail take emergency measures (gas shut-off, trains slow and stop, lifts stop at the nearest floor)',
    ],
    [
      '震后立即排查列出对象的结构、管线泄漏和次生滑坡崩塌，启动市级地震应急响应',
      'After the shaking, inspect the listed objects for structural damage, pipe leaks and secondary landslides; start the city earthquake response',
    ],
  ],
  orange: [
    [
      '立即发布公众预警，人员就近避险；学校组织避险后疏散至操场',
      'Issue the public warning at once; people take cover; schools shelter then evacuate to the playground',
    ],
    [
      '生命线运营单位执行预警联动（列车减速、电梯停靠、燃气阀门监视），震后巡检',
      'Lifeline operators take their EEW actions (trains slow, lifts stop, gas valves watched) and inspect afterwards',
    ],
  ],
  yellow: [
    [
      '向列出对象推送预警，室内人员注意避险，远离悬挂物',
      'Push the warning to the listed objects; people indoors stay clear of hanging objects',
    ],
    ['震后检查高敏感设施运行状态', 'Check sensitive facilities after the shaking'],
  ],
  blue: [
    ['推送预警信息，保持关注，无需避险', 'Push the message for information; no protective action needed'],
  ],
};

export async function analyseEew(
  event: AlarmEvent,
  ctx: AnalysisContext,
  cfg: GeoConfig,
): Promise<AnalysisResult> {
  const sensorId = event.sensor.id;
  const tsMs = Date.parse(event.ts);
  const at = async (metric: string): Promise<number | null> => {
    const pts = await ctx.history(sensorId, metric, { from: event.ts, to: event.ts, limit: 1 });
    const p = pts[pts.length - 1];
    return p && Date.parse(p.ts) === tsMs ? p.value : null;
  };
  const lon = await at('eew_epi_lon');
  const lat = await at('eew_epi_lat');
  const depth = (await at('eew_depth')) ?? 10;
  const magnitude = event.value;
  if (lon === null || lat === null) {
    return {
      tier: null,
      findings: [
        say(
          `预警信息不完整：缺少与震级同一时刻的震中经纬度（M${magnitude}）`,
          `Incomplete message: no epicentre with the same time as the magnitude (M${magnitude})`,
        ),
      ],
      actions: [say('核对预警信息接入', 'Check the early-warning feed')],
    };
  }
  const epicentre: [number, number] = [lon, lat];
  const cityKm = distanceKm(epicentre, event.sensor.location);
  const regionAttr = event.object.attributes.region;
  const region = regionAttr === 'east' || regionAttr === 'west' ? regionAttr : cfg.region;
  // The message's time as people in the city read a clock, not the feed's UTC.
  const when = localTime(event.ts, event.utcOffsetMin ?? 0);
  const head = say(
    `地震预警：${when} 震中 ${lon.toFixed(2)}°E ${lat.toFixed(2)}°N，M${magnitude.toFixed(1)}，深度 ${depth} km，距本市 ${cityKm.toFixed(0)} km`,
    `Earthquake early warning: ${when} (${utcOffsetLabel(event.utcOffsetMin ?? 0)}), epicentre ${lon.toFixed(2)}°E ${lat.toFixed(2)}°N, M${magnitude.toFixed(1)}, depth ${depth} km, ${cityKm.toFixed(0)} km from the city`,
  );
  if (!passesGate(magnitude, cityKm, cfg.publicationGates)) {
    return {
      tier: null,
      findings: [
        head,
        say(
          '震级与震中距未达到发布门槛，不发布预警',
          'Below the publication gate for its magnitude and distance',
        ),
      ],
      actions: [say('记录备查', 'Record only')],
    };
  }
  const objects = (
    await ctx.within(cfg.cityRadiusKm * 1000, { roles: ['monitored', 'target', 'hazard'] })
  ).filter((o) => o.kind !== 'eew_receiver');
  const sites = estimateSites(objects, epicentre, magnitude, depth, region, cfg).sort(
    byImpact(cfg.priorityKinds),
  );
  const city = estimateSites([event.object], epicentre, magnitude, depth, region, cfg)[0]!;
  let tier: Tier | null = city.tier;
  for (const s of sites) if (s.tier && (!tier || TIERS.indexOf(s.tier) > TIERS.indexOf(tier))) tier = s.tier;
  const findings = [
    head,
    say(
      `按${region === 'east' ? '中国东部' : '中国西部'}烈度衰减关系，本市预估烈度 ${roman(city.degree)} 度，最大 ${roman(sites[0]?.degree ?? city.degree)} 度`,
      `With the ${region === 'east' ? 'eastern' : 'western'} China attenuation relation, estimated intensity ${roman(city.degree)} at the city, at most ${roman(sites[0]?.degree ?? city.degree)}`,
    ),
  ];
  // Counts by tier in one line; the names follow, most affected first, in `mostAffected`.
  const byTier: Partial<Record<Tier, CityObject[]>> = {};
  const counts: Statement[] = [];
  for (const t of [...TIERS].reverse()) {
    const list = sites.filter((s) => s.tier === t).map((s) => s.object);
    if (list.length === 0) continue;
    byTier[t] = list;
    const lo = roman(cfg.intensityTiers[t]);
    counts.push({
      zh: `≥ ${lo} 度（${TIER_ZH[t]}）${list.length} 处`,
      en: `≥ ${lo} (${t}) ${list.length} ${list.length === 1 ? 'object' : 'objects'}`,
    });
  }
  if (counts.length > 0)
    findings.push(
      say(
        `预估烈度分级：${counts.map((c) => c.zh).join('；')}`,
        `Estimated intensity: ${counts.map((c) => c.en).join('; ')}`,
      ),
    );
  const warned = sites.filter((s) => s.tier !== null);
  if (warned.length > 0) findings.push(mostAffected(warned, cfg.maxListed));
  const blind = sites.filter((s) => s.tier && s.leadSec <= 0).map((s) => s.object);
  if (blind.length > 0)
    findings.push(
      say(
        `${blind.length} 处位于预警盲区（横波先于预警到达）：${nameList(blind, 'zh', cfg.maxListed)}`,
        `${blind.length} in the blind zone (S waves arrive before the message): ${nameList(blind, 'en', cfg.maxListed)}`,
      ),
    );
  if (tier === null) {
    findings.push(say('各对象预估烈度均低于发布等级', 'No object reaches the least warned intensity'));
    return { tier: null, findings, actions: [say('记录备查', 'Record only')] };
  }
  // Every warned object stays in the structured targets, in the same most-affected-first order.
  const targets: AffectedTarget[] = warned.map((s) => ({
    id: s.object.id,
    kind: s.object.kind,
    role: s.object.role,
    name: s.object.name,
    distanceM: Math.round(s.distKm * 1000),
  }));
  const lead = Math.max(0, city.leadSec);
  return {
    tier,
    targets,
    findings,
    actions: ACTIONS[tier].map(([zh, en]) => say(zh, en)),
    data: {
      magnitude: round1(magnitude),
      epiLon: Math.round(lon * 100) / 100,
      epiLat: Math.round(lat * 100) / 100,
      depthKm: depth,
      distanceKm: Math.round(cityKm),
      cityIntensity: roman(city.degree),
      maxIntensity: roman(sites[0]?.degree ?? city.degree),
      leadSec: Math.round(lead),
      affectedZh: `共 ${targets.length} 处（影响最大者见上，完整清单见预警目标）`,
      affectedEn: `${targets.length} ${targets.length === 1 ? 'object' : 'objects'} (the most affected named above; all of them in the warning's targets)`,
      redCount: byTier.red?.length ?? 0,
      orangeCount: byTier.orange?.length ?? 0,
      yellowCount: byTier.yellow?.length ?? 0,
      blueCount: byTier.blue?.length ?? 0,
      hazardZh: `地震（M${magnitude.toFixed(1)}，震中距 ${Math.round(cityKm)} km，本市预估烈度 ${roman(city.degree)} 度，横波约 ${Math.round(lead)} 秒后到达）`,
      hazardEn: `earthquake (M${magnitude.toFixed(1)}, ${Math.round(cityKm)} km away, estimated intensity ${roman(city.degree)} in the city, S waves in about ${Math.round(lead)} s)`,
    },
  };
}
