/** Small helpers shared by the analyses. */
import type { CityObject, Geometry, Statement, Tier } from '@fenghuo/sdk';

export const TIERS: readonly Tier[] = ['blue', 'yellow', 'orange', 'red'];

export const TIER_ZH: Record<Tier, string> = { blue: '蓝色', yellow: '黄色', orange: '橙色', red: '红色' };

/** The higher of two tiers (`null` is below blue). */
export function maxTier(a: Tier | null, b: Tier | null): Tier | null {
  if (a === null) return b;
  if (b === null) return a;
  return TIERS.indexOf(a) >= TIERS.indexOf(b) ? a : b;
}

/** A tier raised by `steps`, capped at red. */
export function raise(t: Tier, steps: number): Tier {
  return TIERS[Math.min(TIERS.length - 1, TIERS.indexOf(t) + steps)]!;
}

/** A representative [lon, lat] of a geometry: the point itself, else the mean of its vertices. */
export function pointOf(g: Geometry): [number, number] {
  const pts: [number, number][] = [];
  const walk = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') pts.push([c[0] as number, c[1] as number]);
    else if (Array.isArray(c)) for (const x of c) walk(x);
  };
  walk(g.coordinates);
  const n = Math.max(1, pts.length);
  return [pts.reduce((a, p) => a + p[0], 0) / n, pts.reduce((a, p) => a + p[1], 0) / n];
}

/** Up to `max` names, then how many in all ("甲、乙 等 12 处" / "A, B and 10 more"). */
export const nameList = (objs: CityObject[], lang: 'zh' | 'en', max: number): string => {
  const names = objs.slice(0, max).map((o) => o.name[lang]);
  const more = objs.length - names.length;
  if (lang === 'zh') return `${names.join('、')}${more > 0 ? ` 等 ${objs.length} 处` : ''}`;
  return `${names.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
};

export const say = (zh: string, en: string): Statement => ({ zh, en });

export const round1 = (v: number): number => Math.round(v * 10) / 10;
