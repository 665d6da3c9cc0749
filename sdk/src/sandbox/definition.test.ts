/**
 * `load()` reads the definition's data inside the isolate: the plugin's fields as plain JSON (its
 * functions dropped), under the load time limit and a size limit; a definition that cannot be read
 * that way makes the bundle unusable.
 */
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Value } from '@sinclair/typebox/value';
import { afterEach, describe, expect, it } from 'vitest';
import { buildBundle } from '../bundle/build.js';
import { checkRiskType, checkSensor } from '../define.js';
import { FenghuoError } from '../errors.js';
import { rehydrateDefinition } from '../rehydrate.js';
import type { RiskTypeDef, SensorDef } from '../types.js';
import { SandboxHost } from './host.js';

const PLUGINS = fileURLToPath(new URL('../../../plugins', import.meta.url));

let host: SandboxHost | undefined;
afterEach(() => {
  host?.dispose();
  host = undefined;
});

async function direct<T>(plugin: string): Promise<T> {
  return ((await import(pathToFileURL(join(PLUGINS, plugin, 'src/index.ts')).href)) as { default: T })
    .default;
}

/** The coded error a load fails with. */
async function loadFailure(h: SandboxHost, key: string, code: string): Promise<FenghuoError> {
  try {
    await h.load(key, code);
  } catch (err) {
    if (err instanceof FenghuoError) return err;
    throw err;
  }
  throw new Error('expected the load to fail');
}

const TOY = (extra: string) =>
  `globalThis.__fenghuo_plugin__ = { id: 'toy', version: '1.0.0', vendor: 'ACME', model: 'M1',
    metrics: { ch4: { schema: { type: 'number', minimum: 0 }, unit: '%LEL', name: { zh: '甲烷', en: 'Methane' } } },
    decode() { return []; }, ${extra} };`;

describe('sandbox: the definition read at load', () => {
  it('carries the gas-pipeline bundle definition data, which rehydrates and passes checkRiskType', async () => {
    const def = await direct<RiskTypeDef>('gas-pipeline');
    host = new SandboxHost();
    const loaded = await host.load(
      'gas-pipeline@1.0.0',
      (await buildBundle({ dir: join(PLUGINS, 'gas-pipeline') })).code,
    );
    const data = loaded.definition;
    expect(data).toEqual(JSON.parse(JSON.stringify(def)));
    expect(Object.keys(data)).toEqual(expect.arrayContaining(['id', 'version', 'domain', 'name', 'metrics']));
    for (const field of ['objects', 'thresholds', 'config', 'defaults', 'warning'])
      expect(data, field).toHaveProperty(field);
    expect(data).not.toHaveProperty('analyze');
    expect(Object.isFrozen((data['metrics'] as Record<string, object>)['ch4'])).toBe(true);

    const rebuilt: RiskTypeDef = { ...rehydrateDefinition(data, 'risk-type'), analyze: def.analyze };
    expect(() => checkRiskType(rebuilt)).not.toThrow();
    expect(Value.Check(rebuilt.metrics['ch4']!.schema, 12.5)).toBe(true);
    expect(Value.Check(rebuilt.metrics['ch4']!.schema, -1)).toBe(false);
    expect(Value.Check(rebuilt.config!, def.defaults)).toBe(true);
    // Loading the same code again gives the same data.
    expect(
      (
        await host.load(
          'gas-pipeline@1.0.0',
          (
            await buildBundle({ dir: join(PLUGINS, 'gas-pipeline') })
          ).code,
        )
      ).definition,
    ).toBe(data);
  });

  it('carries a sensor bundle definition data (metrics, vendor, model) that rehydrates and passes checkSensor', async () => {
    const def = await direct<SensorDef>('lorawan-methane');
    host = new SandboxHost();
    const built = await buildBundle({ dir: join(PLUGINS, 'lorawan-methane') });
    const loaded = await host.load(`${def.id}@${def.version}`, built.code);
    expect(loaded.kind).toBe('sensor');
    expect(loaded.definition).toMatchObject({ vendor: def.vendor, model: def.model });
    expect(loaded.definition).not.toHaveProperty('decode');
    const rebuilt: SensorDef = { ...rehydrateDefinition(loaded.definition, 'sensor'), decode: def.decode };
    expect(() => checkSensor(rebuilt)).not.toThrow();
    for (const [metric, m] of Object.entries(def.metrics)) {
      const schema = rebuilt.metrics[metric]!.schema;
      for (const v of [m.schema.minimum ?? 0, m.schema.maximum ?? 1, -1e9, 1e9, 'x'])
        expect(Value.Check(schema, v), `${metric} ${v}`).toBe(Value.Check(m.schema, v));
    }
  });

  it('refuses a definition that cannot be serialised to JSON', async () => {
    host = new SandboxHost();
    const err = await loadFailure(host, 'toy@1.0.0', TOY(`limit: 10n`));
    expect(err.code).toBe('FH_SANDBOX_BUNDLE_INVALID');
    expect(err.status).toBe(400);
    expect(err.message).toContain('its definition cannot be serialised to JSON');
    const getter = await loadFailure(host, 'toy@1.0.0', TOY(`get name() { throw new Error('no name'); }`));
    expect(getter.message).toContain('cannot be serialised to JSON: no name');
    const notObject = await loadFailure(host, 'toy@1.0.0', TOY(`toJSON() { return 'me'; }`));
    expect(notObject.message).toContain('does not serialise to a JSON object');
  });

  it('stops reading a definition whose getter never returns, under the load time limit', async () => {
    host = new SandboxHost({ loadTimeoutMs: 200 });
    const started = performance.now();
    const err = await loadFailure(host, 'toy@1.0.0', TOY(`get model() { for (;;) {} }`));
    expect(err.code).toBe('FH_SANDBOX_BUNDLE_INVALID');
    expect(err.message).toContain('ran longer than 200 ms');
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('refuses a definition larger than the size limit, counted in bytes of UTF-8', async () => {
    host = new SandboxHost({ maxDefinitionBytes: 2_000 });
    const ascii = await loadFailure(host, 'toy@1.0.0', TOY(`notes: 'x'.repeat(3000)`));
    expect(ascii.code).toBe('FH_SANDBOX_BUNDLE_INVALID');
    expect(ascii.message).toContain('more than the limit of 2000 bytes');
    // 900 characters pass the count inside the isolate, 2,700 bytes do not pass the host's.
    const cjk = await loadFailure(host, 'toy@1.0.0', TOY(`notes: '甲'.repeat(900)`));
    expect(cjk.message).toMatch(/its definition is \d+ bytes of JSON, more than the limit of 2000 bytes/);
    const fits = await host.load('toy@1.0.0', TOY(`notes: '甲'.repeat(100)`));
    expect(fits.definition['notes']).toBe('甲'.repeat(100));
  });
});
