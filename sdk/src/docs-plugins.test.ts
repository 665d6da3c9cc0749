/**
 * Keeps `docs/plugins.md` honest: its fixture examples are valid fixtures, every `ctx.<method>` it names
 * is a method of the context the harness builds (and every method is documented), every `{{placeholder}}`
 * is a standard template key or a `data` key the gas-pipeline plugin sets, every `FH_SDK_*` code exists,
 * and every value it imports from `@fenghuo/sdk` or `@fenghuo/sdk/testing` is exported there.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sdkErrors } from './errors.js';
import * as sdk from './index.js';
import * as testing from './testing/index.js';
import { createContext, fixtureProblems, validateFixture } from './testing/index.js';
import type { AlarmEvent, AnalysisResult, SensorInfo } from './types.js';
import { templateData } from './warning.js';

const doc = readFileSync(new URL('../../docs/plugins.md', import.meta.url), 'utf8');

/** Fenced ```json blocks preceded by `<!-- fixture -->`. */
function fixtureBlocks(text: string): string[] {
  return [...text.matchAll(/<!--\s*fixture\s*-->\s*\n```json\n([\s\S]*?)\n```/g)].map((m) => m[1]!);
}

const unique = (xs: Iterable<string>): string[] => [...new Set(xs)].sort();

const sensor: SensorInfo = {
  id: 'GAS-0003',
  objectId: 'VW-3',
  riskType: 'gas-pipeline',
  metrics: ['ch4'],
  location: [120.1505, 30.2701],
};

/** The methods of the context the harness gives `analyze`. */
function harnessContextMethods(): string[] {
  const ctx = createContext(
    { objects: new Map(), sensors: new Map(), points: new Map(), thresholds: () => null, weather: null },
    { sensor, tsMs: Date.parse('2026-11-29T08:04:00Z'), now: '2026-11-29T08:04:00Z' },
  );
  return Object.keys(ctx).sort();
}

/** Every standard key a template can use: an event and a result that set all the optional parts. */
function standardTemplateKeys(): string[] {
  const event: AlarmEvent = {
    alarmId: 'A1',
    city: 'demo',
    sensor,
    object: {
      id: 'VW-3',
      kind: 'valve_well',
      role: 'monitored',
      name: { zh: '3号阀门井', en: 'Valve well 3' },
      geometry: { type: 'Point', coordinates: [120.1505, 30.2701] },
      attributes: {},
    },
    metric: 'ch4',
    level: 'yellow',
    previousLevel: 'blue',
    value: 24,
    limit: 20,
    ts: '2026-11-29T08:07:00Z',
    cause: 'value',
  };
  const result: AnalysisResult = {
    tier: 'red',
    impactRadiusM: 150,
    targets: [],
    findings: [],
    actions: [],
  };
  return Object.keys(
    templateData(event, result, { metricZh: '甲烷浓度', metricEn: 'Methane', unit: '%LEL' }),
  );
}

/** Property names the gas-pipeline plugin's sources set (`key:`), read as text: the SDK imports no plugin. */
function gasPluginPropertyNames(): Set<string> {
  const dir = new URL('../../plugins/gas-pipeline/src/', import.meta.url);
  const names = new Set<string>();
  for (const file of readdirSync(dir)) {
    if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
    const text = readFileSync(new URL(file, dir), 'utf8');
    for (const m of text.matchAll(/\b([A-Za-z][A-Za-z0-9]*)\s*:/g)) names.add(m[1]!);
  }
  return names;
}

