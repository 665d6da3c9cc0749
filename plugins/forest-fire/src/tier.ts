/**
 * The tier of a confirmed fire (catalogue rule for hotspot / video / burned area): a confirmed open fire is
 * yellow (一般森林火灾 < 1 ha); orange at 1–100 ha or with a settlement or key facility within 1 km or in
 * the path; red at ≥ 100 ha or when the head fire reaches a settlement within `redArrivalMin`. High fire
 * danger makes a confirmed fire at least orange (assumed).
 */
import type { Statement, Tier } from '@fenghuo/sdk';
import type { FireConfig } from './definition.js';

export interface TierInputs {
  /** The largest burned area reported near the fire, ha. */
  areaHa?: number | undefined;
  /** Distance to the nearest settlement or key facility in the path or near ring, m. */
  nearestSettlementM?: number | undefined;
  /** Minutes until the fire front reaches the first settlement in the path. */
  firstArrivalMin?: number | undefined;
  /** The fire-danger level in force (official, else rated from the weather). */
  dangerLevel?: number | undefined;
}

const ORDER: Tier[] = ['blue', 'yellow', 'orange', 'red'];

function max(a: Tier, b: Tier): Tier {
  return ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b;
}

/** The tier of a confirmed fire and why, strongest reason first. */
export function confirmedFireTier(x: TierInputs, cfg: FireConfig): { tier: Tier; reasons: Statement[] } {
  let tier: Tier = 'yellow';
  const reasons: Statement[] = [];
  const bump = (to: Tier, why: Statement) => {
    tier = max(tier, to);
    reasons.push(why);
  };
  if (x.areaHa !== undefined && x.areaHa >= cfg.redAreaHa)
    bump('red', {
      zh: `过火面积 ${fmt(x.areaHa)} 公顷，达重大森林火灾`,
      en: `burned area ${fmt(x.areaHa)} ha: a major fire`,
    });
  else if (x.areaHa !== undefined && x.areaHa >= cfg.orangeAreaHa)
    bump('orange', {
      zh: `过火面积 ${fmt(x.areaHa)} 公顷，达较大森林火灾`,
      en: `burned area ${fmt(x.areaHa)} ha: a larger fire`,
    });
  if (cfg.redArrivalMin > 0 && x.firstArrivalMin !== undefined && x.firstArrivalMin <= cfg.redArrivalMin)
    bump('red', {
      zh: `火头约 ${Math.round(x.firstArrivalMin)} 分钟到达居民点/重要设施`,
      en: `the head fire reaches a settlement or key facility in about ${Math.round(x.firstArrivalMin)} min`,
    });
  else if (x.firstArrivalMin !== undefined && Number.isFinite(x.firstArrivalMin))
    bump('orange', {
      zh: `居民点/重要设施在蔓延路径上（约 ${Math.round(x.firstArrivalMin)} 分钟到达）`,
      en: `a settlement or key facility is in the path (reached in about ${Math.round(x.firstArrivalMin)} min)`,
    });
  if (x.nearestSettlementM !== undefined && x.nearestSettlementM < cfg.nearSettlementM)
    bump('orange', {
      zh: `距居民点/重要设施 ${Math.round(x.nearestSettlementM)} 米，不足 ${cfg.nearSettlementM} 米`,
      en: `${Math.round(x.nearestSettlementM)} m from a settlement or key facility (< ${cfg.nearSettlementM} m)`,
    });
  if (x.dangerLevel !== undefined && x.dangerLevel >= cfg.dangerOrangeLevel)
    bump('orange', {
      zh: `森林火险气象等级 ${x.dangerLevel} 级，火势易迅速扩大`,
      en: `fire danger level ${x.dangerLevel}: the fire can grow fast`,
    });
  return { tier, reasons };
}

export function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(2);
}
