import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLUGIN_KINDS } from '../bundle/manifest.js';
import { SDK_ROOT } from '../bundle/version.js';
import { main } from './main.js';

/**
 * A new plugin is a vendor's own project: it must type-check with its own tsconfig and pass its own
 * vitest tests once `@fenghuo/sdk` is installed. Here the install is a symlink to this SDK, as a
 * workspace or `npm install` would make it.
 */
const tmp = mkdtempSync(join(SDK_ROOT, '.tmp-scaffold-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const require = createRequire(import.meta.url);
const TSC = join(require.resolve('typescript/package.json'), '..', 'bin', 'tsc');
const VITEST = join(require.resolve('vitest/package.json'), '..', 'vitest.mjs');
const quiet = { out: () => {}, err: () => {}, env: {} };

beforeAll(async () => {
  mkdirSync(join(tmp, 'node_modules', '@fenghuo'), { recursive: true });
  symlinkSync(SDK_ROOT, join(tmp, 'node_modules', '@fenghuo', 'sdk'));
  for (const kind of PLUGIN_KINDS) {
    expect(await main(['plugin', 'init', `new-${kind}`, '--kind', kind], { ...quiet, cwd: tmp })).toBe(0);
  }
});

describe.each(PLUGIN_KINDS)('a new %s plugin', (kind) => {
  const dir = () => join(tmp, `new-${kind}`);

  it('type-checks with its own strict tsconfig', () => {
    const r = spawnSync(process.execPath, [TSC, '-p', join(dir(), 'tsconfig.json')], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('passes its own vitest tests', () => {
    const r = spawnSync(process.execPath, [VITEST, 'run', '--reporter=verbose'], {
      cwd: dir(),
      encoding: 'utf8',
    });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(kind === 'risk-type' ? /1 passed/ : /2 passed/);
  });
});
