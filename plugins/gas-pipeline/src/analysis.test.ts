/**
 * The analyses on small scenes built in code, looking at what `analyze` returned (the scenario fixtures in
 * `test/fixtures` check the same pipeline end to end through alarms and warnings).
 */
import type { AnalysisResult } from '@fenghuo/sdk';
import { type Fixture, runScenario } from '@fenghuo/sdk/testing';
import { describe, expect, it } from 'vitest';
import plugin from './index.js';

type Obj = Fixture['objects'][number];
const T0 = Date.parse('2026-11-29T06:00:00Z');
const ts = (min: number) => new Date(T0 + min * 60_000).toISOString();
const pt = (lon: number, lat: number) => ({
  type: 'Point' as const,
  coordinates: [lon, lat] as [number, number],
});

const main: Obj = {
  id: 'GM-1',
  kind: 'gas_main_mp_lp',
  role: 'monitored',
  name: { zh: '中压燃气管', en: 'MP gas main' },
  geometry: {
    type: 'LineString',
    coordinates: [
      [120.148, 30.27],
      [120.154, 30.27],
    ],
  },
  attributes: { pressureClass: 'medium_a', normalPressureMpa: 0.35, diameterMm: 300, material: 'steel' },
};
const well = (id: string, lon: number, attributes: Record<string, unknown> = {}): Obj => ({
  id,
  kind: 'valve_well',
  role: 'monitored',
  name: { zh: `${id}阀门井`, en: `Valve well ${id}` },
  geometry: pt(lon, 30.2701),
  attributes: { mainId: 'GM-1', ...attributes },
});
const school: Obj = {
  id: 'SCH-1',
  kind: 'school',
  role: 'target',
  name: { zh: '小学', en: 'Primary school' },
  geometry: pt(120.1505, 30.2709),
  attributes: {},
};

/** Readings of one ch4 sensor from a list of values, one a minute. */
const ch4 = (sensor: string, values: number[]) =>
  values.map((v, i) => ({ sensor, ts: ts(i), values: { ch4: Math.round(v * 100) / 100 } }));

async function analyses(f: Omit<Fixture, 'expect' | 'name'> & { name?: string }): Promise<AnalysisResult[]> {
  const r = await runScenario(plugin, { name: f.name ?? 'scene', expect: { alarms: [] }, ...f });
  for (const a of r.analyses) if (a.error) throw new Error(a.error);
  return r.analyses.map((a) => a.result!);
}

/** A quiet half hour, then a ten-minute rise to `peak`, one reading a minute. */
const leak = (peak: number) => [
  ...Array.from({ length: 30 }, (_, i) => 0.6 + (i % 3) * 0.1),
  ...Array.from({ length: 10 }, (_, i) => ((i + 1) * peak) / 10),
];

