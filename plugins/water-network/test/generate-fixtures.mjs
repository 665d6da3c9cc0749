// Writes test/fixtures/*.json from physical assumptions (burst positions, Korteweg wave speed, drops, night flows,
// soil wetting). Run: node plugins/water-network/test/generate-fixtures.mjs
import { writeFileSync } from 'node:fs';

const OUT = new URL('./fixtures/', import.meta.url).pathname;
const R = 6371008.8,
  RAD = Math.PI / 180;
const LAT = 30.28;
const mPerLon = R * RAD * Math.cos(LAT * RAD);
const lonAt = (x0, m) => Math.round((x0 + m / mPerLon) * 1e7) / 1e7;
const iso = (ms) => new Date(ms).toISOString();
const r4 = (x) => Math.round(x * 10000) / 10000;
const pt = (lon, lat) => ({ type: 'Point', coordinates: [lon, lat] });
const write = (name, f) => writeFileSync(OUT + name, JSON.stringify(f, null, 2) + '\n');
const sortReadings = (rs) => rs.sort((a, b) => Date.parse(a.ts) - Date.parse(b.ts));

// Korteweg wave speed for DI 600 with the plugin defaults (K 2.19 GPa, ρ 998.2, E 169 GPa, D/e 60, c1 0.91).
const a = Math.sqrt(2.19e9 / 998.2 / (1 + 0.91 * (2.19 / 169) * 60));

