import { loadFixtures, runScenario } from '@fenghuo/sdk/testing';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';

const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));
const fixture = (name: string) => {
  const f = fixtures.find((x) => x.name.includes(name));
  if (!f) throw new Error(`no fixture named like "${name}"`);
  return f;
};

/** An ISO 8601 instant as a machine writes it: no one on duty should have to convert it. */
const ISO = /\d{4}-\d\d-\d\dT\d\d:\d\d/;

describe('forest-fire warning texts', () => {
  it('date a danger rating in the city’s time (2026-04-12T08:00Z is 16:00 in UTC+08:00)', async () => {
    const r = await runScenario(plugin, fixture('fire danger level 4 for the forest'));
    const w = r.warnings[0];
    expect(w?.body.zh).toMatch(/^2026-04-12 16:00:00 青龙山林区森林火险气象等级/);
    expect(w?.body.en).toMatch(/^2026-04-12 16:00:00 \(UTC\+08:00\): fire danger at Qinglong Hill forest/);
  });
  it('date a detection and its confirmation in the city’s time, at the city’s own offset', async () => {
    const r = await runScenario(plugin, { ...fixture('no weather station or feed'), utcOffsetMin: 60 });
    const w = r.warnings[0];
    expect(w?.body.en).toMatch(/^2026-04-12 14:12:00 \(UTC\+01:00\): a fire reported by/);
    expect(w?.findings[0]?.en).toContain(
      'satellite hotspot SAT-1 (699 m) at 2026-04-12 14:00:00 (UTC+01:00)',
    );
  });
  it('show no UTC ISO timestamp in any warning of any fixture', async () => {
    for (const f of fixtures) {
      const r = await runScenario(plugin, f);
      for (const w of r.warnings)
        expect(JSON.stringify([w.title, w.body, w.instructions, w.findings, w.actions]), f.name).not.toMatch(
          ISO,
        );
    }
  });
});
