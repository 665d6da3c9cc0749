import { checkAnalysisResult } from '@fenghuo/sdk';
import { loadFixtures, runScenario } from '@fenghuo/sdk/testing';
import { describe, expect, it } from 'vitest';
import { loadText } from './analysis.js';
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
    // 2026-11-29T18:30Z is 02:30 the next day in the city (fixture default UTC+08:00): local time, not UTC ISO.
    expect(w?.body.zh).toMatch(/^2026-11-30 02:3\d:00，/);
    expect(w?.body.en).toMatch(/^At 2026-11-30 02:3\d:00 \(UTC\+08:00\) /);
    expect(JSON.stringify([w?.title, w?.body, w?.instructions, w?.findings])).not.toMatch(
      /\d{4}-\d\d-\d\dT\d\d:\d\d/,
    );
    expect(text).toContain('停车休息不少于 20 分钟');
    expect(text).toContain('stop or relay drivers');
  });
  it('reads the local hour from the event’s offset, the configured one only standing in for it', async () => {
    const f = fixture('incident-fatigued-overspeeding-coach-at-night.json');
    // The configured offset says UTC, the event's says UTC+08:00: still 02:30, still night and curfew.
    const r = await runScenario(plugin, { ...f, config: { ...f.config, utcOffsetMin: 0 } });
    const w = r.warnings.find((x) => x.tier === 'red');
    expect(w?.body.en).toMatch(/^At 2026-11-30 02:3\d:00 \(UTC\+08:00\) /);
    expect(w?.findings.map((x) => x.en).join('\n')).toMatch(/Coach running at 02:3\d local/);
  });
  it('concludes no warning on the GNSS spike and says why', async () => {
    const r = await runScenario(plugin, fixture('false-alarm-gnss-speed-glitch.json'));
    expect(r.analyses).toHaveLength(1);
    const a = r.analyses[0];
    const result = a && 'result' in a ? a.result : undefined;
    expect(result?.tier).toBeNull();
    expect(result?.findings[0]?.en).toContain('GNSS glitch');
  });
  it('speaks of passengers only for passenger vehicles and of dangerous goods only for hazmat trucks', async () => {
    const body = async (file: string) => {
      const r = await runScenario(plugin, fixture(file));
      const w = r.warnings[r.warnings.length - 1];
      if (!w) throw new Error(`no warning in ${file}`);
      return w.body;
    };
    const hazmat = await body('incident-hazmat-truck-passing-school.json');
    expect(hazmat.zh).not.toMatch(/载客/);
    expect(hazmat.en).not.toMatch(/passenger/i);
    expect(hazmat.zh).toMatch(/危险货物：汽油（UN 1203），隔离半径 50 米，周边防护目标：/);
    const coach = await body('incident-fatigued-overspeeding-coach-at-night.json');
    expect(coach.zh).toMatch(/核定载客 45 人。/);
    expect(coach.en).toMatch(/Approved for 45 passengers\./);
    expect(coach.zh).not.toMatch(/危险货物|—/);
    const truck = await body('incident-heavy-truck-rapid-tyre-leak.json');
    expect(truck.zh).not.toMatch(/载客|危险货物/);
    expect(truck.en).not.toMatch(/Passengers|Dangerous goods/);
  });
  it('says when a coach has no seats registered, and when a hazmat truck could not be located', () => {
    const none = { targets: [], radiusM: undefined, located: true };
    expect(loadText('school_bus', {}, none).zh).toBe('核定载客人数未登记。');
    expect(loadText('heavy_truck', {}, none)).toEqual({ zh: '', en: '' });
    expect(loadText('hazmat_truck', { cargoEn: 'Petrol' }, { ...none, located: false }).en).toBe(
      ' Dangerous goods: Petrol; protection targets nearby: not checked (no recent position).',
    );
  });
});
