import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  defineErrors,
  FenghuoError,
  formatMessage,
  formatProblems,
  sandboxErrors,
  sdkErrors,
} from './errors.js';

/** The rows `| code | status | when |` of one `## <heading>` section of docs/reference/errors.md. */
function documentedCodes(heading: 'SDK' | 'Sandbox'): Map<string, number> {
  const doc = readFileSync(new URL('../../docs/reference/errors.md', import.meta.url), 'utf8');
  const start = doc.search(new RegExp(`^## ${heading}\\b`, 'm'));
  expect(start, `docs/reference/errors.md has a "## ${heading}" section`).toBeGreaterThanOrEqual(0);
  const rest = doc.slice(start + 1);
  const end = rest.search(/^## /m);
  const section = end >= 0 ? rest.slice(0, end) : rest;
  const rows = new Map<string, number>();
  for (const line of section.split('\n')) {
    const m = /^\|\s*`?(FH_[A-Z0-9_]+)`?\s*\|\s*(\d{3})\s*\|\s*\S.*\|\s*$/.exec(line.trim());
    if (m) rows.set(m[1]!, Number(m[2]));
  }
  return rows;
}

describe('SDK error registry', () => {
  const registry = Object.values(sdkErrors);

  it('lists every registry code in the SDK section of docs/reference/errors.md with its status', () => {
    const documented = documentedCodes('SDK');
    const missing = registry
      .filter((f) => documented.get(f.code) !== f.status)
      .map((f) => `${f.code} ${f.status}`);
    expect(missing, 'codes missing from the doc or with another status there').toEqual([]);
  });

  it('documents no SDK code that the registry lacks', () => {
    const known = new Set<string>(registry.map((f) => f.code));
    const extra = [...documentedCodes('SDK').keys()].filter((c) => !known.has(c));
    expect(extra, 'codes in the doc but not in sdk/src/errors.ts').toEqual([]);
  });

  it('names every code FH_SDK_<PROBLEM> with an HTTP status', () => {
    for (const f of registry) {
      expect(f.code).toMatch(/^FH_SDK_[A-Z0-9]+(_[A-Z0-9]+)*$/);
      expect(f.status).toBeGreaterThanOrEqual(400);
      expect(f.status).toBeLessThan(600);
    }
  });

  it('makes a FenghuoError with code, status, filled message and details', () => {
    const err = sdkErrors.THRESHOLD_UNKNOWN_METRIC({ metric: 'co', known: 'ch4, o2' }, { hint: 1 });
    expect(err).toBeInstanceOf(FenghuoError);
    expect(err).toBeInstanceOf(Error);
    expect(err.code).toBe('FH_SDK_THRESHOLD_UNKNOWN_METRIC');
    expect(err.status).toBe(400);
    expect(err.message).toBe('threshold names metric "co", which is not among the metrics (ch4, o2)');
    expect(err.toJSON()).toEqual({
      code: 'FH_SDK_THRESHOLD_UNKNOWN_METRIC',
      status: 400,
      message: err.message,
      details: { hint: 1 },
    });
    expect(sdkErrors.OBJECTS_EMPTY().toJSON()).not.toHaveProperty('details');
  });

  it('lists every FH_SANDBOX_* code in the Sandbox section of docs/reference/errors.md, and nothing more', () => {
    const registry = Object.fromEntries(Object.values(sandboxErrors).map((f) => [f.code, f.status]));
    expect(Object.fromEntries(documentedCodes('Sandbox'))).toEqual(registry);
    for (const [key, f] of Object.entries(sandboxErrors)) expect(f.code).toBe(`FH_SANDBOX_${key}`);
  });

  it('lets another package declare its own registry with the same factory', () => {
    const coreErrors = defineErrors('CORE', {
      SENSOR_UNKNOWN: { status: 404, message: 'no sensor {sensor} in {city}' },
    });
    const err = coreErrors.SENSOR_UNKNOWN({ sensor: 'GAS-1', city: 'demo' });
    expect(coreErrors.SENSOR_UNKNOWN.code).toBe('FH_CORE_SENSOR_UNKNOWN');
    expect([err.code, err.status, err.message]).toEqual([
      'FH_CORE_SENSOR_UNKNOWN',
      404,
      'no sensor GAS-1 in demo',
    ]);
  });

  it('fills only {name} placeholders and leaves unknown ones and code braces visible', () => {
    expect(formatMessage('{a} and {b} in Type.Object({ ... })', { a: 1 })).toBe(
      '1 and {b} in Type.Object({ ... })',
    );
  });

  it('formats problems one per line with path and code', () => {
    expect(formatProblems([{ path: '/id', code: 'FH_SDK_ID_NOT_KEBAB', message: 'bad id' }])).toBe(
      '  - /id: bad id [FH_SDK_ID_NOT_KEBAB]',
    );
  });
});
