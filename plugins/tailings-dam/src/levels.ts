/**
 * Tier arithmetic: a point's level from its reading and effective limits, the pond level's tier from the
 * design elevations, and the GB 51108 / catalogue escalation rule point → item → dam.
 */
import type { Level, LevelValues, Tier } from '@fenghuo/sdk';

export const TIERS: readonly Tier[] = ['blue', 'yellow', 'orange', 'red'];

/** 0 for no tier, 1 blue … 4 red. */
export function tierRank(t: Tier | null): number {
  return t === null ? 0 : TIERS.indexOf(t) + 1;
}

export function maxTier(a: Tier | null, b: Tier | null): Tier | null {
  return tierRank(a) >= tierRank(b) ? a : b;
}

/** One tier up (red stays red); `null` stays `null`. */
export function raiseTier(t: Tier | null): Tier | null {
  if (t === null) return null;
  return TIERS[Math.min(TIERS.length - 1, TIERS.indexOf(t) + 1)] ?? 'red';
}

/** The tier part of a level (`alarm` is owner-only and is no tier). */
export function levelTier(level: Level | null): Tier | null {
  return level === null || level === 'alarm' ? null : level;
}

/**
 * The highest level whose limit a value meets: `value <= limit` when falling, `>=` when rising. The
 * direction is read off the limits themselves (red below blue means falling).
 */
export function levelOf(value: number, limits: LevelValues): Level | null {
  const order: Level[] = ['alarm', 'blue', 'yellow', 'orange', 'red'];
  const given = order.filter((l) => typeof limits[l] === 'number');
  if (given.length === 0) return null;
  const first = limits[given[0]!]!;
  const last = limits[given[given.length - 1]!]!;
  const falling = last < first;
  let met: Level | null = null;
  for (const l of given) {
    const lim = limits[l]!;
    if (falling ? value <= lim : value >= lim) met = l;
  }
  return met;
}

/** Design elevations of the pond (catalogue `pond_level`, GB 51108 8.3.6). */
export interface PondLevels {
  normalLevelM?: number | undefined;
  preFloodLevelM?: number | undefined;
  maxFloodLevelM?: number | undefined;
}

/**
 * Pond-level tier from the design elevations: blue ≥ normal operating level, yellow ≥ pre-flood control
 * level, orange ≥ pre-flood + 0.5 × (highest flood − pre-flood), red ≥ design highest flood level.
 * Levels whose elevation is missing are skipped.
 */
export function pondTier(levelM: number, d: PondLevels): Tier | null {
  let t: Tier | null = null;
  if (d.normalLevelM !== undefined && levelM >= d.normalLevelM) t = 'blue';
  if (d.preFloodLevelM !== undefined && levelM >= d.preFloodLevelM) t = 'yellow';
  if (
    d.preFloodLevelM !== undefined &&
    d.maxFloodLevelM !== undefined &&
    levelM >= d.preFloodLevelM + 0.5 * (d.maxFloodLevelM - d.preFloodLevelM)
  )
    t = 'orange';
  if (d.maxFloodLevelM !== undefined && levelM >= d.maxFloodLevelM) t = 'red';
  return t;
}

/** Counts that escalate a group (0 turns a step off). */
export interface Escalation {
  blueToYellow: number;
  yellowToOrange: number;
  orangeToRed: number;
}

/**
 * The group's tier from its members' tiers: the highest member, raised by the counting rule
 * (catalogue `tailings-pond.aggregation`): N members at blue or above → yellow, at yellow or above →
 * orange, at orange or above → red. A member at a higher tier counts towards the lower steps too.
 */
export function escalate(
  members: (Tier | null)[],
  rule: Escalation,
): { tier: Tier | null; escalated: boolean } {
  const atLeast = (t: Tier) => members.filter((m) => tierRank(m) >= tierRank(t)).length;
  let highest: Tier | null = null;
  for (const m of members) highest = maxTier(highest, m);
  let tier = highest;
  if (rule.blueToYellow > 0 && atLeast('blue') >= rule.blueToYellow) tier = maxTier(tier, 'yellow');
  if (rule.yellowToOrange > 0 && atLeast('yellow') >= rule.yellowToOrange) tier = maxTier(tier, 'orange');
  if (rule.orangeToRed > 0 && atLeast('orange') >= rule.orangeToRed) tier = maxTier(tier, 'red');
  return { tier, escalated: tierRank(tier) > tierRank(highest) };
}
