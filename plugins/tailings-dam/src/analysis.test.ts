import { loadFixtures, runScenario } from '@fenghuo/sdk/testing';
import { describe, expect, it } from 'vitest';
import plugin from './index.js';

const fixture = (name: string) => {
  const f = loadFixtures(new URL('../test/fixtures', import.meta.url)).find((x) => x.name.startsWith(name));
  if (!f) throw new Error(`no fixture ${name}`);
  return f;
};

describe('tailings-dam analysis over the heavy-rain scenario', () => {
  it('steps the rainfall warning blue → yellow → red as the other items join and overtopping nears', async () => {
    const r = await runScenario(plugin, fixture('a rainstorm'));
    const w = r.warnings.find((x) => x.metric === 'rainfall_24h');
    expect(w?.revisions.map((v) => v.tier)).toEqual(['blue', 'yellow', 'red']);
  });
  it('states the freeboard in centimetres, without binary-float digits', async () => {
    const f = structuredClone(fixture('a rainstorm'));
    // Gauge readings to the millimetre (0.581 m): the text keeps two decimals.
    for (const rd of f.readings)
      if (typeof rd.values.freeboard === 'number') rd.values.freeboard = rd.values.freeboard + 0.001;
    const r = await runScenario(plugin, f);
    const texts = r.warnings.flatMap((w) => w.findings.map((f) => `${f.zh} ${f.en}`));
    const freeboard = texts.filter((t) => /Freeboard \d/.test(t));
    expect(freeboard.length).toBeGreaterThan(0);
    for (const t of freeboard) expect(t).toMatch(/安全超高 \d+(\.\d{1,2})? 米.*Freeboard \d+(\.\d{1,2})? m,/);
  });
  it('lists only targets in the downstream sector, with the nearest first, and not the village upstream', async () => {
    const r = await runScenario(plugin, fixture('a rainstorm'));
    const ids = r.warnings[0]?.targets.map((t) => t.id);
    expect(ids).toEqual(['RD-1', 'VIL-1', 'SCH-1']);
  });
  it('treats the same jump as real when another piezometer of the dam is in a tier too', async () => {
    const f = structuredClone(fixture('a single 5.4 m reading'));
    // PZ-1 now reads 7.0 m: yellow against h_min = 6 m (7.2 m), so the jump at PZ-2 is corroborated.
    for (const rd of f.readings) if (rd.sensor === 'PZ-1') rd.values = { phreatic_depth: 7.0 };
    const r = await runScenario(plugin, f);
    const pz2 = r.analyses.find((a) => 'result' in a && a.result && a.result.tier !== null);
    expect(pz2).toBeDefined();
    expect(r.warnings.some((w) => w.sensor === 'PZ-2' && w.tier === 'red')).toBe(true);
  });
});
