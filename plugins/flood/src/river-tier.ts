/**
 * SL 758-2018 水情预警信号 (and the 2013 水情预警发布管理办法) by water level, per station:
 * blue = approaching the warning level, yellow = at or above the warning level, orange = at or above the
 * guaranteed level, red = at or above the highest level on record. "Approaching" has no number in the
 * standard: we use "within `approachM` (0.3 m) below it and rising" (assumed, domain notes §4.1).
 */
import type { Tier } from '@fenghuo/sdk';

export interface StationLevels {
  warningM: number;
  guaranteedM: number;
  historicMaxM: number | null;
}

export type RiverReason = 'historic-max' | 'guaranteed' | 'warning' | 'approaching' | 'below';

export function riverTier(
  levelM: number,
  risingMPerH: number,
  st: StationLevels,
  approachM: number,
): { tier: Tier | null; reason: RiverReason } {
  if (st.historicMaxM !== null && levelM >= st.historicMaxM) return { tier: 'red', reason: 'historic-max' };
  if (levelM >= st.guaranteedM) return { tier: 'orange', reason: 'guaranteed' };
  if (levelM >= st.warningM) return { tier: 'yellow', reason: 'warning' };
  if (levelM >= st.warningM - approachM && risingMPerH > 0) return { tier: 'blue', reason: 'approaching' };
  return { tier: null, reason: 'below' };
}

/** The next characteristic level above `levelM`, with its name, or `null`. */
export function nextLevel(
  levelM: number,
  st: StationLevels,
): { key: 'warning' | 'guaranteed' | 'historic-max'; m: number } | null {
  const ladder: { key: 'warning' | 'guaranteed' | 'historic-max'; m: number | null }[] = [
    { key: 'warning', m: st.warningM },
    { key: 'guaranteed', m: st.guaranteedM },
    { key: 'historic-max', m: st.historicMaxM },
  ];
  for (const l of ladder) if (l.m !== null && levelM < l.m) return { key: l.key, m: l.m };
  return null;
}

/** Hours to reach `targetM` at `rateMPerH`, `null` when not rising. */
export function hoursTo(levelM: number, targetM: number, rateMPerH: number): number | null {
  if (!(rateMPerH > 0)) return null;
  return Math.max(0, (targetM - levelM) / rateMPerH);
}
