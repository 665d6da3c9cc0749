/** An early warning that reaches a whole city names the most affected first and counts the rest. */
import type { CityObject } from '@fenghuo/sdk';
import { type Fixture, loadFixtures, runScenario } from '@fenghuo/sdk/testing';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';

const [base] = loadFixtures(new URL('./fixtures/incident-eew-m6-near-city.json', import.meta.url));
const at = (id: string, kind: string, role: CityObject['role'], en: string): Fixture['objects'][number] => ({
  id,
  kind,
  role,
  name: { zh: en, en },
  geometry: { type: 'Point', coordinates: [120.2, 30.3] },
});
// Thirty valve wells and, at the same spot (so at the same intensity), a kindergarten whose id sorts last.
const wells = Array.from({ length: 30 }, (_, i) =>
  at(`VW-${String(i + 1).padStart(2, '0')}`, 'valve_well', 'monitored', `Valve well ${i + 1}`),
);
const kindergarten = at('ZZ-KG', 'kindergarten', 'target', 'Riverside Kindergarten');
const scene: Fixture = {
  ...base!,
  name: 'an M6.0 message over a city of 34 objects',
  objects: [...base!.objects, ...wells, kindergarten],
  expect: { warnings: [{ object: 'EEW-1', tier: 'red' }] },
};

describe('earthquake early warning listing', () => {
  it('names ten objects, most affected and most vulnerable first, counts the rest and keeps all as targets', async () => {
    const r = await runScenario(plugin, scene);
    const w = r.warnings[0]!;
    expect(w.targets).toHaveLength(34);
    const line = w.findings.find((f) => f.en.startsWith('Most affected'))!.en;
    expect(line).toMatch(/^Most affected 10 of 34 \(/);
    expect(line).toMatch(/^[^:]+: Xihu Town Primary School \(VIII, blind zone\), /);
    expect(line).toMatch(/; 24 more at estimated intensity (V|VI|V–VI), all in the warning's target list$/);
    const pos = (name: string) => line.indexOf(name);
    expect(pos('Riverside Kindergarten')).toBeGreaterThan(0);
    expect(pos('Riverside Kindergarten')).toBeLessThan(pos('Valve well 1 '));
    expect(pos("First People's Hospital")).toBeLessThan(pos('Valve well 1 '));
    expect(w.body.en).not.toContain('Valve well 30');
    expect(w.body.en).toMatch(/\nAffected: 34 objects \(the most affected named above/);
    // the structured targets follow the same order
    expect(w.targets.slice(0, 2).map((t) => t.id)).toEqual(['SCH-9', 'HOS-1']);
    expect(w.targets.findIndex((t) => t.id === 'ZZ-KG')).toBeLessThan(
      w.targets.findIndex((t) => t.id === 'VW-01'),
    );
  });

  it('names everything when it fits within maxListed', async () => {
    const r = await runScenario(plugin, { ...scene, config: { maxListed: 50 } });
    const line = r.warnings[0]!.findings.find((f) => f.en.startsWith('All 34 affected'))!.en;
    expect(line).toContain('Valve well 30');
    expect(line).not.toMatch(/more at estimated intensity/);
  });
});
