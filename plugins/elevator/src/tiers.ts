/** Tier arithmetic shared by the analysis modules. */
import { LEVELS, type Level, type Tier } from '@fenghuo/sdk';

/** Index of a level in the SDK's LEVELS (alarm 0, blue 1 … red 4). */
export function levelIndex(level: Level): number {
  return LEVELS.indexOf(level);
}

/** The tier at an index, or `null` below blue (an `alarm` alone is owner-only, not a warning). */
export function tierAt(index: number): Tier | null {
  if (index < 1) return null;
  return LEVELS[Math.min(index, LEVELS.length - 1)] as Tier;
}

/** The higher of two tiers (`null` counts as none). */
export function maxTier(a: Tier | null, b: Tier | null): Tier | null {
  if (a === null) return b;
  if (b === null) return a;
  return levelIndex(a) >= levelIndex(b) ? a : b;
}

/** A tier raised by `steps` (capped at red); `null` stays `null`. */
export function raise(tier: Tier | null, steps: number): Tier | null {
  if (tier === null) return null;
  return tierAt(levelIndex(tier) + steps);
}

export const TIER_TEXT: Record<Tier, I18nLike> = {
  blue: { zh: '蓝色', en: 'blue' },
  yellow: { zh: '黄色', en: 'yellow' },
  orange: { zh: '橙色', en: 'orange' },
  red: { zh: '红色', en: 'red' },
};

interface I18nLike {
  zh: string;
  en: string;
}
