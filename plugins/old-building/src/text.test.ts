import { describe, expect, it } from 'vitest';
import { listEn, lowerFirst, plural } from './text.js';

describe('English text helpers', () => {
  it('lowers a metric name to run inside a sentence, but not an acronym', () => {
    expect(lowerFirst('Crack width')).toBe('crack width');
    expect(lowerFirst('Building / wall tilt')).toBe('building / wall tilt');
    expect(lowerFirst('PPV limit')).toBe('PPV limit');
  });

  it('says 1 tier and 2 tiers', () => {
    expect(plural(1, 'tier')).toBe('1 tier');
    expect(plural(2, 'tier')).toBe('2 tiers');
    expect(plural(0, 'kind')).toBe('0 kinds');
  });

  it('joins a list with "and" before the last item', () => {
    expect(listEn([])).toBe('');
    expect(listEn(['a'])).toBe('a');
    expect(listEn(['a', 'b'])).toBe('a and b');
    expect(listEn(['a', 'b', 'c'])).toBe('a, b and c');
  });
});
