/**
 * A small, exact implementation of the part of npm's semver ranges a plugin manifest uses to say which
 * SDK it was built for. Supported (see docs/reference/plugin-manifest.md):
 *
 * - exact `1.2.3` (or `=1.2.3`);
 * - caret `^1.2.3` — same major (`>=1.2.3 <2.0.0`); for `0.y.z` same minor (`^0.2.3` = `>=0.2.3 <0.3.0`),
 *   for `0.0.z` that patch only (`^0.0.3` = `>=0.0.3 <0.0.4`);
 * - tilde `~1.2.3` — same minor (`>=1.2.3 <1.3.0`);
 * - comparators `>=`, `>`, `<=`, `<` joined by spaces (all must hold), e.g. `>=0.1.0 <0.3.0`;
 * - alternatives joined by `||` (any may hold).
 *
 * Versions are full `x.y.z` (partial `1.2`, `1.x`, `*` and hyphen ranges are refused). Precedence
 * follows Semantic Versioning 2.0.0 (build metadata ignored), and as in npm a pre-release version
 * satisfies a range only when a comparator of the same `x.y.z` names a pre-release itself.
 */
import { SEMVER } from '../check/definition.js';
import { sdkErrors } from '../errors.js';

/**
 * A parsed version.
 *
 * @example
 * const v: SemVer = { major: 1, minor: 2, patch: 0, prerelease: ['beta', 1] };
 */
export interface SemVer {
  major: number;
  minor: number;
  patch: number;
  prerelease: (string | number)[];
}

type Op = '<' | '<=' | '>' | '>=' | '=';

/**
 * One comparison of a range: `>=1.2.3` is `{ op: '>=', version: 1.2.3 }`.
 *
 * @example
 * const c: Comparator = { op: '<', version: parseVersion('2.0.0')! };
 */
export interface Comparator {
  op: Op;
  version: SemVer;
}

/**
 * Parse `x.y.z[-pre][+build]`; `null` when it is not a semantic version.
 *
 * @example
 * parseVersion('1.2.0-beta.1'); // { major: 1, minor: 2, patch: 0, prerelease: ['beta', 1] }
 * parseVersion('1.2'); // null
 */
export function parseVersion(text: string): SemVer | null {
  const m = SEMVER.exec(text.trim());
  if (!m) return null;
  const num = (s: string | undefined) => Number(s);
  const pre = m[4] === undefined ? [] : m[4].split('.').map((id) => (/^\d+$/.test(id) ? Number(id) : id));
  const v = { major: num(m[1]), minor: num(m[2]), patch: num(m[3]), prerelease: pre };
  return [v.major, v.minor, v.patch].every(Number.isSafeInteger) ? v : null;
}

