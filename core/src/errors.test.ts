import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FenghuoError } from '@fenghuo/sdk';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './config.js';
import { CoreError, coreErrors } from './errors.js';

/** `code → status` of the rows of the Core section of docs/reference/errors.md. */
function documented(): Map<string, number> {
  const md = readFileSync(join(REPO_ROOT, 'docs/reference/errors.md'), 'utf8');
  const section = md.split(/^## /m).find((s) => s.startsWith('Core'));
  if (!section) throw new Error('docs/reference/errors.md has no "## Core" section');
  const out = new Map<string, number>();
  for (const m of section.matchAll(/^\|\s*(FH_[A-Z0-9_]+)\s*\|\s*(\d{3})\s*\|/gm))
    out.set(m[1]!, Number(m[2]));
  return out;
}

describe('core error registry', () => {
  it('lists every core code in docs/reference/errors.md with the same status, and nothing more', () => {
    const registry = new Map(Object.values(coreErrors).map((f) => [f.code, f.status]));
    expect(Object.fromEntries(documented())).toEqual(Object.fromEntries(registry));
  });

  it('names every code FH_<AREA>_<PROBLEM> after its key', () => {
    for (const [key, f] of Object.entries(coreErrors)) {
      expect(f.code).toBe(`FH_${key}`);
      expect(f.code).toMatch(/^FH_[A-Z]+_[A-Z0-9_]+$/);
    }
  });

  it('makes coded errors that fill the message template and are FenghuoErrors for the API', () => {
    const err = coreErrors.ALARM_NOT_FOUND({ alarm: '42', city: 'demo' }, { hint: 'x' });
    expect(err).toBeInstanceOf(CoreError);
    expect(err).toBeInstanceOf(FenghuoError);
    expect(err).toMatchObject({
      code: 'FH_ALARM_NOT_FOUND',
      status: 404,
      message: 'no alarm 42 in city demo',
    });
    expect(err.toJSON()).toEqual({
      code: 'FH_ALARM_NOT_FOUND',
      status: 404,
      message: 'no alarm 42 in city demo',
      details: { hint: 'x' },
    });
    expect(coreErrors.AUTH_UNAUTHENTICATED().message).toBe(
      'a valid API token is required (Authorization: Bearer …)',
    );
  });
});