describe('methane analysis', () => {
  it('gives a drifting sensor that has crept to yellow at most a blue warning, with calibration advice', async () => {
    const values = Array.from({ length: 181 }, (_, i) => 0.3 + 0.12 * i + (i % 2 ? 0.05 : 0));
    const out = await analyses({
      objects: [main, well('VW-1', 120.1505), well('VW-2', 120.1515)],
      sensors: [
        { id: 'G1', objectId: 'VW-1', metrics: ['ch4'], location: [120.1505, 30.2701] },
        { id: 'G2', objectId: 'VW-2', metrics: ['ch4'], location: [120.1515, 30.2701] },
      ],
      readings: [
        ...ch4('G1', values),
        ...ch4(
          'G2',
          values.map(() => 0.5),
        ),
      ],
    });
    const last = out[out.length - 1]!;
    expect(last.tier).toBe('blue');
    expect(last.findings.some((f) => f.en.startsWith('Slow steady climb'))).toBe(true);
    expect(last.actions[0]!.en).toContain('Calibrate');
    expect(out.every((r) => r.tier === null || r.tier === 'blue')).toBe(true);
  });

  it('judges a 4.4 %vol-basis reading that is below the alarm level once normalised as no warning', async () => {
    const out = await analyses({
      objects: [main, well('VW-1', 120.1505, { lelBasisPctVol: 4.4 })],
      sensors: [{ id: 'G1', objectId: 'VW-1', metrics: ['ch4'], location: [120.1505, 30.2701] }],
      readings: ch4('G1', [0.5, 0.5, 5.5, 5.5, 5.5]),
    });
    expect(out).toHaveLength(1);
    expect(out[0]!.tier).toBeNull();
    expect(out[0]!.findings[0]!.en).toContain('×0.88');
    expect(
      out[0]!.findings.some((f) => f.en.startsWith('Below the 5 %LEL alarm level once normalised')),
    ).toBe(true);
  });

  it('raises the tier by one when a school is inside the impact radius', async () => {
    const scene = {
      sensors: [
        { id: 'G1', objectId: 'VW-1', metrics: ['ch4'], location: [120.1505, 30.2701] as [number, number] },
      ],
      readings: ch4('G1', [...leak(22), 22, 22]),
    };
    const without = await analyses({ ...scene, objects: [main, well('VW-1', 120.1505)] });
    const withSchool = await analyses({ ...scene, objects: [main, well('VW-1', 120.1505), school] });
    const a = without[without.length - 1]!;
    const b = withSchool[withSchool.length - 1]!;
    expect(a.tier).toBe('yellow');
    expect(b.tier).toBe('orange');
    expect(b.targets?.map((t) => t.id)).toEqual(['SCH-1']);
    expect(b.impactRadiusM).toBe(100);
  });

  it('adds no more tiers than maxEscalation allows', async () => {
    const out = await analyses({
      objects: [main, well('VW-1', 120.1505), school],
      sensors: [{ id: 'G1', objectId: 'VW-1', metrics: ['ch4'], location: [120.1505, 30.2701] }],
      readings: ch4('G1', [...leak(22), 22, 22]),
      config: { maxEscalation: 0 },
    });
    expect(out[out.length - 1]!.tier).toBe('yellow');
  });

  it('draws the impact area as a closed polygon around the estimated source', async () => {
    const out = await analyses({
      objects: [main, well('VW-1', 120.1505)],
      sensors: [{ id: 'G1', objectId: 'VW-1', metrics: ['ch4'], location: [120.1505, 30.2701] }],
      readings: ch4('G1', [...leak(12), 12, 12]),
    });
    const r = out[out.length - 1]!;
    expect(r.tier).toBe('blue');
    expect(r.impact?.type).toBe('Polygon');
    if (r.impact?.type !== 'Polygon') return;
    const ring = r.impact.coordinates[0]!;
    expect(ring[0]).toEqual(ring[ring.length - 1]);
  });

  it('returns the same result for the same input', async () => {
    const scene = {
      objects: [main, well('VW-1', 120.1505), well('VW-2', 120.151), school],
      sensors: [
        { id: 'G1', objectId: 'VW-1', metrics: ['ch4'], location: [120.1505, 30.2701] as [number, number] },
        { id: 'G2', objectId: 'VW-2', metrics: ['ch4'], location: [120.151, 30.2701] as [number, number] },
      ],
      readings: [...ch4('G1', leak(30)), ...ch4('G2', leak(12))],
    };
    expect(await analyses(scene)).toEqual(await analyses(scene));
  });
});

describe('pressure analysis', () => {
  const station: Obj = {
    id: 'RS-1',
    kind: 'regulator_station',
    role: 'monitored',
    name: { zh: '1号调压站', en: 'Regulator station 1' },
    geometry: pt(120.15, 30.27),
    attributes: { mainId: 'GM-1', normalPressureMpa: 0.2 },
  };
  // Flow first: the harness analyses as soon as the pressure value is evaluated, and the flow of the same
  // reading must be stored by then (core analyses in a job, after the whole reading is stored).
  const readings = (p: number[], q: number[]) =>
    p.map((v, i) => ({ sensor: 'PR-1', ts: ts(i), values: { flow: q[i]!, pressure: v } }));

  it('reads pressure and flow falling together with no gas as a supply fault, not a leak', async () => {
    const p = [...Array.from({ length: 20 }, () => 0.2), ...Array.from({ length: 8 }, () => 0.13)];
    const q = [...Array.from({ length: 20 }, () => 1200), ...Array.from({ length: 8 }, () => 600)];
    const out = await analyses({
      objects: [main, station],
      sensors: [{ id: 'PR-1', objectId: 'RS-1', metrics: ['pressure', 'flow'], location: [120.15, 30.27] }],
      readings: readings(p, q),
    });
    const r = out[out.length - 1]!;
    expect(r.tier).toBe('orange');
    expect(r.findings.some((f) => f.en.includes('supply or regulator fault'))).toBe(true);
    expect(r.actions[0]!.en).toContain('regulator station');
  });

  it('raises the tier when flow rises while pressure falls (a leak signature)', async () => {
    const p = [...Array.from({ length: 20 }, () => 0.2), ...Array.from({ length: 8 }, () => 0.17)];
    const q = [...Array.from({ length: 20 }, () => 1200), ...Array.from({ length: 8 }, () => 1700)];
    const out = await analyses({
      objects: [main, station],
      sensors: [{ id: 'PR-1', objectId: 'RS-1', metrics: ['pressure', 'flow'], location: [120.15, 30.27] }],
      readings: readings(p, q),
    });
    const r = out[out.length - 1]!;
    expect(r.tier).toBe('yellow'); // blue (≤ 90 % of P_set for 5 min) + 1 for the flow rise
    expect(r.findings.some((f) => f.en.includes('a leak signature'))).toBe(true);
  });
});
