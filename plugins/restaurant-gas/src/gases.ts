/**
 * Gas properties and unit conversions (domain notes §2, §3): LEL bases, %LEL ↔ %vol ↔ ppm, mg/m³ ↔ ppm,
 * densities and heats of combustion used by the explosion estimate.
 */

export type FlammableMetric = 'ch4_lel' | 'c3h8_lel';
export type GasKey = 'ch4' | 'c3h8';

export interface GasProps {
  key: GasKey;
  name: { zh: string; en: string };
  /** Molar mass, g/mol. */
  molarMass: number;
  /** Lower heating value, MJ/kg (CCPS / NIST, recalled). */
  heatOfCombustionMjKg: number;
  /** Lighter (methane) or heavier (propane) than air: decides where it collects. */
  lighterThanAir: boolean;
}

/** Molar volume at 25 °C and 101.325 kPa, L/mol (notes §2). */
export const MOLAR_VOLUME_25C = 24.45;

export const GASES: Record<GasKey, GasProps> = {
  ch4: {
    key: 'ch4',
    name: { zh: '甲烷（天然气）', en: 'methane (natural gas)' },
    molarMass: 16.04,
    heatOfCombustionMjKg: 50.0,
    lighterThanAir: true,
  },
  c3h8: {
    key: 'c3h8',
    name: { zh: '丙烷（液化石油气）', en: 'propane (LPG)' },
    molarMass: 44.1,
    heatOfCombustionMjKg: 46.35,
    lighterThanAir: false,
  },
};

export function gasOf(metric: FlammableMetric): GasProps {
  return metric === 'ch4_lel' ? GASES.ch4 : GASES.c3h8;
}

export const isFlammable = (metric: string): metric is FlammableMetric =>
  metric === 'ch4_lel' || metric === 'c3h8_lel';

/** Density of the pure gas at 25 °C, kg/m³: `M / Vm`. */
export function gasDensityKgM3(gas: GasProps): number {
  return gas.molarMass / MOLAR_VOLUME_25C;
}

/**
 * Factor that turns a detector's %LEL into %LEL on the reference basis: `basis / reference`. A methane
 * detector calibrated on 4.4 %vol (IEC 60079-20-1) shows 5.0 / 4.4 ≈ 1.14 × the reading of one on
 * 5.0 %vol for the same gas, so its readings are multiplied by 0.88 (notes §2).
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

/** CO: `ppm = mg/m³ × 24.45 / 28.01` at 25 °C (catalogue note). */
export function coPpm(mgM3: number): number {
  return (mgM3 * MOLAR_VOLUME_25C) / 28.01;
}

/**
 * The LEL basis (%vol) a detector of the premises is calibrated on: its own entry in `detectors`, else the
 * premises' default for the gas, else `null` (taken as the reference basis).
 */
export function detectorBasis(
  attributes: Record<string, unknown>,
  sensorId: string,
  gas: GasKey,
): number | null {
  const dets = attributes['detectors'];
  if (dets && typeof dets === 'object') {
    const d = (dets as Record<string, unknown>)[sensorId];
    if (d && typeof d === 'object') {
      const b = (d as Record<string, unknown>)['lelBasisPctVol'];
      if (typeof b === 'number' && b > 0) return b;
    }
  }
  const b = attributes[gas === 'ch4' ? 'ch4LelBasisPctVol' : 'c3h8LelBasisPctVol'];
  return typeof b === 'number' && b > 0 ? b : null;
}

/** `installedOn` of a detector of the premises (YYYY-MM-DD), when given. */
export function detectorInstalledOn(attributes: Record<string, unknown>, sensorId: string): string | null {
  const dets = attributes['detectors'];
  if (!dets || typeof dets !== 'object') return null;
  const d = (dets as Record<string, unknown>)[sensorId];
  if (!d || typeof d !== 'object') return null;
  const v = (d as Record<string, unknown>)['installedOn'];
  return typeof v === 'string' ? v : null;
}
