import { type Fixture, runScenario } from '@fenghuo/sdk/testing';
import { describe, expect, it } from 'vitest';
import plugin from './index.js';

const T0 = Date.parse('2026-11-29T06:00:00Z'); // 14:00 at UTC+8: open, not a meal peak
const ts = (min: number) => new Date(T0 + min * 60_000).toISOString();

function scene(opts: {
  readings: [number, string, Record<string, number>][];
  attributes?: Record<string, unknown>;
  valve?: boolean;
  config?: Record<string, unknown>;
}): Fixture {
  return {
    name: 'unit scene',
    ...(opts.config ? { config: opts.config } : {}),
    objects: [
      {
        id: 'K',
        kind: 'restaurant_kitchen',
        role: 'monitored',
        name: { zh: '测试后厨', en: 'Test kitchen' },
        geometry: { type: 'Point', coordinates: [120.1, 30.2] },
        attributes: { buildingUse: 'standalone', floor: 1, roomVolumeM3: 50, ...opts.attributes },
      },
      ...(opts.valve
        ? [
            {
              id: 'V',
              kind: 'shutoff_valve',
              role: 'monitored' as const,
              name: { zh: '测试切断阀', en: 'Test valve' },
              geometry: { type: 'Point' as const, coordinates: [120.1, 30.2] as [number, number] },
              attributes: { servesId: 'K' },
            },
          ]
        : []),
    ],
    sensors: [
      { id: 'D1', objectId: 'K', metrics: ['ch4_lel'], location: [120.1, 30.2] },
      ...(opts.valve
        ? [{ id: 'DV', objectId: 'V', metrics: ['valve_state'], location: [120.1, 30.2] as [number, number] }]
        : []),
    ],
    readings: opts.readings.map(([min, sensor, values]) => ({ sensor, ts: ts(min), values })),
    expect: { warnings: [] },
  } as Fixture;
}

const jump = (to: number): [number, string, Record<string, number>][] => [
  [0, 'D1', { ch4_lel: 0 }],
  [1, 'D1', { ch4_lel: 0.2 }],
  [2, 'D1', { ch4_lel: to }],
];

/** Four nuisance spikes on days 1, 3, 5, 8 before the scene, then the jump. */
function withNuisances(to: number): [number, string, Record<string, number>][] {
  const out: [number, string, Record<string, number>][] = [[-10 * 1440, 'D1', { ch4_lel: 0 }]];
  for (const d of [9, 7, 5, 2])
    for (const [k, v] of [0.2, 15, 0.1].entries()) out.push([-d * 1440 + k, 'D1', { ch4_lel: v }]);
  return [...out, ...jump(to)];
}

async function lastWarning(f: Fixture) {
  const r = await runScenario(plugin, f);
  return { warning: r.warnings[r.warnings.length - 1] ?? null, result: r };
}

describe('the time of day the findings give', () => {
  it('is the city’s, from the event’s offset rather than the configured one', async () => {
    // 06:02Z: 14:02 at the event's UTC+08:00 (the harness default), though the config says UTC.
    const { warning } = await lastWarning(scene({ readings: jump(30), config: { utcOffsetMin: 0 } }));
    const f = warning?.findings ?? [];
    expect(f.map((x) => x.zh)).toContain('当地时间 14:02 营业中');
    expect(f.map((x) => x.en)).toContain('14:02 local time: open');
    // A city at UTC−05:00: 01:02 there, outside the meal peaks.
    const west = await lastWarning({ ...scene({ readings: jump(30) }), utcOffsetMin: -300 });
    expect(west.warning?.findings.map((x) => x.en)).toContain('01:02 local time: open');
  });
});

describe('spike or leak, and the false-alarm record', () => {
  it('gives an unconfirmed jump to 30 %LEL on a clean detector a yellow warning, one tier below its level', async () => {
    const { warning } = await lastWarning(scene({ readings: jump(30) }));
    expect(warning?.tier).toBe('yellow');
    expect(warning?.findings.map((f) => f.en).join(' ')).toContain('unconfirmed transient: one step down');
  });

  it('lowers the same jump to blue on a frequent false alarmer', async () => {
    const { warning } = await lastWarning(scene({ readings: withNuisances(30) }));
    expect(warning?.tier).toBe('blue');
  });

  it('keeps yellow on the frequent false alarmer when the city sets the penalty to 0', async () => {
    const { warning } = await lastWarning(
      scene({
        readings: withNuisances(30),
        config: {
          falseAlarm: {
            lookbackDays: 14,
            nuisanceMaxMin: 5,
            mergeGapMin: 2,
            highPer30d: 4,
            minEpisodes: 3,
            tierPenalty: 0,
            maxPoints: 50_000,
          },
        },
      }),
    );
    expect(warning?.tier).toBe('yellow');
  });

  it('stays silent on an unconfirmed jump when transientWarnFrom is null', async () => {
    const { result } = await lastWarning(scene({ readings: jump(30), config: { transientWarnFrom: null } }));
    expect(result.warnings).toHaveLength(0);
    expect(result.alarms).toHaveLength(1);
  });

  it('gives a build-up to 12 %LEL in a standalone shop a blue warning', async () => {
    const readings: [number, string, Record<string, number>][] = [0, 3, 6, 9, 12].map((v, i) => [
      i,
      'D1',
      { ch4_lel: v },
    ]);
    const { warning } = await lastWarning(scene({ readings }));
    expect(warning?.tier).toBe('blue');
    expect(warning?.findings.map((f) => f.en).join(' ')).toContain('gas accumulating in the room');
  });

  it('raises a blue build-up to yellow when the shut-off valve reports a fault', async () => {
    const readings: [number, string, Record<string, number>][] = [[0, 'DV', { valve_state: 2 }]];
    for (const [i, v] of [0, 3, 6, 9, 12].entries()) readings.push([i, 'D1', { ch4_lel: v }]);
    const { warning, result } = await lastWarning(scene({ readings, valve: true }));
    expect(warning?.tier).toBe('yellow');
    expect(warning?.findings.map((f) => f.en).join(' ')).toContain('did not cut the supply');
    expect(warning?.findings.map((f) => f.en).join(' ')).toContain('valve did not close: at least yellow');
    // The valve fault itself is a device alarm without a warning.
    expect(result.alarms.map((a) => a.metric).sort()).toEqual(['ch4_lel', 'valve_state']);
  });

  it('keeps a blue build-up blue while the valve has not yet had its minute to close', async () => {
    const readings: [number, string, Record<string, number>][] = [];
    [0, 3, 6, 9, 12].forEach((v, i) => {
      readings.push([i, 'DV', { valve_state: 0 }]);
      readings.push([i, 'D1', { ch4_lel: v }]);
    });
    const { warning } = await lastWarning(scene({ readings, valve: true }));
    expect(warning?.tier).toBe('blue');
    expect(warning?.findings.map((f) => f.en).join(' ')).toContain('has not reported closed yet');
  });

  it('judges a 4.4 %vol-basis reading of 11 %LEL as 9.7 %LEL on the 5.0 basis: below blue, no warning', async () => {
    const { result } = await lastWarning(
      scene({
        readings: [0, 3, 6, 9, 11].map((v, i) => [i, 'D1', { ch4_lel: v }]),
        attributes: { ch4LelBasisPctVol: 4.4 },
      }),
    );
    expect(result.alarms).toHaveLength(1);
    expect(result.warnings).toHaveLength(0);
  });
});
