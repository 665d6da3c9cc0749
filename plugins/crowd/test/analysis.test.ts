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
});
