/**
 * The storm-surge warning lists the objects whose ground lies below the water deepest first, then those of
 * unknown ground level nearest the sea wall first, names at most `maxListed` and counts the rest; objects
 * whose ground stands above the water are not listed, only counted.
 */
import { type Fixture, loadFixtures, runScenario } from '@fenghuo/sdk/testing';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';

const [base] = loadFixtures(new URL('./fixtures/storm-surge-overtopping-sea-wall.json', import.meta.url));
const [grounds] = loadFixtures(new URL('./fixtures/storm-surge-ground-levels.json', import.meta.url));
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
      /Protection targets and hazards affected: 15, ground level unknown, nearest the sea wall first: Seafront Kindergarten \(\d+ m from the wall\), Port chemical park \(\d+ m from the wall\), /,
    );
    expect(w.body.en).toMatch(/; 5 more [\d.]+–[\d.]+ km from the wall\./);
    expect(w.body.zh).toMatch(/共 15 处，地面高程未知的距海堤由近及远：海滨幼儿园（距海堤 \d+ m）、/);
    expect(w.body.zh).toMatch(/；其余 5 处距海堤 [\d.]+–[\d.]+ km。/);
  });

  it('names them all when maxListed allows', async () => {
    const r = await runScenario(plugin, { ...scene, config: { maxListed: 20 } });
    const w = r.warnings.find((x) => x.object === 'SW-1')!;
    expect(w.body.en).not.toMatch(/more .* from the wall/);
    for (let k = 1; k <= 12; k++) expect(w.body.en).toContain(`Hill village ${k} (`);
  });

  it('lists by ground level when the city gives it: low ground first, unknown next, high ground counted', async () => {
    const r = await runScenario(plugin, grounds!);
    const w = r.warnings.find((x) => x.object === 'SW-QT')!;
    expect(w.tier).toBe('yellow');
    // The hill village is nearer the wall than both, but its ground stands 28.7 m above the tide.
    expect(w.targets.map((t) => t.id)).toEqual(['KG-RIV', 'MKT-RIV']);
    expect(w.body.en).toMatch(
      /Protection targets and hazards affected: 2, ground below the water, deepest first: Riverside Kindergarten \(ground 1\.8 m below the tide, \d+ m from the wall\); ground level unknown, nearest the sea wall first: Riverside food market \(\d+ m from the wall\); 1 target within 5 km stands above the water and is not at risk\./,
    );
    expect(w.body.zh).toMatch(
      /共 2 处，地面低于水位的由深到浅：江边幼儿园（地面低于潮位 1\.8 m，距海堤 \d+ m）；地面高程未知的距海堤由近及远：江边农贸市场（距海堤 \d+ m）；5 km 内 1 处地面高于水位，不受淹。/,
    );
    expect(w.body.en).not.toContain('Xishan hill village');
    expect(w.findings.map((f) => f.en)).toContainEqual(
      'Ground levels against the water: tide 6.3 m plus a 0.5 m run-up allowance is 6.8 m, and ground below it is flooded if the sea comes over or through the wall; 1 target lies below it, the lowest Riverside Kindergarten (ground 1.8 m below the tide); 1 target within 5 km stands above the water and is not at risk; 1 with no ground level, listed by distance to the wall alone',
    );
  });

  it('says the counted rest is of unknown ground level when no name of that group is shown', async () => {
    const r = await runScenario(plugin, { ...grounds!, config: { maxListed: 1 } });
    const w = r.warnings.find((x) => x.object === 'SW-QT')!;
    expect(w.body.en).toMatch(
      /affected: 2, ground below the water, deepest first: Riverside Kindergarten \(ground 1\.8 m below the tide, \d+ m from the wall\); 1 more of unknown ground level, \d+ m from the wall; 1 target within 5 km stands above the water and is not at risk\./,
    );
    expect(w.body.zh).toMatch(/；其余 1 处地面高程未知，距海堤 \d+ m；5 km 内 1 处地面高于水位，不受淹。/);
  });

  it('counts ground within the run-up allowance as exposed, and not without the allowance', async () => {
    // The village on ground at 6.6 m: 0.3 m above the 6.3 m tide, inside the default 0.5 m allowance.
    const lowVillage: Fixture = {
      ...grounds!,
      objects: grounds!.objects.map((o) =>
        o.id === 'VIL-HILL' ? { ...o, attributes: { ...o.attributes, groundLevelM: 6.6 } } : o,
      ),
    };
    const w = (await runScenario(plugin, lowVillage)).warnings.find((x) => x.object === 'SW-QT')!;
    expect(w.targets.map((t) => t.id)).toEqual(['KG-RIV', 'VIL-HILL', 'MKT-RIV']);
    expect(w.body.en).toContain(
      'Xishan hill village (ground 0.3 m above the tide, within the 0.5 m run-up allowance, ',
    );
    expect(w.body.en).not.toContain('above the water');
    // With no allowance the same village is above the water again.
    const strict = (
      await runScenario(plugin, { ...lowVillage, config: { surgeRunupAllowanceM: 0 } })
    ).warnings.find((x) => x.object === 'SW-QT')!;
    expect(strict.targets.map((t) => t.id)).toEqual(['KG-RIV', 'MKT-RIV']);
  });
});
