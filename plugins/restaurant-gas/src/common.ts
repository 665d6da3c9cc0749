/**
 * Small shared pieces: rounding, tier arithmetic, the other detectors and the shut-off valves of the
 * same premises.
 */
import {
  type AnalysisContext,
  type CityObject,
  type I18n,
  LEVELS,
  type Level,
  type LevelValues,
  levelIndex,
  type SensorInfo,
  type Tier,
} from '@fenghuo/sdk';
import { VALVE } from './definition.js';
import { detectorBasis, type FlammableMetric, gasOf, lelFactor } from './gases.js';
import { type Sample, toSamples } from './series.js';

export const iso = (ms: number) => new Date(ms).toISOString();
export const round1 = (x: number) => Math.round(x * 10) / 10;
export const round2 = (x: number) => Math.round(x * 100) / 100;

export const TIER_NAME: Record<Level, I18n> = {
  alarm: { zh: '报警', en: 'alarm' },
  blue: { zh: '蓝色', en: 'blue' },
  yellow: { zh: '黄色', en: 'yellow' },
  orange: { zh: '橙色', en: 'orange' },
  red: { zh: '红色', en: 'red' },
};

export function levelIdx(l: Level | null): number {
  return l === null ? -1 : levelIndex(l);
}

/** A tier from a level index: below 1 (`alarm`) gives no warning; above 4 stays red. */
export function tierAt(index: number): Tier | null {
  if (index < 1) return null;
  return LEVELS[Math.min(index, LEVELS.length - 1)] as Tier;
}

/** The highest level a value reaches against effective limits (rising), or `null` below all of them. */
export function levelOf(value: number, limits: LevelValues): Level | null {
  let out: Level | null = null;
  for (const l of LEVELS) {
    const lim = limits[l];
    if (typeof lim === 'number' && Number.isFinite(lim) && value >= lim) out = l;
  }
  return out;
}

export function lowestLimit(limits: LevelValues): number | null {
  let out: number | null = null;
  for (const v of Object.values(limits))
    if (typeof v === 'number' && Number.isFinite(v)) out = out === null ? v : Math.min(out, v);
  return out;
}

/** Reads objects once per analysis. */
export class Objects {
  private cache = new Map<string, Promise<CityObject | null>>();
  constructor(private readonly ctx: AnalysisContext) {}
  get(id: string): Promise<CityObject | null> {
    let p = this.cache.get(id);
    if (!p) {
      p = this.ctx.object(id);
      this.cache.set(id, p);
    }
    return p;
  }
}

/** Another flammable-gas detector of the same premises, normalised to the reference basis. */
export interface PeerCurve {
  sensor: SensorInfo;
  object: CityObject;
  metric: FlammableMetric;
  samples: Sample[];
}

/**
 * The flammable-gas curves of the other detectors within `radiusM` of the event's sensor (the same
 * kitchen or cylinder room, or the room beside it), each normalised by its own LEL basis.
 */
export async function peerCurves(
  ctx: AnalysisContext,
  objs: Objects,
  radiusM: number,
  range: { from: string; to: string; limit?: number },
  reference: { ch4: number; c3h8: number },
): Promise<PeerCurve[]> {
  const out: PeerCurve[] = [];
  const sensors = await ctx.neighbours(radiusM);
  for (const s of sensors) {
    const obj = await objs.get(s.objectId);
    if (!obj) continue;
    for (const metric of ['ch4_lel', 'c3h8_lel'] as const) {
      if (!s.metrics.includes(metric)) continue;
      const gas = gasOf(metric);
      const factor = lelFactor(detectorBasis(obj.attributes, s.id, gas.key), reference[gas.key]);
      out.push({
        sensor: s,
        object: obj,
        metric,
        samples: toSamples(await ctx.history(s.id, metric, range), factor),
      });
    }
  }
  return out;
}

export interface ValveReading {
  sensorId: string;
  object: CityObject;
  /** Latest state code and when it was reported; `null` without a reading in the window. */
  state: number | null;
  ts: number | null;
  /** When it was last reported closed in the window. */
  closedT: number | null;
}

/**
 * The shut-off valves that protect `premisesId`: valve sensors within `radiusM` whose object `servesId`
 * is the premises (or, when none says so, every valve sensor within the radius), and the event's own
 * sensor if it reports `valve_state` too.
 */
export async function valvesOf(
  ctx: AnalysisContext,
  objs: Objects,
  self: SensorInfo,
  premisesId: string,
  radiusM: number,
  range: { from: string; to: string },
): Promise<ValveReading[]> {
  const sensors = [
    ...(self.metrics.includes('valve_state') ? [self] : []),
    ...(await ctx.neighbours(radiusM, { metric: 'valve_state' })),
  ];
  const found: { s: SensorInfo; obj: CityObject; serves: boolean }[] = [];
  for (const s of sensors) {
    const obj = await objs.get(s.objectId);
    if (!obj) continue;
    found.push({ s, obj, serves: obj.attributes['servesId'] === premisesId });
  }
  const mine = found.some((f) => f.serves) ? found.filter((f) => f.serves) : found;
  const out: ValveReading[] = [];
  for (const { s, obj } of mine) {
    const pts = toSamples(await ctx.history(s.id, 'valve_state', range));
    const last = pts[pts.length - 1];
    let closedT: number | null = null;
    for (const p of pts) if (Math.round(p.v) === VALVE.closed) closedT = p.t;
    out.push({
      sensorId: s.id,
      object: obj,
      state: last ? Math.round(last.v) : null,
      ts: last?.t ?? null,
      closedT,
    });
  }
  return out;
}

export function namesWithDistance(objs: CityObject[], lang: 'zh' | 'en'): string {
  const sep = lang === 'zh' ? '、' : ', ';
  const d = (o: CityObject) => Math.round(o.distanceM ?? 0);
  return objs
    .map((o) => (lang === 'zh' ? `${o.name.zh}（${d(o)} 米）` : `${o.name.en} (${d(o)} m)`))
    .join(sep);
}
