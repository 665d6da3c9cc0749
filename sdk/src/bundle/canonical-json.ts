/**
 * The canonical JSON a manifest is signed over: what `JSON.stringify` gives, but with the keys of every
 * object sorted and no whitespace. For JSON data this is the JSON Canonicalization Scheme (RFC 8785):
 * keys sorted by UTF-16 code units, numbers and strings serialised as ECMAScript does.
 */
import { sdkErrors } from '../errors.js';

function walk(value: unknown, path: string): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      // A signature over `null` for NaN would sign something else than the value: refuse instead.
      if (!Number.isFinite(value)) {
        throw sdkErrors.FIELD_INVALID({ field: path || '/', expected: 'a finite number' });
      }
      return JSON.stringify(value);
    case 'string':
      return JSON.stringify(value);
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'bigint':
      throw sdkErrors.FIELD_INVALID({ field: path || '/', expected: 'a JSON value, not a bigint' });
    case 'object':
      break;
  }
  const obj = value as { toJSON?: () => unknown };
  if (typeof obj.toJSON === 'function') return walk(obj.toJSON(), path);
  if (Array.isArray(value)) {
    return `[${value.map((v, i) => walk(v, `${path}/${i}`) ?? 'null').join(',')}]`;
  }
  const parts: string[] = [];
  for (const key of Object.keys(value as object).sort()) {
    const text = walk((value as Record<string, unknown>)[key], `${path}/${key}`);
    if (text !== undefined) parts.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${parts.join(',')}}`;
}

/**
 * Serialise a JSON value canonically: object keys sorted recursively (by UTF-16 code units, as
 * `Array.prototype.sort` does), no whitespace, arrays in order; `undefined` members are left out as
 * `JSON.stringify` does. Throws `FH_SDK_FIELD_INVALID` for a non-finite number or a bigint.
 *
 * @example
 * canonicalJson({ b: 1, a: { d: [true, null], c: 'x' } }); // '{"a":{"c":"x","d":[true,null]},"b":1}'
 */
export function canonicalJson(value: unknown): string {
  return walk(value, '') ?? 'null';
}
