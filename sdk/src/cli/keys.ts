/**
 * `fenghuo keys generate [--out DIR] [--force]`: make a publisher key pair. The private key is written
 * with mode 0600 and never printed.
 */
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateKeyPair } from '../bundle/keys.js';
import { sdkErrors } from '../errors.js';
import type { Io } from './io.js';

/**
 * The private key file `keys generate` writes (mode 0600), the one `plugin pack --key` is usually given.
 *
 * @example
 * readFileSync(join(dir, PRIVATE_KEY_FILE), 'utf8'); // '-----BEGIN PRIVATE KEY-----…'
 */
export const PRIVATE_KEY_FILE = 'fenghuo-key.pem';

/**
 * The public key file `keys generate` writes, for the platforms that should trust the publisher.
 *
 * @example
 * const pem = readFileSync(join(dir, PUBLIC_KEY_FILE), 'utf8');
 * trustedKeys[keyIdOf(pem)] = pem;
 */
export const PUBLIC_KEY_FILE = 'fenghuo-key.pub.pem';

/**
 * Run `keys generate`.
 *
 * @example
 * await keysGenerate(['--out', 'keys'], io); // 0
 */
export async function keysGenerate(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { out: { type: 'string' }, force: { type: 'boolean', default: false } },
    strict: true,
  });
  const dir = resolve(io.cwd, values.out ?? '.');
  const privFile = join(dir, PRIVATE_KEY_FILE);
  const pubFile = join(dir, PUBLIC_KEY_FILE);
  if (!values.force) {
    for (const file of [privFile, pubFile]) {
      if (existsSync(file)) throw sdkErrors.KEY_EXISTS({ file });
    }
  }
  const pair = generateKeyPair();
  mkdirSync(dir, { recursive: true });
  writeFileSync(privFile, pair.privateKeyPem, { mode: 0o600 });
  // `mode` applies only when the file is created; with --force an old file keeps its own.
  chmodSync(privFile, 0o600);
  writeFileSync(pubFile, pair.publicKeyPem, { mode: 0o644 });
  const shown = (f: string) => relative(io.cwd, f) || f;
  io.out('✓ 密钥对已生成 / key pair generated (Ed25519)');
  io.out(`  密钥 ID / key id:       ${pair.keyId}`);
  io.out(
    `  私钥 / private key:     ${shown(privFile)}  (0600; 请妥善保管，切勿提交或分享 / keep it secret, never commit or share it)`,
  );
  io.out(
    `  公钥 / public key:      ${shown(pubFile)}  (交给平台管理员加入受信任密钥 / give it to the platform's administrators to trust)`,
  );
  return 0;
}
