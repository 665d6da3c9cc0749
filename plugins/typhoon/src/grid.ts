/**
 * The gridded risk map (网格化风险等级分布, guideline §4(2)18): a regular grid over the bounding box of the
 * city's objects; per occupied cell, risk = hazard × exposure × vulnerability, each in [0, 1]. Pure.
 */
import { EARTH_RADIUS_M } from '@fenghuo/sdk';
import type { TyphoonConfig } from './definition.js';
import type { LonLat } from './wind.js';

const RAD = Math.PI / 180;

export interface GridObject {
  id: string;
  kind: string;
  name: { zh: string; en: string };
  at: LonLat;
  attributes: Record<string, unknown>;
}

export interface Cell {
  /** Column and row from the south-west corner. */
  col: number;
  row: number;
  centre: LonLat;
  windMs: number;
  rainMm: number;
  hazard: number;
  people: number;
  exposure: number;
  vulnerability: number;
  risk: number;
  /** 1 低 … 5 高. */
  riskClass: number;
  objects: GridObject[];
}

type Params = Pick<
  TyphoonConfig,
  | 'grid'
  | 'populationAttribute'
  | 'populationByKind'
  | 'vulnerabilityByKind'
  | 'vulnerabilityByStructure'
  | 'defaultVulnerability'
>;

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Head count of an object: its population attribute, else the configured count of its kind, else 0. */
export function peopleOf(o: GridObject, p: Params): number {
  return num(o.attributes[p.populationAttribute]) ?? p.populationByKind[o.kind] ?? 0;
}

/**
 * Vulnerability of an object (0–1): its own `vulnerability` attribute, else by structure type (exposed
 * structures), else by kind, else the default.
 */
export function vulnerabilityOf(o: GridObject, p: Params): number {
  const own = num(o.attributes.vulnerability);
  if (own !== null) return Math.min(1, Math.max(0, own));
  const st = o.attributes.structureType;
  if (typeof st === 'string' && p.vulnerabilityByStructure[st] !== undefined)
    return p.vulnerabilityByStructure[st] as number;
  return p.vulnerabilityByKind[o.kind] ?? p.defaultVulnerability;
}

/** The risk class 1–5 of a score by the four ascending breaks. */
export function riskClass(score: number, breaks: readonly number[]): number {
  let c = 1;
  for (const b of breaks) if (score >= b) c++;
  return c;
}

export const CLASS_NAMES: Record<number, { zh: string; en: string }> = {
  1: { zh: '低', en: 'low' },
  2: { zh: '较低', en: 'moderately low' },
  3: { zh: '中', en: 'medium' },
  4: { zh: '较高', en: 'high' },
  5: { zh: '高', en: 'very high' },
};

/**
 * Grid the objects and score each occupied cell (an empty cell has no exposure, so no risk). `windAt` and
 * `rainAt` give the hazard's drivers at a cell centre. The cell is enlarged when the box would need more
 * than `maxCells` cells. Cells come back riskiest first (ties by row, then column).
 */
export function riskGrid(
  objs: readonly GridObject[],
  windAt: (p: LonLat) => number,
  rainAt: (p: LonLat) => number,
  p: Params,
): { cellSizeM: number; cols: number; rows: number; cells: Cell[] } {
  if (objs.length === 0) return { cellSizeM: p.grid.cellSizeM, cols: 0, rows: 0, cells: [] };
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  for (const o of objs) {
    minLon = Math.min(minLon, o.at[0]);
    maxLon = Math.max(maxLon, o.at[0]);
    minLat = Math.min(minLat, o.at[1]);
    maxLat = Math.max(maxLat, o.at[1]);
  }
  const mPerDegLat = EARTH_RADIUS_M * RAD;
  const mPerDegLon = mPerDegLat * Math.cos(((minLat + maxLat) / 2) * RAD);
  const widthM = (maxLon - minLon) * mPerDegLon;
  const heightM = (maxLat - minLat) * mPerDegLat;
  let size = p.grid.cellSizeM;
  const count = (s: number) => (Math.floor(widthM / s) + 1) * (Math.floor(heightM / s) + 1);
  if (count(size) > p.grid.maxCells) size *= Math.ceil(Math.sqrt(count(size) / p.grid.maxCells));
  const cols = Math.floor(widthM / size) + 1;
  const rows = Math.floor(heightM / size) + 1;

  const byCell = new Map<number, GridObject[]>();
  for (const o of objs) {
    const col = Math.min(cols - 1, Math.floor(((o.at[0] - minLon) * mPerDegLon) / size));
    const row = Math.min(rows - 1, Math.floor(((o.at[1] - minLat) * mPerDegLat) / size));
    const k = row * cols + col;
    const list = byCell.get(k) ?? [];
    if (list.length === 0) byCell.set(k, list);
    list.push(o);
  }
  const wSum = p.grid.windWeight + p.grid.rainWeight;
  const cells: Cell[] = [];
  for (const [k, list] of byCell) {
    const row = Math.floor(k / cols);
    const col = k % cols;
    const centre: LonLat = [
      minLon + ((col + 0.5) * size) / mPerDegLon,
      minLat + ((row + 0.5) * size) / mPerDegLat,
    ];
    const windMs = windAt(centre);
    const rainMm = rainAt(centre);
    const hazard =
      wSum <= 0
        ? 0
        : (p.grid.windWeight * Math.min(1, windMs / p.grid.windRefMs) +
            p.grid.rainWeight * Math.min(1, rainMm / p.grid.rainRefMm)) /
          wSum;
    const people = list.reduce((s, o) => s + peopleOf(o, p), 0);
    const exposure = Math.min(1, people / p.grid.exposureRefPeople);
    const vulnerability = list.reduce((s, o) => s + vulnerabilityOf(o, p), 0) / list.length;
    const risk = hazard * exposure * vulnerability;
    cells.push({
      col,
      row,
      centre: [round6(centre[0]), round6(centre[1])],
      windMs,
      rainMm,
      hazard,
      people,
      exposure,
      vulnerability,
      risk,
      riskClass: riskClass(risk, p.grid.classBreaks),
      objects: list,
    });
  }
  cells.sort((a, b) => b.risk - a.risk || a.row - b.row || a.col - b.col);
  return { cellSizeM: size, cols, rows, cells };
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/**
 * Inverse-distance-squared interpolation of station values at `p`, using stations within `radiusM`; a
 * station within 1 m gives its own value; none in range gives `fallback`.
 */
export function idw(
  p: LonLat,
  stations: readonly { at: LonLat; value: number }[],
  radiusM: number,
  distM: (a: LonLat, b: LonLat) => number,
  fallback: number,
): number {
  let num = 0;
  let den = 0;
  for (const s of stations) {
    const d = distM(p, s.at);
    if (d > radiusM) continue;
    if (d < 1) return s.value;
    num += s.value / (d * d);
    den += 1 / (d * d);
  }
  return den === 0 ? fallback : num / den;
}
