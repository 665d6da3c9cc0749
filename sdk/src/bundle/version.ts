/**
 * The SDK's own version and folder, read from `sdk/package.json`: the default compatibility range of a
 * packed plugin comes from it, and a plugin folder without `@fenghuo/sdk` installed is built against it.
 */
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageFile = fileURLToPath(new URL('../../package.json', import.meta.url));
const pkg = JSON.parse(readFileSync(packageFile, 'utf8')) as {
  version: string;
  exports: Record<string, string>;
};

/**
 * This SDK's version, e.g. `0.1.0`.
 *
 * @example
 * satisfies(SDK_VERSION, manifest.sdk); // can this platform run the plugin?
 */
export const SDK_VERSION: string = pkg.version;

/**
 * The folder of this SDK's package (where its `package.json` is).
 *
 * @example
 * join(SDK_ROOT, 'src/index.ts');
 */
export const SDK_ROOT: string = dirname(packageFile);

/**
 * The SDK's subpath exports (`.` → `./src/index.ts`, `./testing` → …), as its package.json declares them.
 *
 * @example
 * SDK_EXPORTS['./testing']; // './src/testing/index.ts'
 */
export const SDK_EXPORTS: Readonly<Record<string, string>> = pkg.exports;
