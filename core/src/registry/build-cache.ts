/**
 * A cache of the shipped plugins' builds: every process start installs the plugins folder through the
 * same verification as an upload, which means building each package with esbuild first (100–250 ms
 * each). The cache keeps each build's code with the SHA-256 of every source file it was built from (the
 * SDK's included); when none changed, the code is reused and only evaluated to read its definition.
 * Writing is atomic (a temporary file renamed), so processes starting together never read half a file;
 * a cache that cannot be read or written is simply not used.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type BuiltBundle,
  buildBundle,
  describeBundle,
  ESBUILD_VERSION,
  readPluginPackage,
  SDK_VERSION,
} from '@fenghuo/sdk/bundle';

interface Entry {
  sdk: string;
  esbuild: string;
  dir: string;
  inputs: [path: string, sha256: string][];
  code: string;
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

function fileHash(path: string): string | null {
  try {
    return sha256(readFileSync(path));
  } catch {
    return null;
  }
}

/** Build a plugin package, or reuse the cached build when none of its sources changed. */
export async function cachedBuild(
  dir: string,
  cacheDir: string | null,
): Promise<Pick<BuiltBundle, 'code' | 'def' | 'kind'> & { cached: boolean }> {
  const file = cacheDir ? join(cacheDir, `${sha256(dir).slice(0, 24)}.json`) : null;
  if (file) {
    let entry: Entry | null = null;
    try {
      entry = JSON.parse(readFileSync(file, 'utf8')) as Entry;
    } catch {
      entry = null;
    }
    if (
      entry &&
      entry.dir === dir &&
      entry.sdk === SDK_VERSION &&
      entry.esbuild === ESBUILD_VERSION &&
      entry.inputs.length > 0 &&
      entry.inputs.every(([path, hash]) => fileHash(path) === hash)
    ) {
      return { ...describeBundle(readPluginPackage(dir), entry.code), cached: true };
    }
  }
  const built = await buildBundle({ dir });
  if (file && cacheDir) {
    const inputs = built.inputs.flatMap((p): [string, string][] => {
      const h = fileHash(p);
      return h ? [[p, h]] : [];
    });
    const entry: Entry = { sdk: SDK_VERSION, esbuild: ESBUILD_VERSION, dir, inputs, code: built.code };
    try {
      mkdirSync(cacheDir, { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(entry));
      renameSync(tmp, file);
    } catch {
      // No cache then: the next start builds again.
    }
  }
  return { code: built.code, def: built.def, kind: built.kind, cached: false };
}