describe('docs/plugins.md', () => {
  it('holds at least one fixture example, and each is a valid fixture', () => {
    const blocks = fixtureBlocks(doc);
    expect(blocks.length, 'fenced ```json blocks marked <!-- fixture -->').toBeGreaterThan(0);
    for (const [i, block] of blocks.entries()) {
      const value: unknown = JSON.parse(block);
      expect(fixtureProblems(value), `fixture example #${i + 1}`).toEqual([]);
      const fixture = validateFixture(value, `docs/plugins.md fixture #${i + 1}`);
      expect(fixture.readings.length).toBeGreaterThan(0);
      expect(fixture.expect.alarms ?? fixture.expect.warnings).toBeDefined();
    }
  });

  it('names only ctx methods the harness context has, and documents every one of them', () => {
    const named = unique([...doc.matchAll(/\bctx\.([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!));
    const methods = harnessContextMethods();
    expect(methods).toEqual(['history', 'neighbours', 'now', 'object', 'thresholds', 'weather', 'within']);
    expect(
      named.filter((n) => !methods.includes(n)),
      'ctx methods named in the doc that do not exist',
    ).toEqual([]);
    expect(
      methods.filter((m) => !named.includes(m)),
      'ctx methods the doc does not describe',
    ).toEqual([]);
  });

  it('lists exactly the standard template keys in its table of standard keys', () => {
    const start = doc.indexOf('The standard keys (`templateData`');
    expect(start, 'the doc introduces the table of standard keys').toBeGreaterThanOrEqual(0);
    const rest = doc.slice(start);
    const table = rest.slice(0, rest.indexOf('\n\n', rest.indexOf('| key |')));
    const rows = table.split('\n').filter((line) => line.startsWith('| `{{'));
    const cells = rows.map((line) => line.split('|')[1]!);
    const keys = unique(cells.flatMap((c) => [...c.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!)));
    expect(keys).toEqual(unique(standardTemplateKeys()));
  });

  it('uses only placeholders that are standard keys or data keys the gas-pipeline plugin sets', () => {
    const standard = new Set(standardTemplateKeys());
    const gas = gasPluginPropertyNames();
    const placeholders = unique(
      [...doc.matchAll(/\{\{\s*([a-zA-Z0-9_.]+)\s*\}\}/g)].map((m) => m[1]!).filter((k) => k !== 'key'),
    );
    expect(placeholders.length).toBeGreaterThan(20);
    expect(
      placeholders.filter((k) => !standard.has(k) && !gas.has(k)),
      'placeholders that nothing fills',
    ).toEqual([]);
  });

  it('names only FH_SDK codes that the SDK registry has, and links the error reference', () => {
    const known = new Set<string>(Object.values(sdkErrors).map((f) => f.code));
    const named = unique([...doc.matchAll(/\bFH_SDK_[A-Z0-9_]+/g)].map((m) => m[0]));
    expect(named.length).toBeGreaterThan(20);
    // `FH_SDK_FIXTURE_*` names a family: some code must start with it.
    const exists = (c: string) => (c.endsWith('_') ? [...known].some((k) => k.startsWith(c)) : known.has(c));
    expect(
      named.filter((c) => !exists(c)),
      'codes in the doc but not in sdk/src/errors.ts',
    ).toEqual([]);
    expect(doc).toContain('(reference/errors.md)');
  });

  it('imports only values that @fenghuo/sdk and @fenghuo/sdk/testing export', () => {
    const modules: Record<string, Record<string, unknown>> = {
      '@fenghuo/sdk': sdk,
      '@fenghuo/sdk/testing': testing,
    };
    const missing: string[] = [];
    let checked = 0;
    for (const m of doc.matchAll(
      /import\s+(type\s+)?\{([^}]*)\}\s+from\s+'(@fenghuo\/sdk(?:\/testing)?)'/g,
    )) {
      if (m[1]) continue;
      const exports = modules[m[3]!]!;
      for (const part of m[2]!.split(',')) {
        const name = part.trim().split(/\s+as\s+/)[0]!;
        if (name === '' || name.startsWith('type ')) continue;
        checked++;
        if (!(name in exports)) missing.push(`${name} from ${m[3]}`);
      }
    }
    expect(checked).toBeGreaterThan(0);
    expect(missing, 'imports in the doc that the SDK does not export').toEqual([]);
  });
});
