/**
 * Who and what lies in the fire's path: objects inside the downwind sector (length = head-fire rate ×
 * horizon) or within the near radius in any direction, each with the time the fire front needs to reach
 * it; and the fire-fighting resources around the fire.
 */
import type { AffectedTarget, CityObject, Geometry } from '@fenghuo/sdk';
import type { FireConfig } from './definition.js';
import { angleDiff, bearingDeg, type LonLat } from './geo.js';
import type { Spread } from './spread.js';

export interface InPath {
  object: CityObject;
  distanceM: number;
  bearingDeg: number;
  /** Minutes for the fire front to arrive (head rate in the sector, flank rate elsewhere). */
  arrivalMin: number;
  inSector: boolean;
  settlement: boolean;
}

/** A representative point of a geometry (a point, the first vertex of a line, a ring's mean). */
export function anchor(g: Geometry): LonLat {
  switch (g.type) {
    case 'Point':
      return g.coordinates as LonLat;
    case 'LineString':
      return g.coordinates[0] as LonLat;
    case 'Polygon':
      return meanOf(g.coordinates[0] as LonLat[]);
    case 'MultiPolygon':
      return meanOf((g.coordinates[0]?.[0] ?? []) as LonLat[]);
  }
}

function meanOf(ring: LonLat[]): LonLat {
  if (ring.length === 0) return [0, 0];
  let x = 0;
  let y = 0;
  for (const p of ring) {
    x += p[0];
    y += p[1];
  }
  return [x / ring.length, y / ring.length];
}

/** The sector length and the near radius for a spread over `cfg.horizonMin`. */
export function reach(spread: Spread, cfg: FireConfig): { lengthM: number; nearM: number } {
  const lengthM = spread.rate * cfg.horizonMin;
  return { lengthM, nearM: Math.max(cfg.minNearM, spread.flankRate * cfg.horizonMin) };
}

/**
 * Sort objects (from `ctx.within`, with `distanceM`) into those in the path. Without a heading (calm or
 * unknown wind) the head rate applies in every direction.
 */
export function inPath(
  fire: LonLat,
  objects: CityObject[],
  spread: Spread,
  cfg: FireConfig,
  excludeIds: ReadonlySet<string>,
): InPath[] {
  const { lengthM, nearM } = reach(spread, cfg);
  const out: InPath[] = [];
  for (const o of objects) {
    if (excludeIds.has(o.id) || cfg.resourceKinds.includes(o.kind)) continue;
    const d = o.distanceM ?? 0;
    const brg = bearingDeg(fire, anchor(o.geometry));
    const inSector =
      spread.headingDeg === null
        ? d <= lengthM
        : d <= lengthM && angleDiff(brg, spread.headingDeg) <= cfg.sectorHalfAngleDeg;
    if (!inSector && d > nearM) continue;
    const rate = inSector ? spread.rate : spread.flankRate;
    const arrivalMin = d === 0 ? 0 : rate > 0 ? d / rate : Number.POSITIVE_INFINITY;
    out.push({
      object: o,
      distanceM: d,
      bearingDeg: brg,
      arrivalMin,
      inSector,
      settlement: cfg.settlementKinds.includes(o.kind),
    });
  }
  return out.sort((a, b) => a.arrivalMin - b.arrivalMin || a.object.id.localeCompare(b.object.id));
}

/** The objects in the path as the warning's targets. */
export function toTargets(list: InPath[]): AffectedTarget[] {
  return list.map((p) => ({
    id: p.object.id,
    kind: p.object.kind,
    role: p.object.role,
    name: p.object.name,
    distanceM: Math.round(p.distanceM),
  }));
}

const COMPASS_ZH = ['北', '东北', '东', '东南', '南', '西南', '西', '西北'];
const COMPASS_EN = ['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW'];

/** A bearing as an 8-point compass direction, zh and en. */
export function compass(deg: number): { zh: string; en: string } {
  const i = Math.round((((deg % 360) + 360) % 360) / 45) % 8;
  return { zh: COMPASS_ZH[i]!, en: COMPASS_EN[i]! };
}
