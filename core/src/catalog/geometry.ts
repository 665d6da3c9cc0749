/**
 * Geometry helpers of the catalogue: the representative point of an object (stored as `lon`/`lat` for
 * the spatial index and as a sensor's default location) and the checks JSON Schema cannot express.
 */
import { along } from '@turf/along';
import { centroid } from '@turf/centroid';
import { lineString, polygon } from '@turf/helpers';
import { length } from '@turf/length';
import type { GeometryValue } from './schema.js';

/**
 * The point that stands for a geometry: a point itself; the middle of a line measured along it (so that
 * it lies on the pipe or road, which a vertex centroid may not); the centroid of a polygon.
 */
export function representativePoint(g: GeometryValue): [number, number] {
  switch (g.type) {
    case 'Point':
      return [g.coordinates[0], g.coordinates[1]];
    case 'LineString': {
      const line = lineString(g.coordinates);
      const km = length(line, { units: 'kilometers' });
      const c = along(line, km / 2, { units: 'kilometers' }).geometry.coordinates;
      return [c[0]!, c[1]!];
    }
    case 'Polygon': {
      const c = centroid(polygon(g.coordinates)).geometry.coordinates;
      return [c[0]!, c[1]!];
    }
  }
}

/** Problems JSON Schema cannot see: open polygon rings. Returns messages with their sub-path. */
export function geometryProblems(g: GeometryValue): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  if (g.type === 'Polygon') {
    g.coordinates.forEach((ring, i) => {
      const a = ring[0];
      const b = ring[ring.length - 1];
      if (a && b && (a[0] !== b[0] || a[1] !== b[1])) {
        out.push({
          path: `.coordinates[${i}]`,
          message: 'polygon ring is not closed (first position must equal the last)',
        });
      }
    });
  }
  return out;
}
