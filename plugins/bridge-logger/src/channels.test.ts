import { describe, expect, it } from 'vitest';
import { convertChannel } from './channels.js';

describe('convertChannel', () => {
  it('converts lengths to mm, accelerations to m/s², tilt to ‰, forces to kN and wind to m/s', () => {
    const cases: [string, number, string, string, number][] = [
      ['deflection', 2.5, 'cm', 'deflection', 25],
      ['deflection', -0.0125, 'm', 'deflection', -12.5],
      ['displacement', 4, 'cm', 'displacement', 40],
      ['acceleration', 1, 'g', 'acceleration', 9.8067],
      ['accel', 150, 'mg', 'acceleration', 1.471],
      ['vibration', 35, 'gal', 'acceleration', 0.35],
      ['acceleration', 0.8, 'm/s2', 'acceleration', 0.8],
      ['tilt', 0.5, '%', 'inclination', 5],
      ['inclination', 2, 'mrad', 'inclination', 2],
      ['inclination', 0.002, 'rad', 'inclination', 2],
      ['crack', 250, 'um', 'crack_width', 0.25],
      ['cable_force', 1_200_000, 'N', 'cable_force', 1200],
      ['cable_force', 100, 't', 'cable_force', 980.665],
      ['wind', 20, 'kn', 'wind_speed', 10.2889],
      ['strain', 150, 'με', 'strain', 150],
      ['strain', 150, 'µε', 'strain', 150],
      ['strain', -150, 'microstrain', 'strain', -150],
    ];
    for (const [type, value, unit, metric, out] of cases) {
      expect(convertChannel({ ch: 1, type, value, unit }), `${value} ${unit} of ${type}`).toEqual({
        metric,
        value: out,
      });
    }
  });

  it('takes a channel without a unit to be in the catalogue unit, and matches type and unit case-insensitively', () => {
    expect(convertChannel({ ch: 1, type: 'Strain', value: -300 })).toEqual({ metric: 'strain', value: -300 });
    expect(convertChannel({ ch: 1, type: 'WIND_SPEED', value: 36, unit: 'KM/H' })).toEqual({
      metric: 'wind_speed',
      value: 10,
    });
  });

  it('reports tilt, acceleration and displacement as magnitudes but keeps the sign of deflection and strain', () => {
    expect(convertChannel({ ch: 1, type: 'tilt', value: -1.5, unit: '‰' })).toEqual({
      metric: 'inclination',
      value: 1.5,
    });
    expect(convertChannel({ ch: 1, type: 'acceleration', value: -0.3 })).toEqual({
      metric: 'acceleration',
      value: 0.3,
    });
    expect(convertChannel({ ch: 1, type: 'displacement', value: -7 })).toEqual({
      metric: 'displacement',
      value: 7,
    });
    expect(convertChannel({ ch: 1, type: 'deflection', value: -7 })).toEqual({
      metric: 'deflection',
      value: -7,
    });
  });

  it('skips a channel that is not an object, has no type, an unknown type or unit, a bad value, a fault status or an out-of-range value', () => {
    const skipped = (c: unknown, text: string) =>
      expect((convertChannel(c) as { skipped: string }).skipped).toContain(text);
    skipped(7, 'is not an object');
    skipped({ ch: 1, value: 1 }, 'channel 1: no channel type');
    skipped({ ch: 2, type: 'humidity', value: 1 }, 'unknown channel type "humidity"');
    skipped({ ch: 3, type: 'strain', value: 1, unit: 'psi' }, 'unit "psi" is not a unit of strain');
    skipped({ ch: 3, type: 'strain', value: 1, unit: 5 }, 'unit 5 is not text');
    skipped({ ch: 4, type: 'strain', value: Number.NaN }, 'is not a finite number');
    skipped({ ch: 4, type: 'strain', value: '12' }, 'value "12" is not a finite number');
    skipped({ ch: 5, type: 'strain', value: 1, status: 'overrange' }, 'status "overrange"');
    skipped({ ch: 6, type: 'crack_width', value: 0.6, unit: 'cm' }, 'crack_width 6 mm is outside [0, 5]');
    skipped({ ch: 7, type: 'wind_speed', value: -1 }, 'wind_speed -1 m/s is outside [0, 60]');
    expect(convertChannel({ ch: 8, type: 'strain', value: 1, status: 'ok' })).toEqual({
      metric: 'strain',
      value: 1,
    });
  });
});
