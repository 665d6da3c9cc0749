import { type Fixture, loadFixtures, runScenario } from '@fenghuo/sdk/testing';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';

const dir = new URL('./fixtures', import.meta.url);
const fixture = (file: string): Fixture => {
  const f = loadFixtures(new URL(file, `${dir.href}/`))[0];
  if (f === undefined) throw new Error(`no fixture ${file}`);
  return f;
};
const withConfig = (f: Fixture, config: Record<string, unknown>): Fixture => ({ ...f, config });

describe('crowd analysis on the fixtures', () => {
  it('issues a blue warning on the evening peak when the time-of-day profile is switched off', async () => {
    const r = await runScenario(
      plugin,
      withConfig(fixture('evening-peak-owner-alarm-only.json'), { weights: { trend: 1, profile: 0 } }),
    );
    expect(r.warnings.map((w) => w.tier)).toEqual(['blue']);
  });

  it('warns on the glitch spike when the entrances are assumed wide enough to admit it', async () => {
    const r = await runScenario(
      plugin,
      withConfig(fixture('false-alarm-counting-glitch.json'), { fruinMaxFlowPmMin: 200, glitchFactor: 20 }),
    );
    expect(r.warnings.length).toBe(1);
  });

  it('calls the glitch a counting fault and asks for the counter to be checked', async () => {
    const r = await runScenario(plugin, fixture('false-alarm-counting-glitch.json'));
    const result = r.analyses[0]?.result;
    expect(result?.tier).toBeNull();
    expect(result?.findings[0]?.en).toMatch(
      /Likely counting glitch: the count jumped from \d+ to 62000 in 1 min/,
    );
    expect(result?.actions[0]?.en).toMatch(/Check the counter/);
  });

  it('tells the public through screens, broadcast and cell broadcast at red, and diverts to the quiet square', async () => {
    const r = await runScenario(plugin, fixture('festival-build-up.json'));
    const stairs = r.warnings.find((w) => w.object === 'ST-1');
    expect(stairs?.tier).toBe('red');
    expect(stairs?.actions[0]?.en).toMatch(/^Stop all entry/);
    expect(stairs?.actions.some((a) => a.en.includes('cell broadcast / SMS'))).toBe(true);
    expect(stairs?.actions.some((a) => a.en.startsWith("Divert people towards People's Square"))).toBe(true);
    expect(stairs?.body.en).toMatch(
      /Public channels: on-site screens, public-address broadcast, cell broadcast/,
    );
    const square = r.warnings.find((w) => w.object === 'SQ-1');
    expect(square?.tier).toBe('orange');
    expect(square?.instructions.zh).toMatch(/现场及周边电子大屏、广播/);
    expect(square?.title.zh).toBe('滨江广场大客流橙色预警');
  });

  it('prints no density above the physical maximum: the forecast stops at it and says when the area fills', async () => {
    const r = await runScenario(plugin, fixture('forecast-held-at-physical-limit.json'));
    const w = r.warnings[0];
    const densities = [...(w?.body.en ?? '').matchAll(/([\d.]+) p\/m²/g)].map((m) => Number(m[1]));
    expect(densities.length).toBeGreaterThan(0);
    expect(Math.max(...densities)).toBeLessThanOrEqual(9);
    expect(w?.body.en).toMatch(/within about 26 min the area fills to the physical limit of 9 p\/m²/);
    expect(w?.body.zh).toMatch(
      /约 26 分钟内达到物理极限密度 9 人\/m²（约 18000 人，区域挤满），30 分钟预测按此上限计/,
    );
    // no approved capacity: the body says nothing about it rather than "— %"
    expect(w?.body.en).not.toMatch(/—/);
    // a higher limit lets the 30-min line (about 9.98 p/m²) stand
    const high = await runScenario(
      plugin,
      withConfig(fixture('forecast-held-at-physical-limit.json'), { maxDensity: 10 }),
    );
    expect(high.warnings[0]?.body.en).toMatch(/in 30 min about \d+ persons \(9\.\d\d p\/m²\)/);
    expect(high.warnings[0]?.body.en).not.toMatch(/physical limit/);
  });
});