// ---------- 1. burst located between loggers
{
  const X0 = 120.15;
  const main = {
    id: 'WM-1',
    kind: 'supply_main',
    role: 'monitored',
    name: { zh: '解放路DN600供水干管', en: 'Jiefang Road DN600 trunk main' },
    geometry: {
      type: 'LineString',
      coordinates: [
        [X0, LAT],
        [lonAt(X0, 2900), LAT],
      ],
    },
    attributes: {
      material: 'ductile_iron',
      diameterMm: 600,
      depthM: 1.8,
      normalPressureMpa: 0.32,
      soilType: 'silt',
      dmaId: 'DMA-1',
      buriedYear: 2004,
    },
  };
  const logger = (id, ch, extra = {}) => ({
    id,
    kind: 'supply_node',
    role: 'monitored',
    name: { zh: `${id}测压点`, en: `Pressure logger ${id}` },
    geometry: pt(lonAt(X0, ch), LAT),
    attributes: { nodeType: 'pressure_point', mainId: 'WM-1', chainageM: ch, dmaId: 'DMA-1', ...extra },
  });
  const leakCh = 620;
  const tb = Date.parse('2026-07-14T18:13:05Z');
  const L = [
    { id: 'PT-A', ch: 200, p0: 0.32, drop: 0.09 },
    { id: 'PT-B', ch: 1400, p0: 0.31, drop: 0.075 },
    { id: 'PT-C', ch: 2600, p0: 0.3, drop: 0.05 },
  ];
  const readings = [];
  const start = Date.parse('2026-07-14T17:45:00Z'),
    end = Date.parse('2026-07-14T18:17:00Z');
  for (const l of L) {
    const arr = tb + (Math.abs(l.ch - leakCh) / a) * 1000;
    const p = (t) => {
      const f = Math.max(0, Math.min(1, (t - arr) / 200));
      return l.p0 - f * l.drop;
    };
    const times = [];
    for (let t = start; t <= Date.parse('2026-07-14T18:13:00Z'); t += 60000) times.push(t);
    for (let t = Date.parse('2026-07-14T18:13:04Z'); t <= Date.parse('2026-07-14T18:13:08Z'); t += 100)
      times.push(t);
    for (let t = Date.parse('2026-07-14T18:14:00Z'); t <= end; t += 60000) times.push(t);
    times.forEach((t, i) => {
      const wobble = t < tb ? ((i % 3) - 1) * 0.001 : 0;
      readings.push({ sensor: l.id, ts: iso(t), values: { supply_pressure: r4(p(t) + wobble) } });
    });
    if (l.id !== 'PT-C')
      for (let t = start; t <= end; t += 60000) {
        const drop = t >= tb ? l.drop : 0.002;
        readings.push({ sensor: l.id, ts: iso(t), values: { pressure_drop: r4(drop) } });
      }
  }
  for (let t = start; t <= end; t += 60000)
    readings.push({ sensor: 'FM-1', ts: iso(t), values: { flow: t >= tb ? 680 : 320 + ((t / 60000) % 3) } });
  const leakLon = lonAt(X0, leakCh);
  write('incident-burst-located-between-loggers.json', {
    name: 'a DN600 main bursts 420 m from logger A: both loggers alarm, the pressure wave locates the burst at chainage 620 m and a red warning names the gas main and the school in the collapse zone',
    objects: [
      main,
      logger('PT-A', 200),
      logger('PT-B', 1400),
      logger('PT-C', 2600),
      {
        id: 'FM-1',
        kind: 'supply_node',
        role: 'monitored',
        name: { zh: '1号分区进水计量', en: 'DMA-1 inlet meter' },
        geometry: pt(X0, LAT - 0.0003),
        attributes: { nodeType: 'dma_inlet', dmaId: 'DMA-1' },
      },
      {
        id: 'GM-9',
        kind: 'gas_main_mp_lp',
        role: 'monitored',
        name: { zh: '解放路中压燃气管', en: 'Jiefang Road MP gas main' },
        geometry: {
          type: 'LineString',
          coordinates: [
            [lonAt(X0, 300), LAT + 0.00006],
            [lonAt(X0, 1300), LAT + 0.00006],
          ],
        },
        attributes: {
          pressureClass: 'medium_a',
          normalPressureMpa: 0.35,
          diameterMm: 300,
          material: 'steel',
        },
      },
      {
        id: 'SCH-2',
        kind: 'school',
        role: 'target',
        name: { zh: '解放路小学', en: 'Jiefang Road Primary School' },
        geometry: pt(leakLon, LAT + 0.00036),
      },
      {
        id: 'HSP-1',
        kind: 'hospital',
        role: 'target',
        name: { zh: '市第一医院', en: 'First City Hospital' },
        geometry: pt(lonAt(X0, 2000), LAT + 0.003),
      },
    ],
    sensors: [
      {
        id: 'PT-A',
        objectId: 'PT-A',
        metrics: ['supply_pressure', 'pressure_drop'],
        location: [lonAt(X0, 200), LAT],
      },
      {
        id: 'PT-B',
        objectId: 'PT-B',
        metrics: ['supply_pressure', 'pressure_drop'],
        location: [lonAt(X0, 1400), LAT],
      },
      { id: 'PT-C', objectId: 'PT-C', metrics: ['supply_pressure'], location: [lonAt(X0, 2600), LAT] },
      { id: 'FM-1', objectId: 'FM-1', metrics: ['flow'], location: [X0, LAT - 0.0003] },
    ],
    readings: sortReadings(readings),
    expect: {
      alarms: [
        { sensor: 'PT-A', metric: 'pressure_drop', maxLevel: 'yellow', status: 'open' },
        { sensor: 'PT-B', metric: 'pressure_drop', maxLevel: 'yellow', status: 'open' },
      ],
      warnings: [
        {
          object: 'PT-A',
          tier: 'red',
          targets: ['GM-9', 'SCH-2'],
          findingsInclude: [
            'at chainage 620 m',
            'Gas main(s) inside the collapse risk zone: Jiefang Road MP gas main',
          ],
        },
        {
          object: 'PT-B',
          tier: 'red',
          targets: ['GM-9', 'SCH-2'],
          findingsInclude: ['at chainage 620 m', 'District inflow up by about 359 m3/h'],
        },
      ],
    },
  });
}

