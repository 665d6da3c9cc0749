/**
 * Forest fire danger rating from weather, in the structure of QX/T 77-2007 森林火险气象等级 (also
 * GB/T 36743-2018): an index = sum of scores for temperature, air dryness, days without rain and wind,
 * cut into levels 1–5 (低/较低/较高/高/极高). The score tables and level cuts are config (README: which
 * parts are the standard's and which are assumed).
 */
import type { FireConfig } from './definition.js';

export interface DangerInputs {
  tempC: number;
  rhPct: number;
  windMs: number;
  dryDays: number;
}

export interface DangerRating {
  index: number;
  level: 1 | 2 | 3 | 4 | 5;
  scores: { temp: number; dryness: number; dryDays: number; wind: number };
}

/** The score of the last row whose `from` the value reaches; 0 below the first row. */
export function stepScore(table: readonly { from: number; score: number }[], value: number): number {
  let s = 0;
  for (const row of table) if (value >= row.from) s = row.score;
  return s;
}

/** The level of an index under the cuts `levelFrom` (index ≥ l5 → 5, …, below l2 → 1). */
export function levelOf(index: number, cuts: FireConfig['danger']['levelFrom']): DangerRating['level'] {
  if (index >= cuts.l5) return 5;
  if (index >= cuts.l4) return 4;
  if (index >= cuts.l3) return 3;
  if (index >= cuts.l2) return 2;
  return 1;
}

/** Rate the fire danger from the four weather inputs. */
export function rateDanger(w: DangerInputs, cfg: FireConfig['danger']): DangerRating {
  const scores = {
    temp: stepScore(cfg.tempScores, w.tempC),
    dryness: stepScore(cfg.drynessScores, 100 - w.rhPct),
    dryDays: stepScore(cfg.dryDayScores, w.dryDays),
    wind: stepScore(cfg.windScores, w.windMs),
  };
  const index = scores.temp + scores.dryness + scores.dryDays + scores.wind;
  return { index, level: levelOf(index, cfg.levelFrom), scores };
}

export const LEVEL_NAMES: Record<DangerRating['level'], { zh: string; en: string }> = {
  1: { zh: '一级（低）', en: 'level 1 (low)' },
  2: { zh: '二级（较低）', en: 'level 2 (fairly low)' },
  3: { zh: '三级（较高）', en: 'level 3 (fairly high)' },
  4: { zh: '四级（高）', en: 'level 4 (high)' },
  5: { zh: '五级（极高）', en: 'level 5 (extreme)' },
};

/** The warning tier of a danger level (catalogue: 2 blue (platform only), 3 yellow, 4 orange, 5 red). */
export function tierOfLevel(level: number): 'blue' | 'yellow' | 'orange' | 'red' | null {
  if (level >= 5) return 'red';
  if (level >= 4) return 'orange';
  if (level >= 3) return 'yellow';
  if (level >= 2) return 'blue';
  return null;
}
