/**
 * Reference bands used to explain and tier vibration and wind: Sétra footbridge comfort classes, the
 * catalogue's road-bridge acceleration-to-baseline tiers, and the Beaufort scale.
 */
import type { I18n, LevelValues } from '@fenghuo/sdk';

export type Comfort = 'maximum' | 'mean' | 'minimum' | 'unacceptable';

/**
 * Sétra (2006) footbridge comfort class of a peak acceleration (notes §4.7): vertical < 0.5 maximum,
 * 0.5–1.0 mean, 1.0–2.5 minimum, > 2.5 unacceptable m/s²; lateral 0.1 / 0.3 / 0.8.
 */
export function setraComfort(accMs2: number, direction: 'vertical' | 'lateral' = 'vertical'): Comfort {
  const [a, b, c] = direction === 'vertical' ? [0.5, 1.0, 2.5] : [0.1, 0.3, 0.8];
  if (accMs2 < a) return 'maximum';
  if (accMs2 < b) return 'mean';
  if (accMs2 <= c) return 'minimum';
  return 'unacceptable';
}

export const COMFORT_NAME: Record<Comfort, I18n> = {
  maximum: { zh: '最佳舒适', en: 'maximum comfort' },
  mean: { zh: '中等舒适', en: 'mean comfort' },
  minimum: { zh: '最低舒适', en: 'minimum comfort' },
  unacceptable: { zh: '不可接受', en: 'unacceptable' },
};

/**
 * Limits of a road bridge's acceleration as multiples of its baseline RMS (catalogue: 10-min RMS / 30-day
 * baseline RMS ≥ 2 / 3 / 4 / 5 for blue … red, assumed).
 */
export function baselineLimits(
  baselineMs2: number,
  ratios: { blue: number; yellow: number; orange: number; red: number },
): LevelValues {
  return {
    blue: ratios.blue * baselineMs2,
    yellow: ratios.yellow * baselineMs2,
    orange: ratios.orange * baselineMs2,
    red: ratios.red * baselineMs2,
  };
}

/** Lower bounds of Beaufort levels 1–17 in m/s (GB/T 28591-2012, recalled; notes §4.2). */
const BEAUFORT_FROM = [
  0.3, 1.6, 3.4, 5.5, 8.0, 10.8, 13.9, 17.2, 20.8, 24.5, 28.5, 32.7, 37.0, 41.5, 46.2, 51.0, 56.1,
];

/** The Beaufort level of a wind speed: the largest level whose lower bound is ≤ v (18 from 61.3 m/s). */
export function beaufort(v: number): number {
  if (v >= 61.3) return 18;
  let level = 0;
  BEAUFORT_FROM.forEach((from, i) => {
    if (v >= from) level = i + 1;
  });
  return level;
}
