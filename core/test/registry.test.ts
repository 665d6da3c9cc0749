import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/config.js';
import { loadPlugins } from '../src/registry/plugins.js';

// Inside the workspace, so that the test plugins resolve `@fenghuo/sdk` like a real plugin package.
const root = mkdtempSync(join(REPO_ROOT, 'core', '.tmp-plugins-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A plugin package in plain JavaScript. */
function pkg(dir: string, name: string, source: string): void {
  mkdirSync(join(root, dir, name), { recursive: true });
  writeFileSync(
    join(root, dir, name, 'package.json'),
    JSON.stringify({
      name: `@test/${name}`,
      type: 'module',
      exports: { '.': './index.js' },
      fenghuo: { kind: 'risk-type' },
    }),
  );
  writeFileSync(join(root, dir, name, 'index.js'), source);
}

const valid = (id: string) => `import { Type } from '@fenghuo/sdk';
export default {
  id: '${id}', version: '1.0.0', domain: 'lifeline', name: { zh: '测试', en: 'Test' },
  objects: { well: { name: { zh: '井', en: 'Well' }, attributes: Type.Object({}) } },
  metrics: { ch4: { schema: Type.Number({ minimum: 0, maximum: 100 }), unit: '%LEL', name: { zh: '甲烷', en: 'Methane' } } },
  thresholds: { ch4: { direction: 'rising', levels: { blue: 10, red: 50 } } },
  analyze() { return { tier: null, findings: [], actions: [] }; },
  warning: { title: { zh: 't', en: 't' }, body: { zh: 'b', en: 'b' }, instructions: { zh: 'i', en: 'i' } },
};`;

describe('the plugin registry', () => {
  it('loads the shipped risk types from plugins/', async () => {
    const reg = await loadPlugins(join(REPO_ROOT, 'plugins'));
    expect([...reg.riskTypes.keys()].sort()).toEqual(['bridge', 'gas-pipeline']);
    expect(reg.metric('gas-pipeline', 'ch4')?.unit).toBe('%LEL');
  });

  it('ignores folders that are not risk-type packages and loads a plain-JavaScript one', async () => {
    pkg('ok', 'alpha', valid('alpha'));
    mkdirSync(join(root, 'ok', 'not-a-package'), { recursive: true });
    const reg = await loadPlugins(join(root, 'ok'));
    expect([...reg.riskTypes.keys()]).toEqual(['alpha']);
  });

  it('refuses two packages that declare the same risk type', async () => {
    pkg('dup', 'one', valid('same'));
    pkg('dup', 'two', valid('same'));
    await expect(loadPlugins(join(root, 'dup'))).rejects.toMatchObject({
      code: 'FH_PLUGIN_DUPLICATE',
      status: 409,
    });
  });

  it('names the folder of a plugin that cannot be imported', async () => {
    pkg('broken', 'bad', 'export default {;');
    await expect(loadPlugins(join(root, 'broken'))).rejects.toMatchObject({
      code: 'FH_PLUGIN_LOAD_FAILED',
      message: expect.stringContaining(join(root, 'broken', 'bad')),
    });
  });

  it('keeps the SDK code of a definition that fails its checks', async () => {
    pkg('invalid', 'wrong', valid('Not-Kebab'));
    await expect(loadPlugins(join(root, 'invalid'))).rejects.toMatchObject({
      code: 'FH_SDK_DEFINITION_INVALID',
    });
  });
});
