/**
 * Pieces shared by the analyses: a per-analysis object cache, tier arithmetic, the pipe an object lies
 * on, the wave speed of a main, leak-noise corroboration and what lies inside a road-collapse risk zone.
 */
import {
  type AffectedTarget,
  type AnalysisContext,
  type CityObject,
  type I18n,
  LEVELS,
  type Level,
  levelIndex,
  type Tier,
} from '@fenghuo/sdk';
import type { PipeMaterial, WaterConfig } from './definition.js';
import type { LonLat } from './geo.js';
import { median, toSamples } from './series.js';
import { waveSpeedMs } from './wave.js';

export const PIPE_KINDS = ['supply_main', 'sewer'];

export const SOIL_NAME: Record<string, I18n> = {
  sand: { zh: '砂土', en: 'sand' },
  silt: { zh: '粉土', en: 'silt' },
  silty_clay: { zh: '粉质黏土', en: 'silty clay' },
  clay: { zh: '黏土', en: 'clay' },
  fill: { zh: '杂填土', en: 'fill' },
};

export const MATERIAL_NAME: Record<string, I18n> = {
  steel: { zh: '钢管', en: 'steel' },
  ductile_iron: { zh: '球墨铸铁', en: 'ductile iron' },
  grey_cast_iron: { zh: '灰口铸铁', en: 'grey cast iron' },
  pccp: { zh: 'PCCP', en: 'PCCP' },
  concrete: { zh: '混凝土', en: 'concrete' },
  pvc: { zh: 'PVC', en: 'PVC' },
  pe: { zh: 'PE', en: 'PE' },
  other: { zh: '其他', en: 'other' },
};

export const iso = (ms: number) => new Date(ms).toISOString();
export const round1 = (x: number) => Math.round(x * 10) / 10;
export const round2 = (x: number) => Math.round(x * 100) / 100;
export const round3 = (x: number) => Math.round(x * 1000) / 1000;
export const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);
export const str = (x: unknown): string | null => (typeof x === 'string' && x.length > 0 ? x : null);

export function levelIdx(l: Level | null): number {
  return l === null ? -1 : levelIndex(l);
}

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

/** Reads objects once per analysis (never across calls). */
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

/** The pipe an object belongs to: itself, its `mainId`, or the nearest supply main / sewer within `withinM`. */
export async function findPipe(
  ctx: AnalysisContext,
  objs: Objects,
  obj: CityObject,
  at: LonLat,
  withinM: number,
): Promise<CityObject | null> {
  if (PIPE_KINDS.includes(obj.kind)) return obj;
  const id = str(obj.attributes['mainId']);
  if (id) {
    const main = await objs.get(id);
    if (main) return main;
  }
  const near = await ctx.within(withinM, { kinds: PIPE_KINDS, at });
  return near.find((o) => o.id !== obj.id) ?? null;
}

/** Wave celerity of a main: its measured `waveSpeedMs`, else Korteweg from material, D and wall. */
export function mainWaveSpeed(
  main: CityObject,
  cfg: WaterConfig,
): { speedMs: number; measured: boolean; material: PipeMaterial } {
  const a = main.attributes;
  const material = (str(a['material']) ?? 'other') as PipeMaterial;
  const measured = num(a['waveSpeedMs']);
  if (measured !== null) return { speedMs: measured, measured: true, material };
  const d = num(a['diameterMm']);
  const e = num(a['wallThicknessMm']);
  const dOverE =
    d !== null && e !== null && e > 0 ? d / e : (cfg.diameterToWall[material] ?? cfg.diameterToWall.other);
  const speedMs = waveSpeedMs({
    bulkModulusGpa: cfg.bulkModulusGpa,
    densityKgM3: cfg.densityKgM3,
    youngModulusGpa: cfg.youngModulusGpa[material] ?? cfg.youngModulusGpa.other,
    diameterToWall: dOverE,
    restraintFactor: cfg.restraintFactor,
  });
  return { speedMs, measured: false, material };
}

export interface NoiseSign {
  sensorId: string;
  object: I18n;
  /** The DMA its object records, if any. */
  dmaId: string | null;
  at: LonLat;
  latest: number;
  baseline: number;
}

/**
 * Leak-noise loggers within `radiusM` of `at` whose latest level is at least `noiseRiseDb` above the
 * median of their previous readings (the catalogue's acoustic rule, one night instead of two: the
 * analysis only corroborates with it).
 */
export async function noiseSigns(
  ctx: AnalysisContext,
  objs: Objects,
  cfg: WaterConfig,
  radiusM: number,
  endT: number,
): Promise<NoiseSign[]> {
  const out: NoiseSign[] = [];
  for (const s of await ctx.neighbours(radiusM, { metric: 'leak_noise' })) {
    const obj = await objs.get(s.objectId);
    if (!obj) continue;
    const pts = toSamples(
      await ctx.history(s.id, 'leak_noise', { from: iso(endT - 14 * 86_400_000), to: iso(endT) }),
    );
    if (pts.length < 3) continue;
    const latest = pts[pts.length - 1]!.v;
    const baseline = median(pts.slice(0, -1).map((p) => p.v));
    if (latest - baseline >= cfg.noiseRiseDb)
      out.push({
        sensorId: s.id,
        object: obj.name,
        dmaId: str(obj.attributes['dmaId']),
        at: s.location,
        latest,
        baseline,
      });
  }
  return out;
}

