/**
 * The fall zone (倒塌影响范围): a circle round the building of radius R = H × k + r₀, where H is the
 * building height (given, else storeys × storey height), k the configured factor (1 by default: a wall
 * or the whole building toppling reaches about its own height) and r₀ the distance from the footprint's
 * centre to its farthest corner, so that the circle covers the footprint's edges too. Anything within the
 * circle can be hit by debris; the people inside the building are its `occupants` attribute.
 */
import {
  type AnalysisContext,
  type CityObject,
  circlePolygon,
  distanceToGeometryM,
  type Geometry,
  haversineM,
} from '@fenghuo/sdk';
import type { OldBuildingConfig } from './definition.js';

/** The SDK's, re-exported so that this plugin's modules keep importing them from here. */
export { circlePolygon };

type LonLat = [number, number];

/** The vertices of a geometry. */
export function vertices(g: Geometry): LonLat[] {
  switch (g.type) {
    case 'Point':
      return [g.coordinates];
    case 'LineString':
      return g.coordinates;
    case 'Polygon':
      return g.coordinates.flat();
    case 'MultiPolygon':
      return g.coordinates.flat(2);
  }
}

/** The middle of a geometry's bounding box. */
export function centre(g: Geometry): LonLat {
  const vs = vertices(g);
  const xs = vs.map((v) => v[0]);
  const ys = vs.map((v) => v[1]);
  return [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
}

/** Building height in metres: `heightM`, else storeys × the default storey height. */
export function heightOf(attrs: Record<string, unknown>, storeyHeightM: number): number {
  if (typeof attrs['heightM'] === 'number' && attrs['heightM'] > 0) return attrs['heightM'];
  const storeys = typeof attrs['storeys'] === 'number' && attrs['storeys'] > 0 ? attrs['storeys'] : 1;
  return storeys * storeyHeightM;
}

/** R = H × k + r₀ (see the module comment). */
export function fallZoneRadiusM(building: CityObject, cfg: OldBuildingConfig): number {
  const mid = centre(building.geometry);
  let r0 = 0;
  for (const v of vertices(building.geometry)) r0 = Math.max(r0, haversineM(mid, v));
  return heightOf(building.attributes, cfg.storeyHeightM) * cfg.fallZoneFactor + r0;
}

export interface InZone {
  object: CityObject;
  distanceM: number;
  /** People the object says it holds (`occupants`, else `capacity`), when it says. */
  people: number | null;
}

const people = (o: CityObject): number | null => {
  for (const k of ['occupants', 'capacity', 'population']) {
    const v = o.attributes[k];
    if (typeof v === 'number' && v >= 0) return v;
  }
  return null;
};

/**
 * Objects other than the building itself inside the fall zone, nearest first: neighbouring buildings
 * (any role), protection targets and hazards. Distance is from the footprint's centre, as R is.
 */
export async function inFallZone(
  ctx: AnalysisContext,
  building: CityObject,
  radiusM: number,
): Promise<InZone[]> {
  const mid = centre(building.geometry);
  const found = await ctx.within(radiusM, { at: mid });
  const out: InZone[] = [];
  for (const o of found) {
    if (o.id === building.id) continue;
    const d = distanceToGeometryM(mid, o.geometry);
    if (d > radiusM) continue;
    out.push({ object: o, distanceM: d, people: people(o) });
  }
  return out.sort((a, b) => a.distanceM - b.distanceM || (a.object.id < b.object.id ? -1 : 1));
}
