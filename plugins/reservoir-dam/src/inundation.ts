/**
 * Downstream inundation estimate for a dam breach at the current pool level: peak outflow at the dam,
 * attenuated peak, normal depth, width and arrival time at cross-sections along the channel, the corridor
 * polygon, and the protection targets and hazards inside it (README "Downstream flood routing").
 */
import {
  type AffectedTarget,
  type AnalysisContext,
  type CityObject,
  distanceToGeometryM,
  type Geometry,
} from '@fenghuo/sdk';
import type { ChannelAttributes, DamAttributes, DamConfig } from './definition.js';
import { corridorPolygon, type LonLat, pointsAlong, straightLine } from './geo.js';
import { froehlichPeakM3s, ritterPeakM3s, route, type Station, storageM3 } from './hydraulics.js';

export interface FloodTarget extends AffectedTarget {
  arrivalMin: number;
  depthM: number;
}

export interface Flood {
  method: 'froehlich' | 'ritter';
  headM: number;
  volumeM3: number;
  peakM3s: number;
  stations: Station[];
  impact: Geometry;
  targets: FloodTarget[];
  channel: { name: string; nameEn: string };
}

const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);

/** Spacing of the points along the channel at which a target's closest approach is found (m). */
const TARGET_STEP_M = 25;

/** Depth, width and arrival at chainage `x`, interpolated linearly between the computed sections. */
export function sectionAt(
  stations: Station[],
  x: number,
): Pick<Station, 'depthM' | 'topWidthM' | 'arrivalMin'> {
  const i = stations.findIndex((s) => s.chainageM >= x);
  if (i <= 0) return stations[i === 0 ? 0 : stations.length - 1]!;
  const a = stations[i - 1]!;
  const b = stations[i]!;
  const w = (x - a.chainageM) / (b.chainageM - a.chainageM);
  const lerp = (p: number, q: number) => p + (q - p) * w;
  return {
    depthM: lerp(a.depthM, b.depthM),
    topWidthM: lerp(a.topWidthM, b.topWidthM),
    arrivalMin: lerp(a.arrivalMin, b.arrivalMin),
  };
}

/** The dam's breach peak by its kind: Froehlich for embankments, Ritter for concrete (needs a crest length). */
export function breachPeak(
  kind: string,
  a: DamAttributes,
  headM: number,
  volumeM3: number,
  cfg: DamConfig,
): { method: Flood['method']; peakM3s: number } {
  if (kind === 'concrete_dam' && a.crestLengthM !== undefined)
    return { method: 'ritter', peakM3s: ritterPeakM3s(a.crestLengthM * cfg.concreteBreachWidthRatio, headM) };
  return { method: 'froehlich', peakM3s: froehlichPeakM3s(volumeM3, headM) };
}

function channelOf(obj: CityObject | null, fallback: ChannelAttributes): ChannelAttributes {
  if (!obj) return fallback;
  const c = obj.attributes;
  const bedWidthM = num(c['bedWidthM']);
  const sideSlope = num(c['sideSlope']);
  const bedSlope = num(c['bedSlope']);
  const manningN = num(c['manningN']);
  if (bedWidthM === null || sideSlope === null || bedSlope === null || manningN === null) return fallback;
  const bankfull = num(c['bankfullDepthM']);
  return {
    bedWidthM,
    sideSlope,
    bedSlope,
    manningN,
    ...(bankfull === null ? {} : { bankfullDepthM: bankfull }),
  };
}

/** `null` when the dam has neither a channel object nor a downstream bearing to route along. */
export async function downstreamFlood(
  ctx: AnalysisContext,
  dam: CityObject,
  a: DamAttributes,
  damAt: LonLat,
  poolM: number,
  cfg: DamConfig,
): Promise<Flood | null> {
  const chObj = a.channelId ? await ctx.object(a.channelId) : null;
  let line: LonLat[];
  if (chObj && chObj.geometry.type === 'LineString') line = chObj.geometry.coordinates;
  else if (a.downstreamBearingDeg !== undefined)
    line = straightLine(damAt, a.downstreamBearingDeg, cfg.routeLengthM);
  else return null;
  const channel = channelOf(chObj, cfg.defaultChannel);
  const headM = poolM - a.damBaseElevationM;
  const volumeM3 = storageM3(poolM, a.floodLimitLevelM, a.storageAtFloodLimitM3, a.surfaceAreaM2);
  const { method, peakM3s } = breachPeak(dam.kind, a, headM, volumeM3, cfg);
  const pts = pointsAlong(line, cfg.stationSpacingM, cfg.routeLengthM);
  const stations = route({
    peakM3s,
    volumeM3,
    channel,
    chainagesM: pts.map((p) => p.chainageM),
    floodVelocityMs: cfg.floodVelocityMs,
    listvanK: cfg.listvanK,
    celerityFactor: cfg.celerityFactor,
  });
  // Candidates: everything within a section's half width plus half the spacing of its centre, so that
  // an object beside the channel between two sections is not missed (a circle of the half width alone
  // leaves gaps when the flood is narrower than the spacing). Each is then placed at its closest
  // approach to the channel and kept if it lies inside the half width there.
  const candidates = new Map<string, CityObject>();
  for (let i = 0; i < pts.length; i++) {
    const r = stations[i]!.topWidthM / 2 + cfg.stationSpacingM / 2;
    for (const o of await ctx.within(r, { roles: ['target', 'hazard'], at: pts[i]!.at }))
      if (!candidates.has(o.id)) candidates.set(o.id, o);
  }
  const fine = candidates.size > 0 ? pointsAlong(line, TARGET_STEP_M, cfg.routeLengthM) : [];
  const found: FloodTarget[] = [];
  for (const o of candidates.values()) {
    let best: { chainageM: number; distM: number } | null = null;
    for (const f of fine) {
      const d = distanceToGeometryM(f.at, o.geometry);
      if (!best || d < best.distM) best = { chainageM: f.chainageM, distM: d };
    }
    if (!best) continue;
    const s = sectionAt(stations, best.chainageM);
    if (best.distM > s.topWidthM / 2) continue;
    found.push({
      id: o.id,
      kind: o.kind,
      role: o.role,
      name: o.name,
      distanceM: Math.round(best.chainageM),
      arrivalMin: Math.round(s.arrivalMin),
      depthM: Math.round(s.depthM * 10) / 10,
    });
  }
  const targets = found.sort((x, y) => x.arrivalMin - y.arrivalMin || x.id.localeCompare(y.id));
  const impact = corridorPolygon(
    pts.map((p, i) => ({ at: p.at, bearingDeg: p.bearingDeg, halfWidthM: stations[i]!.topWidthM / 2 })),
  );
  return {
    method,
    headM,
    volumeM3,
    peakM3s,
    stations,
    impact,
    targets,
    channel: chObj
      ? { name: chObj.name.zh, nameEn: chObj.name.en }
      : { name: '下游河道', nameEn: 'downstream channel' },
  };
}
