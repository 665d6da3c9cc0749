import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { keyIdOf } from '../bundle/keys.js';
import { verifyBundle } from '../bundle/sign.js';
import { SDK_ROOT, SDK_VERSION } from '../bundle/version.js';
import type { Io } from './io.js';
import { main } from './main.js';

/** Folders made here live inside the repository, as a vendor's would sit beside its node_modules. */
const tmp = mkdtempSync(join(SDK_ROOT, '.tmp-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const GAS = fileURLToPath(new URL('../../../plugins/gas-pipeline', import.meta.url));

interface Run {
  code: number;
  out: string;
  err: string;
}

async function run(argv: string[], cwd = tmp, env: Record<string, string> = {}): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (l) => out.push(l), err: (l) => err.push(l), cwd, env };
  const code = await main(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('fenghuo command line', () => {
  it('prints the usage with exit code 0 for help, 2 for nothing or an unknown command', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('plugin publish --server URL --token T');
    expect((await run([])).code).toBe(2);
    const unknown = await run(['plugin', 'build']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('未知命令 / unknown command: plugin build');
  });

  it('prints the SDK version', async () => {
    expect(await run(['--version'])).toMatchObject({ code: 0, out: SDK_VERSION });
  });

  it('answers a wrong option with the usage and exit code 2', async () => {
    const r = await run(['plugin', 'test', '--colour', 'red']);
    expect(r.code).toBe(2);
    expect(r.err).toContain("Unknown option '--colour'");
    expect(r.err).toContain('用法 / usage: fenghuo <command>');
  });

  it('runs as the fenghuo bin through tsx', () => {
    const r = spawnSync(process.execPath, [join(SDK_ROOT, 'bin/fenghuo.js'), '--version'], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(SDK_VERSION);
    const bad = spawnSync(process.execPath, [join(SDK_ROOT, 'bin/fenghuo.js'), 'nope'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
  });
});

describe('fenghuo keys generate', () => {
  it('writes the private key with mode 0600 and the public key, prints the key id and never the private key', async () => {
    const dir = join(tmp, 'keys');
    const r = await run(['keys', 'generate', '--out', 'keys']);
    expect(r.code).toBe(0);
    const priv = readFileSync(join(dir, 'fenghuo-key.pem'), 'utf8');
    const pub = readFileSync(join(dir, 'fenghuo-key.pub.pem'), 'utf8');
    expect(statSync(join(dir, 'fenghuo-key.pem')).mode & 0o777).toBe(0o600);
    const keyId = keyIdOf(pub);
    expect(keyIdOf(priv)).toBe(keyId);
    expect(r.out).toContain(`key id:       ${keyId}`);
    const body = priv.split('\n')[1]!;
    expect(r.out + r.err).not.toContain(body);
    expect(r.out + r.err).not.toContain('PRIVATE KEY-----');
  });

  it('refuses to overwrite a key unless forced', async () => {
    await run(['keys', 'generate', '--out', 'keys2']);
    const before = readFileSync(join(tmp, 'keys2/fenghuo-key.pem'), 'utf8');
    const again = await run(['keys', 'generate', '--out', 'keys2']);
    expect(again.code).toBe(1);
    expect(again.err).toContain('[FH_SDK_KEY_EXISTS]');
    expect(readFileSync(join(tmp, 'keys2/fenghuo-key.pem'), 'utf8')).toBe(before);
    expect((await run(['keys', 'generate', '--out', 'keys2', '--force'])).code).toBe(0);
    expect(readFileSync(join(tmp, 'keys2/fenghuo-key.pem'), 'utf8')).not.toBe(before);
  });
});

describe('fenghuo plugin init → test → pack', () => {
  const ensureKeys = async () => {
    if (!existsSync(join(tmp, 'keys/fenghuo-key.pem'))) await run(['keys', 'generate', '--out', 'keys']);
  };
  const trusted = () => {
    const pub = readFileSync(join(tmp, 'keys/fenghuo-key.pub.pem'), 'utf8');
    return { [keyIdOf(pub)]: pub };
  };

  it('scaffolds a risk type whose fixture passes and whose pack verifies', async () => {
    const init = await run(['plugin', 'init', 'underpass-flood', '--kind', 'risk-type', '--dir', 'rt']);
    expect(init.code).toBe(0);
    for (const f of [
      'package.json',
      'src/index.ts',
      'test/scenarios.test.ts',
      'test/fixtures/rising-water.json',
      'README.md',
    ]) {
      expect(existsSync(join(tmp, 'rt', f)), f).toBe(true);
    }
    expect(JSON.parse(readFileSync(join(tmp, 'rt/package.json'), 'utf8'))).toMatchObject({
      fenghuo: { kind: 'risk-type' },
      dependencies: { '@fenghuo/sdk': '^0.1.0' },
    });

    const test = await run(['plugin', 'test', '--dir', 'rt']);
    expect(test.err).toBe('');
    expect(test.code).toBe(0);
    expect(test.out).toMatch(/✓ 通过 \/ pass {2}test\/fixtures\/rising-water\.json {2}water rising fast/);
    expect(test.out).toContain('passed 1, 失败 / failed 0');

    await ensureKeys();
    const pack = await run([
      'plugin',
      'pack',
      '--dir',
      'rt',
      '--key',
      'keys/fenghuo-key.pem',
      '--publisher',
      'Example Co',
    ]);
    expect(pack.err).toBe('');
    expect(pack.code).toBe(0);
    const code = readFileSync(join(tmp, 'rt/dist/underpass-flood-0.1.0.fhp.js'), 'utf8');
    const manifest = JSON.parse(
      readFileSync(join(tmp, 'rt/dist/underpass-flood-0.1.0.manifest.json'), 'utf8'),
    );
    expect(pack.out).toContain(`sha256 ${manifest.bundle.sha256}`);
    expect(verifyBundle({ manifest, code, trustedKeys: trusted() })).toMatchObject({
      id: 'underpass-flood',
      kind: 'risk-type',
      domain: 'natural',
      publisher: { name: 'Example Co' },
    });
  });

  it('scaffolds a sensor whose binary decode passes its fixtures and packs under its vendor', async () => {
    await ensureKeys();
    expect((await run(['plugin', 'init', 'acme-level', '--kind', 'sensor', '--dir', 'sn'])).code).toBe(0);
    const test = await run(['plugin', 'test', '--dir', 'sn']);
    expect(test.code).toBe(0);
    expect(test.out).toContain('measurement.json  a measurement frame of 300 mm');
    expect(test.out).toContain('short-frame.json  a frame of the wrong length is refused');
    const pack = await run([
      'plugin',
      'pack',
      '--dir',
      'sn',
      '--key',
      'keys/fenghuo-key.pem',
      '--out',
      'sn-dist',
    ]);
    expect(pack.code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(tmp, 'sn-dist/acme-level-0.1.0.manifest.json'), 'utf8'));
    const code = readFileSync(join(tmp, 'sn-dist/acme-level-0.1.0.fhp.js'));
    expect(verifyBundle({ manifest, code, trustedKeys: trusted() })).toMatchObject({
      kind: 'sensor',
      vendor: 'ACME',
      model: 'WL-100',
      publisher: { name: 'ACME' },
    });
  });

  it('fails plugin test with exit code 1 and says what differs when a fixture expects something else', async () => {
    const dir = join(tmp, 'rt-fail');
    await run(['plugin', 'init', 'underpass-flood', '--kind', 'risk-type', '--dir', 'rt-fail']);
    const fixture = join(dir, 'test/fixtures/rising-water.json');
    writeFileSync(fixture, readFileSync(fixture, 'utf8').replace('"tier": "orange"', '"tier": "red"'));
    writeFileSync(join(dir, 'test/fixtures/broken.json'), '{ "name": ');
    const r = await run(['plugin', 'test', '--dir', 'rt-fail']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('✗ 失败 / FAIL  test/fixtures/rising-water.json');
    expect(r.out).toContain('its tier is orange, not red');
    expect(r.out).toContain('✗ 失败 / FAIL  test/fixtures/broken.json');
    expect(r.out).toContain('[FH_SDK_FIXTURE_NOT_JSON]');
    expect(r.out).toContain('通过 / passed 0, 失败 / failed 2');
  });

  it('runs the fixtures in the isolated-vm sandbox: an analyze that never ends stops at its CPU limit with FH_SANDBOX_TIMEOUT', async () => {
    const dir = join(tmp, 'rt-loop');
    await run(['plugin', 'init', 'underpass-flood', '--kind', 'risk-type', '--dir', 'rt-loop']);
    const entry = join(dir, 'src/index.ts');
    const source = readFileSync(entry, 'utf8');
    const head = '  async analyze(event, ctx, config) {\n';
    expect(source).toContain(head);
    // The loop starts after an await: only a sandbox that times every slice of a call stops it.
    writeFileSync(entry, source.replace(head, `${head}    await Promise.resolve();\n    for (;;) {}\n`));
    const started = Date.now();
    const r = await run(['plugin', 'test', '--dir', 'rt-loop']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('in the sandbox (isolated-vm)');
    expect(r.out).toContain('✗ 失败 / FAIL  test/fixtures/rising-water.json');
    expect(r.out).toMatch(/analyze exceeded its CPU time limit of 200 ms \[FH_SANDBOX_TIMEOUT\]/);
    expect(r.out).toContain('通过 / passed 0, 失败 / failed 1');
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('runs a sensor decode with no host globals: reading process fails the fixture', async () => {
    const dir = join(tmp, 'sn-process');
    await run(['plugin', 'init', 'acme-level', '--kind', 'sensor', '--dir', 'sn-process']);
    const entry = join(dir, 'src/index.ts');
    const source = readFileSync(entry, 'utf8');
    const head = '  decode(payload) {\n';
    expect(source).toContain(head);
    writeFileSync(entry, source.replace(head, `${head}    if (process.env.HOME) return [];\n`));
    const r = await run(['plugin', 'test', '--dir', 'sn-process']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('✗ 失败 / FAIL  test/fixtures/measurement.json');
    expect(r.out).toContain('decode threw ReferenceError: process is not defined');
  });

  it('runs the gas-pipeline fixtures against its bundle', async () => {
    const r = await run(['plugin', 'test', '--dir', GAS]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('running 6 个用例 / fixture(s) of gas-pipeline@1.0.0 (risk-type)');
    expect(r.out).toContain('通过 / passed 6, 失败 / failed 0');
  });

  it('refuses a bad id or kind as usage (2), and a folder that is not empty as a failure (1)', async () => {
    expect((await run(['plugin', 'init', 'Bad_Id', '--kind', 'sensor'])).code).toBe(2);
    expect((await run(['plugin', 'init', 'good-id', '--kind', 'gadget'])).code).toBe(2);
    expect((await run(['plugin', 'init', 'good-id'])).code).toBe(2);
    mkdirSync(join(tmp, 'taken'), { recursive: true });
    writeFileSync(join(tmp, 'taken/notes.txt'), 'mine');
    const r = await run(['plugin', 'init', 'good-id', '--kind', 'sensor', '--dir', 'taken']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('[FH_SDK_SCAFFOLD_EXISTS]');
    expect(readFileSync(join(tmp, 'taken/notes.txt'), 'utf8')).toBe('mine');
  });

  it('asks for --key (2) and refuses a missing or foreign key file (1) without writing a pack', async () => {
    await ensureKeys();
    expect((await run(['plugin', 'pack', '--dir', GAS])).code).toBe(2);
    const missing = await run(['plugin', 'pack', '--dir', GAS, '--key', 'nope.pem', '--out', 'never']);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('[FH_SDK_KEY_INVALID]');
    const pub = await run([
      'plugin',
      'pack',
      '--dir',
      GAS,
      '--key',
      'keys/fenghuo-key.pub.pem',
      '--out',
      'never',
    ]);
    expect(pub.code).toBe(1);
    expect(pub.err).toContain('[FH_SDK_KEY_INVALID]');
    expect(existsSync(join(tmp, 'never'))).toBe(false);
  });

  it('fails plugin test with a coded error when the folder is no plugin', async () => {
    await ensureKeys();
    const r = await run(['plugin', 'test', '--dir', 'keys']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('[FH_SDK_PACKAGE_INVALID]');
  });
});
