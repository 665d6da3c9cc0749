/**
 * Pieces shared by the methane and the pressure analyses: looking up the gas main, gathering pressure
 * and flow evidence, the protection targets and hazards inside a radius, and tier arithmetic.
 */
import {
  type AffectedTarget,
  type AnalysisContext,
  type CityObject,
  type I18n,
  LEVELS,
  type Level,
  levelIndex,
  type SensorInfo,
  type Tier,
} from '@fenghuo/sdk';
import type { GasConfig, PressureClass } from './definition.js';
import type { LonLat } from './geo.js';
import { classOfPressure, lelFactor, potentialImpactRadiusM } from './impact.js';
import { median, profile, type Sample, toSamples } from './series.js';

export const MAIN_KINDS = ['gas_main_hp', 'gas_main_mp_lp'];
/** Adjacent-space types connected to a conduit network along which gas can travel. */
export const CONDUIT_SPACES = ['storm', 'sewer', 'power', 'telecom', 'utility_tunnel'];

export const iso = (ms: number) => new Date(ms).toISOString();
export const round1 = (x: number) => Math.round(x * 10) / 10;
export const round2 = (x: number) => Math.round(x * 100) / 100;
export const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);

/** A tier from a level index after escalation: index ≤ 0 (the owner-only `alarm`) gives no warning. */
export function tierAt(index: number): Tier | null {
  if (index < 1) return null;
  return LEVELS[Math.min(index, LEVELS.length - 1)] as Tier;
}

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

/** Reads object attributes once per analysis. */
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

/** The gas main an object belongs to: itself, its `mainId`, or the nearest main within `withinM` of `at`. */
export async function findMain(
  ctx: AnalysisContext,
  objs: Objects,
  obj: CityObject,
  at: LonLat,
  withinM: number,
): Promise<CityObject | null> {
  if (MAIN_KINDS.includes(obj.kind)) return obj;
  const id = obj.attributes['mainId'];
  if (typeof id === 'string') {
    const main = await objs.get(id);
    if (main) return main;
  }
  const near = await ctx.within(withinM, { kinds: MAIN_KINDS, at });
  return near[0] ?? null;
}

/** Pressure class and PIR of a main, from its attributes (class derived from the pressure if absent). */
export function mainHazard(main: CityObject | null): { pressureClass: PressureClass | null; pirM: number } {
  if (!main) return { pressureClass: null, pirM: 0 };
  const a = main.attributes;
  const normal = num(a['normalPressureMpa']);
  const maop = num(a['maopMpa']);
  const d = num(a['diameterMm']);
  const pc =
    typeof a['pressureClass'] === 'string'
      ? (a['pressureClass'] as PressureClass)
      : normal !== null
        ? classOfPressure(normal)
        : null;
  const p = maop ?? normal;
  return { pressureClass: pc, pirM: d !== null && p !== null ? potentialImpactRadiusM(d, p) : 0 };
}

export interface PressureSign {
  sensorId: string;
  object: I18n;
  /** Latest pressure / normal operating pressure. */
  ratio: number;
}

export interface FlowSign {
  sensorId: string;
  object: I18n;
  /** (latest − baseline) / baseline, baseline = median of the oldest third of the window. */
  change: number;
}

export interface LineEvidence {
  drops: PressureSign[];
  flowRises: FlowSign[];
  flowFalls: FlowSign[];
}

/**
 * Pressure and flow on the lines around `at`: pressure below `(1 − pressureDropRatio) × P_set`, flow up or
 * down by `flowRiseRatio` against its own recent baseline (the catalogue's flow/pressure rule). The pressure
 * of `self`, the sensor under analysis, is the caller's to judge; its flow counts here.
 */
