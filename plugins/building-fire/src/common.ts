/**
 * Small pieces shared by the analyses: samples, tier arithmetic, bilingual joins.
 */
import { type I18n, LEVELS, type Level, levelIndex, type Sample, type Tier, toSamples } from '@fenghuo/sdk';

/** The SDK's, re-exported so that this plugin's modules keep importing them from here. */
export { type Sample, toSamples };

export const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);
export const round1 = (x: number) => Math.round(x * 10) / 10;
export const round2 = (x: number) => Math.round(x * 100) / 100;
export const iso = (ms: number) => new Date(ms).toISOString();
export const MIN = 60_000;
export const HOUR = 3_600_000;

/** The series with the event's own reading in it (the store may not have it yet when the job runs). */
export function withReading(samples: Sample[], t: number, v: number): Sample[] {
  if (samples.some((s) => s.t === t)) return samples;
  return [...samples.filter((s) => s.t < t), { t, v }, ...samples.filter((s) => s.t > t)];
}

/** Level index of a tier or none: `null` → 0, the owner-only alarm. */
export function tierIndex(t: Tier | null): number {
  return t === null ? 0 : levelIndex(t);
}

/** A tier from a level index; 0 or less (the owner-only alarm) gives no warning; capped at red. */
export function tierAt(index: number): Tier | null {
  if (index < 1) return null;
  return LEVELS[Math.min(index, LEVELS.length - 1)] as Tier;
}

export function maxTier(a: Tier | null, b: Tier | null): Tier | null {
  return tierAt(Math.max(tierIndex(a), tierIndex(b)));
}

/** The highest level whose limit a value reaches, from `ctx.thresholds` limits (rising or falling). */
export function levelOf(
  value: number,
  limits: Partial<Record<Level, number>>,
  direction: 'rising' | 'falling',
): Level | null {
  let out: Level | null = null;
  for (const l of LEVELS) {
    const lim = limits[l];
    if (lim === undefined) continue;
    if (direction === 'rising' ? value >= lim : value <= lim) out = l;
  }
  return out;
}

/** A level as a warning tier (`alarm` and none give no tier). */
export function asTier(l: Level | null): Tier | null {
  return l === null || l === 'alarm' ? null : l;
}

export const TIER_NAME: Record<Level, I18n> = {
  alarm: { zh: '报警', en: 'alarm' },
  blue: { zh: '蓝色', en: 'blue' },
  yellow: { zh: '黄色', en: 'yellow' },
  orange: { zh: '橙色', en: 'orange' },
  red: { zh: '红色', en: 'red' },
};

export function joinI18n(xs: readonly I18n[], lang: 'zh' | 'en'): string {
  return xs.map((x) => x[lang]).join(lang === 'zh' ? '、' : ', ');
}

/** Floors as compact ranges: [−1, 1, 2, 3, 7] → "B1, 1–3, 7" (basements as B1, B2 …). */
export function floorRanges(floors: readonly number[]): string {
  const sorted = [...new Set(floors)].sort((a, b) => a - b);
  const name = (f: number) => (f < 0 ? `B${-f}` : String(f));
  const parts: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    // Floor 0 does not exist: −1 and 1 are adjacent.
    while (
      j + 1 < sorted.length &&
      (sorted[j + 1]! - sorted[j]! === 1 || (sorted[j] === -1 && sorted[j + 1] === 1))
    )
      j++;
    parts.push(i === j ? name(sorted[i]!) : `${name(sorted[i]!)}–${name(sorted[j]!)}`);
    i = j + 1;
  }
  return parts.join(', ');
}
