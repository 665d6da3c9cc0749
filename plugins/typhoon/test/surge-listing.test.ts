/** The storm-surge warning names the objects nearest the sea wall first and counts the rest. */
import { type Fixture, loadFixtures, runScenario } from '@fenghuo/sdk/testing';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';

const [base] = loadFixtures(new URL('./fixtures/storm-surge-overtopping-sea-wall.json', import.meta.url));
// Twelve villages on the hills inland, about 3.4 km from the gauge but well back from the wall, and a
// kindergarten on the seafront at the wall's far end, 4.7 km from the gauge.
const hills: Fixture['objects'] = Array.from({ length: 12 }, (_, k) => ({
  id: `HILL-${String(k + 1).padStart(2, '0')}`,
  kind: 'village',
  role: 'target',
  name: { zh: `山村${k + 1}`, en: `Hill village ${k + 1}` },
  geometry: { type: 'Point', coordinates: [121.735, 29.838 + 0.001 * k] },
}));
const seafront: Fixture['objects'][number] = {
  id: 'KG-SEA',
  kind: 'kindergarten',
  role: 'target',
  name: { zh: '海滨幼儿园', en: 'Seafront Kindergarten' },
  geometry: { type: 'Point', coordinates: [121.7505, 29.8015] },
};
const scene: Fixture = { ...base!, objects: [...base!.objects, ...hills, seafront] };

describe('storm-surge listing', () => {
  it('lists the objects nearest the wall first, names at most maxListed and keeps all as targets', async () => {
    const r = await runScenario(plugin, scene);
    const w = r.warnings.find((x) => x.object === 'SW-1')!;
    const ids = w.targets.map((t) => t.id);
    expect(ids).toHaveLength(15);
    expect(ids.slice(0, 2)).toEqual(['KG-SEA', 'CHEM-1']);
    // distances are to the wall, nearest first
    const d = w.targets.map((t) => t.distanceM);
    expect([...d].sort((a, b) => a - b)).toEqual(d);
    expect(d[0]).toBeLessThan(100);
    expect(w.body.en).toMatch(
      /Protection targets and hazards affected: 15, nearest the sea wall first: Seafront Kindergarten \(\d+ m from the wall\), Port chemical park \(\d+ m from the wall\), /,
    );
    expect(w.body.en).toMatch(/; 5 more [\d.]+–[\d.]+ km from the wall\./);
    expect(w.body.zh).toMatch(/共 15 处，距海堤由近及远：海滨幼儿园（距海堤 \d+ m）、/);
    expect(w.body.zh).toMatch(/；其余 5 处距海堤 [\d.]+–[\d.]+ km。/);
  });

  it('names them all when maxListed allows', async () => {
    const r = await runScenario(plugin, { ...scene, config: { maxListed: 20 } });
    const w = r.warnings.find((x) => x.object === 'SW-1')!;
    expect(w.body.en).not.toMatch(/more .* from the wall/);
    for (let k = 1; k <= 12; k++) expect(w.body.en).toContain(`Hill village ${k} (`);
  });
});
