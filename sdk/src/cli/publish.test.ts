import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { keyIdOf } from '../bundle/keys.js';
import { signManifest, verifyBundle } from '../bundle/sign.js';
import { SDK_ROOT } from '../bundle/version.js';
import type { Io } from './io.js';
import { main } from './main.js';

const tmp = mkdtempSync(join(SDK_ROOT, '.tmp-publish-'));
const TOKEN = 'fh_publish-test-token-0123456789';

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: { manifest: Record<string, unknown>; bundle: string };
}

/** A loopback platform that records every upload and answers with `reply`. */
let server: Server;
let base: string;
let received: Received[] = [];
let reply: { status: number; body: string; type?: string } = { status: 201, body: '{}' };

async function run(argv: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (l) => out.push(l), err: (l) => err.push(l), cwd: tmp, env };
  const code = await main(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
      });
      res.writeHead(reply.status, { 'content-type': reply.type ?? 'application/json' });
      res.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const quiet = { out: () => {}, err: () => {}, cwd: tmp, env: {} };
  expect(await main(['keys', 'generate'], quiet)).toBe(0);
  expect(await main(['plugin', 'init', 'acme-level', '--kind', 'sensor'], quiet)).toBe(0);
  expect(
    await main(['plugin', 'pack', '--dir', 'acme-level', '--key', 'fenghuo-key.pem', '--out', 'dist'], quiet),
  ).toBe(0);
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(tmp, { recursive: true, force: true });
});

beforeEach(() => {
  received = [];
  reply = {
    status: 201,
    body: JSON.stringify({
      id: 'acme-level',
      version: '0.1.0',
      message: '已接收 / received, awaiting review',
    }),
  };
});

const manifestFile = () => join(tmp, 'dist/acme-level-0.1.0.manifest.json');
const bundleFile = () => join(tmp, 'dist/acme-level-0.1.0.fhp.js');

