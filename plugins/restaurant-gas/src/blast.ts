/**
 * Consequences if the gas ignites: the flammable cloud's TNT equivalent and the distances to three
 * overpressures, and for LPG cylinders the fireball of one cylinder.
 *
 * - Fuel in the cloud: `m = f_cloud · V · (LEL/100) · ρ` — the part `f_cloud` of the room that has
 *   reached the LEL (assumed 0.3: a layer under the ceiling for methane, over the floor for propane).
 * - TNT equivalent `W = η · m · ΔHc / E_TNT`, `E_TNT` = 4.68 MJ/kg, yield `η` 0.1 (CCPS, *Guidelines for
 *   Evaluating the Characteristics of Vapor Cloud Explosions, Flash Fires, and BLEVEs*, 1994: η 0.01–0.1
 *   for vapour-cloud explosions; the upper end because a kitchen is confined; recalled).
 * - Peak side-on overpressure of TNT, Mills (1987): `ΔP[kPa] = 1772/Z³ − 114/Z² + 108/Z`, `Z = R/W^⅓`
 *   (m/kg^⅓); it decreases monotonically in Z, so each zone radius is found by bisection.
 * - Fireball (CCPS 1994; TNO Yellow Book): diameter `D = 5.8 · m^⅓` m, duration `t = 0.45 · m^⅓` s for
 *   m < 30 000 kg.
 */

export const TNT_MJ_PER_KG = 4.68;

/** Mills (1987) peak side-on overpressure, kPa, at scaled distance Z (m/kg^⅓). */
export function millsOverpressureKpa(z: number): number {
  return 1772 / z ** 3 - 114 / z ** 2 + 108 / z;
}

/** The scaled distance at which the Mills overpressure equals `kpa` (bisection over 0.3–1 000 m/kg^⅓). */
export function scaledDistanceFor(kpa: number): number {
  let lo = 0.3;
  let hi = 1000;
  for (let i = 0; i < 80; i++) {
    const mid = (lo + hi) / 2;
    if (millsOverpressureKpa(mid) > kpa) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

export function cloudFuelKg(
  volumeM3: number,
  cloudFraction: number,
  lelPctVol: number,
  densityKgM3: number,
): number {
  return cloudFraction * volumeM3 * (lelPctVol / 100) * densityKgM3;
}

export function tntEquivalentKg(fuelKg: number, heatMjKg: number, yieldFactor: number): number {
  return (yieldFactor * fuelKg * heatMjKg) / TNT_MJ_PER_KG;
}

export interface BlastZones {
  tntKg: number;
  severeM: number;
  damageM: number;
  glassM: number;
}

export function blastZones(
  tntKg: number,
  kpa: { severe: number; damage: number; glass: number },
): BlastZones {
  const w = Math.cbrt(Math.max(0, tntKg));
  return {
    tntKg,
    severeM: scaledDistanceFor(kpa.severe) * w,
    damageM: scaledDistanceFor(kpa.damage) * w,
    glassM: scaledDistanceFor(kpa.glass) * w,
  };
}

/** Fireball of `massKg` of LPG: radius (m) and duration (s). */
export function fireball(massKg: number): { radiusM: number; durationS: number } {
  const c = Math.cbrt(Math.max(0, massKg));
  return { radiusM: 2.9 * c, durationS: 0.45 * c };
}
