/**
 * Speed rules: the effective limit of a vehicle class on a road at an hour, the overspeed ratio, how
 * long it has been held, and the GNSS glitch test (pure functions).
 */
import { haversineM, type Point } from '@fenghuo/sdk';
import type { KeyVehicleConfig, VehicleKind } from './definition.js';

/**
 * v_lim = min(posted limit, class limit for the road) × night factor (coaches at night).
 * Hazmat 80/60 km/h: 危险货物道路运输安全管理办法 第46条 (verified); night ≤ 80 % of the day limit:
 * 道路运输车辆动态监督管理办法 via the Chongqing MOT Q&A (verified); coach and heavy truck ≤ 100 km/h
 * on expressways: 道路交通安全法实施条例 第78条 (recalled); school bus 80/60: 校车安全管理条例 (recalled).
 */
export function effectiveLimit(
  kind: VehicleKind,
  posted: number,
  expressway: boolean,
  night: boolean,
  cfg: KeyVehicleConfig,
): number {
  const cls = cfg.classLimits[kind];
  const classLimit = expressway ? cls.expressway : cls.other;
  const base = classLimit === null ? posted : Math.min(posted, classLimit);
  return night && cfg.nightRuleKinds.includes(kind) ? base * cfg.nightSpeedFactor : base;
}

/** (v − v_lim) / v_lim, 0 when not over. */
export function overspeedRatio(speedKmh: number, limitKmh: number): number {
  return limitKmh > 0 ? Math.max(0, (speedKmh - limitKmh) / limitKmh) : 0;
}

/** Seconds the ratio has stayed at or above `ratio` up to the last sample (0 when the last is below). */
export function heldSec(speed: Point[], limitKmh: number, ratio: number): number {
  let start: number | null = null;
  for (let i = speed.length - 1; i >= 0; i--) {
    const p = speed[i] as Point;
    if (overspeedRatio(p.value, limitKmh) < ratio) break;
    start = Date.parse(p.ts);
  }
  const last = speed[speed.length - 1];
  return start === null || !last ? 0 : (Date.parse(last.ts) - start) / 1000;
}

export interface Fix {
  ts: string;
  lon: number;
  lat: number;
}

export interface GlitchVerdict {
  glitch: boolean;
  /** Acceleration into the last sample, m/s² (null without a recent previous sample). */
  accelMs2: number | null;
  /** Mean speed from the displacement between the two fixes, km/h (null without both fixes). */
  displacementKmh: number | null;
}

/**
 * A GNSS speed glitch: the last sample is physically implausible against the one before it. Either the
 * acceleration exceeds what a heavy vehicle can do (assumed 2.5 m/s²; a loaded coach or truck manages
 * about 1 m/s²), or the mean of the two reported speeds exceeds the speed implied by the distance
 * between the two position fixes by more than the tolerance.
 */
export function glitchTest(speed: Point[], fixes: Fix[], cfg: KeyVehicleConfig): GlitchVerdict {
  const last = speed[speed.length - 1];
  const prev = speed[speed.length - 2];
  if (!last || !prev) return { glitch: false, accelMs2: null, displacementKmh: null };
  const dt = (Date.parse(last.ts) - Date.parse(prev.ts)) / 1000;
  if (dt <= 0 || dt > cfg.glitchWindowSec) return { glitch: false, accelMs2: null, displacementKmh: null };
  const accel = (last.value - prev.value) / 3.6 / dt;
  const fixAt = (ts: string) => fixes.find((f) => f.ts === ts);
  const a = fixAt(prev.ts);
  const b = fixAt(last.ts);
  const disp = a && b ? (haversineM([a.lon, a.lat], [b.lon, b.lat]) / dt) * 3.6 : null;
  const meanReported = (last.value + prev.value) / 2;
  const disagree = disp !== null && meanReported - disp > cfg.maxSpeedDisagreeKmh;
  return { glitch: Math.abs(accel) > cfg.maxAccelMs2 || disagree, accelMs2: accel, displacementKmh: disp };
}
