/**
 * Static grade of a major hazard (危险化学品重大危险源分级): R = α · Σ βᵢ · qᵢ / Qᵢ, GB 18218-2018 §4.2 and
 * 安监总局令第40号 附件1. The β and α tables and the grade bands come from `config.rValue`.
 */
import type { I18n } from '@fenghuo/sdk';
import type { HazchemConfig } from './config.js';

export interface InventoryItem {
  substance: string;
  category: string;
  toxicGas?: string;
  quantityT: number;
  thresholdT: number;
}

export interface RTerm {
  substance: string;
  beta: number;
  /** Where β came from: a named toxic gas, a category, or the fallback `other` (unknown key). */
  betaFrom: 'toxic_gas' | 'category' | 'fallback';
  q: number;
  Q: number;
  /** β · q / Q */
  term: number;
}

export type Grade = 1 | 2 | 3 | 4;

export interface RValue {
  r: number;
  alpha: number;
  /** Σ q / Q: the unit is a major hazard (构成重大危险源) when it is ≥ 1 (GB 18218-2018 §4.1). */
  sumRatio: number;
  terms: RTerm[];
  grade: Grade;
}

export const GRADE_NAME: Record<Grade, I18n> = {
  1: { zh: '一级', en: 'grade 1' },
  2: { zh: '二级', en: 'grade 2' },
  3: { zh: '三级', en: 'grade 3' },
  4: { zh: '四级', en: 'grade 4' },
};

type RConfig = HazchemConfig['rValue'];

/** α for the number of people exposed outside: the row with the largest `minPeople` ≤ people. */
export function alphaFor(people: number, table: RConfig['alphaByExposed']): number {
  let best: { minPeople: number; alpha: number } | null = null;
  for (const row of table)
    if (people >= row.minPeople && (!best || row.minPeople > best.minPeople)) best = row;
  return best ? best.alpha : 1;
}

/** β of one substance: a named toxic gas first, then its category, else the table's `other` (1). */
export function betaFor(item: InventoryItem, cfg: RConfig): { beta: number; from: RTerm['betaFrom'] } {
  const gas = item.toxicGas === undefined ? undefined : cfg.betaByToxicGas[item.toxicGas];
  if (gas !== undefined) return { beta: gas, from: 'toxic_gas' };
  const cat = cfg.betaByCategory[item.category];
  if (cat !== undefined) return { beta: cat, from: 'category' };
  return { beta: cfg.betaByCategory['other'] ?? 1, from: 'fallback' };
}

/** 一级 R ≥ 100, 二级 50 ≤ R < 100, 三级 10 ≤ R < 50, 四级 R < 10 (with the default bands). */
export function gradeOf(r: number, bands: RConfig['gradeBands']): Grade {
  if (r >= bands.grade1) return 1;
  if (r >= bands.grade2) return 2;
  if (r >= bands.grade3) return 3;
  return 4;
}

/**
 * Compute R for a unit's inventory and the people exposed outside it.
 *
 * @example
 * computeR([{ substance: '液氨', category: 'toxic_gas', toxicGas: 'ammonia', quantityT: 300, thresholdT: 10 }], 60, cfg);
 * // α 1.5 · β 2 · 300/10 = 90 → grade 2
 */
export function computeR(items: InventoryItem[], exposedPeople: number, cfg: RConfig): RValue {
  const terms = items.map((it): RTerm => {
    const { beta, from } = betaFor(it, cfg);
    return {
      substance: it.substance,
      beta,
      betaFrom: from,
      q: it.quantityT,
      Q: it.thresholdT,
      term: (beta * it.quantityT) / it.thresholdT,
    };
  });
  const alpha = alphaFor(exposedPeople, cfg.alphaByExposed);
  const r = alpha * terms.reduce((s, t) => s + t.term, 0);
  const sumRatio = terms.reduce((s, t) => s + t.q / t.Q, 0);
  return { r, alpha, sumRatio, terms, grade: gradeOf(r, cfg.gradeBands) };
}

/** Read the inventory attribute defensively (inventory rows are validated at load, but be safe). */
export function readInventory(attrs: Record<string, unknown>): InventoryItem[] | null {
  const inv = attrs['inventory'];
  if (!Array.isArray(inv) || inv.length === 0) return null;
  const out: InventoryItem[] = [];
  for (const x of inv) {
    if (typeof x !== 'object' || x === null) continue;
    const o = x as Record<string, unknown>;
    const q = o['quantityT'];
    const Q = o['thresholdT'];
    if (typeof o['substance'] !== 'string' || typeof o['category'] !== 'string') continue;
    if (typeof q !== 'number' || typeof Q !== 'number' || !(Q > 0) || !(q >= 0)) continue;
    const item: InventoryItem = {
      substance: o['substance'],
      category: o['category'],
      quantityT: q,
      thresholdT: Q,
    };
    if (typeof o['toxicGas'] === 'string') item.toxicGas = o['toxicGas'];
    out.push(item);
  }
  return out.length > 0 ? out : null;
}
