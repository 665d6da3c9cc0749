/**
 * The well-mixed room (dilution ventilation) model: how fast gas is leaking, where the concentration is
 * heading and when it reaches the LEL — the guideline's "relation between leak time and extent"
 * (§4(2)2, 明确泄漏时间与扩散范围之间的关系).
 *
 * Mass balance of a well-mixed room of volume V with `n` air changes per hour (λ = n / 60 per minute):
 * `V·dC/dt = G − λ·V·C` (AIHA, *Mathematical Models for Estimating Occupational Exposure to Chemicals*,
 * well-mixed box model; ACGIH *Industrial Ventilation*, dilution ventilation). With C in %LEL:
 * - leak rate  `G = V·(dC/dt + λ·C)` (as a share of the room per minute, in %LEL);
 * - steady state `C∞ = C + (dC/dt)/λ`;
 * - time to reach `C*` (< C∞) from C: `t = ln((C∞ − C)/(C∞ − C*)) / λ`; without ventilation
 *   (λ = 0) `t = (C* − C)/(dC/dt)`.
 */

export interface RoomProjection {
  /** Leak rate of pure gas, m³/h (0 when the curve is not rising). */
  leakM3h: number;
  /** Concentration the room tends to at the present leak and ventilation, %LEL (`Infinity` without ventilation). */
  steadyLel: number;
  /** Minutes until the detector's air reaches 100 %LEL, or `null` when it never does at this leak rate. */
  minutesToLel: number | null;
}

/**
 * @param lel    current concentration, %LEL
 * @param slopePerMin rise rate, %LEL per minute (≤ 0: no projection)
 * @param volumeM3 room volume
 * @param ach    air changes per hour
 * @param lelPctVol the gas's LEL, %vol (turns %LEL into m³ of gas)
 */
export function projectRoom(
  lel: number,
  slopePerMin: number,
  volumeM3: number,
  ach: number,
  lelPctVol: number,
): RoomProjection {
  const lambda = Math.max(0, ach) / 60;
  if (!(slopePerMin > 0)) {
    return {
      leakM3h: lambda > 0 ? (volumeM3 * lambda * lel * lelPctVol * 60) / 10_000 : 0,
      steadyLel: lel,
      minutesToLel: lel >= 100 ? 0 : null,
    };
  }
  // %LEL per minute × V → m³ of gas per minute: × LEL%vol / 100 / 100.
  const leakM3h = (volumeM3 * (slopePerMin + lambda * lel) * lelPctVol * 60) / 10_000;
  if (lel >= 100)
    return { leakM3h, steadyLel: lambda > 0 ? lel + slopePerMin / lambda : Infinity, minutesToLel: 0 };
  if (lambda === 0) return { leakM3h, steadyLel: Infinity, minutesToLel: (100 - lel) / slopePerMin };
  const steadyLel = lel + slopePerMin / lambda;
  const minutesToLel = steadyLel > 100 ? Math.log((steadyLel - lel) / (steadyLel - 100)) / lambda : null;
  return { leakM3h, steadyLel, minutesToLel };
}
