import { describe, expect, it } from 'vitest';
import { escalate, levelOf, pondTier, raiseTier } from './levels.js';

const rule = { blueToYellow: 4, yellowToOrange: 3, orangeToRed: 2 };

describe('levelOf', () => {
  it('reads a falling threshold: a freeboard of 0.58 m against 0.8/0.7/0.6/0.5 m is orange', () => {
    expect(levelOf(0.58, { blue: 0.8, yellow: 0.7, orange: 0.6, red: 0.5 })).toBe('orange');
    expect(levelOf(0.81, { blue: 0.8, yellow: 0.7, orange: 0.6, red: 0.5 })).toBeNull();
  });
  it('reads a rising threshold: 110 mm of rain against 25/50/100/250 mm is orange', () => {
    expect(levelOf(110, { blue: 25, yellow: 50, orange: 100, red: 250 })).toBe('orange');
  });
  it('gives no level when the metric has no limits', () => {
    expect(levelOf(3, {})).toBeNull();
  });
});

describe('pondTier', () => {
  const d = { normalLevelM: 1250, preFloodLevelM: 1250.3, maxFloodLevelM: 1250.7 };
  it('places orange halfway between the pre-flood control level and the highest flood level', () => {
    expect(pondTier(1250.49, d)).toBe('yellow');
    expect(pondTier(1250.5, d)).toBe('orange');
    expect(pondTier(1250.7, d)).toBe('red');
    expect(pondTier(1249.9, d)).toBeNull();
  });
  it('skips levels whose design elevation is missing', () => {
    expect(pondTier(1260, { preFloodLevelM: 1250.3 })).toBe('yellow');
  });
});

describe('escalate (point → item → dam)', () => {
  it('makes 4 points at blue a yellow item, but 3 points at blue stay blue', () => {
    expect(escalate(['blue', 'blue', 'blue', 'blue'], rule)).toEqual({ tier: 'yellow', escalated: true });
    expect(escalate(['blue', 'blue', 'blue', null], rule)).toEqual({ tier: 'blue', escalated: false });
  });
  it('makes 3 points at yellow an orange item, counting higher points towards the lower steps', () => {
    expect(escalate(['yellow', 'orange', 'yellow'], rule).tier).toBe('orange');
  });
  it('makes 2 points at orange a red item', () => {
    expect(escalate(['orange', 'orange', null], rule).tier).toBe('red');
  });
  it('keeps the highest point when no count is reached, and a step set to 0 is off', () => {
    expect(escalate(['red', null], rule).tier).toBe('red');
    expect(escalate(['orange', 'orange'], { ...rule, orangeToRed: 0 }).tier).toBe('orange');
  });
  it('raises a tier by one and keeps red red', () => {
    expect(raiseTier('orange')).toBe('red');
    expect(raiseTier('red')).toBe('red');
    expect(raiseTier(null)).toBeNull();
  });
});
