/**
 * Physical conversions and the impact-radius model of a gas leak.
 *
 * - LEL basis and unit conversions: domain notes §2.
 * - Potential impact radius of a line rupture: 49 CFR 192.903 / ASME B31.8S §3.2 (GRI-00/0189).
 * - Radius of a leak into underground spaces: an engineering assumption, configurable (README).
 */
import { type I18n, LEVELS, type Level, type LevelValues } from '@fenghuo/sdk';
import type { GasConfig, PressureClass } from './definition.js';

/**
 * GB 50028-2006 表6.1.6 pressure classes (gauge) with their upper bounds in MPa: 低压 P < 0.01; 中压B
 * 0.01 ≤ P ≤ 0.2; 中压A 0.2 < P ≤ 0.4; 次高压B 0.4 < P ≤ 0.8; 次高压A 0.8 < P ≤ 1.6; 高压B 1.6 < P ≤ 2.5;
 * 高压A 2.5 < P ≤ 4.0 (notes §2; the bounds checked against public restatements of the table).
 */
export const PRESSURE_CLASSES: readonly { key: PressureClass; maxMpa: number; name: I18n }[] = [
  { key: 'low', maxMpa: 0.01, name: { zh: '低压', en: 'low pressure' } },
  { key: 'medium_b', maxMpa: 0.2, name: { zh: '中压B', en: 'medium pressure B' } },
  { key: 'medium_a', maxMpa: 0.4, name: { zh: '中压A', en: 'medium pressure A' } },
  { key: 'sub_high_b', maxMpa: 0.8, name: { zh: '次高压B', en: 'sub-high pressure B' } },
  { key: 'sub_high_a', maxMpa: 1.6, name: { zh: '次高压A', en: 'sub-high pressure A' } },
  { key: 'high_b', maxMpa: 2.5, name: { zh: '高压B', en: 'high pressure B' } },
  { key: 'high_a', maxMpa: 4.0, name: { zh: '高压A', en: 'high pressure A' } },
];

/**
 * The GB 50028 class of an operating pressure. Only 低压 is upper-exclusive (P < 0.01); every other class
 * includes its upper bound, so a 0.4 MPa main is 中压A, not 次高压B.
 */
export function classOfPressure(mpa: number): PressureClass {
  for (const c of PRESSURE_CLASSES) if (c.key === 'low' ? mpa < c.maxMpa : mpa <= c.maxMpa) return c.key;
  return 'high_a';
}

export function pressureClassName(c: PressureClass): I18n {
  return PRESSURE_CLASSES.find((x) => x.key === c)?.name ?? { zh: c, en: c };
}

/**
 * Factor that turns a detector's %LEL into %LEL on the reference basis: `basis / reference`.
 * A detector calibrated on 4.4 %vol reads 5.0 / 4.4 ≈ 1.14 × higher than one on 5.0 %vol (notes §2),
 * so its readings are multiplied by 0.88 before they are compared with the tiers.
 */
export function lelFactor(basisPctVol: unknown, referencePctVol: number): number {
  if (typeof basisPctVol !== 'number' || !(basisPctVol > 0) || !(referencePctVol > 0)) return 1;
  return basisPctVol / referencePctVol;
}

/** `%vol = %LEL × LEL / 100`, `ppm = %vol × 10 000` (notes §2). */
export function lelToVolume(lel: number, lelPctVol: number): { pctVol: number; ppm: number } {
  const pctVol = (lel * lelPctVol) / 100;
  return { pctVol, ppm: pctVol * 10_000 };
}

const FT_PER_M = 1 / 0.3048;
const MM_PER_IN = 25.4;
const PSI_PER_MPA = 145.037_738;

/**
 * Potential impact radius (PIR) of a natural-gas line rupture and fire, metres:
 * `r[ft] = 0.69 · d[in] · √p[psig]` (49 CFR 192.903; ASME B31.8S §3.2; Stephens, GRI-00/0189, 2000),
 * which in SI is `r[m] ≈ 0.0997 · d[mm] · √p[MPa]`. The distance beyond which a person outdoors has a
 * 99 % chance of surviving the heat of a rupture fire.
 */
export function potentialImpactRadiusM(diameterMm: number, pressureMpa: number): number {
  if (!(diameterMm > 0) || !(pressureMpa > 0)) return 0;
  const rFt = 0.69 * (diameterMm / MM_PER_IN) * Math.sqrt(pressureMpa * PSI_PER_MPA);
  return rFt / FT_PER_M;
}

/** The highest level a value reaches against effective limits, or `null` below all of them. */
export function levelOf(value: number, limits: LevelValues, rising = true): Level | null {
  let out: Level | null = null;
  for (const l of LEVELS) {
    const lim = limits[l];
    if (typeof lim !== 'number' || !Number.isFinite(lim)) continue;
    if (rising ? value >= lim : value <= lim) out = l;
  }
  return out;
}

export interface RadiusInput {
  /** Concentration level on the reference basis (`null` below the alarm level). */
  level: Level | null;
  /** Pressure class of the line nearest the source, when known. */
  pressureClass: PressureClass | null;
  /** The gas is in a space connected to a conduit network (sewer, storm, power, telecom, tunnel). */
  conduit: boolean;
  /** PIR of that line (0 when unknown). */
  pirM: number;
  /** Distance from the centre to the farthest sensor that sees the gas: the area must include it. */
  coverM: number;
}

export interface RadiusResult {
  radiusM: number;
  baseM: number;
  classFactor: number;
  conduitFactor: number;
  pirM: number;
  coverM: number;
}

/**
 * Impact radius (engineering assumption, README "Impact radius"):
 * `r = min(maxRadius, max(base(level) × f_class × f_conduit, PIR, cover + margin))`, rounded up to 10 m.
 * `base` is anchored on DOT ERG 2020 Guide 115 (isolate a natural-gas leak ≥ 100 m in all directions) at
 * the yellow level; the other levels, the class and conduit factors are ours.
 */
export function impactRadius(input: RadiusInput, cfg: GasConfig): RadiusResult {
  const baseM = cfg.radiusByLevelM[input.level ?? 'alarm'];
  const classFactor = input.pressureClass ? cfg.pressureClassFactor[input.pressureClass] : 1;
  const conduitFactor = input.conduit ? cfg.conduitFactor : 1;
  const cover = input.coverM > 0 ? input.coverM + cfg.coverMarginM : 0;
  const raw = Math.max(baseM * classFactor * conduitFactor, input.pirM, cover);
  const radiusM = Math.min(cfg.maxRadiusM, Math.ceil(raw / 10) * 10);
  return { radiusM, baseM, classFactor, conduitFactor, pirM: input.pirM, coverM: input.coverM };
}
