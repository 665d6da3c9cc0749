/**
 * Small helpers for the English texts: a metric's name inside a sentence, a count with its noun, a list
 * that reads as a list. The Chinese texts need none of them (顿号 lists, no plural, no capitals).
 */

/**
 * A name that begins a sentence ("Crack width"), lowered to run inside one ("crack width"); an acronym
 * ("PPV limit") is left as it is.
 *
 * @example
 * lowerFirst('Building / wall tilt'); // 'building / wall tilt'
 */
export function lowerFirst(s: string): string {
  return /^[A-Z][A-Z0-9]/.test(s) ? s : s.charAt(0).toLowerCase() + s.slice(1);
}

/**
 * A count with its noun, singular for one.
 *
 * @example
 * plural(1, 'tier'); // '1 tier'
 * plural(2, 'kind'); // '2 kinds'
 */
export function plural(n: number, noun: string): string {
  return `${n} ${n === 1 ? noun : `${noun}s`}`;
}

/**
 * Items joined as an English list: "a", "a and b", "a, b and c".
 *
 * @example
 * listEn(['Qinghefang Lane', 'Block 11', 'the kindergarten']); // 'Qinghefang Lane, Block 11 and the kindergarten'
 */
export function listEn(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
