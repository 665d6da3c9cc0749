import { describe, expect, it } from 'vitest';
import { defaults } from './config.js';
import { alphaFor, betaFor, computeR, gradeOf, readInventory } from './rvalue.js';

const cfg = defaults.rValue;

describe('R-value grading (GB 18218-2018, 令40号 附件1)', () => {
  it('grades 300 t of liquid ammonia with 60 people outside as R = 1.5 × 2 × 300/10 = 90, grade 2', () => {
    const rv = computeR(
      [{ substance: '液氨', category: 'toxic_gas', toxicGas: 'ammonia', quantityT: 300, thresholdT: 10 }],
      60,
      cfg,
    );
    expect(rv.alpha).toBe(1.5);
    expect(rv.terms[0]).toMatchObject({ beta: 2, betaFrom: 'toxic_gas', term: 60 });
    expect(rv.r).toBeCloseTo(90, 9);
    expect(rv.sumRatio).toBe(30);
    expect(rv.grade).toBe(2);
  });

  it('sums the terms of a mixed inventory: LPG and H2S with nobody outside give R = 0.5 × (15 + 10) = 12.5, grade 3', () => {
    const rv = computeR(
      [
        { substance: '液化石油气', category: 'flammable_gas', quantityT: 500, thresholdT: 50 },
        {
          substance: '硫化氢',
          category: 'toxic_gas',
          toxicGas: 'hydrogen_sulfide',
          quantityT: 10,
          thresholdT: 5,
        },
      ],
      0,
      cfg,
    );
    expect(rv.terms.map((t) => t.beta)).toEqual([1.5, 5]);
    expect(rv.r).toBeCloseTo(12.5, 9);
    expect(rv.grade).toBe(3);
  });

  it('uses the named toxic gas before the category, the category next, and β = 1 for an unknown key', () => {
    expect(
      betaFor(
        { substance: '氯', category: 'toxic_gas', toxicGas: 'chlorine', quantityT: 1, thresholdT: 5 },
        cfg,
      ),
    ).toEqual({ beta: 4, from: 'toxic_gas' });
    expect(
      betaFor(
        { substance: '光气', category: 'toxic_gas', toxicGas: 'phosgene', quantityT: 1, thresholdT: 0.3 },
        cfg,
      ).beta,
    ).toBe(20);
    expect(
      betaFor(
        { substance: '某毒气', category: 'toxic_gas', toxicGas: 'unlisted', quantityT: 1, thresholdT: 1 },
        cfg,
      ),
    ).toEqual({ beta: 2, from: 'category' });
    expect(betaFor({ substance: '炸药', category: 'explosive', quantityT: 1, thresholdT: 1 }, cfg).beta).toBe(
      2,
    );
    expect(betaFor({ substance: '汽油', category: 'W5.1', quantityT: 1, thresholdT: 200 }, cfg).beta).toBe(
      1.5,
    );
    expect(betaFor({ substance: '?', category: 'no-such-class', quantityT: 1, thresholdT: 1 }, cfg)).toEqual({
      beta: 1,
      from: 'fallback',
    });
  });

  it('takes α from the exposed-people bands: ≥ 100 → 2.0, 50–99 → 1.5, 30–49 → 1.2, 1–29 → 1.0, 0 → 0.5', () => {
    const t = cfg.alphaByExposed;
    expect([100, 5000, 99, 50, 49, 30, 29, 1, 0].map((p) => alphaFor(p, t))).toEqual([
      2, 2, 1.5, 1.5, 1.2, 1.2, 1, 1, 0.5,
    ]);
  });

  it('grades R ≥ 100 as 一级, 50–100 as 二级, 10–50 as 三级 and below 10 as 四级', () => {
    const b = cfg.gradeBands;
    expect([100, 250, 99.99, 50, 49.9, 10, 9.99, 0].map((r) => gradeOf(r, b))).toEqual([
      1, 1, 2, 2, 3, 3, 4, 4,
    ]);
  });

  it('reads only well-formed inventory rows and gives null when none is usable', () => {
    expect(readInventory({})).toBeNull();
    expect(
      readInventory({ inventory: [{ substance: 'x', category: 'other', quantityT: 1, thresholdT: 0 }] }),
    ).toBeNull();
    expect(
      readInventory({
        inventory: [
          { substance: '氯', category: 'toxic_gas', toxicGas: 'chlorine', quantityT: 20, thresholdT: 5 },
          { substance: 'bad', category: 'other', quantityT: -1, thresholdT: 5 },
        ],
      }),
    ).toEqual([
      { substance: '氯', category: 'toxic_gas', toxicGas: 'chlorine', quantityT: 20, thresholdT: 5 },
    ]);
  });
});
