import { describe, expect, it } from 'vitest';
import { renderTemplate } from './template.js';

describe('renderTemplate', () => {
  it('fills placeholders, rounds numbers to two decimals and shows a missing value as —', () => {
    expect(
      renderTemplate('{{object}} 甲烷 {{ value }} {{unit}} {{nope}}', {
        object: '3号阀门井',
        value: 32.456,
        unit: '%LEL',
      }),
    ).toBe('3号阀门井 甲烷 32.46 %LEL —');
    expect(renderTemplate('{{n}}', { n: 7 })).toBe('7');
  });
});
