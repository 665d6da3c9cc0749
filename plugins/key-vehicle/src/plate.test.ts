import { describe, expect, it } from 'vitest';
import { plateEn } from './plate.js';

describe('plateEn', () => {
  it('writes the province abbreviation in pinyin', () => {
    expect(plateEn('浙A·D7788')).toBe('Zhe A·D7788');
    expect(plateEn('鄂A·K1234')).toBe('E A·K1234');
  });
  it('writes a trailing special character too, and leaves Latin plates alone', () => {
    expect(plateEn('浙A·1234学')).toBe('Zhe A·1234 Xue');
    expect(plateEn('沪B·H090挂')).toBe('Hu B·H090 Gua');
    expect(plateEn('AB-123')).toBe('AB-123');
  });
  it('never returns a Chinese character', () => {
    expect(plateEn('字A·12345')).not.toMatch(/[\u4e00-\u9fff]/u);
  });
});
