import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';

describe('canonicalJson', () => {
  it('sorts keys recursively and drops whitespace, keeping array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [true, null, { z: 1, y: 2 }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[true,null,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('gives the same text for the same data whatever the key order', () => {
    const a = { id: 'gas-pipeline', metrics: { ch4: { unit: '%LEL', name: { zh: '甲烷', en: 'Methane' } } } };
    const b = { metrics: { ch4: { name: { en: 'Methane', zh: '甲烷' }, unit: '%LEL' } }, id: 'gas-pipeline' };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
  });

  it('serialises numbers and strings as ECMAScript JSON does (RFC 8785) and sorts keys by UTF-16 code units', () => {
    expect(canonicalJson({ n: [1e21, 0.1, -0, 100, 1.5e-7] })).toBe('{"n":[1e+21,0.1,0,100,1.5e-7]}');
    expect(canonicalJson({ '\u20ac': 1, '\r': 2, a: 3, '\ud83d\ude00': 4, B: 5 })).toBe(
      '{"\\r":2,"B":5,"a":3,"€":1,"😀":4}',
    );
    expect(canonicalJson('line\n"quoted"')).toBe('"line\\n\\"quoted\\""');
  });

  it('leaves out undefined members as JSON.stringify does, and writes undefined array items as null', () => {
    expect(canonicalJson({ a: undefined, b: [undefined, 1] })).toBe('{"b":[null,1]}');
  });

  it('refuses a non-finite number rather than signing null in its place', () => {
    expect(() => canonicalJson({ x: { y: Number.NaN } })).toThrow(
      expect.objectContaining({ code: 'FH_SDK_FIELD_INVALID', message: '/x/y must be a finite number' }),
    );
  });
});
