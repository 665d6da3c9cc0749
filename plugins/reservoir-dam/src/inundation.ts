/**
 * Downstream inundation estimate for a dam breach at the current pool level: peak outflow at the dam,
 * attenuated peak, normal depth, width and arrival time at cross-sections along the channel, the corridor
 * polygon, and the protection targets and hazards inside it (README "Downstream flood routing").
 */
import type { AffectedTarget, AnalysisContext, CityObject, Geometry } from '@fenghuo/sdk';
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
  const found = new Map<string, FloodTarget>();
  for (let i = 0; i < pts.length; i++) {
    const p = pts[i]!;
    const s = stations[i]!;
    // Nearest cross-section first: a target is counted at the first section whose half width reaches it.
    for (const o of await ctx.within(s.topWidthM / 2, { roles: ['target', 'hazard'], at: p.at })) {
      if (found.has(o.id)) continue;
      found.set(o.id, {
        id: o.id,
        kind: o.kind,
        role: o.role,
        name: o.name,
        distanceM: Math.round(s.chainageM),
        arrivalMin: Math.round(s.arrivalMin),
        depthM: Math.round(s.depthM * 10) / 10,
      });
    }
  }
  const targets = [...found.values()].sort((x, y) => x.arrivalMin - y.arrivalMin || x.id.localeCompare(y.id));
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