function cmpIdentifiers(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return Math.sign(a - b);
  // Numeric identifiers have lower precedence than alphanumeric ones (SemVer §11.4.3).
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function cmp(a: SemVer, b: SemVer): number {
  const core = Math.sign(a.major - b.major) || Math.sign(a.minor - b.minor) || Math.sign(a.patch - b.patch);
  if (core !== 0) return core;
  // A version without pre-release ranks above the same version with one.
  if (a.prerelease.length === 0 || b.prerelease.length === 0) {
    return Math.sign(b.prerelease.length - a.prerelease.length);
  }
  const n = Math.min(a.prerelease.length, b.prerelease.length);
  for (let i = 0; i < n; i++) {
    const c = cmpIdentifiers(a.prerelease[i]!, b.prerelease[i]!);
    if (c !== 0) return c;
  }
  return Math.sign(a.prerelease.length - b.prerelease.length);
}

function mustParse(text: string): SemVer {
  const v = parseVersion(text);
  if (!v) throw sdkErrors.VERSION_NOT_SEMVER({ version: text });
  return v;
}

/**
 * Compare two versions by SemVer precedence: `-1`, `0` or `1`. Throws `FH_SDK_VERSION_NOT_SEMVER` for a
 * string that is not a version.
 *
 * @example
 * compareVersions('1.0.0-rc.1', '1.0.0'); // -1
 * ['1.10.0', '1.2.0'].sort(compareVersions); // ['1.2.0', '1.10.0']
 */
export function compareVersions(a: string, b: string): -1 | 0 | 1 {
  return cmp(mustParse(a), mustParse(b)) as -1 | 0 | 1;
}

const at = (major: number, minor: number, patch: number): SemVer => ({ major, minor, patch, prerelease: [] });

function expand(token: string): Comparator[] | null {
  const m = /^(\^|~|>=|<=|>|<|=)?(.+)$/.exec(token);
  if (!m) return null;
  const v = parseVersion(m[2]!);
  if (!v) return null;
  const op = m[1] ?? '=';
  switch (op) {
    case '^': {
      const upper =
        v.major > 0 ? at(v.major + 1, 0, 0) : v.minor > 0 ? at(0, v.minor + 1, 0) : at(0, 0, v.patch + 1);
      return [
        { op: '>=', version: v },
        { op: '<', version: upper },
      ];
    }
    case '~':
      return [
        { op: '>=', version: v },
        { op: '<', version: at(v.major, v.minor + 1, 0) },
      ];
    default:
      return [{ op: op as Op, version: v }];
  }
}

/**
 * Parse a range into alternatives of comparator sets; throws `FH_SDK_RANGE_INVALID` for anything
 * outside the supported subset.
 *
 * @example
 * parseRange('^0.1.0'); // [[{ op: '>=', version: 0.1.0 }, { op: '<', version: 0.2.0 }]]
 * parseRange('1.x'); // throws FH_SDK_RANGE_INVALID
 */
export function parseRange(range: string): Comparator[][] {
  const alternatives = range.split('||').map((alt) => alt.trim());
  const sets: Comparator[][] = [];
  for (const alt of alternatives) {
    if (alt === '') throw sdkErrors.RANGE_INVALID({ range });
    const set: Comparator[] = [];
    for (const token of alt.split(/\s+/)) {
      const comparators = expand(token);
      if (!comparators) throw sdkErrors.RANGE_INVALID({ range });
      set.push(...comparators);
    }
    sets.push(set);
  }
  return sets;
}

/**
 * Whether a range is in the supported subset.
 *
 * @example
 * isSupportedRange('>=0.1.0 <0.3.0'); // true
 * isSupportedRange('0.1'); // false
 */
export function isSupportedRange(range: string): boolean {
  try {
    parseRange(range);
    return true;
  } catch {
    return false;
  }
}

function test(v: SemVer, c: Comparator): boolean {
  const r = cmp(v, c.version);
  switch (c.op) {
    case '<':
      return r < 0;
    case '<=':
      return r <= 0;
    case '>':
      return r > 0;
    case '>=':
      return r >= 0;
    case '=':
      return r === 0;
  }
}

/**
 * Whether `version` satisfies `range`. Throws `FH_SDK_VERSION_NOT_SEMVER` or `FH_SDK_RANGE_INVALID`
 * when either is malformed.
 *
 * @example
 * satisfies('0.1.4', '^0.1.0'); // true
 * satisfies('0.2.0', '^0.1.0'); // false
 * satisfies('1.3.0-beta.1', '^1.2.0'); // false: a pre-release needs a comparator on 1.3.0 with one
 */
export function satisfies(version: string, range: string): boolean {
  const v = mustParse(version);
  return parseRange(range).some(
    (set) =>
      set.every((c) => test(v, c)) &&
      (v.prerelease.length === 0 ||
        set.some(
          (c) =>
            c.version.prerelease.length > 0 &&
            c.version.major === v.major &&
            c.version.minor === v.minor &&
            c.version.patch === v.patch,
        )),
  );
}

/**
 * The range a plugin is packed for when none is given: `^<major>.<minor>.0` of the SDK that packs it.
 *
 * @example
 * defaultSdkRange('0.1.3'); // '^0.1.0'
 */
export function defaultSdkRange(sdkVersion: string): string {
  const v = mustParse(sdkVersion);
  return `^${v.major}.${v.minor}.0`;
}
