/**
 * Soil moisture near a pipe → the likelihood of an underground void, and the road-collapse risk zone.
 *
 * A leak wets the soil around the pipe and carries fines away along the bedding until a void forms and
 * the road surface above it gives way (the mechanism the guideline §3(4) names: 跑冒滴漏导致周边土壤流失，
 * 引发路面塌陷). The void-likelihood index is a transparent weighted sum of factors in [0, 1]; its
 * weights and class breaks are engineering assumptions (README).
 */
import type { SoilType, WaterConfig } from './definition.js';
import { median, type Sample } from './series.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface MoistureRise {
  baseline: number;
  /** `series`: median of the sensor's own readings before the rain-exclusion period; `attribute`: recorded. */
  baselineFrom: 'series' | 'attribute';
  latest: number;
  rise: number;
  /** Days the moisture has stayed at least half the blue rise above baseline (trailing run). */
  daysElevated: number;
}

/**
 * The rise of soil moisture over its dry-weather baseline: the median of the readings in
 * `[t − soilBaselineDays, t − rainExcludeHours]` (at least 3), else the recorded baseline.
 */
export function moistureRise(samples: Sample[], t: number, recorded: number, cfg: WaterConfig): MoistureRise {
  const from = t - cfg.soilBaselineDays * DAY;
  const to = t - cfg.rainExcludeHours * HOUR;
  const base = samples.filter((s) => s.t >= from && s.t <= to).map((s) => s.v);
  const own = base.length >= 3;
  const baseline = own ? median(base) : recorded;
  const latest = samples[samples.length - 1]?.v ?? baseline;
  const marker = baseline + cfg.riseBluePct / 2;
  let startT: number | null = null;
  for (let i = samples.length - 1; i >= 0 && samples[i]!.v >= marker; i--) startT = samples[i]!.t;
  return {
    baseline,
    baselineFrom: own ? 'series' : 'attribute',
    latest,
    rise: latest - baseline,
    daysElevated: startT === null ? 0 : (t - startT) / DAY,
  };
}

/** Soil class from the plasticity index (GB 50021-2001 §3.3: 粉土 Ip ≤ 10, 粉质黏土 10–17, 黏土 > 17). */
export function soilClass(soilType: unknown, plasticityIndex: unknown): SoilType {
  if (typeof plasticityIndex === 'number') {
    if (plasticityIndex > 17) return 'clay';
    if (plasticityIndex > 10) return 'silty_clay';
    if (soilType === 'sand') return 'sand';
    return 'silt';
  }
  if (
    soilType === 'sand' ||
    soilType === 'silt' ||
    soilType === 'silty_clay' ||
    soilType === 'clay' ||
    soilType === 'fill'
  )
    return soilType;
  // Urban road subgrade is mostly made ground; taken when nothing is recorded.
  return 'fill';
}

export interface VoidFactors {
  /** Rise over baseline (%vol). */
  rise: number;
  daysElevated: number;
  soil: SoilType;
  /** 0–1: how strongly a leak on the pipe is corroborated (pressure, night flow, noise). */
  leak: number;
  /** 0–1: the pipe's condition (old, defective, brittle material). */
  pipe: number;
}

export type VoidClass = 'low' | 'medium' | 'high' | 'very_high';

/** The factors of the void likelihood, each in [0, 1]. */
export interface VoidParts {
  moisture: number;
  duration: number;
  soil: number;
  leak: number;
  pipe: number;
}

/**
 * Void likelihood `P = Σ wᵢ·fᵢ / Σ wᵢ` with f_moisture = min(1, rise / riseYellow), f_duration =
 * min(1, days / voidDays), f_soil = erodibility(soil), f_leak and f_pipe as given.
 */
export function voidLikelihood(
  f: VoidFactors,
  cfg: WaterConfig,
): { p: number; klass: VoidClass; parts: VoidParts } {
  const w = cfg.voidWeights;
  const parts: VoidParts = {
    moisture: Math.max(0, Math.min(1, f.rise / cfg.riseYellowPct)),
    duration: Math.max(0, Math.min(1, f.daysElevated / cfg.voidDays)),
    soil: Math.max(0, Math.min(1, cfg.erodibility[f.soil])),
    leak: Math.max(0, Math.min(1, f.leak)),
    pipe: Math.max(0, Math.min(1, f.pipe)),
  };
  const sw = w.moisture + w.duration + w.soil + w.leak + w.pipe;
  const p =
    sw > 0
      ? (w.moisture * parts.moisture +
          w.duration * parts.duration +
          w.soil * parts.soil +
          w.leak * parts.leak +
          w.pipe * parts.pipe) /
        sw
      : 0;
  const b = cfg.voidClassBreaks;
  const klass: VoidClass =
    p >= b.veryHigh ? 'very_high' : p >= b.high ? 'high' : p >= b.medium ? 'medium' : 'low';
  return { p, klass, parts };
}

/**
 * Radius of the ground that may give way over a void at the pipe: the Rankine active wedge from the pipe
 * invert to the surface, whose failure plane rises at 45° + φ/2, has a surface half-width
 * `D/2 + (H + D)·tan(45° − φ/2)`; times a safety factor, and never below `minVoidRadiusM`.
 */
export function voidRadiusM(
  diameterMm: number | null,
  depthM: number | null,
  soil: SoilType,
  cfg: WaterConfig,
): number {
  const d = (diameterMm ?? 0) / 1000;
  const h = depthM ?? cfg.defaultDepthM;
  const phi = cfg.frictionAngleDeg[soil];
  const half = d / 2 + (h + d) * Math.tan(((45 - phi / 2) * Math.PI) / 180);
  return Math.max(cfg.minVoidRadiusM, half * cfg.voidSafetyFactor);
}

/**
 * Cover over a pipe's crown (m) from a manhole's invert depth: `voidRadiusM` takes the cover H and adds
 * the diameter itself, so a sewer's `manholeDepthM` (invert to cover) must lose D first or the pipe is
 * counted twice. `null` when the depth is unknown; never below 0.
 */
export function coverFromInvertM(invertDepthM: number | null, diameterMm: number | null): number | null {
  if (invertDepthM === null) return null;
  return Math.max(0, invertDepthM - (diameterMm ?? 0) / 1000);
}

/** A pipe's condition factor: 1 when defective or brittle grey cast iron / concrete, 0.5 when old, else 0. */
export function pipeCondition(attrs: Record<string, unknown>, eventT: number, oldYears: number): number {
  if (attrs['defective'] === true) return 1;
  if (attrs['material'] === 'grey_cast_iron' || attrs['material'] === 'concrete') return 1;
  const y = attrs['buriedYear'];
  if (typeof y === 'number' && new Date(eventT).getUTCFullYear() - y >= oldYears) return 0.5;
  return 0;
}

export const VOID_CLASS_NAME: Record<VoidClass, { zh: string; en: string }> = {
  low: { zh: '低', en: 'low' },
  medium: { zh: '中', en: 'medium' },
  high: { zh: '高', en: 'high' },
  very_high: { zh: '很高', en: 'very high' },
};
