import { describe, expect, it } from 'vitest';
import { defaults } from './definition.js';
import {
  forecastSignal,
  heldLevel,
  hoursToImpact,
  maxTier,
  observedTier,
  type PointSeries,
} from './signal.js';

const pt = (id: string, windMs: number[]): PointSeries => ({
  id,
  name: { zh: id, en: id },
  series: { hours: windMs.map((_, i) => i * 2), windMs },
});

describe('forecastSignal (CMA typhoon signal)', () => {
  it('is red when level-12 mean wind arrives within 6 h', () => {
    const hit = forecastSignal([pt('A', [10, 20, 28, 33, 35])], defaults);
    expect(hit).toMatchObject({ tier: 'red', hours: 6, by: 'mean' });
  });

  it('is orange, not red, when level-12 wind arrives only after 6 h but level 10 within 12 h', () => {
    const hit = forecastSignal([pt('A', [5, 10, 15, 20, 25, 28, 33])], defaults);
    expect(hit?.tier).toBe('orange');
    expect(hit?.hours).toBe(8);
  });

  it('counts a gust criterion through the gust factor (mean 23.5 × 1.4 ≥ 32.7 m/s is orange before level 10)', () => {
    const hit = forecastSignal([pt('A', [5, 10, 15, 20, 23.5, 24])], defaults);
    expect(hit).toMatchObject({ tier: 'orange', hours: 8, by: 'gust' });
    // A mean of 30 m/s makes 42 m/s gusts: red on the gust rung although level 12 is not reached.
    expect(forecastSignal([pt('B', [20, 30])], defaults)).toMatchObject({ tier: 'red', by: 'gust' });
  });

  it('picks the point reached first and gives no signal when nothing reaches level 6 or level-8 gusts', () => {
    const hit = forecastSignal([pt('far', [1, 2, 11]), pt('near', [11, 11, 11])], defaults);
    expect(hit).toMatchObject({ tier: 'blue', hours: 0 });
    expect(hit?.point.id).toBe('near');
    expect(forecastSignal([pt('A', [3, 5, 8, 10])], defaults)).toBeNull();
  });

  it('gives the time to impact of a speed over all points', () => {
    expect(hoursToImpact([pt('A', [1, 2, 20]), pt('B', [1, 18, 30])], 17.2)).toBe(2);
    expect(hoursToImpact([pt('A', [1, 2, 3])], 17.2)).toBeNull();
  });
});

describe('observedTier and heldLevel', () => {
  it('meets a rung on the mean wind or on the gust', () => {
    expect(observedTier(11, null, defaults)).toBe('blue');
    expect(observedTier(5, 25, defaults)).toBe('yellow');
    expect(observedTier(33, 20, defaults)).toBe('red');
    expect(observedTier(5, 10, defaults)).toBeNull();
  });

  it('takes the level a series has held for n samples', () => {
    expect(heldLevel([5, 12, 11], 2)).toBe(11);
    expect(heldLevel([12], 2)).toBeNull();
  });

  it('orders tiers', () => {
    expect(maxTier('blue', 'orange')).toBe('orange');
    expect(maxTier(null, 'blue')).toBe('blue');
    expect(maxTier('red', null)).toBe('red');
  });
});
