/**
 * The real gas-pipeline plugin, packed by the SDK's packer (`buildBundle`: esbuild, one self-contained
 * IIFE, TypeBox and the SDK inlined), runs its scenario fixtures with every analysis inside the sandbox,
 * and concludes exactly what it concludes when called directly in Node.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RiskTypeDef } from '@fenghuo/sdk';
import { buildBundle } from '@fenghuo/sdk/bundle';
import { type LoadedSandbox, SandboxHost } from '@fenghuo/sdk/sandbox';
import { assertScenario, loadFixtures, runScenario } from '@fenghuo/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/config.js';

const KEY = 'gas-pipeline@1.0.0';
const PLUGIN = join(REPO_ROOT, 'plugins/gas-pipeline');

let host: SandboxHost;
let loaded: LoadedSandbox;
let def: RiskTypeDef;
let sandboxed: RiskTypeDef;

beforeAll(async () => {
  def = ((await import(pathToFileURL(join(PLUGIN, 'src/index.ts')).href)) as { default: RiskTypeDef })
    .default;
  host = new SandboxHost();
  loaded = await host.load(KEY, (await buildBundle({ dir: PLUGIN })).code);
  // The same definition with its analysis run in the sandbox instead of in this process.
  sandboxed = { ...def, analyze: (event, ctx, config) => host.analyze(KEY, event, ctx, config) };
});
afterAll(() => host.dispose());

describe('sandbox: the gas-pipeline plugin packed by the SDK', () => {
  it('loads as a risk type gas-pipeline@1.0.0 from one self-contained bundle', () => {
    expect(loaded).toMatchObject({ key: KEY, id: 'gas-pipeline', version: '1.0.0', kind: 'risk-type' });
    expect(loaded.bundleBytes).toBeGreaterThan(50_000); // TypeBox and the SDK are inside
    expect(loaded.loadMs).toBeLessThan(5_000);
  });

  const fixtures = loadFixtures(join(PLUGIN, 'test/fixtures'));
  for (const fixture of fixtures)
    it(`reaches the same analyses in the sandbox as in Node: ${fixture.name}`, async () => {
      const inNode = await runScenario(def, fixture);
      const inSandbox = await runScenario(sandboxed, fixture);
      expect(inSandbox.analyses.length).toBe(inNode.analyses.length);
      expect(inSandbox.analyses).toEqual(inNode.analyses);
      expect(inSandbox.analyses.every((a) => a.error === undefined)).toBe(true);
      await assertScenario(sandboxed, fixture);
    });

  it('ran real analyses, each in one reused isolate well inside the CPU limit', () => {
    const stats = host.stats(KEY)!;
    expect(stats.calls).toBeGreaterThanOrEqual(fixtures.length);
    expect(stats.failures).toBe(0);
    expect(stats.compiles).toBe(1);
    expect(stats.cpuMs / stats.calls).toBeLessThan(200);
  });
});
