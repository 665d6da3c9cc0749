/**
 * Unit conversions and physiology bands for the four gases (notes §2–§3).
 *
 * ppm ↔ mg/m³: `mg/m³ = ppm × M / Vm`, with Vm the molar volume of an ideal gas (24.45 L/mol at 25 °C and
 * 101.325 kPa; GBZ 2.1 limits are in mg/m³, MEM guidance and most detectors quote ppm).
 */
import type { I18n } from '@fenghuo/sdk';

/** Molar masses, g/mol. */
export const MOLAR_MASS = { co: 28.01, h2s: 34.08 } as const;

/** ppm from mg/m³ at molar volume `vm` (L/mol). */
export function mgToPpm(mgM3: number, molarMass: number, vm: number): number {
  return (mgM3 * vm) / molarMass;
}

/** mg/m³ from ppm at molar volume `vm` (L/mol). */
export function ppmToMg(ppm: number, molarMass: number, vm: number): number {
  return (ppm * molarMass) / vm;
}

/** Methane %LEL to %vol on the 5.0 %vol LEL basis of Chinese design practice (notes §2). */
export function lelToPctVol(pctLel: number, lelPctVol = 5): number {
  return (pctLel * lelPctVol) / 100;
}

/** Round for display: 1 decimal below 100, whole numbers above. */
export function fmt(x: number): string {
  if (!Number.isFinite(x)) return '—';
  return Math.abs(x) >= 100 ? String(Math.round(x)) : String(Math.round(x * 10) / 10);
}

/**
 * What a given oxygen level does to a person (hazard table, notes §3, verified). Above 23.5 %vol the
 * hazard is fire, not breathing.
 */
export function o2Effect(pctVol: number): I18n {
  if (pctVol > 23.5)
    return {
      zh: '富氧：可燃物极易点燃、燃烧剧烈',
      en: 'oxygen-enriched: materials ignite easily and burn fiercely',
    };
  if (pctVol >= 19.5) return { zh: '正常', en: 'normal' };
  if (pctVol >= 15) return { zh: '工作能力下降', en: 'work capacity reduced' };
  if (pctVol >= 12)
    return { zh: '呼吸和脉搏加快，判断力受损', en: 'breathing and pulse up, judgement impaired' };
  if (pctVol >= 10) return { zh: '嘴唇发紫', en: 'lips turn blue' };
  if (pctVol >= 8) return { zh: '意识丧失', en: 'unconsciousness' };
  return { zh: '8 分钟内可致死', en: 'death within 8 minutes' };
}
