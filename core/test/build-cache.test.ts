/**
 * The shipped plugins' build cache: a second start reuses the build when no source changed, rebuilds
 * when one did (the plugin's or one it imports), and a damaged cache file is rebuilt, not trusted.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/config.js';
import { cachedBuild } from '../src/registry/build-cache.js';
import { writePluginPackage } from './support/raw-plugins.js';

const root = mkdtempSync(join(REPO_ROOT, 'core', '.tmp-plugins-'));
const cache = join(root, '.cache');
afterAll(() => rmSync(root, { recursive: true, force: true }));

const source = (note: string) => `import { defineRiskType, Type } from '@fenghuo/sdk';
import { NOTE } from './note.js';
export default defineRiskType({
  id: 'cached', version: '1.0.0', domain: 'lifeline', name: { zh: '缓存', en: 'Cached' },
  objects: { well: { name: { zh: '井', en: 'Well' }, attributes: Type.Object({}) } },
  metrics: { ch4: { schema: Type.Number({ minimum: 0, maximum: 100 }), unit: '%LEL', name: { zh: '甲烷', en: 'Methane' } } },
  thresholds: { ch4: { direction: 'rising', levels: { blue: 10, red: 50 } } },
  analyze() { return { tier: null, findings: [{ zh: NOTE + '${note}', en: NOTE + '${note}' }], actions: [] }; },
  warning: { title: { zh: 't', en: 't' }, body: { zh: 'b', en: 'b' }, instructions: { zh: 'i', en: 'i' } },
});
`;

describe('the build cache of shipped plugins', () => {
  it('reuses an unchanged build, rebuilds after any source changes, and ignores a damaged entry', async () => {
    writePluginPackage(root, 'cached', 'risk-type', source('a'));
    const dir = join(root, 'cached');
    writeFileSync(join(dir, 'note.js'), "export const NOTE = 'n1:';\n");
    const first = await cachedBuild(dir, cache);
    expect(first.cached).toBe(false);
    const second = await cachedBuild(dir, cache);
    expect(second).toMatchObject({ cached: true, code: first.code, kind: 'risk-type' });
    expect(second.def.id).toBe('cached');

    // A module the entry imports changes: rebuilt, and the new code is what is returned.
    writeFileSync(join(dir, 'note.js'), "export const NOTE = 'n2:';\n");
    const third = await cachedBuild(dir, cache);
    expect(third.cached).toBe(false);
    expect(third.code).toContain('n2:');
    expect((await cachedBuild(dir, cache)).cached).toBe(true);

    // A damaged cache file is not trusted.
    const { readdirSync } = await import('node:fs');
    for (const f of readdirSync(cache)) writeFileSync(join(cache, f), '{"dir":');
    expect((await cachedBuild(dir, cache)).cached).toBe(false);
    // Without a cache folder, always a fresh build.
    expect((await cachedBuild(dir, null)).cached).toBe(false);
  }, 60_000);
});
