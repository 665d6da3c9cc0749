/**
 * The body's list of affected objects: a typhoon reaches most of a city, so a warning names the first
 * `max` in a meaningful order and counts the rest in the same line instead of printing every name.
 */
import type { I18n } from '@fenghuo/sdk';

/** One object to list, with an optional note after its name (a distance, a wind speed). */
export interface Listed {
  name: I18n;
  note?: I18n;
}

/**
 * `总 N 处，<order>：甲（注）、乙（注）；其余 M 处<restNote>` and its English twin; the order text says
 * what "first" means. Nothing listed gives `无` / `none`.
 *
 * @example
 * listAffected([{ name: { zh: '甲', en: 'A' } }, { name: { zh: '乙', en: 'B' } }], 1, { zh: '由近及远', en: 'nearest first' });
 * // { zh: '共 2 处，由近及远：甲；其余 1 处', en: '2, nearest first: A; 1 more' }
 */
export function listAffected(
  items: readonly Listed[],
  max: number,
  order: I18n,
  restNote: I18n = { zh: '', en: '' },
): I18n {
  return listAffectedGroups([{ order, items }], max, restNote);
}

/** Objects listed under one heading, in their order (`order` says what "first" means in the group). */
export interface ListedGroup {
  order: I18n;
  items: readonly Listed[];
}

/**
 * Several groups in one line, each under its heading, with one budget of `max` names over them all in
 * group order: `共 N 处，<order1>：甲、乙；<order2>：丙；其余 M 处<restNote>`. A group whose names all fall
 * in the counted rest, or that is empty, loses its heading too. Nothing in any group gives `无` / `none`.
 *
 * @example
 * listAffectedGroups(
 *   [{ order: { zh: '低洼', en: 'low' }, items: [a] }, { order: { zh: '未知', en: 'unknown' }, items: [b, c] }],
 *   2,
 * ); // { zh: '共 3 处，低洼：甲；未知：乙；其余 1 处', en: '3, low: A; unknown: B; 1 more' }
 */
export function listAffectedGroups(
  groups: readonly ListedGroup[],
  max: number,
  restNote: I18n = { zh: '', en: '' },
): I18n {
  const total = groups.reduce((n, g) => n + g.items.length, 0);
  if (total === 0) return { zh: '无', en: 'none' };
  let budget = Math.max(1, max);
  const zh: string[] = [];
  const en: string[] = [];
  for (const g of groups) {
    const shown = g.items.slice(0, budget);
    if (shown.length === 0) continue;
    budget -= shown.length;
    zh.push(
      `${g.order.zh}：${shown.map((i) => (i.note ? `${i.name.zh}（${i.note.zh}）` : i.name.zh)).join('、')}`,
    );
    en.push(
      `${g.order.en}: ${shown.map((i) => (i.note ? `${i.name.en} (${i.note.en})` : i.name.en)).join(', ')}`,
    );
  }
  const rest = total - (Math.max(1, max) - budget);
  return {
    zh: `共 ${total} 处，${zh.join('；')}${rest > 0 ? `；其余 ${rest} 处${restNote.zh}` : ''}`,
    en: `${total}, ${en.join('; ')}${rest > 0 ? `; ${rest} more${restNote.en}` : ''}`,
  };
}

/** A distance as people read it: metres under a kilometre, else kilometres to one decimal. */
export function distanceText(m: number): I18n {
  const t = m < 1000 ? `${Math.round(m / 10) * 10} m` : `${(Math.round(m / 100) / 10).toFixed(1)} km`;
  return { zh: t, en: t };
}

/**
 * A range of distances with the unit once when both ends share it.
 *
 * @example
 * distanceRange(3400, 3600); // '3.4–3.6 km'
 * distanceRange(800, 1500); // '800 m–1.5 km'
 */
export function distanceRange(fromM: number, toM: number): string {
  const a = distanceText(fromM).en;
  const b = distanceText(toM).en;
  if (a === b) return a;
  const [av, au] = a.split(' ');
  const [bv, bu] = b.split(' ');
  return au === bu ? `${av}–${bv} ${bu}` : `${a}–${b}`;
}
