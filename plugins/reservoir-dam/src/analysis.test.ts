/** The analyses on small scenes built from the incident fixture's dam, looking at what `analyze` returned. */
import type { AnalysisResult } from '@fenghuo/sdk';
import { type Fixture, loadFixtures, runScenario } from '@fenghuo/sdk/testing';
import { describe, expect, it } from 'vitest';
import { hazardSubject } from './analysis.js';
import plugin from './index.js';

const [scene] = loadFixtures(new URL('../test/fixtures/false-alarm-seepage-spike.json', import.meta.url));
const ts = (h: number) => `2026-07-12T${String(h).padStart(2, '0')}:00:00Z`;

async function analyses(
  readings: Fixture['readings'],
  extra: Partial<Fixture> = {},
): Promise<AnalysisResult[]> {
  const r = await runScenario(plugin, { ...scene!, ...extra, readings, expect: { alarms: [] } });
  for (const a of r.analyses) if (a.error) throw new Error(a.error);
  return r.analyses.map((a) => a.result!);
}

describe('reservoir-dam analysis', () => {
  it('reads muddy seepage without more flow as possible surface runoff, not piping', async () => {
    const turb = [2, 2, 2, 2, 2, 2, 15];
    const res = await analyses(
      turb.map((t, h) => ({ sensor: 'SP-1', ts: ts(h), values: { seepage_flow: 10, seepage_turbidity: t } })),
    );
    const last = res[res.length - 1]!;
    expect(last.tier).toBe('blue');
    expect(last.findings.some((f) => f.en.includes('surface runoff'))).toBe(true);
    expect(last.findings.some((f) => f.en.includes('piping'))).toBe(false);
  });
  it('gives a blue pool-level warning without routing the breach below the routing tier', async () => {
    const res = await analyses(
      [-1, -0.5, 0, 0.1].map((v, h) => ({
        sensor: 'WL-1',
        ts: ts(h),
        values: { level_above_flood_limit: v },
      })),
    );
    const last = res[res.length - 1]!;
    expect(last.tier).toBe('blue');
    expect(last.impact).toBeUndefined();
    expect(last.findings[1]!.en).toBe('Pool above the flood-limit level');
  });
  it('routes from blue when the city sets routeFromTier to blue', async () => {
    const res = await analyses(
      [-1, -0.5, 0, 0.1].map((v, h) => ({
        sensor: 'WL-1',
        ts: ts(h),
        values: { level_above_flood_limit: v },
      })),
      { config: { routeFromTier: 'blue' } },
    );
    const last = res[res.length - 1]!;
    expect(last.impact?.type).toBe('Polygon');
    expect(last.targets?.map((t) => t.id)).toContain('V-1');
    expect(last.targets?.map((t) => t.id)).not.toContain('HOS-1');
  });
  it('titles a dam once, whether or not its name already says reservoir or dam', async () => {
    const [piping] = loadFixtures(new URL('../test/fixtures/incident-seepage-piping.json', import.meta.url));
    const r = await runScenario(plugin, piping!);
    const w = r.warnings[r.warnings.length - 1]!;
    expect(w.title.zh).toMatch(/^青山水库大坝险情(蓝色|黄色|橙色|红色)预警$/);
    expect(w.title.en).toMatch(/^\w+ warning: dam hazard at Qingshan Reservoir dam$/);
    expect(hazardSubject({ zh: '梅灵水库', en: 'Meiling Reservoir' })).toEqual({
      zh: '梅灵水库险情',
      en: 'dam hazard at Meiling Reservoir',
    });
    expect(hazardSubject({ zh: '梅灵主坝', en: 'Meiling main dam' })).toEqual({
      zh: '梅灵主坝险情',
      en: 'dam hazard at Meiling main dam',
    });
    expect(hazardSubject({ zh: '梅灵', en: 'Meiling' })).toEqual({
      zh: '梅灵水库险情',
      en: 'dam hazard at Meiling reservoir',
    });
  });
});
