/**
 * The spatial index of a city's objects, for `ctx.within`: a flatbush R-tree over each object's bounding
 * box finds the candidates near a point; turf (@turf/distance, point-to-line-distance, boolean-point-in-polygon) measures the exact distance to each (point, line or
 * polygon, 0 inside a polygon).
 *
 * Built lazily per city and kept until {@link invalidateSpatialIndex} (the catalogue loader calls it
 * after changing a city's objects) or for at most {@link SPATIAL_TTL_MS}, so that a process that did not
 * load the catalogue itself (a worker on another machine) also sees the change.
 */
import type { CityObject, Geometry, ObjectRole } from '@fenghuo/sdk';
import { bbox } from '@turf/bbox';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { distance } from '@turf/distance';
import { lineString, point, polygon } from '@turf/helpers';
import { pointToLineDistance } from '@turf/point-to-line-distance';
import Flatbush from 'flatbush';
import type { Queryable } from '../store/db.js';

/** Longest time an index is used before it is rebuilt from the database (ms). */
export const SPATIAL_TTL_MS = 60_000;

/** Metres per degree of latitude (a little generous, so that the box never misses an object). */
const M_PER_DEG = 110_000;

export interface ObjectRow {
  id: string;
  kind: string;
  role: ObjectRole;
  name_zh: string;
  name_en: string;
  owner_unit: string | null;
  geometry: Geometry;
  attributes: Record<string, unknown>;
}

export const OBJECT_COLUMNS = 'id, kind, role, name_zh, name_en, owner_unit, geometry, attributes';

export function toCityObject(r: ObjectRow): CityObject {
  return {
    id: r.id,
    kind: r.kind,
    role: r.role,
    name: { zh: r.name_zh, en: r.name_en },
    geometry: r.geometry,
    attributes: r.attributes,
    ...(r.owner_unit ? { ownerUnit: r.owner_unit } : {}),
  };
}

/** Distance in metres from a `[lon, lat]` to a geometry; 0 inside a polygon. */
export function distanceToGeometryM(at: [number, number], g: Geometry): number {
  const p = point(at);
  switch (g.type) {
    case 'Point':
      return distance(p, point(g.coordinates), { units: 'meters' });
    case 'LineString':
      return pointToLineDistance(p, lineString(g.coordinates), { units: 'meters' });
    case 'Polygon':
      return polygonDistance(p, g.coordinates);
    case 'MultiPolygon':
      return Math.min(...g.coordinates.map((rings) => polygonDistance(p, rings)));
    default: {
      const never: never = g;
      throw new Error(`unsupported geometry ${JSON.stringify(never)}`);
    }
  }
}

function polygonDistance(p: ReturnType<typeof point>, rings: [number, number][][]): number {
  if (booleanPointInPolygon(p, polygon(rings))) return 0;
  return Math.min(...rings.map((ring) => pointToLineDistance(p, lineString(ring), { units: 'meters' })));
}

export interface WithinFilter {
  roles?: readonly ObjectRole[] | undefined;
  kinds?: readonly string[] | undefined;
}

export class SpatialIndex {
  private readonly tree: Flatbush | null;

  constructor(
    readonly objects: readonly CityObject[],
    readonly builtAt = Date.now(),
  ) {
    if (objects.length === 0) {
      this.tree = null;
      return;
    }
    const tree = new Flatbush(objects.length);
    for (const o of objects) {
      const [minX, minY, maxX, maxY] = bbox(o.geometry);
      tree.add(minX, minY, maxX, maxY);
    }
    tree.finish();
    this.tree = tree;
  }

  /** Objects within `radiusM` metres of `at`, nearest first (ties by id), each a copy with `distanceM`. */
  within(at: [number, number], radiusM: number, filter: WithinFilter = {}): CityObject[] {
    if (!this.tree || !(radiusM >= 0)) return [];
    const dLat = radiusM / M_PER_DEG;
    const dLon = dLat / Math.max(Math.cos((at[1] * Math.PI) / 180), 0.01);
    const out: CityObject[] = [];
    for (const i of this.tree.search(at[0] - dLon, at[1] - dLat, at[0] + dLon, at[1] + dLat)) {
      const o = this.objects[i]!;
      if (filter.roles && !filter.roles.includes(o.role)) continue;
      if (filter.kinds && !filter.kinds.includes(o.kind)) continue;
      const d = distanceToGeometryM(at, o.geometry);
      if (d <= radiusM) out.push({ ...structuredClone(o), distanceM: d });
    }
    return out.sort((a, b) => a.distanceM! - b.distanceM! || a.id.localeCompare(b.id));
  }
}

// City → (database handle → index being built or built). Keyed by handle too, so that two cores in one
// process (tests, one schema each) never share an index.
const indexes = new Map<string, WeakMap<object, Promise<SpatialIndex>>>();

/** Forget a city's index; the next query rebuilds it. The catalogue loader calls it after a change. */
export function invalidateSpatialIndex(city: string): void {
  indexes.delete(city);
}

/** The city's spatial index, built on first use (and again after invalidation or {@link SPATIAL_TTL_MS}). */
export async function spatialIndex(db: Queryable & object, city: string): Promise<SpatialIndex> {
  let byDb = indexes.get(city);
  if (!byDb) {
    byDb = new WeakMap();
    indexes.set(city, byDb);
  }
  const cached = byDb.get(db);
  if (cached) {
    const idx = await cached.catch(() => null);
    if (idx && Date.now() - idx.builtAt < SPATIAL_TTL_MS) return idx;
    if (byDb.get(db) !== cached) return spatialIndex(db, city);
  }
  const building = db
    .query<ObjectRow>(`SELECT ${OBJECT_COLUMNS} FROM objects WHERE city_id = $1`, [city])
    .then(({ rows }) => new SpatialIndex(rows.map(toCityObject)));
  byDb.set(db, building);
  building.catch(() => {
    if (byDb.get(db) === building) byDb.delete(db);
  });
  return building;
}
