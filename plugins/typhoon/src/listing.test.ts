import { describe, expect, it } from 'vitest';
import { distanceRange, distanceText, listAffected, listAffectedGroups } from './listing.js';

const item = (n: string) => ({ name: { zh: n, en: n } });

describe('affected listing', () => {
  it('names at most max and counts the rest in the same line', () => {
    expect(
      listAffected([item('A'), item('B'), item('C')], 2, { zh: '由近及远', en: 'nearest first' }),
    ).toEqual({
      zh: '共 3 处，由近及远：A、B；其余 1 处',
      en: '3, nearest first: A, B; 1 more',
    });
    expect(listAffected([], 2, { zh: '', en: '' })).toEqual({ zh: '无', en: 'none' });
  });

  it('writes distances and ranges as people read them', () => {
    expect(distanceText(664).en).toBe('660 m');
    expect(distanceText(3040).en).toBe('3.0 km');
    expect(distanceRange(3400, 3640)).toBe('3.4–3.6 km');
    expect(distanceRange(800, 1500)).toBe('800 m–1.5 km');
    expect(distanceRange(3400, 3420)).toBe('3.4 km');
  });

  it('lists groups under their headings with one budget of names', () => {
    const low = { zh: '低洼', en: 'low' };
    const unknown = { zh: '未知', en: 'unknown' };
    expect(
      listAffectedGroups(
        [
          { order: low, items: [item('A')] },
          { order: unknown, items: [item('B'), item('C')] },
        ],
        2,
      ),
    ).toEqual({ zh: '共 3 处，低洼：A；未知：B；其余 1 处', en: '3, low: A; unknown: B; 1 more' });
    // A group left wholly to the counted rest, or empty, loses its heading.
    expect(
      listAffectedGroups(
        [
          { order: low, items: [item('A'), item('B')] },
          { order: unknown, items: [item('C')] },
        ],
        2,
      ),
    ).toEqual({ zh: '共 3 处，低洼：A、B；其余 1 处', en: '3, low: A, B; 1 more' });
    expect(
      listAffectedGroups(
        [
          { order: low, items: [] },
          { order: unknown, items: [item('C')] },
        ],
        5,
      ).en,
    ).toBe('1, unknown: C');
    expect(listAffectedGroups([{ order: low, items: [] }], 5)).toEqual({ zh: '无', en: 'none' });
  });
});
