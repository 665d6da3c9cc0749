/**
 * Stampede-risk tiering and the counting-glitch test. Pure functions: the analysis gathers the numbers.
 */
import { type I18n, LEVELS, type Level, type Tier } from '@fenghuo/sdk';
import type { AreaType, CrowdConfig } from './definition.js';
import type { Sample } from './forecast.js';
import { MIN_MS } from './forecast.js';

type Limits = CrowdConfig['riskDensity'];

/** The area types whose crowd tolerates less density: a fall on stairs or a slope, a squeeze at a bottleneck. */
export const HAZARDOUS_AREAS: readonly AreaType[] = ['stairs', 'slope', 'bottleneck'];

/**
 * The density limits in force: the configured ones, or each tier dropped to the next lower tier's limit
 * (red at the orange limit, …, blue at the alarm limit) on stairs, slopes, bottlenecks or in counter-flow
 * (domain catalogue `large-crowd` modifier, assumed).
 *
 * @example
 * effectiveLimits({ alarm: 1.5, blue: 2, yellow: 3, orange: 4, red: 5 }, true).red; // 4
 */
export function effectiveLimits(limits: Limits, lowered: boolean): Limits {
  if (!lowered) return { ...limits };
  return {
    alarm: limits.alarm,
    blue: limits.alarm,
    yellow: limits.blue,
    orange: limits.yellow,
    red: limits.orange,
  };
}

/** Index in `LEVELS` (alarm 0 … red 4) of the highest level a value meets, or −1 below them all. */
export function levelOf(value: number, limits: Partial<Record<Level, number>>): number {
  let idx = -1;
  LEVELS.forEach((l, i) => {
    const lim = limits[l];
    if (lim !== undefined && value >= lim) idx = i;
  });
  return idx;
}

/** A tier from a level index: the owner-only `alarm` (0) and below give no warning. */
export function tierAt(index: number): Tier | null {
  if (index < 1) return null;
  return LEVELS[Math.min(index, LEVELS.length - 1)] as Tier;
}

export interface RiskInputs {
  /** Density now and at each forecast horizon (nearest first), p/m². */
  densityNow: number;
  densityAhead: readonly number[];
  /** Share of capacity now and ahead, when the capacity is known. */
  ratioNow: number | null;
  ratioAhead: readonly (number | null)[];
  lowered: boolean;
}

export interface RiskTier {
  index: number;
  tier: Tier | null;
  /** Which input set the tier: `now`, `ahead:<k>` (k-th horizon) or `capacity`. */
  drivenBy: string;
  limits: Limits;
}

/**
 * The stampede-risk tier: the highest of the density level now, the level of the first horizon's forecast,
 * the level of each later horizon's forecast one lower (it is less certain), and the same for the share of
 * capacity. A falling forecast never lowers the level the crowd is at now.
 *
 * @example
 * riskTier({ densityNow: 3.2, densityAhead: [4.1, 5.2], ratioNow: null, ratioAhead: [], lowered: false }, cfg);
 * // orange, driven by ahead:0
 */
export function riskTier(x: RiskInputs, cfg: Pick<CrowdConfig, 'riskDensity' | 'capacityTiers'>): RiskTier {
  const limits = effectiveLimits(cfg.riskDensity, x.lowered);
  let index = levelOf(x.densityNow, limits);
  let drivenBy = 'now';
  const consider = (i: number, by: string) => {
    if (i > index) {
      index = i;
      drivenBy = by;
    }
  };
  x.densityAhead.forEach((d, k) => {
    consider(levelOf(d, limits) - (k === 0 ? 0 : 1), `ahead:${k}`);
  });
  if (x.ratioNow !== null) consider(levelOf(x.ratioNow, cfg.capacityTiers), 'capacity');
  x.ratioAhead.forEach((r, k) => {
    if (r !== null) consider(levelOf(r, cfg.capacityTiers) - (k === 0 ? 0 : 1), 'capacity');
  });
  return { index, tier: tierAt(index), drivenBy, limits };
}

/** Stampede likelihood wording by tier (the geohazard scale of the national warning terms, 一般…极大). */
export const LIKELIHOOD: Record<Tier, I18n> = {
  blue: { zh: '踩踏风险一般', en: 'Stampede risk moderate' },
  yellow: { zh: '踩踏风险较大', en: 'Stampede risk considerable' },
  orange: { zh: '踩踏风险很大', en: 'Stampede risk high' },
  red: { zh: '踩踏风险极大', en: 'Stampede risk very high' },
};

/**
 * The fastest rise in persons per minute the entrances could admit: total entrance width × Fruin's maximum
 * specific flow, or, without a width, the fallback density rise × area.
 */
export function maxInflowPerMin(
  areaM2: number,
  entranceWidthM: number | undefined,
  cfg: Pick<CrowdConfig, 'fruinMaxFlowPmMin' | 'fallbackMaxRisePerMin'>,
): number {
  return entranceWidthM !== undefined
    ? entranceWidthM * cfg.fruinMaxFlowPmMin
    : cfg.fallbackMaxRisePerMin * areaM2;
}

export interface Glitch {
  /** Persons per minute implied by the jump, and the most the entrances admit. */
  impliedPerMin: number;
  maxPerMin: number;
  from: Sample;
  to: Sample;
}

/**
 * A counting glitch: among the last `lookback` steps of the persons curve, a rise faster than
 * `factor` × the possible inflow. People cannot arrive faster than the entrances let them in, so such a
 * jump is a counter fault (double counting, a camera re-zoned, a Wi-Fi probe storm), not a crowd.
 *
 * @example
 * findGlitch([{ t: 0, v: 2000 }, { t: 60_000, v: 60_000 }], 3300, 1.5, 5); // implied 58 000 p/min
 */
export function findGlitch(
  persons: readonly Sample[],
  maxPerMin: number,
  factor: number,
  lookback: number,
): Glitch | null {
  let worst: Glitch | null = null;
  const start = Math.max(1, persons.length - lookback);
  for (let i = start; i < persons.length; i++) {
    const a = persons[i - 1] as Sample;
    const b = persons[i] as Sample;
    const dtMin = (b.t - a.t) / MIN_MS;
    if (dtMin <= 0) continue;
    const rate = (b.v - a.v) / dtMin;
    if (rate > maxPerMin * factor && (worst === null || rate > worst.impliedPerMin))
      worst = { impliedPerMin: rate, maxPerMin, from: a, to: b };
  }
  return worst;
}
