import { describe, expect, it } from 'vitest';
import { defaults } from './config.js';
import { alarmIndex, riskState, tierOf } from './state.js';

const bands = defaults.stateBands;

describe('alarm-management index (notes §5.2 item 4)', () => {
  it('adds 10 per overdue alarm and 20 each for a long-unacknowledged alarm, a flood and offline sensors', () => {
    const none = { overdue: null, unackMin: null, ratePer10Min: null, offline: 0, total: 10 };
    expect(alarmIndex(none, defaults.alarmMgmt).score).toBe(0);
    expect(alarmIndex({ ...none, overdue: 3 }, defaults.alarmMgmt).score).toBe(30);
    expect(alarmIndex({ ...none, unackMin: 61 }, defaults.alarmMgmt).score).toBe(20);
    expect(alarmIndex({ ...none, unackMin: 60 }, defaults.alarmMgmt).score).toBe(0);
    expect(alarmIndex({ ...none, ratePer10Min: 11 }, defaults.alarmMgmt).score).toBe(20);
    expect(alarmIndex({ ...none, offline: 2 }, defaults.alarmMgmt)).toMatchObject({
      score: 20,
      offlineShare: 0.2,
    });
    expect(alarmIndex({ ...none, offline: 1 }, defaults.alarmMgmt).score).toBe(0);
    expect(
      alarmIndex({ overdue: 9, unackMin: 90, ratePer10Min: 30, offline: 5, total: 10 }, defaults.alarmMgmt)
        .score,
    ).toBe(100);
  });
});

describe('risk state', () => {
  it('is the largest index, named, and banded ≥ 75 red, ≥ 50 orange, ≥ 25 yellow, > 0 blue', () => {
    expect(riskState({ storage: 30, unit: 0, leak: 85, alarm: 20 }, bands)).toEqual({
      score: 85,
      driver: 'leak',
      tier: 'red',
    });
    expect(riskState({ storage: 0, unit: 0, leak: 0, alarm: 0 }, bands)).toEqual({
      score: 0,
      driver: null,
      tier: null,
    });
    expect([75, 74.9, 50, 25, 24.9, 0.1, 0].map((s) => tierOf(s, bands))).toEqual([
      'red',
      'orange',
      'orange',
      'yellow',
      'blue',
      'blue',
      null,
    ]);
  });
});
