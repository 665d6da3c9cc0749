/**
 * Storm surge at a sea wall: the tide against the station's four warning tide levels (GB/T 17839-2011) and
 * the wall's crest with the waves on top. Pure functions.
 */
import type { Tier } from '@fenghuo/sdk';

export interface WarningTides {
  blue: number;
  yellow: number;
  orange: number;
  red: number;
  /** Which levels came from the defaults (blue + configured steps), not the station. */
  defaulted: Tier[];
}

/** The station's colour levels; an unset level is blue plus the configured step, kept in order. */
export function warningTides(
  attrs: Record<string, unknown>,
  steps: readonly [number, number, number],
): WarningTides | null {
  const num = (k: string): number | null => {
    const v = attrs[k];
    return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : null;
  };
  const blue = num('blueWarningTideM');
  if (blue === null) return null;
  const defaulted: Tier[] = [];
  const pick = (k: string, tier: Tier, step: number, floor: number): number => {
    const v = num(k);
    if (v !== null && v > floor) return v;
    defaulted.push(tier);
    return Math.max(blue + step, floor + 0.01);
  };
  const yellow = pick('yellowWarningTideM', 'yellow', steps[0], blue);
  const orange = pick('orangeWarningTideM', 'orange', steps[1], yellow);
  const red = pick('redWarningTideM', 'red', steps[2], orange);
  return { blue, yellow, orange, red, defaulted };
}

export interface SurgeAssessment {
  tier: Tier | null;
  /** The highest colour level the tide has reached, before the overtopping rule. */
  levelTier: Tier | null;
  /** Tide minus the blue warning level, m (negative below it). */
  overBlueM: number;
  /** Crest minus tide, m; `null` without a crest level. */
  freeboardM: number | null;
  /** Tide plus k·Hs reaches the crest. */
  overtopping: boolean;
}

/**
 * The tier is the highest colour level the tide has reached; a wall that is overtopped (tide + k·Hs ≥
 * crest, k = `waveFactor`) is red whatever the colour levels say, since water then enters behind it.
 */
export function assessSurge(
  tideM: number,
  waveM: number | null,
  levels: WarningTides,
  crestM: number | null,
  waveFactor: number,
): SurgeAssessment {
  let tier: Tier | null = null;
  if (tideM >= levels.red) tier = 'red';
  else if (tideM >= levels.orange) tier = 'orange';
  else if (tideM >= levels.yellow) tier = 'yellow';
  else if (tideM >= levels.blue) tier = 'blue';
  const freeboardM = crestM === null ? null : crestM - tideM;
  const overtopping = crestM !== null && tideM + waveFactor * (waveM ?? 0) >= crestM;
  return {
    tier: overtopping ? 'red' : tier,
    levelTier: tier,
    overBlueM: tideM - levels.blue,
    freeboardM,
    overtopping,
  };
}

/** Least-squares rise rate (m/h) of the tide over the given points; `null` with fewer than 2. */
export function riseRateMH(points: readonly { ts: string; value: number }[]): number | null {
  if (points.length < 2) return null;
  const t0 = Date.parse((points[0] as { ts: string }).ts);
  const xs = points.map((p) => (Date.parse(p.ts) - t0) / 3_600_000);
  const ys = points.map((p) => p.value);
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    num += ((xs[i] as number) - mx) * ((ys[i] as number) - my);
    den += ((xs[i] as number) - mx) ** 2;
  }
  return den === 0 ? null : num / den;
}
