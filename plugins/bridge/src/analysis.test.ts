/**
 * The bridge analysis on small scenes built in code, looking at what `analyze` returned (the fixtures in
 * `test/fixtures` check the same pipeline end to end through alarms and warnings).
 */
import type { AnalysisResult } from '@fenghuo/sdk';
import { type Fixture, runScenario } from '@fenghuo/sdk/testing';
import { describe, expect, it } from 'vitest';
import plugin from './index.js';

type Obj = Fixture['objects'][number];
const T0 = Date.parse('2026-11-29T09:00:00Z');
const ts = (min: number) => new Date(T0 + min * 60_000).toISOString();
const at: [number, number] = [120.16, 30.2655];

const bridge = (kind: string, attributes: Record<string, unknown>): Obj => ({
  id: 'BR',
  kind,
  role: 'monitored',
  name: { zh: '测试桥', en: 'Test bridge' },
  geometry: {
    type: 'LineString',
    coordinates: [
      [120.16, 30.265],
      [120.16, 30.2668],
    ],
  },
  attributes: {
    conditionClass: 'C',
    spanM: 40,
    deflectionLimitMm: 66.7,
    strainDesignUe: 300,
    crackLimitMm: 0.2,
    ...attributes,
  },
});

/** One sensor per metric, each fed `quiet` for 10 minutes then `high` for `n` minutes. */
function scene(
  obj: Obj,
  series: Record<string, { quiet: number; high: number; n?: number }>,
  extra: Partial<Fixture> = {},
) {
  const sensors = Object.keys(series).map((m, i) => ({
    id: `S-${m}`,
    objectId: obj.id,
    metrics: [m],
    location: [at[0], at[1] + i * 0.0001] as [number, number],
  }));
  const readings = [];
  for (let t = 0; t < 10 + Math.max(...Object.values(series).map((s) => s.n ?? 5)); t++) {
    for (const [m, s] of Object.entries(series)) {
      if (t >= 10 + (s.n ?? 5)) continue;
      readings.push({ sensor: `S-${m}`, ts: ts(t), values: { [m]: t < 10 ? s.quiet : s.high } });
    }
  }
  return { name: 'scene', objects: [obj], sensors, readings, expect: { alarms: [] }, ...extra } as Fixture;
}

async function last(f: Fixture): Promise<AnalysisResult> {
  const r = await runScenario(plugin, f);
  for (const a of r.analyses) if (a.error) throw new Error(a.error);
  return r.analyses[r.analyses.length - 1]!.result!;
}

describe('bridge analysis', () => {
  it('judges crowd vibration on a footbridge by the Sétra comfort bands', async () => {
    const r = await last(scene(bridge('footbridge', {}), { acceleration: { quiet: 0.2, high: 1.3 } }));
    expect(r.tier).toBe('yellow');
    expect(r.findings.some((f) => f.en === 'Sétra footbridge vertical comfort: minimum comfort')).toBe(true);
    expect(r.data?.['causeEn']).toContain('crowd-induced');
    expect(r.actions.some((a) => a.en.includes('crowd density'))).toBe(true);
  });

  it('takes road-bridge vibration under twice its baseline for normal traffic, with no warning', async () => {
    const r = await last(
      scene(bridge('girder_bridge', { accelerationBaselineMs2: 0.4 }), {
        acceleration: { quiet: 0.2, high: 0.7 },
      }),
    );
    expect(r.tier).toBeNull();
    expect(r.findings.some((f) => f.en.includes('a normal traffic response'))).toBe(true);
  });

  it('calls road-bridge vibration without wind to explain it unexplained, and asks for a vibration study', async () => {
    const r = await last(
      scene(bridge('girder_bridge', {}), {
        acceleration: { quiet: 0.2, high: 1.2 },
        wind_speed: { quiet: 3, high: 3 },
      }),
    );
    expect(r.tier).toBe('yellow');
    expect(r.data?.['causeEn']).toBe('vibration that wind does not explain');
    expect(r.actions.some((a) => a.en.includes('vortex-induced'))).toBe(true);
  });

  it('raises the tier by one for a bridge in condition class D', async () => {
    const c = await last(scene(bridge('girder_bridge', {}), { deflection: { quiet: 10, high: 48 } }));
    const d = await last(
      scene(bridge('girder_bridge', { conditionClass: 'D' }), { deflection: { quiet: 10, high: 48 } }),
    );
    expect(c.tier).toBe('yellow');
    expect(d.tier).toBe('orange');
    expect(d.findings.some((f) => f.en.startsWith('Condition class D'))).toBe(true);
  });

  it('raises the tier of a single-column-pier bridge under load for the overturning risk', async () => {
    const r = await last(
      scene(bridge('girder_bridge', { singleColumnPier: true }), { strain: { quiet: 60, high: 220 } }),
    );
    expect(r.tier).toBe('orange');
    expect(r.findings.some((f) => f.en.includes('overturn'))).toBe(true);
  });

  it('reads crack growth with pier tilt as structural deterioration and tiers it on the worse of the two plus one', async () => {
    const r = await last(
      scene(bridge('arch_bridge', {}), {
        crack_width: { quiet: 0.1, high: 0.21 },
        inclination: { quiet: 0.2, high: 1.5 },
      }),
    );
    // crack 0.21 / 0.20 = 105 % → orange; tilt 1.5 ‰ → blue; two metrics together → red
    expect(r.tier).toBe('red');
    expect(r.data?.['causeEn']).toBe('structural deterioration (cracking or pier tilt)');
    expect(r.actions[0]!.en).toContain('Close Test bridge now');
  });

  it('does not count vibration in a gale as structural evidence', async () => {
    const r = await last(
      scene(bridge('cable_bridge', {}), {
        wind_speed: { quiet: 8, high: 19 },
        acceleration: { quiet: 0.3, high: 1.2 },
        strain: { quiet: 60, high: 200 },
      }),
    );
    expect(r.data?.['causeEn']).toContain('load effects');
    expect(
      r.findings.some((f) =>
        f.en.startsWith('The acceleration exceedance in this wind is put down to the wind'),
      ),
    ).toBe(true);
    expect(r.data?.['exceedCount']).toBe(1);
    expect(r.tier).toBe('blue');
  });

  it('lists targets by their distance to the deck, not to the sensor, and draws the deck with its buffer', async () => {
    const school: Obj = {
      id: 'SCH',
      kind: 'school',
      role: 'target',
      name: { zh: '小学', en: 'School' },
      geometry: { type: 'Point', coordinates: [120.1615, 30.2667] },
      attributes: {},
    };
    const f = scene(bridge('girder_bridge', {}), { deflection: { quiet: 10, high: 48 } });
    f.objects.push(school);
    const r = await last(f);
    expect(r.targets?.map((t) => [t.id, t.distanceM])).toEqual([['SCH', 144]]);
    expect(r.impact?.type).toBe('Polygon');
  });

  it('returns the same result for the same input', async () => {
    const f = scene(bridge('girder_bridge', {}), {
      deflection: { quiet: 10, high: 48 },
      strain: { quiet: 60, high: 220 },
    });
    expect(await last(f)).toEqual(await last(f));
  });
});
