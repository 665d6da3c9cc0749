import { describe, expect, it } from 'vitest';
import { cityOffsetMin, inSpans, localMinuteOfDay, occupancy } from './occupancy.js';

const CFG = { utcOffsetMin: 480, defaultPeakHours: ['11:00-13:30', '17:00-20:30'] };

describe('local time and spans', () => {
  it('turns 04:10 UTC into 12:10 at UTC+8', () => {
    expect(localMinuteOfDay(Date.parse('2026-11-29T04:10:00Z'), 480)).toBe(12 * 60 + 10);
  });
  it('takes the event’s offset, the configured one only when the event has none', () => {
    expect(cityOffsetMin({ utcOffsetMin: -210 }, CFG)).toBe(-210);
    expect(cityOffsetMin({ utcOffsetMin: 0 }, CFG)).toBe(0);
    expect(cityOffsetMin({}, CFG)).toBe(480);
  });
  it('handles spans over midnight', () => {
    expect(inSpans(23 * 60, ['17:00-02:00'])).toBe(true);
    expect(inSpans(60, ['17:00-02:00'])).toBe(true);
    expect(inSpans(3 * 60, ['17:00-02:00'])).toBe(false);
  });
});

describe('occupancy', () => {
  it('is crowded at a meal peak while open, and exposes the residents of a building with flats', () => {
    const o = occupancy(
      { buildingUse: 'mixed_residential', floor: 1, openHours: ['10:00-21:30'], residentsInBuilding: 120 },
      Date.parse('2026-11-29T04:10:00Z'),
      CFG,
    );
    expect(o.crowded).toBe(true);
    expect(o.buildingExposed).toBe(true);
    expect(o.statements.map((s) => s.en).join(' ')).toContain('120 residents');
  });

  it('is neither open nor crowded out of hours, and a standalone shop exposes nobody else', () => {
    const o = occupancy(
      { buildingUse: 'standalone', floor: 1, openHours: ['10:00-21:30'] },
      Date.parse('2026-11-29T18:00:00Z'),
      CFG,
    );
    expect(o.open).toBe(false);
    expect(o.crowded).toBe(false);
    expect(o.buildingExposed).toBe(false);
  });

  it('counts a basement as exposing the building', () => {
    const o = occupancy({ buildingUse: 'standalone', floor: -1 }, Date.parse('2026-11-29T08:00:00Z'), CFG);
    expect(o.buildingExposed).toBe(true);
    expect(o.open).toBe(true);
  });
});