export async function lineEvidence(
  ctx: AnalysisContext,
  objs: Objects,
  cfg: GasConfig,
  range: { from: string; to: string },
  self: SensorInfo,
): Promise<LineEvidence> {
  const out: LineEvidence = { drops: [], flowRises: [], flowFalls: [] };
  for (const s of await ctx.neighbours(cfg.pressureRadiusM, { metric: 'pressure' })) {
    if (!s.metrics.includes('pressure')) continue;
    const obj = await objs.get(s.objectId);
    const normal = num(obj?.attributes['normalPressureMpa']);
    if (!obj || normal === null) continue;
    const pts = await ctx.history(s.id, 'pressure', range);
    const last = pts[pts.length - 1];
    if (!last) continue;
    const ratio = last.value / normal;
    if (ratio <= 1 - cfg.pressureDropRatio) out.drops.push({ sensorId: s.id, object: obj.name, ratio });
  }
  // Neighbours never include the sensor under analysis; a station measuring flow too counts its own.
  const flows = [
    ...(self.metrics.includes('flow') ? [self] : []),
    ...(await ctx.neighbours(cfg.pressureRadiusM, { metric: 'flow' })),
  ];
  for (const s of flows) {
    if (!s.metrics.includes('flow')) continue;
    const obj = await objs.get(s.objectId);
    const samples = toSamples(await ctx.history(s.id, 'flow', range));
    const change = relativeChange(samples);
    if (!obj || change === null) continue;
    if (change >= cfg.flowRiseRatio) out.flowRises.push({ sensorId: s.id, object: obj.name, change });
    else if (change <= -cfg.flowRiseRatio) out.flowFalls.push({ sensorId: s.id, object: obj.name, change });
  }
  return out;
}

/** Latest value against the median of the oldest third of the series; `null` without a usable baseline. */
export function relativeChange(samples: Sample[]): number | null {
  if (samples.length < 3) return null;
  const base = median(samples.slice(0, Math.max(1, Math.floor(samples.length / 3))).map((s) => s.v));
  if (!(base > 0)) return null;
  return (samples[samples.length - 1]!.v - base) / base;
}

export interface GasSign {
  sensorId: string;
  objectId: string;
  object: CityObject;
  at: LonLat;
  /** The object's LEL-basis factor applied to the readings. */
  factor: number;
  samples: Sample[];
  profile: ReturnType<typeof profile>;
}

/** Methane curves of the ch4 sensors within `radiusM` (not `exclude`), normalised to the reference basis. */
export async function gasCurves(
  ctx: AnalysisContext,
  objs: Objects,
  cfg: GasConfig,
  radiusM: number,
  range: { from: string; to: string },
  exclude: string,
): Promise<GasSign[]> {
  const out: GasSign[] = [];
  for (const s of await ctx.neighbours(radiusM, { metric: 'ch4' })) {
    if (s.id === exclude || !s.metrics.includes('ch4')) continue;
    const obj = await objs.get(s.objectId);
    if (!obj) continue;
    const factor = lelFactor(obj.attributes['lelBasisPctVol'], cfg.referenceLelPctVol);
    const samples = toSamples(await ctx.history(s.id, 'ch4', range), factor);
    out.push({
      sensorId: s.id,
      objectId: s.objectId,
      object: obj,
      at: s.location,
      factor,
      samples,
      profile: profile(samples, cfg.riseDeltaLel),
    });
  }
  return out;
}

/** A curve that sees gas now: raised above its own baseline and at or above the confirmation level. */
export function seesGas(g: GasSign, cfg: GasConfig): boolean {
  return g.profile.onsetT !== null && g.profile.latest >= cfg.confirmLel;
}

export interface Exposure {
  targets: AffectedTarget[];
  /** Protection targets of a sensitive kind (schools, hospitals …). */
  sensitive: CityObject[];
  hazards: CityObject[];
  all: CityObject[];
}

/** Protection targets and hazards within `radiusM` of `at`, nearest first. */
export async function exposure(
  ctx: AnalysisContext,
  cfg: GasConfig,
  at: LonLat,
  radiusM: number,
): Promise<Exposure> {
  const all = (await ctx.within(radiusM, { roles: ['target', 'hazard'], at })).filter(
    (o) => o.distanceM === undefined || o.distanceM <= radiusM,
  );
  return {
    all,
    targets: all.map((o) => ({
      id: o.id,
      kind: o.kind,
      role: o.role,
      name: o.name,
      distanceM: Math.round(o.distanceM ?? 0),
    })),
    sensitive: all.filter((o) => o.role === 'target' && cfg.sensitiveKinds.includes(o.kind)),
    hazards: all.filter((o) => o.role === 'hazard'),
  };
}

export function namesWithDistance(objs: CityObject[], lang: 'zh' | 'en'): string {
  const sep = lang === 'zh' ? '、' : ', ';
  const d = (o: CityObject) => Math.round(o.distanceM ?? 0);
  return objs
    .map((o) => (lang === 'zh' ? `${o.name.zh}（${d(o)} 米）` : `${o.name.en} (${d(o)} m)`))
    .join(sep);
}
