/**
 * The pool level against the reservoir's own characteristic levels (SL 252-2017 terms), freeboard to the
 * crest, and the hours left to each level at the current rise rate.
 */
import type { Tier } from '@fenghuo/sdk';
import type { DamAttributes } from './definition.js';

export interface LevelAssessment {
  /** Pool elevation (m) = FLWL + the metric. */
  poolM: number;
  /** The highest characteristic level reached, `null` below the FLWL − 0.3 m alarm. */
  tier: Tier | null;
  reached:
    | 'none'
    | 'near_flood_limit'
    | 'flood_limit'
    | 'upper'
    | 'design_flood'
    | 'check_flood'
    | 'freeboard';
  freeboardM: number;
  /** Hours to reach the design flood level, the check flood level and the crest at `riseMPerH` (∞ if not rising). */
  hoursToDesign: number;
  hoursToCheck: number;
  hoursToCrest: number;
}

/** Hours for the pool to climb from `pool` to `target` at `rate` m/h (0 if already there, ∞ if not rising). */
export function hoursTo(pool: number, target: number, rate: number): number {
  if (pool >= target) return 0;
  return rate > 0 ? (target - pool) / rate : Number.POSITIVE_INFINITY;
}

/**
 * Catalogue tiers on the dam's own levels: blue at the FLWL, yellow at the upper flood-control level
 * (or normal pool when none), orange at the design flood level, red at the check flood level or when the
 * freeboard is below `minFreeboardM`. The `alarm` band (FLWL − 0.3 m) gives no tier.
 */
export function assessLevel(a: DamAttributes, aboveFlwlM: number, riseMPerH: number): LevelAssessment {
  const pool = a.floodLimitLevelM + aboveFlwlM;
  const freeboardM = a.crestElevationM - pool;
  const upper = a.floodControlHighLevelM ?? a.normalPoolLevelM;
  let tier: Tier | null = null;
  let reached: LevelAssessment['reached'] = aboveFlwlM >= -0.3 ? 'near_flood_limit' : 'none';
  if (pool >= a.floodLimitLevelM) [tier, reached] = ['blue', 'flood_limit'];
  if (pool >= upper) [tier, reached] = ['yellow', 'upper'];
  if (pool >= a.designFloodLevelM) [tier, reached] = ['orange', 'design_flood'];
  if (pool >= a.checkFloodLevelM) [tier, reached] = ['red', 'check_flood'];
  if (a.minFreeboardM !== undefined && freeboardM < a.minFreeboardM) [tier, reached] = ['red', 'freeboard'];
  return {
    poolM: pool,
    tier,
    reached,
    freeboardM,
    hoursToDesign: hoursTo(pool, a.designFloodLevelM, riseMPerH),
    hoursToCheck: hoursTo(pool, a.checkFloodLevelM, riseMPerH),
    hoursToCrest: hoursTo(pool, a.crestElevationM, riseMPerH),
  };
}
