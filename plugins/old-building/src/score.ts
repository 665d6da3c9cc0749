/**
 * The collapse-likelihood score (guideline §4(2)6: "link building type, age, structure … collapse
 * likelihood"). Three steps, all documented in README.md and all assumed (no standard gives such a score):
 *
 * 1. severity of each signal, s ∈ [0, 1]: 0.25·(v / blue)² below blue, then piecewise linear through
 *    0.25 at blue, 0.5 at yellow, 0.75 at orange and 1 at red (the tier limits come from JGJ 125 / GB 50007 / GB 6722 as in definition.ts);
 * 2. evidence E = 1 − Π(1 − wᵢ·sᵢ) (noisy-OR: each signal alone can show danger, several confirm it);
 * 3. vulnerability V = structure × danger class × use × alterations × age, and the likelihood
 *    L = 1 − (1 − E)^V: V > 1 makes the same evidence more alarming, V < 1 less, and L stays in [0, 1].
 */
import { LEVELS, type Level, type LevelValues, levelIndex, type Tier } from '@fenghuo/sdk';
import type { OldBuildingConfig } from './definition.js';

const ANCHORS: [Level, number][] = [
  ['blue', 0.25],
  ['yellow', 0.5],
  ['orange', 0.75],
  ['red', 1],
];

/** Severity of a value against rising tier limits, in [0, 1] (see the module comment). */
export function severity(value: number, limits: LevelValues): number {
  if (!(value > 0)) return 0;
  let prevX = 0;
  let prevY = 0;
  for (const [level, y] of ANCHORS) {
    const x = limits[level];
    if (typeof x !== 'number' || !Number.isFinite(x) || x <= prevX) continue;
    // Below the first limit the curve is quadratic, so that readings in the normal range add little.
    if (value < x && prevX === 0) return y * (value / x) ** 2;
    if (value < x) return prevY + ((value - prevX) / (x - prevX)) * (y - prevY);
    prevX = x;
    prevY = y;
  }
  return prevY;
}

export interface Signal {
  key: keyof OldBuildingConfig['weights'];
  severity: number;
}

/** Noisy-OR of the weighted severities. */
export function evidence(signals: Signal[], weights: OldBuildingConfig['weights']): number {
  let miss = 1;
  for (const s of signals) miss *= 1 - Math.min(1, Math.max(0, weights[s.key] * s.severity));
  return 1 - miss;
}

export interface Vulnerability {
  value: number;
  parts: { structure: number; dangerClass: number; use: number; altered: number; age: number };
  ageYears: number | null;
}

/** The vulnerability multiplier from the building's attributes; unknown attributes count as 1. */
export function vulnerability(
  attrs: Record<string, unknown>,
  cfg: OldBuildingConfig,
  year: number,
): Vulnerability {
  const pick = <T extends Record<string, number>>(table: T, key: unknown): number =>
    typeof key === 'string' && key in table ? table[key as keyof T]! : 1;
  const built = typeof attrs['builtYear'] === 'number' ? attrs['builtYear'] : null;
  const ageYears = built === null ? null : Math.max(0, year - built);
  const age =
    ageYears === null
      ? 1
      : Math.min(cfg.ageFactorMax, 1 + cfg.agePerYear * Math.max(0, ageYears - cfg.ageFreeYears));
  const parts = {
    structure: pick(cfg.structureFactor, attrs['structure']),
    dangerClass: pick(cfg.dangerClassFactor, attrs['dangerClass']),
    use: pick(cfg.useFactor, attrs['use']),
    altered: attrs['altered'] === true ? cfg.alteredFactor : 1,
    age,
  };
  const value = parts.structure * parts.dangerClass * parts.use * parts.altered * parts.age;
  return { value, parts, ageYears };
}

/** L = 1 − (1 − E)^V. */
export function likelihood(e: number, v: number): number {
  const clamped = Math.min(1, Math.max(0, e));
  return 1 - (1 - clamped) ** Math.max(0, v);
}

/** The tier the likelihood reaches against the configured bands, or `null` below blue. */
export function tierOfLikelihood(l: number, bands: OldBuildingConfig['likelihoodBands']): Tier | null {
  let out: Tier | null = null;
  for (const t of ['blue', 'yellow', 'orange', 'red'] as const) if (l >= bands[t]) out = t;
  return out;
}

/**
 * The final tier: the higher of the highest sustained exceedance and the likelihood tier, the latter
 * capped at `maxEscalation` tiers above the exceedance (the score corroborates, it does not invent); no
 * tier at all without an exceedance of at least blue.
 */
export function combineTier(
  exceedance: Level | null,
  byLikelihood: Tier | null,
  maxEscalation: number,
): Tier | null {
  const base = exceedance === null ? -1 : levelIndex(exceedance);
  // Without a sustained exceedance of at least blue there is no warning, whatever the score says.
  if (base < 1) return null;
  const fromScore = byLikelihood === null ? -1 : levelIndex(byLikelihood);
  const cap = base + maxEscalation;
  const idx = Math.max(base, Math.min(fromScore, cap));
  return idx >= 1 ? (LEVELS[Math.min(idx, LEVELS.length - 1)] as Tier) : null;
}
