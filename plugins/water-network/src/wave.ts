/**
 * Pressure-wave (negative pressure wave) location of a burst between two loggers on the same main.
 *
 * Wave celerity, Korteweg / Joukowsky form for a thin-walled elastic pipe (Wylie & Streeter, Fluid
 * Transients in Systems, 1993, eq. 2.22; Chaudhry, Applied Hydraulic Transients, 3rd ed., eq. 2.26):
 *
 *   a = √( (K/ρ) / (1 + c1 · (K/E) · (D/e)) )
 *
 * K bulk modulus of water, ρ its density, E the pipe's elastic modulus, D/e diameter over wall
 * thickness, c1 the restraint factor (1 − ν² for a pipe anchored against axial movement, as buried pipe
 * is). A burst at distance x from logger A on a segment of length L between A and B sends a drop both
 * ways at speed a, so tA − tB = (2x − L)/a and
 *
 *   x = (L + a · (tA − tB)) / 2.
 */

export interface WaveParams {
  bulkModulusGpa: number;
  densityKgM3: number;
  youngModulusGpa: number;
  diameterToWall: number;
  restraintFactor: number;
}

/** Wave celerity in m/s. */
export function waveSpeedMs(p: WaveParams): number {
  const k = p.bulkModulusGpa * 1e9;
  const e = p.youngModulusGpa * 1e9;
  return Math.sqrt(k / p.densityKgM3 / (1 + p.restraintFactor * (k / e) * p.diameterToWall));
}

export interface Arrival {
  sensorId: string;
  chainageM: number;
  /** Arrival time of the drop, ms since epoch. */
  t: number;
  resolutionMs: number;
  dropMpa: number;
}

/**
 * The pair that brackets the burst: the logger the drop reached first and whichever of its neighbours
 * along the main (by chainage) it reached next. `null` with fewer than two arrivals.
 */
export function bracketingPair(arrivals: Arrival[]): [Arrival, Arrival] | null {
  if (arrivals.length < 2) return null;
  const byChainage = [...arrivals].sort(
    (a, b) => a.chainageM - b.chainageM || a.sensorId.localeCompare(b.sensorId),
  );
  let first = 0;
  for (let i = 1; i < byChainage.length; i++) if (byChainage[i]!.t < byChainage[first]!.t) first = i;
  const left = byChainage[first - 1];
  const right = byChainage[first + 1];
  const other = !left ? right : !right ? left : left.t <= right.t ? left : right;
  if (!other) return null;
  const f = byChainage[first]!;
  return f.chainageM <= other.chainageM ? [f, other] : [other, f];
}

export interface Location {
  /** Chainage of the estimated burst (m along the main). */
  chainageM: number;
  /** Distance from the lower-chainage logger A (m), clamped to the segment. */
  fromAM: number;
  segmentM: number;
  /** tA − tB in seconds. */
  dtS: number;
  /** ± metres (timing and wave-speed uncertainty combined, root sum of squares). */
  uncertaintyM: number;
  /** The arrival difference is larger than the travel time over the segment: the burst lies outside it. */
  outside: boolean;
  /** The uncertainty is smaller than half the segment: the position means something. */
  resolvable: boolean;
}

/**
 * Locate the burst between A (lower chainage) and B. Each pick is good to half its sample interval, so
 * δ(tA − tB) = √((rA/2)² + (rB/2)²) and δx_t = a · δt / 2; the wave-speed term is δx_a = |tA − tB| · δa / 2.
 */
export function locateBetween(a: Arrival, b: Arrival, speedMs: number, speedUncertainty: number): Location {
  const segmentM = Math.abs(b.chainageM - a.chainageM);
  const dtS = (a.t - b.t) / 1000;
  const raw = (segmentM + speedMs * dtS) / 2;
  const dtUnc = Math.hypot(a.resolutionMs / 2000, b.resolutionMs / 2000);
  const uT = (speedMs * dtUnc) / 2;
  const uA = (Math.abs(dtS) * speedMs * speedUncertainty) / 2;
  const uncertaintyM = Math.hypot(uT, uA);
  const fromAM = Math.min(segmentM, Math.max(0, raw));
  return {
    chainageM: a.chainageM + fromAM,
    fromAM,
    segmentM,
    dtS,
    uncertaintyM,
    outside: raw < -uncertaintyM || raw > segmentM + uncertaintyM,
    resolvable: uncertaintyM < segmentM / 2,
  };
}
