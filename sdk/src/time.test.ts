import { describe, expect, it } from 'vitest';
import { localTime, utcOffsetLabel, zoneOffsetMin } from './time.js';

describe('local time', () => {
  it('gives the city’s wall-clock time across midnight, and leaves an unreadable ts alone', () => {
    expect(localTime('2026-11-29T20:54:35Z', 480)).toBe('2026-11-30 04:54:35');
    expect(localTime('2026-11-29T20:54:35.900Z', 480)).toBe('2026-11-30 04:54:35');
    expect(localTime('2026-01-01T01:00:00Z', -300)).toBe('2025-12-31 20:00:00');
    expect(localTime('2026-11-29T20:54:35Z')).toBe('2026-11-29 20:54:35');
    expect(localTime('yesterday', 480)).toBe('yesterday');
  });

  it('labels offsets and reads them from IANA zones, daylight saving included', () => {
    expect(utcOffsetLabel(480)).toBe('UTC+08:00');
    expect(utcOffsetLabel(-210)).toBe('UTC-03:30');
    expect(utcOffsetLabel(0)).toBe('UTC+00:00');
    expect(zoneOffsetMin('Asia/Shanghai', Date.parse('2026-11-29T20:00:00Z'))).toBe(480);
    expect(zoneOffsetMin('Asia/Kolkata', Date.parse('2026-06-01T00:00:00Z'))).toBe(330);
    expect(zoneOffsetMin('Europe/London', Date.parse('2026-07-01T12:00:00Z'))).toBe(60);
    expect(zoneOffsetMin('Europe/London', Date.parse('2026-01-01T12:00:00Z'))).toBe(0);
    expect(zoneOffsetMin('America/St_Johns', Date.parse('2026-01-01T12:00:00Z'))).toBe(-210);
    expect(zoneOffsetMin('Not/AZone', 0)).toBe(0);
  });
});