export interface Zone {
  centre: LonLat;
  radiusM: number;
  targets: AffectedTarget[];
  gasMains: CityObject[];
  utilities: CityObject[];
  sensitive: CityObject[];
  hazards: CityObject[];
  others: CityObject[];
}

/**
 * What lies inside the road-collapse risk zone: gas mains (the start of a disaster chain), other pipes and
 * ducts, protection targets and hazards. `exclude` leaves out the leaking main and the event's object.
 */
export async function zoneContents(
  ctx: AnalysisContext,
  cfg: WaterConfig,
  centre: LonLat,
  radiusM: number,
  exclude: string[],
): Promise<Zone> {
  const inside = (await ctx.within(radiusM, { at: centre })).filter(
    (o) => !exclude.includes(o.id) && (o.distanceM ?? 0) <= radiusM,
  );
  const gasMains = inside.filter((o) => cfg.gasMainKinds.includes(o.kind));
  const utilities = inside.filter((o) => cfg.utilityKinds.includes(o.kind));
  const sensitive = inside.filter((o) => o.role === 'target' && cfg.sensitiveKinds.includes(o.kind));
  const hazards = inside.filter((o) => o.role === 'hazard');
  const others = inside.filter((o) => o.role === 'target' && !cfg.sensitiveKinds.includes(o.kind));
  const listed = [...gasMains, ...utilities, ...sensitive, ...hazards, ...others];
  return {
    centre,
    radiusM,
    gasMains,
    utilities,
    sensitive,
    hazards,
    others,
    targets: listed.map((o) => ({
      id: o.id,
      kind: o.kind,
      role: o.role,
      name: o.name,
      distanceM: Math.round(o.distanceM ?? 0),
    })),
  };
}

export function namesWithDistance(objs: CityObject[], lang: 'zh' | 'en'): string {
  const d = (o: CityObject) => Math.round(o.distanceM ?? 0);
  return objs
    .map((o) => (lang === 'zh' ? `${o.name.zh}（${d(o)} 米）` : `${o.name.en} (${d(o)} m)`))
    .join(lang === 'zh' ? '、' : ', ');
}

/** Findings that describe a zone, gas mains named first and on their own line (the disaster chain). */
export function zoneFindings(z: Zone): I18n[] {
  const out: I18n[] = [];
  if (z.gasMains.length > 0) {
    out.push({
      zh: `塌陷风险区内有燃气管线：${namesWithDistance(z.gasMains, 'zh')}。路面塌陷或冲刷可致燃气管悬空、断裂泄漏（次生灾害链起点），须通知燃气权属单位`,
      en: `Gas main(s) inside the collapse risk zone: ${namesWithDistance(z.gasMains, 'en')}. A collapse or washout can leave the gas main unsupported and break it (start of a disaster chain); tell the gas owner`,
    });
  }
  if (z.utilities.length > 0) {
    out.push({
      zh: `受影响管线：${namesWithDistance(z.utilities, 'zh')}`,
      en: `Affected pipes and ducts: ${namesWithDistance(z.utilities, 'en')}`,
    });
  }
  const people = [...z.sensitive, ...z.others];
  if (people.length > 0) {
    out.push({
      zh: `风险区内防护目标：${namesWithDistance(people, 'zh')}`,
      en: `Protection targets inside the zone: ${namesWithDistance(people, 'en')}`,
    });
  }
  if (z.hazards.length > 0) {
    out.push({
      zh: `风险区内危险源：${namesWithDistance(z.hazards, 'zh')}`,
      en: `Hazards inside the zone: ${namesWithDistance(z.hazards, 'en')}`,
    });
  }
  return out;
}

/** One tier up for each of: a gas main inside, a sensitive target inside, a hazard inside (capped). */
export function zoneEscalation(z: Zone, cfg: WaterConfig): { steps: number; findings: I18n[] } {
  const findings: I18n[] = [];
  let steps = 0;
  if (cfg.escalateOnGasMain && z.gasMains.length > 0) {
    steps++;
    findings.push({ zh: '风险区内有燃气管线：升一级', en: 'A gas main is inside the zone: one tier up' });
  }
  if (z.sensitive.length > 0 || (cfg.escalateOnHazard && z.hazards.length > 0)) {
    steps++;
    findings.push({
      zh: '风险区内有人员密集防护目标或危险源：升一级',
      en: 'A crowded protection target or a hazard is inside the zone: one tier up',
    });
  }
  return { steps, findings };
}
