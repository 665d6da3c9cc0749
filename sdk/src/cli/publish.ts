/**
 * `fenghuo plugin publish --server URL --token T [--dir DIR] [--manifest FILE]`: upload a packed plugin
 * to a running platform — `POST {server}/api/v1/plugins` with `{ manifest, bundle: <base64> }` as JSON
 * and the token as `Authorization: Bearer …` — after checking locally that the files still match.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { bundleDigest, checkManifest, type Manifest } from '../bundle/manifest.js';
import { isRecord } from '../check/collect.js';
import { sdkErrors } from '../errors.js';
import { formatBytes, type Io, UsageError } from './io.js';

/**
 * The path of the upload, below the server's URL.
 *
 * @example
 * `${server}${PUBLISH_PATH}`; // 'https://fenghuo.example.gov.cn/api/v1/plugins'
 */
export const PUBLISH_PATH = '/api/v1/plugins';

function chooseManifest(dir: string, explicit: string | undefined, io: Io): string {
  if (explicit) return resolve(io.cwd, explicit);
  if (!existsSync(dir)) {
    throw sdkErrors.PUBLISH_NOTHING({ reason: `no folder ${dir}: run \`fenghuo plugin pack\` first` });
  }
  const found = readdirSync(dir)
    .filter((f) => f.endsWith('.manifest.json'))
    .map((f) => join(dir, f));
  if (found.length === 0) {
    throw sdkErrors.PUBLISH_NOTHING({
      reason: `no *.manifest.json in ${dir}: run \`fenghuo plugin pack\` first`,
    });
  }
  if (found.length === 1) return found[0]!;
  // Several packs: the newest, said out loud.
  const created = (f: string) => {
    try {
      return (
        Date.parse(String((JSON.parse(readFileSync(f, 'utf8')) as { createdAt?: unknown }).createdAt)) || 0
      );
    } catch {
      return 0;
    }
  };
  const newest = found.sort((a, b) => created(b) - created(a))[0]!;
  io.out(
    `注意 / note: ${found.length} 个清单，发布最新的 / manifests found, publishing the newest: ${relative(io.cwd, newest)} (choose with --manifest)`,
  );
  return newest;
}

function readPack(manifestFile: string): { manifest: Manifest; bundle: Buffer } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(manifestFile, 'utf8'));
  } catch (err) {
    throw sdkErrors.PUBLISH_NOTHING({ reason: `cannot read ${manifestFile}: ${(err as Error).message}` });
  }
  const manifest = checkManifest(parsed);
  const bundleFile = join(dirname(manifestFile), manifest.bundle.file);
  if (!existsSync(bundleFile)) {
    throw sdkErrors.PUBLISH_NOTHING({ reason: `the manifest names ${bundleFile}, which does not exist` });
  }
  const bundle = readFileSync(bundleFile);
  const digest = bundleDigest(bundle);
  if (digest.bytes !== manifest.bundle.bytes || digest.sha256 !== manifest.bundle.sha256) {
    throw sdkErrors.BUNDLE_TAMPERED({
      file: bundleFile,
      reason: `it is ${digest.bytes} bytes with SHA-256 ${digest.sha256}; the manifest says ${manifest.bundle.bytes} bytes, ${manifest.bundle.sha256} (pack again)`,
    });
  }
  return { manifest, bundle };
}

/** The server's refusal in a line: its coded error when it sent one, else the start of its body. */
function refusal(body: unknown, text: string): string {
  // The platform answers `{ error: { code, message, details? } }`; a bare `{ code, message }` is read too.
  const e = isRecord(body) && isRecord(body['error']) ? body['error'] : body;
  if (isRecord(e) && typeof e['code'] === 'string') {
    return `${e['code']}: ${typeof e['message'] === 'string' ? e['message'] : ''}`.trim();
  }
  const trimmed = text.trim();
  return trimmed === '' ? '(empty body)' : trimmed.slice(0, 500);
}

function networkReason(err: unknown): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError') return 'no answer in time';
  return e.cause?.code ?? e.cause?.message ?? e.message ?? String(err);
}

/**
 * Run `plugin publish`. The token comes from `--token` or the `FENGHUO_TOKEN` environment variable
 * (which keeps it out of the shell's history); it is never printed.
 *
 * @example
 * await pluginPublish(['--server', 'http://127.0.0.1:3000', '--token', token], io); // 0 once the server answers 2xx
 */
export async function pluginPublish(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      server: { type: 'string' },
      token: { type: 'string' },
      dir: { type: 'string' },
      manifest: { type: 'string' },
      timeout: { type: 'string' },
    },
    strict: true,
  });
  if (!values.server) throw new UsageError('缺少 --server <URL> / --server <URL> is required');
  let server: URL;
  try {
    server = new URL(values.server);
  } catch {
    throw new UsageError(
      `--server 须为 http(s) 地址 / --server must be an http(s) URL, got ${values.server}`,
    );
  }
  if (server.protocol !== 'http:' && server.protocol !== 'https:') {
    throw new UsageError(
      `--server 须为 http(s) 地址 / --server must be an http(s) URL, got ${values.server}`,
    );
  }
  const token = values.token ?? io.env['FENGHUO_TOKEN'];
  if (!token)
    throw new UsageError('缺少 --token（或 FENGHUO_TOKEN）/ --token (or FENGHUO_TOKEN) is required');
  const timeoutSec = values.timeout === undefined ? 60 : Number(values.timeout);
  if (!(timeoutSec > 0))
    throw new UsageError(`--timeout 须为正秒数 / --timeout must be a positive number of seconds`);

  const manifestFile = chooseManifest(resolve(io.cwd, values.dir ?? 'dist'), values.manifest, io);
  const { manifest, bundle } = readPack(manifestFile);
  const url = `${server.href.replace(/\/+$/, '')}${PUBLISH_PATH}`;
  const label = `${manifest.id}@${manifest.version}`;
  io.out(
    `已核对 / checked ${relative(io.cwd, manifestFile)}: ${label} (${manifest.kind}), sha256 ${manifest.bundle.sha256.slice(0, 16)}…`,
  );
  const body = JSON.stringify({ manifest, bundle: bundle.toString('base64') });
  io.out(`上传 / uploading ${label} (${formatBytes(Buffer.byteLength(body))}) → ${url} …`);
  const started = Date.now();
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        authorization: `Bearer ${token}`,
      },
      body,
      signal: AbortSignal.timeout(timeoutSec * 1000),
    });
  } catch (err) {
    throw sdkErrors.PUBLISH_UNREACHABLE({ url, reason: networkReason(err) });
  }
  const text = await res.text();
  let answer: unknown;
  try {
    answer = text === '' ? undefined : JSON.parse(text);
  } catch {
    answer = undefined;
  }
  const status = `${res.status}${res.statusText ? ` ${res.statusText}` : ''}`;
  if (!res.ok) {
    throw sdkErrors.PUBLISH_REFUSED({ url, status, reason: refusal(answer, text) }, answer);
  }
  io.out(`✓ 已发布 / published ${label} — ${status}, ${Date.now() - started} ms`);
  if (isRecord(answer) && typeof answer['message'] === 'string') io.out(`  ${answer['message']}`);
  return 0;
}
