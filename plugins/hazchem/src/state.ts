/**
 * 报警管理指数 I_alarm (notes §5.2 item 4) and the risk state: the maximum of the four indices, banded into
 * the warning tier (notes §5.2: ≥ 75 red, ≥ 50 orange, ≥ 25 yellow, > 0 blue). Both are an engineering
 * reconstruction of the structure the guideline names, not the official MEM formulas.
 */
import type { I18n, Tier } from '@fenghuo/sdk';
import type { HazchemConfig } from './config.js';

export interface AlarmInputs {
  /** Σ alarms overdue for disposal over the area's consoles, or `null` when none reports. */
  overdue: number | null;
  /** Oldest unacknowledged alarm over the consoles (min). */
  unackMin: number | null;
  /** Highest console alarm rate (alarms per 10 min). */
  ratePer10Min: number | null;
  /** Sensors of the area with no fresh reading, and all of them. */
  offline: number;
  total: number;
}

export interface AlarmIndex {
  score: number;
  reasons: I18n[];
  offlineShare: number;
}

export function alarmIndex(a: AlarmInputs, cfg: HazchemConfig['alarmMgmt']): AlarmIndex {
  const reasons: I18n[] = [];
  let score = 0;
  if (a.overdue !== null && a.overdue > 0) {
    score += a.overdue * cfg.perOverdueAlarm;
    reasons.push({
      zh: `${a.overdue} 条报警超时未处置（每条 +${cfg.perOverdueAlarm}）`,
      en: `${a.overdue} alarm(s) overdue for disposal (+${cfg.perOverdueAlarm} each)`,
    });
  }
  if (a.unackMin !== null && a.unackMin > cfg.unackMin) {
    score += cfg.unackScore;
    reasons.push({
      zh: `有报警 ${Math.round(a.unackMin)} 分钟未确认（超过 ${cfg.unackMin} 分钟，+${cfg.unackScore}）`,
      en: `an alarm unacknowledged for ${Math.round(a.unackMin)} min (over ${cfg.unackMin} min, +${cfg.unackScore})`,
    });
  }
  if (a.ratePer10Min !== null && a.ratePer10Min > cfg.floodPer10Min) {
    score += cfg.floodScore;
    reasons.push({
      zh: `报警泛滥：${Math.round(a.ratePer10Min)} 条/10 分钟（超过 ${cfg.floodPer10Min}，+${cfg.floodScore}）`,
      en: `alarm flood: ${Math.round(a.ratePer10Min)} per 10 min (over ${cfg.floodPer10Min}, +${cfg.floodScore})`,
    });
  }
  const offlineShare = a.total > 0 ? a.offline / a.total : 0;
  if (offlineShare > cfg.offlineShare) {
    score += cfg.offlineScore;
    reasons.push({
      zh: `${a.offline}/${a.total} 个传感器离线或数据中断（超过 ${Math.round(cfg.offlineShare * 100)}%，+${cfg.offlineScore}）`,
      en: `${a.offline} of ${a.total} sensors offline or stale (over ${Math.round(cfg.offlineShare * 100)} %, +${cfg.offlineScore})`,
    });
  }
  return { score: Math.min(100, score), reasons, offlineShare };
}

export type IndexKey = 'storage' | 'unit' | 'leak' | 'alarm';

export const INDEX_NAME: Record<IndexKey, I18n> = {
  storage: { zh: '储存区风险指数', en: 'storage-area risk index' },
  unit: { zh: '装置区风险指数', en: 'process-unit risk index' },
  leak: { zh: '泄漏风险指数', en: 'leak risk index' },
  alarm: { zh: '报警管理指数', en: 'alarm-management index' },
};

export interface RiskState {
  score: number;
  driver: IndexKey | null;
  tier: Tier | null;
}

/** The state is the largest index (ties go to the first in storage, unit, leak, alarm order). */
export function riskState(indices: Record<IndexKey, number>, bands: HazchemConfig['stateBands']): RiskState {
  let driver: IndexKey | null = null;
  let score = 0;
  for (const k of ['storage', 'unit', 'leak', 'alarm'] as const) {
    if (indices[k] > score) [score, driver] = [indices[k], k];
  }
  return { score, driver, tier: tierOf(score, bands) };
}

export function tierOf(score: number, bands: HazchemConfig['stateBands']): Tier | null {
  if (score >= bands.red) return 'red';
  if (score >= bands.orange) return 'orange';
  if (score >= bands.yellow) return 'yellow';
  return score > 0 ? 'blue' : null;
}
