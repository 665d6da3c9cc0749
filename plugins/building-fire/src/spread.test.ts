import { describe, expect, it } from 'vitest';
import { floorRanges } from './common.js';
import { defaults } from './config.js';
import { floorStep, floorsAtRisk } from './spread.js';

const tower = { floorsAbove: 30, floorsBelow: 1, detectedFloors: [] as number[] };

describe('floorsAtRisk', () => {
  it('puts every floor from the neutral plane to the top at risk for a low fire in winter (normal stack effect)', () => {
    const s = floorsAtRisk({ ...tower, fireFloor: 12, outdoorC: 3 }, defaults);
    expect(s.stack).toBe('normal');
    expect(s.neutralFloor).toBe(15);
    expect(floorRanges(s.floors)).toBe('12–30');
  });

  it('keeps a fire above the neutral plane to its own floor and the two above in winter', () => {
    expect(floorsAtRisk({ ...tower, fireFloor: 20, outdoorC: 3 }, defaults).floors).toEqual([20, 21, 22]);
  });

  it('adds the floors below for a high fire in summer (reverse stack effect)', () => {
    const s = floorsAtRisk({ ...tower, fireFloor: 20, outdoorC: 35 }, defaults);
    expect(s.stack).toBe('reverse');
    expect(s.floors).toEqual([18, 19, 20, 21, 22]);
  });

  it('assumes winter when the outdoor temperature is unknown (the worse case for upper floors)', () => {
    const s = floorsAtRisk({ ...tower, fireFloor: 3, outdoorC: null }, defaults);
    expect(s.assumedWinter).toBe(true);
    expect(s.floors).toContain(30);
  });

  it('does not apply the stack rule to a low building and keeps floors inside it', () => {
    const s = floorsAtRisk(
      { floorsAbove: 5, floorsBelow: 0, detectedFloors: [], fireFloor: 4, outdoorC: 0 },
      defaults,
    );
    expect(s.stack).toBe('none');
    expect(s.floors).toEqual([4, 5]);
  });

  it('sends basement smoke to the ground floor and skips the floor 0 that does not exist', () => {
    const s = floorsAtRisk(
      { floorsAbove: 5, floorsBelow: 2, detectedFloors: [], fireFloor: -2, outdoorC: 0 },
      defaults,
    );
    expect(s.floors).toEqual([-2, -1, 1]);
    expect(floorStep(-1, 1)).toBe(1);
  });

  it('includes floors where detectors already alarm', () => {
    expect(
      floorsAtRisk({ ...tower, detectedFloors: [27], fireFloor: 20, outdoorC: 3 }, defaults).floors,
    ).toContain(27);
  });
});

describe('floorRanges', () => {
  it('writes floors as ranges with basements as B1, B2 and −1 next to 1', () => {
    expect(floorRanges([3, 1, 2, 7, -1, -2])).toBe('B2–3, 7');
    expect(floorRanges([])).toBe('');
  });
});
