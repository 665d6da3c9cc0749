/**
 * Publisher keys: Ed25519 key pairs in PEM (SPKI public, PKCS #8 private), named by a key id — the first
 * 16 hex digits of the SHA-256 of the raw 32-byte public key.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import { sdkErrors } from '../errors.js';

/**
 * A new publisher key pair.
 *
 * @example
 * const pair: KeyPair = generateKeyPair();
 * pair.keyId; // '3f9a0c1e5b7d2a48'
 */
export interface KeyPair {
  publicKeyPem: string;
  privateKeyPem: string;
  keyId: string;
}

const reasonOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * Read an Ed25519 public key from PEM (a private key PEM gives its public half); throws
 * `FH_SDK_KEY_INVALID` for anything else.
 *
 * @example
 * const key = publicKey(readFileSync('fenghuo-key.pub.pem', 'utf8'));
 */
export function publicKey(pem: string | KeyObject, what = 'the public key'): KeyObject {
  let key: KeyObject;
  try {
    key =
      typeof pem === 'string' ? createPublicKey(pem) : pem.type === 'private' ? createPublicKey(pem) : pem;
  } catch (err) {
    throw sdkErrors.KEY_INVALID({ what, reason: reasonOf(err) });
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw sdkErrors.KEY_INVALID({ what, reason: `it is a ${key.asymmetricKeyType ?? 'symmetric'} key` });
  }
  return key;
}

/**
 * Read an Ed25519 private key from PEM; throws `FH_SDK_KEY_INVALID` for anything else (a public key
 * included).
 *
 * @example
 * const key = privateKey(readFileSync('fenghuo-key.pem', 'utf8'));
 */
export function privateKey(pem: string, what = 'the private key'): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (err) {
    throw sdkErrors.KEY_INVALID({ what, reason: reasonOf(err) });
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw sdkErrors.KEY_INVALID({ what, reason: `it is a ${key.asymmetricKeyType ?? 'symmetric'} key` });
  }
  return key;
}

/**
 * The key id of a public key (or of a private key's public half): the first 16 hex digits of the SHA-256
 * of the raw 32-byte Ed25519 public key.
 *
 * @example
 * keyIdOf(readFileSync('fenghuo-key.pub.pem', 'utf8')); // '3f9a0c1e5b7d2a48'
 */
export function keyIdOf(pem: string | KeyObject): string {
  const key = typeof pem === 'string' && pem.includes('PRIVATE KEY') ? privateKey(pem) : pem;
  const jwk = publicKey(key).export({ format: 'jwk' });
  const raw = Buffer.from(String(jwk.x), 'base64url');
  return createHash('sha256').update(raw).digest('hex').slice(0, 16);
}

/**
 * Make a publisher key pair. Keep the private key secret (the CLI writes it with mode 0600); give the
 * public key to each platform that should trust the publisher.
 *
 * @example
 * const { publicKeyPem, privateKeyPem, keyId } = generateKeyPair();
 */
export function generateKeyPair(): KeyPair {
  const { publicKey: pub, privateKey: priv } = generateKeyPairSync('ed25519');
  return {
    publicKeyPem: pub.export({ type: 'spki', format: 'pem' }).toString(),
    privateKeyPem: priv.export({ type: 'pkcs8', format: 'pem' }).toString(),
    keyId: keyIdOf(pub),
  };
}
