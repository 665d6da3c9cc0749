/**
 * Keeps docs/reference/plugin-manifest.md honest: its field table lists exactly the fields of
 * `ManifestSchema`, its example manifest is valid and its signature verifies with the key printed
 * beside it, its range examples hold, and every `FH_SDK_*` code it names exists.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sdkErrors } from '../errors.js';
import { keyIdOf } from './keys.js';
import { checkManifest, ManifestSchema } from './manifest.js';
import { satisfies } from './semver.js';
import { verifySignature } from './sign.js';

const doc = readFileSync(new URL('../../../docs/reference/plugin-manifest.md', import.meta.url), 'utf8');

/** The table that follows `<!-- marker -->`, as rows of cells. */
function table(marker: string): string[][] {
  const start = doc.indexOf(`<!-- ${marker} -->`);
  expect(start, `marker ${marker}`).toBeGreaterThanOrEqual(0);
  const lines = doc.slice(start).split('\n').slice(1);
  const rows: string[][] = [];
  for (const line of lines.slice(2)) {
    if (!line.startsWith('|')) break;
    // A `\|` inside a cell is a pipe of its text, not a column break.
    rows.push(
      line
        .split(/(?<!\\)\|/)
        .slice(1, -1)
        .map((c) => c.trim().replace(/\\\|/g, '|')),
    );
  }
  return rows;
}

/** The fenced block that follows `<!-- marker -->`. */
function block(marker: string): string {
  const m = new RegExp(`<!-- ${marker} -->\\s*\\n\`\`\`[a-z]*\\n([\\s\\S]*?)\\n\`\`\``).exec(doc);
  expect(m, `block ${marker}`).not.toBeNull();
  return m![1]!;
}

/** A schema as plain JSON Schema, for walking it. */
interface Walkable {
  type?: string;
  properties?: Record<string, Walkable>;
  patternProperties?: Record<string, Walkable>;
}

/** Every field path of the schema: nested objects by name, record values as `<key>`/`<kind>`. */
function schemaPaths(schema: Walkable, prefix: string, recordKey: Record<string, string>): string[] {
  const out: string[] = [];
  for (const [key, sub] of Object.entries(schema.properties ?? {})) {
    const path = prefix ? `${prefix}.${key}` : key;
    out.push(path);
    const value = sub.patternProperties ? Object.values(sub.patternProperties)[0] : undefined;
    if (value?.properties && recordKey[key]) {
      out.push(...schemaPaths(value, `${path}.${recordKey[key]}`, {}));
    } else if (sub.properties && sub.type === 'object') {
      // `{ zh, en }` names are documented as a type, not field by field.
      if (Object.keys(sub.properties).join() !== 'zh,en') out.push(...schemaPaths(sub, path, {}));
    }
  }
  return out;
}

describe('docs/reference/plugin-manifest.md', () => {
  it('documents exactly the fields of ManifestSchema', () => {
    const documented = table('manifest-fields').map((row) => row[0]!.replace(/`/g, ''));
    const actual = schemaPaths(ManifestSchema as Walkable, '', { metrics: '<key>', objects: '<kind>' });
    expect([...documented].sort()).toEqual([...actual].sort());
  });

  it('shows an example manifest that is valid and whose signature verifies with the key beside it', () => {
    const manifest = checkManifest(JSON.parse(block('manifest-example')));
    const pem = `${block('manifest-example-key')}\n`;
    expect(keyIdOf(pem)).toBe(manifest.publisher.keyId);
    expect(verifySignature(manifest, pem)).toBe(true);
  });

  it('gives range examples that hold', () => {
    const rows = table('range-examples');
    expect(rows.length).toBeGreaterThan(5);
    for (const [range, version, yes] of rows) {
      const r = range!.replace(/`/g, '');
      const v = version!.replace(/`/g, '');
      expect(satisfies(v, r), `${v} in ${r}`).toBe(yes === 'yes');
    }
  });

  it('names only FH_SDK codes that exist', () => {
    const known = new Set<string>(Object.values(sdkErrors).map((f) => f.code));
    const named = [...new Set(doc.match(/FH_SDK_[A-Z0-9_]+/g) ?? [])];
    expect(named.filter((c) => !known.has(c))).toEqual([]);
  });
});
