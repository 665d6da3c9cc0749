/**
 * Pieces the analyses share: series helpers, tier arithmetic, the impact circle, and the look-ups that
 * go through `ctx` (rain near a point, the nowcast, exposure, the water and gas mains nearby).
 */
import {
  type AffectedTarget,
  type AnalysisContext,
  type CityObject,
  circlePolygon,
  type I18n,
  LEVELS,
  type Level,
  type LevelValues,
  levelIndex,
  type Tier,
  toSamples,
} from '@fenghuo/sdk';
import type { FloodConfig } from './definition.js';
import { HOUR_MS, type Sample, valueAt } from './rainfall.js';

/** The SDK's, re-exported so that this plugin's modules keep importing them from here. */
/** The SDK's, re-exported so that this plugin's modules keep importing them from here. */
export { circlePolygon, toSamples };

export type LonLat = [number, number];

export const round1 = (x: number) => Math.round(x * 10) / 10;
export const round2 = (x: number) => Math.round(x * 100) / 100;
export const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);

/** The series with the event's own reading at its end (the store may not hold it yet). */
export function withReading(samples: Sample[], t: number, v: number): Sample[] {
  const out = samples.filter((s) => s.t < t);
  out.push({ t, v });
  return out;
}

/** Least-squares slope of the samples in value units per minute; 0 with fewer than two. */
export function slopePerMin(samples: readonly Sample[]): number {
  const n = samples.length;
  if (n < 2) return 0;
  const t0 = samples[0]!.t;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (const s of samples) {
    const x = (s.t - t0) / 60_000;
    sx += x;
    sy += s.v;
    sxx += x * x;
    sxy += x * s.v;
  }
  const d = n * sxx - sx * sx;
  return d === 0 ? 0 : (n * sxy - sx * sy) / d;
}

export const TIER_NAME: Record<Level, I18n> = {
  alarm: { zh: '报警', en: 'alarm' },
  blue: { zh: '蓝色', en: 'blue' },
  yellow: { zh: '黄色', en: 'yellow' },
  orange: { zh: '橙色', en: 'orange' },
  red: { zh: '红色', en: 'red' },
};

export function tierIdx(t: Level | null): number {
  return t === null ? -1 : levelIndex(t);
}

/** A tier from a level index: index ≤ 0 (the owner-only `alarm`) gives no warning. */
export function tierAt(index: number): Tier | null {
  if (index < 1) return null;
  return LEVELS[Math.min(index, LEVELS.length - 1)] as Tier;
}

export function maxTier(...ts: (Tier | null)[]): Tier | null {
  return tierAt(Math.max(-1, ...ts.map(tierIdx)));
}

/** The highest level whose (rising) limit `value` reaches, or `null`. */
export function levelOf(value: number, limits: LevelValues): Level | null {
  let out: Level | null = null;
  for (const l of LEVELS) {
    const lim = limits[l];
    if (lim !== undefined && value >= lim) out = l;
  }
  return out;
}

export function list(items: readonly I18n[], lang: 'zh' | 'en'): string {
  return items.map((i) => i[lang]).join(lang === 'zh' ? '、' : ', ');
}

export function namesWithDistance(objs: readonly CityObject[], lang: 'zh' | 'en'): string {
  const d = (o: CityObject) => Math.round(o.distanceM ?? 0);
  return objs
    .map((o) => (lang === 'zh' ? `${o.name.zh}（${d(o)} 米）` : `${o.name.en} (${d(o)} m)`))
    .join(lang === 'zh' ? '、' : ', ');
}

// ---------------------------------------------------------------------------------------------------
// Rain near a point and the nowcast

export interface RainNearby {
  /** Latest 1-hour rainfall (mm) at the nearest gauge that has one, and the gauge. */
  rain1hMm: number | null;
  gauge: CityObject | null;
  nowcast: Nowcast;
}

export interface Nowcast {
  /** Rain expected over the next hour (mm, = mean mm/h), or `null` when nothing is known. */
  mm: number | null;
  source: 'nowcast' | 'weather' | 'persistence' | 'none';
  label: I18n;
}

const NOWCAST_LABEL: Record<Nowcast['source'], I18n> = {
  nowcast: { zh: '短临降水预报', en: 'the rainfall nowcast' },
  weather: { zh: '城市天气实况雨强（按持续估计）', en: 'the city weather rain rate (persistence)' },
  persistence: {
    zh: '最近 1 小时实测雨量（按持续估计）',
    en: 'the last hour observed at the gauge (persistence)',
  },
  none: { zh: '无', en: 'none' },
};

/**
 * The next hour's rain, in order of preference: the `rain_nowcast_1h` of the nearest sensor that has a
 * fresh one (the meteorological nowcast fed as readings); the city's weather `rainMmH` if fresh,
 * assumed to persist; the gauge's own last hour, assumed to persist.
 */