describe('fenghuo plugin publish', () => {
  it('uploads the manifest and the base64 bundle as JSON with the bearer token, and reports the 201', async () => {
    const r = await run(['plugin', 'publish', '--server', base, '--token', TOKEN]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(received).toHaveLength(1);
    const [got] = received;
    expect(got).toMatchObject({ method: 'POST', url: '/api/v1/plugins' });
    expect(got!.headers['authorization']).toBe(`Bearer ${TOKEN}`);
    expect(got!.headers['content-type']).toBe('application/json');
    expect(got!.body.manifest).toEqual(JSON.parse(readFileSync(manifestFile(), 'utf8')));
    const bundle = Buffer.from(got!.body.bundle, 'base64');
    expect(bundle.equals(readFileSync(bundleFile()))).toBe(true);
    // What arrived is what a platform can verify.
    const pub = readFileSync(join(tmp, 'fenghuo-key.pub.pem'), 'utf8');
    expect(
      verifyBundle({ manifest: got!.body.manifest, code: bundle, trustedKeys: { [keyIdOf(pub)]: pub } }).id,
    ).toBe('acme-level');
    expect(r.out).toContain(`上传 / uploading acme-level@0.1.0`);
    expect(r.out).toContain(`→ ${base}/api/v1/plugins`);
    expect(r.out).toMatch(/✓ 已发布 \/ published acme-level@0\.1\.0 — 201 Created, \d+ ms/);
    expect(r.out).toContain('已接收 / received, awaiting review');
    expect(r.out + r.err).not.toContain(TOKEN);
  });

  it("shows the server's coded refusal and exits with 1", async () => {
    reply = {
      status: 409,
      // The platform's error shape (core/src/api/server.ts errorReply).
      body: JSON.stringify({
        error: { code: 'FH_PLUGIN_VERSION_EXISTS', message: 'acme-level@0.1.0 is installed already' },
      }),
    };
    const r = await run(['plugin', 'publish', '--server', base, '--token', TOKEN]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('[FH_SDK_PUBLISH_REFUSED]');
    expect(r.err).toContain(
      `${base}/api/v1/plugins answered 409 Conflict: FH_PLUGIN_VERSION_EXISTS: acme-level@0.1.0 is installed already`,
    );
    expect(received).toHaveLength(1);
  });

  it('shows the start of a non-JSON error body', async () => {
    reply = { status: 502, body: '<html>Bad Gateway</html>', type: 'text/html' };
    const r = await run(['plugin', 'publish', '--server', base, '--token', TOKEN]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('answered 502 Bad Gateway: <html>Bad Gateway</html>');
  });

  it('keeps a path prefix of the server URL and takes the token from FENGHUO_TOKEN', async () => {
    const r = await run(['plugin', 'publish', '--server', `${base}/fenghuo/`], { FENGHUO_TOKEN: TOKEN });
    expect(r.code).toBe(0);
    expect(received[0]?.url).toBe('/fenghuo/api/v1/plugins');
    expect(received[0]?.headers['authorization']).toBe(`Bearer ${TOKEN}`);
  });

  it('says when the server cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const r = await run(['plugin', 'publish', '--server', `http://127.0.0.1:${port}`, '--token', TOKEN]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('[FH_SDK_PUBLISH_UNREACHABLE]');
    expect(r.err).toContain('ECONNREFUSED');
  });

  it('refuses to upload a bundle that no longer matches its manifest, before any request', async () => {
    const dir = join(tmp, 'tampered');
    mkdirSync(dir, { recursive: true });
    copyFileSync(manifestFile(), join(dir, 'acme-level-0.1.0.manifest.json'));
    const code = readFileSync(bundleFile(), 'utf8');
    writeFileSync(join(dir, 'acme-level-0.1.0.fhp.js'), code.replace('WL-100', 'WL-101'));
    const r = await run(['plugin', 'publish', '--server', base, '--token', TOKEN, '--dir', 'tampered']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('[FH_SDK_BUNDLE_TAMPERED]');
    expect(received).toHaveLength(0);
  });

  it('publishes the newest of several packs, or the one --manifest names', async () => {
    const dir = join(tmp, 'several');
    mkdirSync(dir, { recursive: true });
    const manifest = JSON.parse(readFileSync(manifestFile(), 'utf8'));
    const priv = readFileSync(join(tmp, 'fenghuo-key.pem'), 'utf8');
    for (const [version, createdAt] of [
      ['0.1.0', '2026-01-01T00:00:00.000Z'],
      ['0.2.0', '2026-02-01T00:00:00.000Z'],
    ] as const) {
      const file = `acme-level-${version}.fhp.js`;
      const m = signManifest({ ...manifest, version, createdAt, bundle: { ...manifest.bundle, file } }, priv);
      copyFileSync(bundleFile(), join(dir, file));
      writeFileSync(join(dir, `acme-level-${version}.manifest.json`), JSON.stringify(m));
    }
    const newest = await run(['plugin', 'publish', '--server', base, '--token', TOKEN, '--dir', 'several']);
    expect(newest.code).toBe(0);
    expect(newest.out).toContain('publishing the newest: several/acme-level-0.2.0.manifest.json');
    expect(received[0]?.body.manifest['version']).toBe('0.2.0');
    const chosen = await run([
      'plugin',
      'publish',
      '--server',
      base,
      '--token',
      TOKEN,
      '--manifest',
      'several/acme-level-0.1.0.manifest.json',
    ]);
    expect(chosen.code).toBe(0);
    expect(received[1]?.body.manifest['version']).toBe('0.1.0');
  });

  it('asks for --server and --token (2), and for a pack first when there is none (1)', async () => {
    expect((await run(['plugin', 'publish', '--token', TOKEN])).code).toBe(2);
    expect((await run(['plugin', 'publish', '--server', base])).code).toBe(2);
    expect((await run(['plugin', 'publish', '--server', 'ftp://example.org', '--token', TOKEN])).code).toBe(
      2,
    );
    const none = await run(['plugin', 'publish', '--server', base, '--token', TOKEN, '--dir', 'acme-level']);
    expect(none.code).toBe(1);
    expect(none.err).toContain('[FH_SDK_PUBLISH_NOTHING]');
    expect(received).toHaveLength(0);
  });
});
