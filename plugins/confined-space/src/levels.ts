/**
 * Level arithmetic shared by the analysis modules: which level a value meets, tier names, raising.
 */
import { LEVELS, type Level, type LevelValues, type Tier } from '@fenghuo/sdk';

/** Index of a tier in the SDK's LEVELS (alarm 0, blue 1 … red 4). */
export function tierIndex(tier: Tier): number {
  return LEVELS.indexOf(tier);
}

/** The tier at an index, or `null` below blue (an `alarm` alone is owner-only, not a warning). */
export function tierAt(index: number): Tier | null {
  if (index < 1) return null;
  return LEVELS[Math.min(index, LEVELS.length - 1)] as Tier;
}

/** The level at an index (`null` when clear). */
export function levelAt(index: number): Level | null {
  if (index < 0) return null;
  return LEVELS[Math.min(index, LEVELS.length - 1)] ?? null;
}

/**
 * The highest level whose limit `value` meets (`>=` rising, `<=` falling), as an index; -1 when none.
 *
 * @example levelOf(12, { alarm: 5, blue: 10, yellow: 20 }, true) // 1 (blue)
 */
export function levelOf(value: number, limits: LevelValues, rising: boolean): number {
  let best = -1;
  for (let i = 0; i < LEVELS.length; i++) {
    const lim = limits[LEVELS[i]!];
    if (typeof lim !== 'number' || !Number.isFinite(lim)) continue;
    if (rising ? value >= lim : value <= lim) best = i;
  }
  return best;
}

/** Level names for findings. */
export const LEVEL_TEXT: Record<Level, { zh: string; en: string }> = {
  alarm: { zh: '报警', en: 'alarm' },
  blue: { zh: '蓝色', en: 'blue' },
  yellow: { zh: '黄色', en: 'yellow' },
  orange: { zh: '橙色', en: 'orange' },
  red: { zh: '红色', en: 'red' },
};
