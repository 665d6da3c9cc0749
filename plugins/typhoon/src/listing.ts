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
  if (items.length === 0) return { zh: '无', en: 'none' };
  const shown = items.slice(0, Math.max(1, max));
  const rest = items.length - shown.length;
  const zh = shown.map((i) => (i.note ? `${i.name.zh}（${i.note.zh}）` : i.name.zh)).join('、');
  const en = shown.map((i) => (i.note ? `${i.name.en} (${i.note.en})` : i.name.en)).join(', ');
  return {
    zh: `共 ${items.length} 处，${order.zh}：${zh}${rest > 0 ? `；其余 ${rest} 处${restNote.zh}` : ''}`,
    en: `${items.length}, ${order.en}: ${en}${rest > 0 ? `; ${rest} more${restNote.en}` : ''}`,
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
