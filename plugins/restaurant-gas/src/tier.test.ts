import { describe, expect, it } from 'vitest';
import { defaults } from './config.js';
import { flammableTier, type TierInput } from './tier.js';

const LIMITS = { blue: 10, yellow: 20, orange: 25, red: 50 };
const base: TierInput = {
  kind: 'leak',
  level: 'yellow',
  values: [22],
  limits: LIMITS,
  valveFailed: false,
  crowded: false,
  buildingExposed: false,
  sensitive: [],
  minutesToLel: null,
  corroborated: false,
  runSpanMin: 6,
  frequentFalseAlarmer: false,
  unreliableDetector: false,
};

describe('flammableTier', () => {
  it('takes the concentration level of a sustained leak with nothing else', () => {
    const r = flammableTier(base, defaults);
    expect(r.tier).toBe('yellow');
    expect(r.confidence).toBe('medium');
  });

  it('makes two detectors at 25 %LEL or more red (catalogue red rule)', () => {
    const r = flammableTier({ ...base, level: 'orange', values: [26, 27], corroborated: true }, defaults);
    expect(r.tier).toBe('red');
    expect(r.confidence).toBe('high');
    expect(r.finding.en).toContain('2 detectors ≥ 25 %LEL: red');
  });

  it('makes orange-level gas in a meal peak red, but not yellow-level gas', () => {
    expect(flammableTier({ ...base, level: 'orange', values: [26], crowded: true }, defaults).tier).toBe(
      'red',
    );
    expect(flammableTier({ ...base, crowded: true }, defaults).tier).toBe('yellow');
  });

  it('caps the escalation at maxEscalation', () => {
    const x = { ...base, buildingExposed: true, sensitive: [{ zh: '小学', en: 'school' }], minutesToLel: 5 };
    expect(flammableTier(x, defaults).tier).toBe('orange');
    expect(flammableTier(x, { ...defaults, maxEscalation: 3 }).tier).toBe('red');
  });

  it('does not lower a long unconfirmed leak on a frequent false alarmer, but lowers a young one', () => {
    expect(flammableTier({ ...base, frequentFalseAlarmer: true }, defaults).tier).toBe('yellow');
    const young = flammableTier({ ...base, frequentFalseAlarmer: true, runSpanMin: 0 }, defaults);
    expect(young.tier).toBe('blue');
    expect(young.confidence).toBe('low');
  });

  it('never silences a transient at the orange level, however low its confidence', () => {
    const r = flammableTier(
      {
        ...base,
        kind: 'transient',
        level: 'orange',
        values: [26],
        runSpanMin: 0,
        frequentFalseAlarmer: true,
      },
      { ...defaults, falseAlarm: { ...defaults.falseAlarm, tierPenalty: 2 } },
    );
    expect(r.tier).toBe('blue');
  });
});