// ---------- 2. drifting pressure logger
{
  const X0 = 120.2;
  const start = Date.parse('2026-07-14T02:00:00Z');
  const readings = [];
  for (let i = 0; i <= 72; i++) {
    const t = start + i * 300000;
    readings.push({
      sensor: 'PT-Y',
      ts: iso(t),
      values: { supply_pressure: r4(0.22 + ((i % 3) - 1) * 0.001) },
    });
    readings.push({ sensor: 'PT-X', ts: iso(t), values: { supply_pressure: r4(0.22 - (0.09 * i) / 72) } });
  }
  write('false-alarm-drifting-pressure-logger.json', {
    name: 'one pressure logger drifts down past the 0.14 MPa service floor while its neighbour on the same main stays steady: a blue alarm to the owner, no warning',
    objects: [
      {
        id: 'WM-2',
        kind: 'supply_main',
        role: 'monitored',
        name: { zh: '文一路DN400供水管', en: 'Wenyi Road DN400 main' },
        geometry: {
          type: 'LineString',
          coordinates: [
            [X0, LAT],
            [lonAt(X0, 2000), LAT],
          ],
        },
        attributes: { material: 'ductile_iron', diameterMm: 400 },
      },
      {
        id: 'PT-X',
        kind: 'supply_node',
        role: 'monitored',
        name: { zh: 'X测压点', en: 'Logger X' },
        geometry: pt(lonAt(X0, 500), LAT),
        attributes: { nodeType: 'pressure_point', mainId: 'WM-2', chainageM: 500 },
      },
      {
        id: 'PT-Y',
        kind: 'supply_node',
        role: 'monitored',
        name: { zh: 'Y测压点', en: 'Logger Y' },
        geometry: pt(lonAt(X0, 1500), LAT),
        attributes: { nodeType: 'pressure_point', mainId: 'WM-2', chainageM: 1500 },
      },
    ],
    sensors: [
      { id: 'PT-X', objectId: 'PT-X', metrics: ['supply_pressure'], location: [lonAt(X0, 500), LAT] },
      { id: 'PT-Y', objectId: 'PT-Y', metrics: ['supply_pressure'], location: [lonAt(X0, 1500), LAT] },
    ],
    readings: sortReadings(readings),
    expect: {
      alarms: [{ sensor: 'PT-X', metric: 'supply_pressure', maxLevel: 'blue', status: 'open' }],
      warnings: [],
    },
  });
}

