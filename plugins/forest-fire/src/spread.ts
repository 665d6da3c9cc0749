/**
 * Rate and direction of spread after the Wang Zhengfei model (王正非 1983, as extended by 毛贤敏 1993):
 * R = R0 · Ks · Kw · Kφ, with R0 = a·T + b·V + c·(100 − RH) − d (m/min), Kw = exp(k·V) (V in m/s),
 * Kφ = exp(a'·(tan φ)^b') on an upslope run. The head fire runs downwind. See README for what is recalled
 * and what is assumed.
 */
import type { FireConfig, FuelType } from './definition.js';
import { angleDiff, norm360 } from './geo.js';

export interface SpreadInputs {
  tempC: number;
  rhPct: number;
  windMs: number;
  /** Direction the wind blows from (meteorological convention); undefined when unknown. */
  windFromDeg?: number | undefined;
  fuel: FuelType;
  slopeDeg: number;
  /** The way the slope faces (downslope); upslope is the opposite bearing. */
  aspectDeg?: number | undefined;
}

export interface Spread {
  /** Initial (no wind, flat) rate R0, m/min. */
  r0: number;
  ks: number;
  kw: number;
  kphi: number;
  /** Head-fire rate, m/min (capped at maxRateMPerMin). */
  rate: number;
  /** Rate with no wind and no slope (R0·Ks): the flanks and back fire. */
  flankRate: number;
  /** Bearing the head fire runs to (downwind), or null when the wind direction is unknown. */
  headingDeg: number | null;
  /** Slope along the heading, degrees: positive uphill, negative downhill. */
  effSlopeDeg: number;
}

const RAD = Math.PI / 180;

/** The slope coefficient Kφ for a run along a slope of `effSlopeDeg` (negative: downhill). */
export function slopeFactor(effSlopeDeg: number, cfg: FireConfig['spread']): number {
  const t = Math.tan(Math.min(Math.abs(effSlopeDeg), 80) * RAD);
  const e = cfg.slopeCoef * t ** cfg.slopePow;
  // The model's table is for uphill runs; downhill uses the reciprocal (assumed, README).
  return Math.exp(effSlopeDeg >= 0 ? e : -e);
}

/** The slope met along `headingDeg` on a plane of `slopeDeg` facing `aspectDeg`. */
export function effectiveSlopeDeg(
  slopeDeg: number,
  aspectDeg: number | undefined,
  headingDeg: number | null,
): number {
  if (slopeDeg <= 0) return 0;
  // Without a heading (calm or unknown wind) a fire runs upslope fastest: take the full slope.
  if (aspectDeg === undefined || headingDeg === null) return slopeDeg;
  const upslope = norm360(aspectDeg + 180);
  const c = Math.cos(angleDiff(headingDeg, upslope) * RAD);
  return Math.atan(Math.tan(slopeDeg * RAD) * c) / RAD;
}

/** The Wang Zhengfei rate of spread and the head-fire bearing. */
export function wangSpread(x: SpreadInputs, cfg: FireConfig['spread']): Spread {
  const { perDegC, perWindMs, perDryness, constant } = cfg.r0;
  const r0 = Math.max(0, perDegC * x.tempC + perWindMs * x.windMs + perDryness * (100 - x.rhPct) - constant);
  const ks = cfg.fuel[x.fuel];
  const kw = Math.exp(cfg.windExp * x.windMs);
  const headingDeg = x.windFromDeg === undefined ? null : norm360(x.windFromDeg + 180);
  const effSlopeDeg = effectiveSlopeDeg(x.slopeDeg, x.aspectDeg, headingDeg);
  const kphi = slopeFactor(effSlopeDeg, cfg);
  const rate = Math.min(cfg.maxRateMPerMin, r0 * ks * kw * kphi);
  return { r0, ks, kw, kphi, rate, flankRate: Math.min(rate, r0 * ks), headingDeg, effSlopeDeg };
}
