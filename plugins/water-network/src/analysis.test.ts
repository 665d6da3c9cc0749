/**
 * The analyses on small scenes built in code, looking at what `analyze` returned (the fixtures in
 * `test/fixtures` check the incidents end to end through alarms and warnings).
 */
import type { AnalysisResult } from '@fenghuo/sdk';
import { type Fixture, runScenario } from '@fenghuo/sdk/testing';
import { describe, expect, it } from 'vitest';
import plugin from './index.js';

type Obj = Fixture['objects'][number];
const T0 = Date.parse('2026-07-14T18:00:00Z');
const ts = (min: number) => new Date(T0 + min * 60_000).toISOString();
const LAT = 30.28;
const lonAt = (m: number) => 120.15 + m / 96_030;
const pt = (lon: number, lat = LAT) => ({
  type: 'Point' as const,
  coordinates: [lon, lat] as [number, number],
});

const main: Obj = {
  id: 'WM-1',
  kind: 'supply_main',
  role: 'monitored',
  name: { zh: '干管', en: 'Trunk main' },
  geometry: {
    type: 'LineString',
    coordinates: [
      [120.15, LAT],
      [lonAt(3000), LAT],
    ],
  },
  attributes: { material: 'ductile_iron', diameterMm: 600, dmaId: 'DMA-1' },
};
const logger = (id: string, ch: number): Obj => ({
  id,
  kind: 'supply_node',
  role: 'monitored',
  name: { zh: `${id}测压点`, en: `Logger ${id}` },
  geometry: pt(lonAt(ch)),
  attributes: { nodeType: 'pressure_point', mainId: 'WM-1', chainageM: ch, dmaId: 'DMA-1' },
});
const inlet: Obj = {
  id: 'FM-1',
  kind: 'supply_node',
  role: 'monitored',
  name: { zh: '进水计量', en: 'Inlet meter' },
  geometry: pt(120.15, LAT - 0.0003),
  attributes: { nodeType: 'dma_inlet', dmaId: 'DMA-1' },
};

async function analyses(f: Omit<Fixture, 'expect' | 'name'>): Promise<AnalysisResult[]> {
  const r = await runScenario(plugin, { name: 'scene', expect: { alarms: [] }, ...f });
  for (const a of r.analyses) if (a.error) throw new Error(a.error);
  return r.analyses.map((a) => a.result!);
}

/** One reading a minute for 30 min; pressure steps down by `drop` at minute 25, flow by `flowTo`. */
function minuteScene(drops: Record<string, number>, flowTo: number | null) {
  const readings: Fixture['readings'] = [];
  for (let m = 0; m <= 30; m++) {
    for (const [id, drop] of Object.entries(drops)) {
      readings.push({ sensor: id, ts: ts(m), values: { supply_pressure: m >= 25 ? 0.3 - drop : 0.3 } });
    }
    if (flowTo !== null)
      readings.push({ sensor: 'FM-1', ts: ts(m), values: { flow: m >= 25 ? flowTo : 300 } });
    readings.push({ sensor: 'A', ts: ts(m), values: { pressure_drop: m >= 25 ? (drops['A'] ?? 0) : 0 } });
  }
  return readings;
}
const sensors = (ids: string[], flow: boolean): Fixture['sensors'] => [
  ...ids.map((id) => ({
    id,
    objectId: id,
    metrics: id === 'A' ? ['supply_pressure', 'pressure_drop'] : ['supply_pressure'],
    location: [lonAt(id === 'A' ? 200 : 1400), LAT] as [number, number],
  })),
  ...(flow
    ? [
        {
          id: 'FM-1',
          objectId: 'FM-1',
          metrics: ['flow'],
          location: [120.15, LAT - 0.0003] as [number, number],
        },
      ]
    : []),
];

