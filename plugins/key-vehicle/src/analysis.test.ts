import { checkAnalysisResult } from '@fenghuo/sdk';
import { loadFixtures, runScenario } from '@fenghuo/sdk/testing';
import { describe, expect, it } from 'vitest';
import plugin from './index.js';

const fixture = (file: string) => {
  const [f] = loadFixtures(new URL(`../test/fixtures/${file}`, import.meta.url));
  if (!f) throw new Error(`fixture ${file} missing`);
  return f;
};

describe('key-vehicle analysis', () => {
  it('lists the school beside the hazmat truck but not the hospital 1 km away, with the class 3 isolation radius', async () => {
    const r = await runScenario(plugin, fixture('incident-hazmat-truck-passing-school.json'));
    const last = r.analyses[r.analyses.length - 1];
    const result = last && 'result' in last ? last.result : undefined;
    expect(result).toBeDefined();
    if (!result) return;
    checkAnalysisResult(result);
    expect(result.targets?.map((t) => t.id)).toEqual(['SCH-2']);
    expect(result.impactRadiusM).toBe(50);
    expect(result.data?.cargoZh).toBe('汽油');
  });
  it('renders the coach warning in Chinese and English with the plate, the local time and the actions', async () => {
    const r = await runScenario(plugin, fixture('incident-fatigued-overspeeding-coach-at-night.json'));
    const w = r.warnings.find((x) => x.tier === 'red');
    expect(w).toBeDefined();
    const text = JSON.stringify(w);
    expect(text).toContain('鄂A·K1234');
    expect(text).toContain('当地 02:3');
    expect(text).toContain('停车休息不少于 20 分钟');
    expect(text).toContain('stop or relay drivers');
  });
  it('concludes no warning on the GNSS spike and says why', async () => {
    const r = await runScenario(plugin, fixture('false-alarm-gnss-speed-glitch.json'));
    expect(r.analyses).toHaveLength(1);
    const a = r.analyses[0];
    const result = a && 'result' in a ? a.result : undefined;
    expect(result?.tier).toBeNull();
    expect(result?.findings[0]?.en).toContain('GNSS glitch');
  });
});