// ---------- 3/4. MNF: hidden leak near a gas main; boundary transfer
function mnfScene(transfer) {
  const X0 = 120.22;
  const nights = 20;
  const first = Date.parse('2026-06-25T20:00:00Z'); // 04:00 local
  const readings = [];
  for (let n = 0; n < nights; n++) {
    const end = first + n * 86400000;
    const last = n === nights - 1;
    readings.push({
      sensor: 'MNF-7',
      ts: iso(end),
      values: { night_min_flow: last ? 66 : 40 + ((n % 5) - 2) },
    });
    for (const h of [2, 1, 0]) {
      const t = end - h * 3600000;
      readings.push({ sensor: 'FM-7I', ts: iso(t), values: { flow: last ? 71 : 45 + ((n + h) % 3) - 1 } });
      readings.push({ sensor: 'FM-7O', ts: iso(t), values: { flow: last && transfer ? 30 : 5 } });
    }
    if (n >= nights - 10)
      readings.push({
        sensor: 'NL-3',
        ts: iso(end - 1800000),
        values: { leak_noise: last && !transfer ? 47 : 32 + (n % 3) - 1 },
      });
  }
  const noiseAt = [lonAt(X0, 900), LAT];
  return {
    objects: [
      {
        id: 'DMA-7',
        kind: 'dma',
        role: 'monitored',
        name: { zh: '7号计量分区', en: 'DMA 7' },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [X0 - 0.001, LAT - 0.005],
              [lonAt(X0, 2200), LAT - 0.005],
              [lonAt(X0, 2200), LAT + 0.005],
              [X0 - 0.001, LAT + 0.005],
              [X0 - 0.001, LAT - 0.005],
            ],
          ],
        },
        attributes: { mnfBaselineM3h: 40, connections: 3000 },
      },
      {
        id: 'WM-7',
        kind: 'supply_main',
        role: 'monitored',
        name: { zh: '天目山路DN300供水管', en: 'Tianmushan Road DN300 main' },
        geometry: {
          type: 'LineString',
          coordinates: [
            [X0, LAT],
            [lonAt(X0, 2000), LAT],
          ],
        },
        attributes: {
          material: 'grey_cast_iron',
          diameterMm: 300,
          depthM: 1.2,
          dmaId: 'DMA-7',
          buriedYear: 1988,
        },
      },
      {
        id: 'FM-7I',
        kind: 'supply_node',
        role: 'monitored',
        name: { zh: '7号分区进水计量', en: 'DMA 7 inlet meter' },
        geometry: pt(X0, LAT),
        attributes: { nodeType: 'dma_inlet', dmaId: 'DMA-7' },
      },
      {
        id: 'FM-7O',
        kind: 'supply_node',
        role: 'monitored',
        name: { zh: '7号分区出水计量', en: 'DMA 7 outlet meter' },
        geometry: pt(lonAt(X0, 2000), LAT),
        attributes: { nodeType: 'dma_outlet', dmaId: 'DMA-7' },
      },
      {
        id: 'NL-3',
        kind: 'supply_node',
        role: 'monitored',
        name: { zh: '3号阀门噪声记录仪', en: 'Noise logger at valve 3' },
        geometry: pt(...noiseAt),
        attributes: { nodeType: 'valve', mainId: 'WM-7', dmaId: 'DMA-7' },
      },
      {
        id: 'GM-3',
        kind: 'gas_main_mp_lp',
        role: 'monitored',
        name: { zh: '天目山路中压燃气管', en: 'Tianmushan Road MP gas main' },
        geometry: {
          type: 'LineString',
          coordinates: [
            [lonAt(X0, 700), LAT + 0.0005],
            [lonAt(X0, 1200), LAT + 0.0005],
          ],
        },
        attributes: { pressureClass: 'medium_a', normalPressureMpa: 0.3, diameterMm: 200, material: 'pe' },
      },
    ],
    sensors: [
      {
        id: 'MNF-7',
        objectId: 'DMA-7',
        metrics: ['night_min_flow'],
        location: [lonAt(X0, 1000), LAT - 0.002],
      },
      { id: 'FM-7I', objectId: 'FM-7I', metrics: ['flow'], location: [X0, LAT] },
      { id: 'FM-7O', objectId: 'FM-7O', metrics: ['flow'], location: [lonAt(X0, 2000), LAT] },
      { id: 'NL-3', objectId: 'NL-3', metrics: ['leak_noise'], location: noiseAt },
    ],
    readings: sortReadings(readings),
  };
}
write('incident-night-flow-hidden-leak.json', {
  name: 'the minimum night flow of DMA 7 jumps to 1.65 × its baseline: the meter balance puts leakage at about 61 m3/h, a noise logger places it near valve 3 and an orange warning names the gas main in the collapse zone',
  ...mnfScene(false),
  expect: {
    alarms: [{ sensor: 'MNF-7', metric: 'night_min_flow', maxLevel: 'yellow', status: 'open' }],
    warnings: [
      {
        object: 'DMA-7',
        tier: 'orange',
        targets: ['GM-3'],
        findingsInclude: [
          'Estimated leakage = net night flow − legitimate night use = 60.9 m3/h',
          'Suspected leak near Noise logger at valve 3',
          'Tianmushan Road MP gas main',
        ],
      },
    ],
  },
});
write('false-alarm-night-flow-boundary-transfer.json', {
  name: 'the night flow into DMA 7 rises because a boundary valve passed water on to the next zone: the outlet meter takes up the excess, so the alarm stays with the owner and no warning is issued',
  ...mnfScene(true),
  expect: {
    alarms: [{ sensor: 'MNF-7', metric: 'night_min_flow', maxLevel: 'yellow', status: 'open' }],
    warnings: [],
  },
});

