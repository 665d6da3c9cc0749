/**
 * The small toolkit of the definition checks (internal to the SDK): type predicates for data loaded at
 * run time, JSON-pointer path segments, and the collector that turns registry errors into problems.
 */
import type { FenghuoError, Problem } from '../errors.js';

/**
 * A plain object read from a definition whose shape is not trusted yet.
 *
 * @example
 * const def: Rec = isRecord(value) ? value : {};
 */
export type Rec = Record<string, unknown>;

/**
 * Whether a value is a plain (non-array, non-null) object.
 *
 * @example
 * isRecord({}); // true
 * isRecord([]); // false
 */
export const isRecord = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Whether a value is a string with something besides blanks.
 *
 * @example
 * isNonEmpty(' '); // false
 */
export const isNonEmpty = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;

/**
 * Whether a value is a finite number (not NaN, not ±Infinity).
 *
 * @example
 * isFiniteNumber(Number.NaN); // false
 */
export const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * How a wrong value is named in a message.
 *
 * @example
 * describe(null); // 'null'
 * describe('x'); // '"x"'
 * describe(() => 1); // 'function'
 */
export const describe = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'string' ? JSON.stringify(v) : typeof v;

/**
 * JSON Pointer escaping, so a key with `/` in it keeps the path unambiguous.
 *
 * @example
 * `/metrics/${seg('a/b')}`; // '/metrics/a~1b'
 */
export const seg = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Gathers problems; each is made from a registry error so that its code and message stay in one place.
 *
 * @example
 * const c = new Collector();
 * c.add('/id', sdkErrors.ID_NOT_KEBAB({ id: 'Gas' }));
 * c.problems; // [{ path: '/id', code: 'FH_SDK_ID_NOT_KEBAB', message: 'id "Gas" must be kebab-case …' }]
 */
export class Collector {
  readonly problems: Problem[] = [];
  add(path: string, err: FenghuoError): void {
    this.problems.push({ path, code: err.code, message: err.message });
  }
}
