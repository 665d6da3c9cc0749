import { loadFixtures, runScenario } from '@fenghuo/sdk/testing';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';

const fixture = (file: string) => {
  const [f] = loadFixtures(new URL(`./fixtures/${file}`, import.meta.url));
  if (!f) throw new Error(`fixture ${file} missing`);
  return f;
};

/** An ISO 8601 instant as a machine writes it: no one on duty should have to convert it. */
const ISO = /\d{4}-\d\d-\d\dT\d\d:\d\d/;

describe('building-fire warning texts', () => {
  it('give the reading’s time in the city (2026-07-21T00:08Z is 08:08 in Asia/Shanghai), never UTC ISO', async () => {
    const r = await runScenario(plugin, fixture('electrical-leak-hot-cable.json'));
    const w = r.warnings.find((x) => x.tier === 'red' && x.body.zh.includes('530 mA'));
    expect(w).toBeDefined();
    if (!w) return;
    expect(w.body.zh).toContain('530 mA（2026-07-21 08:08:00）');
    expect(w.body.en).toContain('at 2026-07-21 08:08:00 (UTC+08:00).');
    for (const x of r.warnings)
      expect(JSON.stringify([x.title, x.body, x.instructions, x.findings])).not.toMatch(ISO);
  });
  it('follow the city’s own offset', async () => {
    const r = await runScenario(plugin, { ...fixture('electrical-leak-hot-cable.json'), utcOffsetMin: -210 });
    const w = r.warnings.find((x) => x.body.en.includes('530 mA'));
    expect(w?.body.en).toContain('at 2026-07-20 20:38:00 (UTC-03:30).');
  });
});
