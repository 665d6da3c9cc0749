import { describe, expect, it } from 'vitest';
import { defaults } from './definition.js';
import { combineTier, evidence, likelihood, severity, tierOfLikelihood, vulnerability } from './score.js';

const tilt = { blue: 4, yellow: 7, orange: 10, red: 20 };

describe('collapse-likelihood score', () => {
  it('maps a value to a severity anchored on the tier limits', () => {
    expect(severity(0, tilt)).toBe(0);
    expect(severity(2, tilt)).toBeCloseTo(0.0625, 9);
    expect(severity(4, tilt)).toBeCloseTo(0.25, 9);
    expect(severity(8.5, tilt)).toBeCloseTo(0.625, 9);
    expect(severity(30, tilt)).toBe(1);
  });

  it('combines signals by noisy-OR so that each confirms the others', () => {
    const one = evidence([{ key: 'tilt', severity: 0.5 }], defaults.weights);
    const two = evidence(
      [
        { key: 'tilt', severity: 0.5 },
        { key: 'settlement_rate', severity: 0.5 },
      ],
      defaults.weights,
    );
    expect(one).toBeCloseTo(0.5, 9);
    expect(two).toBeCloseTo(1 - 0.5 * (1 - 0.45), 9);
  });

  it('makes an old, altered, class-D self-built masonry house more vulnerable than a sound RC block', () => {
    const shop = vulnerability(
      {
        builtYear: 1980,
        structure: 'masonry',
        dangerClass: 'D',
        use: 'self_built_commercial',
        altered: true,
      },
      defaults,
      2026,
    );
    const block = vulnerability(
      { builtYear: 2000, structure: 'rc_frame', dangerClass: 'A', use: 'residential' },
      defaults,
      2026,
    );
    // 1.2 × 1.6 × 1.2 × 1.2 × (1 + 0.01 × 16)
    expect(shop.value).toBeCloseTo(1.2 * 1.6 * 1.2 * 1.2 * 1.16, 9);
    expect(shop.ageYears).toBe(46);
    expect(block.value).toBeCloseTo(0.8, 9);
    expect(likelihood(0.3, shop.value)).toBeGreaterThan(likelihood(0.3, block.value));
  });

  it('caps the age factor', () => {
    expect(vulnerability({ builtYear: 1700 }, defaults, 2026).parts.age).toBe(defaults.ageFactorMax);
  });

  it('lets the likelihood add at most maxEscalation tiers, and never warns without an exceedance', () => {
    expect(tierOfLikelihood(0.95, defaults.likelihoodBands)).toBe('red');
    expect(tierOfLikelihood(0.2, defaults.likelihoodBands)).toBeNull();
    expect(combineTier('blue', 'red', 1)).toBe('yellow');
    expect(combineTier('orange', 'blue', 1)).toBe('orange');
    expect(combineTier(null, 'red', 2)).toBeNull();
  });
});
