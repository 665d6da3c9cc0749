import { describe, expect, it } from 'vitest';
import { defaults } from './definition.js';
import { estimateSource, type SourceCandidate } from './source.js';

const T = Date.parse('2026-11-29T08:00:00Z');
const cand = (id: string, lon: number, peak: number, slope: number, onsetMin: number): SourceCandidate => ({
  sensorId: id,
  objectId: id,
  name: { zh: `${id}井`, en: `Well ${id}` },
  at: [lon, 30.27],
  peak,
  slopePerMin: slope,
  onsetT: T + onsetMin * 60_000,
});

describe('leak source estimate', () => {
  it('names the sensor that rose first, highest and steepest, and says why', () => {
    const est = estimateSource(
      [cand('B', 120.151, 12, 1.8, 3), cand('A', 120.15, 30, 3.6, 0), cand('C', 120.149, 6, 1.5, 5)],
      defaults.sourceWeights,
      3,
    )!;
    expect(est.best.sensorId).toBe('A');
    expect(est.best.first && est.best.highest && est.best.steepest).toBe(true);
    expect(est.reason.en).toBe(
      'rose first (3 min before the others), highest concentration (30 %LEL), steepest rise (3.6 %LEL/min)',
    );
    expect(est.reason.zh).toContain('最先上升（早于其他点 3 分钟）');
    expect(est.ranked.map((c) => c.sensorId)).toEqual(['A', 'B', 'C']);
  });

  it('puts the centroid between the top points, nearest the best', () => {
    const est = estimateSource(
      [cand('A', 120.15, 30, 3, 0), cand('B', 120.152, 10, 1, 4)],
      defaults.sourceWeights,
      2,
    )!;
    expect(est.centroid[0]).toBeGreaterThan(120.15);
    expect(est.centroid[0]).toBeLessThan(120.151);
    expect(est.offsetM).toBeGreaterThan(0);
  });

  it('weighs the signs by the configured weights', () => {
    // A rose first but B is far higher and steeper; with all weight on "first", A wins.
    const cands = [cand('A', 120.15, 8, 0.5, 0), cand('B', 120.151, 40, 5, 2)];
    expect(estimateSource(cands, defaults.sourceWeights, 2)!.best.sensorId).toBe('B');
    expect(estimateSource(cands, { first: 1, highest: 0, steepest: 0 }, 2)!.best.sensorId).toBe('A');
  });

  it('says a single detecting point is the source itself', () => {
    const est = estimateSource([cand('A', 120.15, 12, 1, 0)], defaults.sourceWeights, 3)!;
    expect(est.best.sensorId).toBe('A');
    expect(est.offsetM).toBe(0);
    expect(est.reason.en).toContain('the only point that sees gas');
  });

  it('breaks ties by sensor id so that the answer is reproducible', () => {
    const est = estimateSource(
      [cand('B', 120.151, 10, 1, 0), cand('A', 120.15, 10, 1, 0)],
      defaults.sourceWeights,
      2,
    )!;
    expect(est.best.sensorId).toBe('A');
  });

  it('returns null without candidates', () => {
    expect(estimateSource([], defaults.sourceWeights, 3)).toBeNull();
  });
});