export async function nowcastNear(
  ctx: AnalysisContext,
  cfg: FloodConfig,
  eventT: number,
  self: { id: string; metrics: string[] },
  observed1hMm: number | null,
): Promise<Nowcast> {
  const maxAge = cfg.nowcastMaxAgeMin * 60_000;
  const range = { from: new Date(eventT - maxAge).toISOString(), to: new Date(eventT).toISOString() };
  const sensors = [
    ...(self.metrics.includes('rain_nowcast_1h') ? [self] : []),
    ...(await ctx.neighbours(cfg.gaugeRadiusM, { metric: 'rain_nowcast_1h' })),
  ];
  for (const s of sensors) {
    const pts = await ctx.history(s.id, 'rain_nowcast_1h', { ...range, limit: 1 });
    const last = pts[pts.length - 1];
    if (last) return { mm: last.value, source: 'nowcast', label: NOWCAST_LABEL.nowcast };
  }
  const w = await ctx.weather();
  if (w && w.rainMmH !== undefined && Math.abs(eventT - Date.parse(w.ts)) <= maxAge)
    return { mm: w.rainMmH, source: 'weather', label: NOWCAST_LABEL.weather };
  if (observed1hMm !== null)
    return { mm: observed1hMm, source: 'persistence', label: NOWCAST_LABEL.persistence };
  return { mm: null, source: 'none', label: NOWCAST_LABEL.none };
}

/** The latest `rain_1h` of the nearest gauge within `gaugeRadiusM` (the sensor itself first), and the nowcast. */
export async function rainNear(
  ctx: AnalysisContext,
  cfg: FloodConfig,
  eventT: number,
  self: { id: string; metrics: string[] },
): Promise<RainNearby> {
  const sensors = [
    ...(self.metrics.includes('rain_1h') ? [self] : []),
    ...(await ctx.neighbours(cfg.gaugeRadiusM, { metric: 'rain_1h' })),
  ] as { id: string; objectId?: string }[];
  let rain1hMm: number | null = null;
  let gauge: CityObject | null = null;
  for (const s of sensors) {
    const pts = toSamples(
      await ctx.history(s.id, 'rain_1h', {
        from: new Date(eventT - 20 * 60_000).toISOString(),
        to: new Date(eventT).toISOString(),
      }),
    );
    const v = valueAt(pts, eventT, 20 * 60_000);
    if (v !== null) {
      rain1hMm = v;
      gauge = s.objectId ? await ctx.object(s.objectId) : null;
      break;
    }
  }
  const nowcast = await nowcastNear(ctx, cfg, eventT, self, rain1hMm);
  return { rain1hMm, gauge, nowcast };
}

export { HOUR_MS };

// ---------------------------------------------------------------------------------------------------
// Exposure: protection targets, head counts, and the mains under the road

export interface Exposure {
  targets: AffectedTarget[];
  objects: CityObject[];
  sensitive: CityObject[];
  /** Sum of known or estimated head counts, and how many targets had neither. */
  population: number;
  unknownPopulation: number;
}

/** Head count of a target: its `populationAttribute`, else the `populationByKind` estimate, else `null`. */
export function headCount(o: CityObject, cfg: FloodConfig): number | null {
  const own = num(o.attributes[cfg.populationAttribute]);
  if (own !== null && own >= 0) return own;
  const est = cfg.populationByKind[o.kind];
  return typeof est === 'number' ? est : null;
}

export function sumPopulation(
  objs: readonly CityObject[],
  cfg: FloodConfig,
): { population: number; unknown: number } {
  let population = 0;
  let unknown = 0;
  for (const o of objs) {
    const h = headCount(o, cfg);
    if (h === null) unknown++;
    else population += h;
  }
  return { population, unknown };
}

export async function exposure(
  ctx: AnalysisContext,
  cfg: FloodConfig,
  at: LonLat,
  radiusM: number,
): Promise<Exposure> {
  const objs = (await ctx.within(radiusM, { roles: ['target', 'hazard'], at })).filter(
    (o) => o.distanceM === undefined || o.distanceM <= radiusM,
  );
  const pop = sumPopulation(
    objs.filter((o) => o.role === 'target'),
    cfg,
  );
  return {
    objects: objs,
    targets: objs.map((o) => ({
      id: o.id,
      kind: o.kind,
      role: o.role,
      name: o.name,
      distanceM: Math.round(o.distanceM ?? 0),
    })),
    sensitive: objs.filter((o) => o.role === 'target' && cfg.sensitiveKinds.includes(o.kind)),
    population: pop.population,
    unknownPopulation: pop.unknown,
  };
}

export interface Lifelines {
  water: CityObject[];
  gas: CityObject[];
}

/** Water mains and gas mains (any risk type's objects) within `lifelineRadiusM` of `at`, nearest first. */
export async function lifelinesNear(ctx: AnalysisContext, cfg: FloodConfig, at: LonLat): Promise<Lifelines> {
  const kinds = [...cfg.waterMainKinds, ...cfg.gasMainKinds];
  if (kinds.length === 0 || cfg.lifelineRadiusM <= 0) return { water: [], gas: [] };
  const near = await ctx.within(cfg.lifelineRadiusM, { kinds, at });
  return {
    water: near.filter((o) => cfg.waterMainKinds.includes(o.kind)),
    gas: near.filter((o) => cfg.gasMainKinds.includes(o.kind)),
  };
}
