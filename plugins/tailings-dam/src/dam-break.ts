/**
 * Empirical dam-break estimate for a tailings dam: released volume, runout reach, peak outflow, a
 * near-dam flow depth, and the front's arrival time at a distance. Every formula's source is in the
 * README; the coefficients are `config` so a city can replace them.
 */

export interface DamBreakInput {
  /** Dam height H (m). */
  damHeightM: number;
  /** Stored volume V_T, tailings and water (m³). */
  storageM3: number;
  /** Valley width B (m) and bed slope S (m/m) for the Manning depth. */
  channelWidthM: number;
  slope: number;
}

export interface DamBreakModel {
  release: { a: number; b: number };
  runout: { a: number; b: number };
  maxReachKm: number;
  manningN: number;
}

export interface DamBreak {
  /** Released volume V_F (m³), never more than V_T. */
  releasedM3: number;
  /** Runout from the regression, before the cap (km). */
  runoutKm: number;
  /** Reach used for targets: runout capped at `maxReachKm` (m). */
  reachM: number;
  capped: boolean;
  /** Peak breach outflow Q_p (m³/s), Froehlich (1995). */
  peakFlowM3s: number;
  /** Normal depth of Q_p in a wide rectangular valley (m), Manning. */
  depthM: number;
}

const HM3 = 1e6;

/**
 * Rico et al. (2008): V_F = a·V_T^b (hm³) and D_max = a·(H·V_F)^b (km, H in m, V_F in hm³).
 * Froehlich (1995): Q_p = 0.607·V_w^0.295·H_w^1.24 (m³/s, V_w in m³, H_w in m), a water-dam formula
 * used with V_w = V_F and H_w = H as an upper bound for a tailings release.
 * Manning, wide channel: h = (Q·n / (B·√S))^(3/5).
 */
export function damBreak(input: DamBreakInput, model: DamBreakModel): DamBreak {
  const vtHm3 = input.storageM3 / HM3;
  const vfHm3 = Math.min(vtHm3, model.release.a * vtHm3 ** model.release.b);
  const releasedM3 = vfHm3 * HM3;
  const runoutKm = model.runout.a * (input.damHeightM * vfHm3) ** model.runout.b;
  const reachKm = Math.min(runoutKm, model.maxReachKm);
  const peakFlowM3s = 0.607 * releasedM3 ** 0.295 * input.damHeightM ** 1.24;
  const depthM = ((peakFlowM3s * model.manningN) / (input.channelWidthM * Math.sqrt(input.slope))) ** 0.6;
  return {
    releasedM3,
    runoutKm,
    reachM: reachKm * 1000,
    capped: runoutKm > model.maxReachKm,
    peakFlowM3s,
    depthM,
  };
}

/** Minutes for the front to travel `straightM` along a channel `sinuosity` times longer, at `speedMs`. */
export function arrivalMin(straightM: number, sinuosity: number, speedMs: number): number {
  return (straightM * sinuosity) / speedMs / 60;
}
