/**
 * Exposure arithmetic against GBZ 2.1-2019 occupational exposure limits.
 *
 * - Time-weighted mean: each reading holds until the next one (a detector reports what it measured over
 *   its interval), the last one until `toMs`.
 * - PC-STEL compares the mean over a 15-minute window; PC-TWA compares the exposure over the 8-hour
 *   working day, `TWA = Σ Cᵢ·tᵢ / 480 min`, counting zero outside the space (GBZ 2.1 definition).
 * - Mixtures with the same toxic effect (GBZ 2.1, 相加作用): `Σ Cᵢ / Lᵢ ≥ 1` is an exceedance even when each
 *   gas is below its own limit. CO and H2S are both chemical asphyxiants (化学性窒息性气体); applying the
 *   rule to them is our reading of the standard (assumed, switchable in config).
 */
import type { Point } from '@fenghuo/sdk';

/**
 * ∫ C dt (value × minutes) over `[fromMs, toMs]` with step-hold readings, and the minutes covered by data.
 *
 * @example exposureIntegral([{ ts: '…T08:00:00Z', value: 10 }], from, to) // { doseMin: 10 × minutes, coveredMin }
 */
export function exposureIntegral(
  points: readonly Point[],
  fromMs: number,
  toMs: number,
): { doseMin: number; coveredMin: number } {
  let dose = 0;
  let covered = 0;
  for (let i = 0; i < points.length; i++) {
    const t0 = Date.parse(points[i]!.ts);
    const next = points[i + 1];
    const t1 = next ? Date.parse(next.ts) : toMs;
    const a = Math.max(t0, fromMs);
    const b = Math.min(t1, toMs);
    if (b <= a) continue;
    const min = (b - a) / 60_000;
    dose += points[i]!.value * min;
    covered += min;
  }
  return { doseMin: dose, coveredMin: covered };
}

/** Mean over the part of `[fromMs, toMs]` covered by readings; `null` when nothing is covered. */
export function windowMean(points: readonly Point[], fromMs: number, toMs: number): number | null {
  const { doseMin, coveredMin } = exposureIntegral(points, fromMs, toMs);
  return coveredMin > 0 ? doseMin / coveredMin : null;
}

/** 8-hour TWA accumulated so far: the dose of this entry spread over the shift. */
export function twaSoFar(points: readonly Point[], fromMs: number, toMs: number, shiftMin: number): number {
  return exposureIntegral(points, fromMs, toMs).doseMin / shiftMin;
}

/** GBZ 2.1 additive index `Σ Cᵢ / Lᵢ` over the gases given (missing concentrations count as 0). */
export function additiveIndex(parts: readonly { c: number | null; limit: number }[]): number {
  let sum = 0;
  for (const p of parts) if (p.c !== null && p.limit > 0) sum += p.c / p.limit;
  return sum;
}
