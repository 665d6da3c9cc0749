import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertScenario, loadFixtures } from '../testing/index.js';
import type { RiskTypeDef } from '../types.js';
import { type BuiltBundle, buildBundle, readPluginPackage } from './build.js';
import { SDK_ROOT } from './version.js';

const GAS = fileURLToPath(new URL('../../../plugins/gas-pipeline', import.meta.url));

/** Plugin folders made for a test, inside the repository so that `@fenghuo/sdk` resolves as in a plugin. */
const tmp = mkdtempSync(join(SDK_ROOT, '.tmp-build-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let n = 0;
function plugin(files: Record<string, string>, kind: string | null = 'risk-type'): string {
  const dir = join(tmp, `p${++n}`);
  const pkg = { name: `p${n}`, version: '0.1.0', type: 'module', ...(kind ? { fenghuo: { kind } } : {}) };
  const all = { 'package.json': JSON.stringify(pkg), ...files };
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const RISK_TYPE = `import { defineRiskType, Type } from '@fenghuo/sdk';
export default defineRiskType({
  id: 'tiny', version: '0.1.0', domain: 'public', name: { zh: '小', en: 'Tiny' },
  objects: { box: { name: { zh: '箱', en: 'Box' }, attributes: Type.Object({}) } },
  metrics: { t: { schema: Type.Number({ minimum: 0, maximum: 100 }), unit: '°C', name: { zh: '温度', en: 'Temperature' } } },
  thresholds: { t: { direction: 'rising', levels: { alarm: 50 } } },
  analyze: () => ({ tier: null, findings: [], actions: [] }),
  warning: { title: { zh: 't', en: 't' }, body: { zh: 'b', en: 'b' }, instructions: { zh: 'i', en: 'i' } },
});
`;

describe('buildBundle on the gas-pipeline plugin', () => {
  let built: BuiltBundle;
  beforeAll(async () => {
    built = await buildBundle({ dir: GAS });
  });

  it('leaves no require or import in the code and uses no installed-SDK fallback', () => {
    expect(built.code).not.toContain('require(');
    expect(built.code).not.toContain('import ');
    expect(built.code).not.toMatch(/\bimport\s*\(/);
    expect(built.kind).toBe('risk-type');
    expect(built.notes).toEqual([]);
  });

  it('sets __fenghuo_plugin__ to the gas-pipeline definition in a fresh context, and nothing else', () => {
    const context = vm.createContext({});
    // A classic script, not a module: an import or export statement left in the code would not parse.
    new vm.Script(built.code).runInContext(context);
    const def = (context as { __fenghuo_plugin__?: RiskTypeDef }).__fenghuo_plugin__;
    expect(def?.id).toBe('gas-pipeline');
    expect(def?.version).toBe('1.0.0');
    expect(typeof def?.analyze).toBe('function');
    expect(Object.keys(context)).toEqual(['__fenghuo_plugin__']);
  });

  it('runs a scenario through the bundled analyze as the source plugin does', async () => {
    const [fixture] = loadFixtures(join(GAS, 'test/fixtures/doc-example.json'));
    const result = await assertScenario(built.def as RiskTypeDef, fixture!);
    expect(result.warnings.map((w) => w.tier)).toEqual(['red', 'red']);
  });

  it('builds the same bytes twice, so a pack is reproducible', async () => {
    expect((await buildBundle({ dir: GAS })).code).toBe(built.code);
  });
});

describe('buildBundle refusals', () => {
  it('refuses a plugin that imports a Node built-in, naming the module and the importer', async () => {
    const dir = plugin({
      'src/index.ts': `import { readFileSync } from 'node:fs';\nimport { createHash } from 'crypto';\n${RISK_TYPE}\nexport const x = [readFileSync, createHash];`,
    });
    const err = await buildBundle({ dir }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'FH_SDK_BUNDLE_NODE_BUILTIN' });
    expect((err as Error).message).toContain('src/index.ts imports the Node built-in "node:fs"');
    expect((err as { details: unknown }).details).toEqual([
      expect.objectContaining({ module: 'node:fs' }),
      expect.objectContaining({ module: 'crypto' }),
    ]);
  });

  it('refuses a package.json without fenghuo.kind, or whose entry is missing', async () => {
    await expect(buildBundle({ dir: plugin({ 'src/index.ts': RISK_TYPE }, null) })).rejects.toMatchObject({
      code: 'FH_SDK_PACKAGE_INVALID',
      message: expect.stringContaining('"fenghuo": { "kind": "risk-type" }'),
    });
    await expect(buildBundle({ dir: plugin({ 'src/other.ts': RISK_TYPE }) })).rejects.toMatchObject({
      code: 'FH_SDK_PACKAGE_INVALID',
      message: expect.stringContaining('src/index.ts does not exist'),
    });
    await expect(buildBundle({ dir: join(tmp, 'nowhere') })).rejects.toMatchObject({
      code: 'FH_SDK_PACKAGE_INVALID',
    });
  });

  it('reports a syntax error with file and line', async () => {
    const dir = plugin({ 'src/index.ts': `${RISK_TYPE}\nconst broken = ;\n` });
    await expect(buildBundle({ dir })).rejects.toMatchObject({
      code: 'FH_SDK_BUNDLE_BUILD_FAILED',
      message: expect.stringMatching(/src\/index\.ts:\d+:\d+: Unexpected ";"/),
    });
  });

  it('refuses an entry without a default export', async () => {
    const dir = plugin({ 'src/index.ts': 'export const notDefault = 1;\n' });
    await expect(buildBundle({ dir })).rejects.toMatchObject({ code: 'FH_SDK_BUNDLE_NO_DEFINITION' });
  });

  it('fails a plugin that reaches for a host global at load, as the sandbox would', async () => {
    const dir = plugin({ 'src/index.ts': `${RISK_TYPE}\nexport const home = process.env.HOME;\n` });
    await expect(buildBundle({ dir })).rejects.toMatchObject({
      code: 'FH_SDK_BUNDLE_EVAL_FAILED',
      message: expect.stringContaining('process is not defined'),
    });
  });

  it('keeps the definition error thrown inside the bundle, with its code and details', async () => {
    const dir = plugin({ 'src/index.ts': RISK_TYPE.replace("id: 'tiny'", "id: 'Tiny'") });
    const err = await buildBundle({ dir }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'FH_SDK_DEFINITION_INVALID' });
    expect((err as { details: unknown }).details).toEqual([
      expect.objectContaining({ code: 'FH_SDK_ID_NOT_KEBAB' }),
    ]);
  });

  it('checks the definition against the kind package.json declares', async () => {
    const dir = plugin({ 'src/index.ts': RISK_TYPE }, 'sensor');
    const err = await buildBundle({ dir }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'FH_SDK_DEFINITION_INVALID' });
    expect((err as { details: { path: string }[] }).details.map((p) => p.path)).toEqual([
      '/vendor',
      '/model',
      '/decode',
    ]);
  });
});

describe('plugin packages', () => {
  it('finds the entry from exports, then main, then src/index.ts, and the author for the publisher', () => {
    const a = plugin({ 'lib/a.ts': RISK_TYPE });
    writeFileSync(
      join(a, 'package.json'),
      JSON.stringify({
        name: 'a',
        fenghuo: { kind: 'sensor' },
        exports: { '.': { import: './lib/a.ts' } },
        author: { name: 'ACME' },
      }),
    );
    expect(readPluginPackage(a)).toMatchObject({
      entry: join(a, 'lib/a.ts'),
      kind: 'sensor',
      author: 'ACME',
    });
    const b = plugin({ 'lib/b.ts': RISK_TYPE });
    writeFileSync(
      join(b, 'package.json'),
      JSON.stringify({ name: 'b', fenghuo: { kind: 'risk-type' }, main: 'lib/b.ts', author: 'Fenghuo' }),
    );
    expect(readPluginPackage(b)).toMatchObject({ entry: join(b, 'lib/b.ts'), author: 'Fenghuo' });
  });

  it('builds a plugin without @fenghuo/sdk installed against the running SDK, and says so', async () => {
    const built = await buildBundle({ dir: plugin({ 'src/index.ts': RISK_TYPE }) });
    expect(built.def.id).toBe('tiny');
    expect(built.notes).toEqual([
      expect.stringContaining("@fenghuo/sdk is not installed in the plugin; built against this CLI's SDK"),
    ]);
  });
});
