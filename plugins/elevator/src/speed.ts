/**
 * Overspeed against the overspeed governor's tripping band. GB 7588-2003 9.9.1 (the same band in
 * GB/T 7588.1-2020 5.6.2.2.1.1; recalled, not checked against the text): the governor for the safety
 * gear trips at a speed of at least 115 % of the rated speed v and below
 *   a) 0.8 m/s for instantaneous safety gear (except the captive-roller type),
 *   b) 1.0 m/s for captive-roller instantaneous gear,
 *   c) 1.5 m/s for progressive gear with v ≤ 1.0 m/s,
 *   d) 1.25 v + 0.25 / v for progressive gear with v > 1.0 m/s.
 * A car at or above the upper bound should have been stopped by the governor and safety gear.
 */

export type SafetyGear = 'instantaneous' | 'captive_roller' | 'progressive';

/**
 * Upper bound of the governor tripping speed (m/s) for a rated speed and safety-gear type. The bound is
 * never taken below the 115 % lower bound (the standard's a)–c) are for slow lifts where it is above it).
 *
 * @example maxTrippingSpeed(2.5, 'progressive') // 3.225
 */
export function maxTrippingSpeed(ratedMs: number, gear: SafetyGear): number {
  const low = 1.15 * ratedMs;
  let hi: number;
  switch (gear) {
    case 'instantaneous':
      hi = 0.8;
      break;
    case 'captive_roller':
      hi = 1.0;
      break;
    case 'progressive':
      hi = ratedMs <= 1 ? 1.5 : 1.25 * ratedMs + 0.25 / ratedMs;
      break;
  }
  return Math.max(hi, low);
}

export interface SpeedJudgement {
  ratio: number;
  tripLowMs: number;
  tripHighMs: number;
  /** At or above 115 %: the governor's tripping band is entered. */
  inTripBand: boolean;
  /** At or above the band's upper bound: the governor should have tripped already. */
  beyondTrip: boolean;
}

/** Judges a measured car speed against the rated speed and the tripping band. */
export function judgeSpeed(speedMs: number, ratedMs: number, gear: SafetyGear): SpeedJudgement {
  const tripLowMs = 1.15 * ratedMs;
  const tripHighMs = maxTrippingSpeed(ratedMs, gear);
  return {
    ratio: speedMs / ratedMs,
    tripLowMs,
    tripHighMs,
    inTripBand: speedMs >= tripLowMs,
    beyondTrip: speedMs >= tripHighMs,
  };
}
