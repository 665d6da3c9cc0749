/**
 * The ponding forecast: a lumped mass balance at one low point. Inflow is the rational-method runoff of
 * the nowcast rain over the catchment, outflow the drainage capacity (pumps when they run, plus
 * gravity); the stored volume becomes a depth through the shape of the low point.
 */

/** How stored water turns into depth at a low point. */
export type Storage =
  /** A sag vertical curve y = x² / 2R across a carriageway of width W (an underpass low point). */
  | { shape: 'sag'; radiusM: number; widthM: number }
  /** A flat-bottomed area of plan area A (a dish in a road, a forecourt). */
  | { shape: 'flat'; areaM2: number };

/**
 * Volume (m³) stored at depth `h` (m).
 * Sag: V = W ∫ (h − x²/2R) dx over |x| ≤ √(2Rh) = (4/3) · W · h · √(2Rh). Flat: V = A · h.
 */
export function volumeAt(s: Storage, hM: number): number {
  if (hM <= 0) return 0;
  return s.shape === 'sag' ? (4 / 3) * s.widthM * hM * Math.sqrt(2 * s.radiusM * hM) : s.areaM2 * hM;
}

/** Depth (m) for a stored volume (m³): the inverse of {@link volumeAt}. */
export function depthAt(s: Storage, vM3: number): number {
  if (vM3 <= 0) return 0;
  return s.shape === 'sag'
    ? ((3 * vM3) / (4 * s.widthM * Math.sqrt(2 * s.radiusM))) ** (2 / 3)
    : vM3 / s.areaM2;
}

/** Half the length of the water surface (m) at depth `h`: √(2Rh) for a sag, √A / 2 for a flat area. */
export function halfLengthM(s: Storage, hM: number): number {
  if (hM <= 0) return 0;
  return s.shape === 'sag' ? Math.sqrt(2 * s.radiusM * hM) : Math.sqrt(s.areaM2) / 2;
}

/**
 * Rational method, Q = C · i · A: peak runoff (m³/s) from intensity `i` (mm/h) over `A` (ha) with runoff
 * coefficient C. 1 mm/h over 1 ha is 10 m³ per 3600 s, hence the 1/360 (GB 50014 writes it Q = q·Ψ·F
 * with q = 2.778 · i in L/(s·ha)).
 */
export function rationalQ(c: number, iMmH: number, areaHa: number): number {
  return (c * iMmH * areaHa) / 360;
}

export interface ForecastInput {
  depthCm: number;
  /** Rain intensity over the horizon (mm/h), the nowcast. */
  rainMmH: number;
  runoffCoefficient: number;
  catchmentHa: number;
  /** Drainage that works now (m³/s): running pumps plus gravity. */
  drainM3s: number;
  storage: Storage;
  horizonMin: number;
  stepMin: number;
}

export interface Forecast {
  /** Depth (cm) at the end of the horizon, and the highest on the way. */
  endCm: number;
  peakCm: number;
  /** Depth (cm) after each step, the first after one step. */
  series: number[];
  inflowM3s: number;
  drainM3s: number;
  /** Net inflow (m³/s); negative means the low point drains. */
  netM3s: number;
}

/** Step the mass balance dV/dt = Q_in − Q_drain (never below empty) over the horizon. */
export function forecastPonding(f: ForecastInput): Forecast {
  const qin = rationalQ(f.runoffCoefficient, f.rainMmH, f.catchmentHa);
  const net = qin - f.drainM3s;
  const dt = f.stepMin * 60;
  const steps = Math.max(1, Math.round(f.horizonMin / f.stepMin));
  let v = volumeAt(f.storage, f.depthCm / 100);
  let peak = f.depthCm;
  const series: number[] = [];
  for (let k = 0; k < steps; k++) {
    v = Math.max(0, v + net * dt);
    const cm = depthAt(f.storage, v) * 100;
    series.push(cm);
    if (cm > peak) peak = cm;
  }
  return {
    endCm: series[series.length - 1] ?? f.depthCm,
    peakCm: peak,
    series,
    inflowM3s: qin,
    drainM3s: f.drainM3s,
    netM3s: net,
  };
}

/** Minutes until the forecast first reaches `limitCm`, `null` if it does not within the horizon. */
export function minutesTo(fc: Forecast, limitCm: number, stepMin: number): number | null {
  const k = fc.series.findIndex((cm) => cm >= limitCm);
  return k < 0 ? null : (k + 1) * stepMin;
}
