/** A risk type and a vendor sensor plugin written as packages, for the raw-payload tests. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../src/config.js';

/** Write a plugin package (`package.json` with `fenghuo.kind`, `index.js`) into `root/name`. */
export function writePluginPackage(root: string, name: string, kind: string, source: string): void {
  mkdirSync(join(root, name), { recursive: true });
  writeFileSync(
    join(root, name, 'package.json'),
    JSON.stringify({
      name: `@test/${name}`,
      type: 'module',
      exports: { '.': './index.js' },
      fenghuo: { kind },
    }),
  );
  writeFileSync(join(root, name, 'index.js'), source);
}

/** Make the folder (inside the workspace, so that `@fenghuo/sdk` resolves); the caller removes it. */
export function rawPluginsDir(): string {
  const root = mkdtempSync(join(REPO_ROOT, 'core', '.tmp-plugins-'));
  writePluginPackage(
    root,
    'raw-gas',
    'risk-type',
    `import { defineRiskType, Type } from '@fenghuo/sdk';
export default defineRiskType({
  id: 'raw-gas', version: '1.0.0', domain: 'lifeline', name: { zh: '燃气', en: 'Gas' },
  objects: { well: { name: { zh: '井', en: 'Well' }, attributes: Type.Object({}) } },
  metrics: {
    ch4: { schema: Type.Number({ minimum: 0, maximum: 100 }), unit: '%LEL', name: { zh: '甲烷', en: 'Methane' } },
    battery: { schema: Type.Number({ minimum: 0, maximum: 100 }), unit: '%', name: { zh: '电量', en: 'Battery' } },
  },
  thresholds: { ch4: { direction: 'rising', levels: { blue: 10, red: 50 } } },
  analyze() { return { tier: null, findings: [], actions: [] }; },
  warning: { title: { zh: 't', en: 't' }, body: { zh: 'b', en: 'b' }, instructions: { zh: 'i', en: 'i' } },
});
`,
  );
  // Frame: byte 0 = 0x01, bytes 1-2 = CH4 in 0.1 %LEL (big-endian), byte 3 = battery %. JSON: { ch4, bat }.
  writePluginPackage(
    root,
    'acme-ch4',
    'sensor',
    `import { defineSensor, Type } from '@fenghuo/sdk';
export default defineSensor({
  id: 'acme-ch4', version: '1.0.0', vendor: 'ACME', model: 'M1',
  metrics: {
    ch4: { schema: Type.Number({ minimum: 0, maximum: 100 }), unit: '%LEL', name: { zh: '甲烷', en: 'Methane' } },
    battery: { schema: Type.Number({ minimum: 0, maximum: 100 }), unit: '%', name: { zh: '电量', en: 'Battery' } },
  },
  decode(payload) {
    if (payload instanceof Uint8Array) {
      if (payload.length !== 4 || payload[0] !== 1) throw new Error('not an ACME M1 frame (' + payload.length + ' bytes)');
      return [{ values: { ch4: ((payload[1] << 8) | payload[2]) / 10, battery: payload[3] } }];
    }
    if (payload && typeof payload === 'object' && typeof payload.ch4 === 'number') {
      return [{ ts: payload.ts, values: { ch4: payload.ch4, battery: payload.bat } }];
    }
    throw new Error('unknown payload');
  },
});
`,
  );
  return root;
}
