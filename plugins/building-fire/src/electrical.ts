/**
 * Electrical-fire early warning on one circuit (GB 14287 electrical fire monitoring, GB 50116-2013 §9):
 * residual current (insulation leakage to earth), cable or joint temperature against the insulation's
 * maximum, and arc faults. Each is its own path to a warning before any smoke; together they escalate.
 */
import type { I18n, Tier } from '@fenghuo/sdk';
import { maxTier, type Sample, tierAt, tierIndex } from './common.js';
import type { FireConfig } from './config.js';

export interface Episodes {
  /** Separate runs at or above the limit in the series (a run is consecutive samples at or above it). */
  count: number;
  /** Length of the trailing run in minutes (0 when the latest sample is below the limit). */
  heldMin: number;
}

/** How often and for how long a series has been at or above `limit`. */
export function episodes(samples: readonly Sample[], limit: number): Episodes {
  let count = 0;
  let on = false;
  let runStart = 0;
  for (const s of samples) {
    const above = s.v >= limit;
    if (above && !on) {
      count++;
      runStart = s.t;
    }
    on = above;
  }
  const last = samples[samples.length - 1];
  return { count, heldMin: on && last ? (last.t - runStart) / 60_000 : 0 };
}

export interface CircuitState {
  /** Residual current level (from the effective limits) and value, when measured. */
  leakTier: Tier | null;
  leakmA: number | null;
  leak: Episodes | null;
  /** Cable temperature level and ratio to the insulation maximum, when measured. */
  cableTier: Tier | null;
  cableRatio: number | null;
  /** Arc-fault events in the look-back (24 h). */
  arcs: number;
}

export interface ElectricalAssessment {
  tier: Tier | null;
  /** Why: which rules applied, for the findings. */
  rules: I18n[];
  /** A short residual-current exceedance, neither held nor recurring, kept with the owner. */
  shortExceedance: boolean;
  coincidence: boolean;
}

/**
 * The circuit's tier:
 * - base = the higher of the residual-current and the cable-temperature levels;
 * - a residual current at blue alone warns only when held ≥ `leakHeldMin` or seen ≥ `leakRecurPerDay` times
 *   in 24 h (catalogue blue); a first exceedance stays the owner's alarm;
 * - residual current and cable temperature both at blue or above on one circuit → at least
 *   `electricalCoincidenceTier` (catalogue red: "or with a cable-temperature alarm");
 * - an arc fault with either adds `arcEscalation`; arc faults alone warn blue when recurring.
 */
export function assessCircuit(s: CircuitState, cfg: FireConfig): ElectricalAssessment {
  const rules: I18n[] = [];
  let tier = maxTier(s.leakTier, s.cableTier);
  let shortExceedance = false;
  if (tier === 'blue' && s.leakTier === 'blue' && s.cableTier === null && s.leak) {
    const held = s.leak.heldMin >= cfg.leakHeldMin;
    const recurring = s.leak.count >= cfg.leakRecurPerDay;
    if (held)
      rules.push({
        zh: `剩余电流持续超限 ${Math.round(s.leak.heldMin)} 分钟（≥ ${cfg.leakHeldMin} 分钟）`,
        en: `residual current above the limit for ${Math.round(s.leak.heldMin)} min (≥ ${cfg.leakHeldMin} min)`,
      });
    if (recurring)
      rules.push({
        zh: `24 小时内剩余电流反复超限 ${s.leak.count} 次（≥ ${cfg.leakRecurPerDay} 次）`,
        en: `residual current above the limit ${s.leak.count} times in 24 h (≥ ${cfg.leakRecurPerDay})`,
      });
    if (!held && !recurring) {
      tier = null;
      shortExceedance = true;
      rules.push({
        zh: `短时超限（24 小时内第 ${s.leak.count} 次，未持续 ${cfg.leakHeldMin} 分钟、未达 ${cfg.leakRecurPerDay} 次）：报警由业主单位排查（如受潮、设备启停），暂不预警`,
        en: `a short exceedance (number ${s.leak.count} in 24 h, not held ${cfg.leakHeldMin} min, fewer than ${cfg.leakRecurPerDay}): the owner checks the alarm (damp, equipment switching), no warning yet`,
      });
    }
  }
  const coincidence = s.leakTier !== null && s.cableTier !== null;
  if (coincidence) {
    tier = maxTier(tier, cfg.electricalCoincidenceTier);
    rules.push({
      zh: '同一回路剩余电流与线缆温度同时超限：绝缘劣化发热，电气火灾风险高',
      en: 'residual current and cable temperature both over their limits on one circuit: failing insulation heating up, a high electrical-fire risk',
    });
  }
  if (s.arcs > 0) {
    if (tier !== null) {
      tier = tierAt(tierIndex(tier) + cfg.arcEscalation);
      rules.push({ zh: `伴有故障电弧 ${s.arcs} 次`, en: `with ${s.arcs} arc fault(s)` });
    } else if (s.arcs >= cfg.leakRecurPerDay && !shortExceedance) {
      tier = 'blue';
      rules.push({
        zh: `24 小时内故障电弧 ${s.arcs} 次（反复出现）`,
        en: `${s.arcs} arc faults in 24 h (recurring)`,
      });
    }
  }
  return { tier, rules, shortExceedance, coincidence };
}
