/**
 * The accident-likelihood tier: each risk factor gets a level, the tier is the highest level raised by
 * co-occurring factors and the context (night, rain, a hazmat truck beside a protection target).
 * Guideline §4(2)10: integrate road, weather, track and driver data and judge accident likelihood.
 */
import type { I18n, Tier } from '@fenghuo/sdk';

/** 0 none, 1 alarm only (reminder to driver and operator), 2 blue, 3 yellow, 4 orange, 5 red. */
export type FactorLevel = 0 | 1 | 2 | 3 | 4 | 5;

export type FactorKey = 'overspeed' | 'fatigue' | 'daily' | 'curfew' | 'tyre' | 'dsm';

export interface Factor {
  key: FactorKey;
  level: FactorLevel;
  text: I18n;
}

export interface Context {
  night: boolean;
  raining: boolean;
  hazmatNearTarget: boolean;
}

export interface Likelihood {
  tier: Tier | null;
  level: number;
  reasons: I18n[];
}

const TIERS: Record<number, Tier> = { 2: 'blue', 3: 'yellow', 4: 'orange', 5: 'red' };

export function clampLevel(n: number): FactorLevel {
  return Math.max(0, Math.min(5, Math.round(n))) as FactorLevel;
}

/** Level of a value against ascending limits [alarm, blue, yellow, orange, red] (null = level absent). */
export function levelOf(value: number, limits: (number | null)[]): FactorLevel {
  let level = 0;
  limits.forEach((l, i) => {
    if (l !== null && value >= l) level = i + 1;
  });
  return clampLevel(level);
}

/**
 * L = max factor level, then (each assumed, +1, capped at red):
 * - two or more factors at alarm level or above (compound behaviour: e.g. tired and speeding);
 * - night (22:00–06:00) with a factor at blue or above;
 * - rain at or above the configured intensity while overspeeding;
 * - a hazmat truck with a protection target or hazard within the search radius.
 * Catalogue floors: a DSM fatigue event while overspeeding is at least orange; while over the
 * continuous-driving limit it is red.
 */
export function combine(factors: Factor[], ctx: Context): Likelihood {
  const active = factors.filter((f) => f.level >= 1);
  const byKey = (k: FactorKey) => factors.find((f) => f.key === k)?.level ?? 0;
  let level: number = Math.max(0, ...factors.map((f) => f.level));
  const reasons: I18n[] = [];
  if (active.length >= 2) {
    level += 1;
    reasons.push({
      zh: `${active.length} 项风险因素同时存在，事故可能性上升一级`,
      en: `${active.length} risk factors at once: likelihood raised one tier`,
    });
  }
  if (ctx.night && level >= 2) {
    level += 1;
    reasons.push({ zh: '夜间行驶，事故可能性上升一级', en: 'Night driving: likelihood raised one tier' });
  }
  if (ctx.raining && byKey('overspeed') >= 1) {
    level += 1;
    reasons.push({
      zh: '降雨路面湿滑且超速，上升一级',
      en: 'Rain on a wet road while speeding: raised one tier',
    });
  }
  if (ctx.hazmatNearTarget && level >= 1) {
    level += 1;
    reasons.push({
      zh: '危险货物车辆邻近防护目标，后果严重，上升一级',
      en: 'Hazmat truck beside a protection target: severe consequences, raised one tier',
    });
  }
  if (byKey('dsm') >= 1 && byKey('overspeed') >= 1) level = Math.max(level, 4);
  if (byKey('dsm') >= 1 && byKey('fatigue') >= 2) level = Math.max(level, 5);
  const capped = Math.min(5, level);
  return { tier: TIERS[capped] ?? null, level: capped, reasons };
}