describe('pressure analysis', () => {
  it('reads a drop with falling inflow as a supply-side loss, not a leak', async () => {
    const out = await analyses({
      objects: [main, logger('A', 200), logger('B', 1400), inlet],
      sensors: sensors(['A', 'B'], true),
      readings: minuteScene({ A: 0.08, B: 0.08 }, 150),
    });
    const last = out[out.length - 1]!;
    expect(last.tier).toBeNull();
    expect(last.findings.some((f) => f.en.includes('supply-side loss'))).toBe(true);
  });

  it('locates a burst seen only once a minute to the section between the loggers, not to a point', async () => {
    const out = await analyses({
      objects: [main, logger('A', 200), logger('B', 1400), inlet],
      sensors: sensors(['A', 'B'], true),
      readings: minuteScene({ A: 0.08, B: 0.06 }, 600),
    });
    const last = out[out.length - 1]!;
    expect(last.tier).toBe('yellow');
    expect(last.findings.some((f) => f.en.includes('located to the section only'))).toBe(true);
    // Half the 1200 m section plus the 10 m collapse floor, rounded up to 10 m.
    expect(last.impactRadiusM).toBe(610);
  });

  it('keeps an uncorroborated drop one tier lower until confirmed', async () => {
    const out = await analyses({
      objects: [main, logger('A', 200)],
      sensors: sensors(['A'], false),
      readings: minuteScene({ A: 0.08 }, null),
    });
    const last = out[out.length - 1]!;
    expect(last.tier).toBe('blue');
    expect(last.findings.some((f) => f.en.includes('one tier lower until confirmed'))).toBe(true);
  });

  it('names the soil sensor over the main that has wetted up, without a tier step', async () => {
    const zone: Obj = {
      id: 'CZ-1',
      kind: 'collapse_zone',
      role: 'monitored',
      name: { zh: '塌陷风险路段', en: 'Collapse-prone section' },
      geometry: pt(lonAt(800)),
      attributes: { mainId: 'WM-1', baselineMoisturePct: 24 },
    };
    const scene = (soilTo: number) => ({
      objects: [main, logger('A', 200), logger('B', 1400), inlet, zone],
      sensors: [
        ...sensors(['A', 'B'], true),
        {
          id: 'SM-1',
          objectId: 'CZ-1',
          metrics: ['soil_moisture'],
          location: [lonAt(800), LAT] as [number, number],
        },
      ],
      // Readings are played in order: the soil readings go in with the minute they belong to.
      readings: [
        ...minuteScene({ A: 0.08, B: 0.06 }, 600),
        ...[0, 10, 20, 25].map((m) => ({
          sensor: 'SM-1',
          ts: ts(m),
          values: { soil_moisture: m >= 25 ? soilTo : 24 },
        })),
      ].sort((a, b) => Date.parse(a.ts) - Date.parse(b.ts)),
    });
    const wet = (await analyses(scene(31))).at(-1)!;
    expect(wet.tier).toBe('yellow');
    expect(
      wet.findings.some((f) => f.en.includes('Wetter soil over the main: Collapse-prone section +7')),
    ).toBe(true);
    const dry = (await analyses(scene(25))).at(-1)!;
    expect(dry.findings.some((f) => f.en.includes('Wetter soil'))).toBe(false);
  });
});

describe('sewer analysis', () => {
  const manhole: Obj = {
    id: 'MH-1',
    kind: 'sewer',
    role: 'monitored',
    name: { zh: '1号污水井', en: 'Foul manhole 1' },
    geometry: pt(120.3),
    attributes: { sewerType: 'foul', manholeDepthM: 3.0, diameterMm: 800 },
  };
  const gas: Obj = {
    id: 'GM-1',
    kind: 'gas_main_mp_lp',
    role: 'monitored',
    name: { zh: '中压燃气管', en: 'MP gas main' },
    geometry: pt(120.30005),
    attributes: {},
  };
  const fill = (weather: Fixture['weather'] | undefined) => ({
    objects: [manhole, gas],
    sensors: [
      {
        id: 'S1',
        objectId: 'MH-1',
        metrics: ['sewer_fill_ratio', 'sewer_level'],
        location: [120.3, LAT] as [number, number],
      },
    ],
    ...(weather ? { weather } : {}),
    readings: Array.from({ length: 30 }, (_, i) => ({
      sensor: 'S1',
      ts: ts(i * 5),
      values: { sewer_level: i < 10 ? 0.5 : 2.6, sewer_fill_ratio: i < 10 ? 0.5 : 1.1 },
    })),
  });

  it('raises a dry-weather surcharge with 0.4 m to the cover to orange and lists the gas main', async () => {
    const out = await analyses(fill(undefined));
    const fillResult = out.filter((r) => r.findings.some((f) => f.en.includes('Dry-weather surcharge')));
    const last = fillResult[fillResult.length - 1]!;
    expect(last.tier).toBe('orange');
    expect(last.targets?.map((t) => t.id)).toContain('GM-1');
  });

  it('sizes the collapse zone of a deep sewer from the cover over the crown, not the invert depth', async () => {
    // DN3000 with its invert 8 m down: cover 5 m. Fill (φ 25°): 1.5 + (5 + 3)·tan 32.5° = 6.6 m, × 2 =
    // 13.2 m, + 15 m location → 30 m. Taking the 8 m invert depth as the cover counted the pipe twice:
    // 1.5 + 11·tan 32.5° = 8.5 m, × 2 = 17.0 m → 40 m.
    const deep: Obj = {
      ...manhole,
      attributes: { sewerType: 'combined', manholeDepthM: 8, diameterMm: 3000 },
    };
    const out = await analyses({ ...fill(undefined), objects: [deep, gas] });
    const dry = out.filter((r) => r.findings.some((f) => f.en.includes('Dry-weather surcharge')));
    expect(dry.length).toBeGreaterThan(0);
    expect(dry.at(-1)!.impactRadiusM).toBe(30);
  });

  it('does not escalate a surcharge in rain and says so', async () => {
    const out = await analyses(fill({ ts: ts(0), rainMmH: 20 }));
    expect(out.every((r) => r.findings.some((f) => f.en.includes('storm inflow')))).toBe(true);
  });
});
