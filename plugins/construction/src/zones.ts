/**
 * Third-party works near gas mains and metro structures: which protection range a machine stands in, the
 * tier it earns, the accident it could cause and the radius of that accident.
 */
import type { CityObject, Tier } from '@fenghuo/sdk';
import type { ConstructionConfig } from './definition.js';

export type GasBand = 'low_medium' | 'sub_high' | 'high';
export type Zone = 'protection' | 'control';

export interface AssetHit {
  obj: CityObject;
  asset: 'gas' | 'metro';
  zone: Zone;
  distanceM: number;
  impactM: number;
  /** Pressure band of a gas main, `—` for metro. */
  band: GasBand | '—';
}

/** GB 50028 pressure class (as the gas plugin stores it) → protection band; unknown counts as high. */
export function gasBand(pressureClass: unknown): GasBand {
  switch (pressureClass) {
    case 'low':
    case 'medium_b':
    case 'medium_a':
      return 'low_medium';
    case 'sub_high_b':
    case 'sub_high_a':
      return 'sub_high';
    default:
      return 'high';
  }
}

/**
 * Which range of which asset the machine is in, `null` when outside every control range.
 *
 * @example
 * classify(gasMainAt12m, defaults); // { asset: 'gas', zone: 'control', … } for a sub-high main
 */
export function classify(obj: CityObject, cfg: ConstructionConfig): AssetHit | null {
  const d = obj.distanceM ?? Number.POSITIVE_INFINITY;
  if (cfg.gasKinds.includes(obj.kind)) {
    const band = gasBand(obj.attributes.pressureClass);
    const zone: Zone | null =
      d <= cfg.gasProtectionM[band] ? 'protection' : d <= cfg.gasControlM[band] ? 'control' : null;
    return zone && { obj, asset: 'gas', zone, distanceM: d, impactM: cfg.gasImpactM[band], band };
  }
  if (cfg.metroKinds.includes(obj.kind)) {
    const zone: Zone | null =
      d <= cfg.metroCoreM ? 'protection' : d <= cfg.metroProtectionM ? 'control' : null;
    return zone && { obj, asset: 'metro', zone, distanceM: d, impactM: cfg.metroImpactM, band: '—' };
  }
  return null;
}

/** Red inside a protection range (or the metro near zone), orange inside a control range, else none. */
export function thirdPartyTier(hits: AssetHit[]): Tier | null {
  if (hits.some((h) => h.zone === 'protection')) return 'red';
  if (hits.length > 0) return 'orange';
  return null;
}

/** The furthest radius the search must cover for these settings. */
export function searchRadiusM(cfg: ConstructionConfig): number {
  return Math.max(
    cfg.gasControlM.high,
    cfg.gasControlM.sub_high,
    cfg.gasControlM.low_medium,
    cfg.metroProtectionM,
  );
}