// ---------- 5/6. soil moisture
function soilScene(rain) {
  const X0 = 120.25;
  const start = Date.parse('2026-07-01T00:00:00Z');
  const hours = 9 * 24;
  const readings = [];
  for (let h = 0; h <= hours; h++) {
    const t = start + h * 3600000;
    const rampStart = 7 * 24 - (rain ? 6 : 12);
    const f = Math.max(0, Math.min(1, (h - rampStart) / 36));
    const w = ((h % 3) - 1) * 0.2;
    readings.push({
      sensor: 'SM-1',
      ts: iso(t),
      values: { soil_moisture: r4(24 + w + f * (rain ? 15 : 22)) },
    });
    readings.push({
      sensor: 'SM-2',
      ts: iso(t),
      values: { soil_moisture: r4(23 + w + (rain ? f * 15 : 0)) },
    });
  }
  return {
    objects: [
      {
        id: 'WM-5',
        kind: 'supply_main',
        role: 'monitored',
        name: { zh: '延安路DN500灰口铸铁供水管', en: "Yan'an Road DN500 cast-iron main" },
        geometry: {
          type: 'LineString',
          coordinates: [
            [X0, LAT],
            [lonAt(X0, 1500), LAT],
          ],
        },
        attributes: {
          material: 'grey_cast_iron',
          diameterMm: 500,
          depthM: 1.5,
          buriedYear: 1982,
          soilType: 'silt',
        },
      },
      {
        id: 'CZ-1',
        kind: 'collapse_zone',
        role: 'monitored',
        name: { zh: '延安路1号塌陷风险区', en: "Yan'an Road collapse zone 1" },
        geometry: pt(lonAt(X0, 400), LAT + 0.00003),
        attributes: { mainId: 'WM-5', baselineMoisturePct: 24, plasticityIndex: 8, roadClass: 'arterial' },
      },
      {
        id: 'CZ-2',
        kind: 'collapse_zone',
        role: 'monitored',
        name: { zh: '延安路2号对照测点', en: "Yan'an Road reference point 2" },
        geometry: pt(lonAt(X0, 800), LAT + 0.0004),
        attributes: { baselineMoisturePct: 23 },
      },
      {
        id: 'GM-5',
        kind: 'gas_main_hp',
        role: 'monitored',
        name: { zh: '延安路次高压燃气管', en: "Yan'an Road sub-high-pressure gas main" },
        geometry: {
          type: 'LineString',
          coordinates: [
            [X0, LAT + 0.0001],
            [lonAt(X0, 1500), LAT + 0.0001],
          ],
        },
        attributes: {
          pressureClass: 'sub_high_b',
          normalPressureMpa: 0.6,
          diameterMm: 400,
          material: 'steel',
        },
      },
    ],
    sensors: [
      { id: 'SM-1', objectId: 'CZ-1', metrics: ['soil_moisture'], location: [lonAt(X0, 400), LAT + 0.00003] },
      { id: 'SM-2', objectId: 'CZ-2', metrics: ['soil_moisture'], location: [lonAt(X0, 800), LAT + 0.0004] },
    ],
    weather: { ts: '2026-07-09T23:00:00Z', rainMmH: 0, temperatureC: 28 },
    readings: sortReadings(readings),
  };
}
write('incident-soil-moisture-void-beside-gas-main.json', {
  name: 'soil beside an old cast-iron main gets 22 %vol wetter without rain while the reference point stays dry: the void likelihood is high and a red warning names the sub-high-pressure gas main in the collapse zone',
  ...soilScene(false),
  expect: {
    alarms: [{ sensor: 'SM-1', metric: 'soil_moisture', maxLevel: 'yellow', status: 'open' }],
    warnings: [
      {
        object: 'CZ-1',
        tier: 'red',
        targets: ['GM-5'],
        findingsInclude: [
          'Void likelihood',
          "Gas main(s) inside the collapse risk zone: Yan'an Road sub-high-pressure gas main",
        ],
      },
    ],
  },
});
write('false-alarm-soil-moisture-areal-wetting.json', {
  name: 'soil at the pipe and at the reference point get 15 %vol wetter together after rain: areal wetting, alarms to the owner, no warning',
  ...soilScene(true),
  expect: {
    alarms: [
      { sensor: 'SM-1', metric: 'soil_moisture', maxLevel: 'blue', status: 'open' },
      { sensor: 'SM-2', metric: 'soil_moisture', maxLevel: 'blue', status: 'open' },
    ],
    warnings: [],
  },
});
console.log('wave speed', a);
