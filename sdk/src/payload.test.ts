/**
 * The payload helpers against Node's own decoders (`TextDecoder`, `Buffer`, `atob`) on many seeded random
 * inputs, their edge cases and messages, and the same helpers bundled into a sensor plugin and run in the
 * isolated-vm sandbox, where none of Node's decoders exist.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { FenghuoError } from './errors.js';
import * as sdk from './index.js';
import { base64Bytes, hexBytes, payloadBytes, payloadJson, utf8Text } from './payload.js';
import { SandboxHost } from './sandbox/host.js';

/** A seeded generator (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const bytes = (n: number) => Uint8Array.from({ length: n }, () => int(256));
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  return { next, int, bytes, pick };
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();

/** What `TextDecoder` makes of the bytes: the text, or `null` when it refuses them. */
function reference(bytes: Uint8Array): string | null {
  try {
    return decoder.decode(bytes);
  } catch {
    return null;
  }
}

function attempt(f: () => unknown): { ok: unknown } | { error: string } {
  try {
    return { ok: f() };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

/** A random string of code points from every UTF-8 length, boundaries included. */
function randomText(r: ReturnType<typeof random>, length: number): string {
  const ranges: [number, number][] = [
    [0x00, 0x7f],
    [0x80, 0x7ff],
    [0x800, 0xd7ff],
    [0xe000, 0xffff],
    [0x10000, 0x10ffff],
  ];
  const edges = [0x7f, 0x80, 0x7ff, 0x800, 0xd7ff, 0xe000, 0xfeff, 0xfffd, 0xffff, 0x10000, 0x10ffff];
  let s = '';
  for (let i = 0; i < length; i++) {
    if (r.int(8) === 0) s += String.fromCodePoint(r.pick(edges));
    else {
      const [lo, hi] = r.pick(ranges);
      s += String.fromCodePoint(lo + r.int(hi - lo + 1));
    }
  }
  return s;
}

describe('utf8Text', () => {
  it('gives the text TextDecoder gives for 3,000 random strings of one- to four-byte characters', () => {
    const r = random(1);
    for (let n = 0; n < 3000; n++) {
      const text = randomText(r, r.int(40));
      const bytes = encoder.encode(text);
      expect(utf8Text(bytes)).toBe(text);
      expect(utf8Text(bytes)).toBe(decoder.decode(bytes));
    }
  });

  it('accepts and refuses exactly what a fatal TextDecoder does on 20,000 damaged and random byte strings', () => {
    const r = random(2);
    let refused = 0;
    for (let n = 0; n < 20_000; n++) {
      let bytes: Uint8Array;
      if (n % 4 === 0) bytes = r.bytes(r.int(12));
      else {
        // Valid UTF-8 with one byte changed, dropped or inserted: the damage real links do.
        const good = [...encoder.encode(randomText(r, 1 + r.int(6)))];
        const at = r.int(good.length + 1);
        const b = r.pick([
          0x80,
          0xbf,
          0xc0,
          0xc1,
          0xc2,
          0xdf,
          0xe0,
          0xed,
          0xef,
          0xf0,
          0xf4,
          0xf5,
          0xff,
          r.int(256),
        ]);
        if (n % 4 === 1) good[Math.min(at, good.length - 1)] = b;
        else if (n % 4 === 2) good.splice(at, 1);
        else good.splice(at, 0, b);
        bytes = Uint8Array.from(good);
      }
      const want = reference(bytes);
      const got = attempt(() => utf8Text(bytes));
      if (want === null) {
        refused++;
        expect(got, `bytes ${[...bytes].map((x) => x.toString(16))}`).toHaveProperty('error');
      } else expect(got, `bytes ${[...bytes].map((x) => x.toString(16))}`).toEqual({ ok: want });
    }
    // Both outcomes are well represented, or the comparison would prove little.
    expect(refused).toBeGreaterThan(2000);
    expect(20_000 - refused).toBeGreaterThan(2000);
  });

  it('decodes a 300 KiB text, longer than one internal chunk, like TextDecoder', () => {
    const r = random(3);
    const bytes = encoder.encode(randomText(r, 120_000));
    expect(bytes.length).toBeGreaterThan(300_000);
    expect(utf8Text(bytes)).toBe(decoder.decode(bytes));
  });

  it('reads a view into a larger buffer from its own start, and gives "" for no bytes', () => {
    const all = encoder.encode('xx桥梁yy');
    expect(utf8Text(all.subarray(2, 8))).toBe('桥梁');
    expect(utf8Text(new Uint8Array())).toBe('');
  });

  it('keeps a leading byte order mark as U+FEFF and accepts the boundary code points', () => {
    expect(utf8Text(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))).toBe('\ufeffA');
    for (const cp of [0x7f, 0x80, 0x7ff, 0x800, 0xd7ff, 0xe000, 0xffff, 0x10000, 0x10ffff]) {
      const s = String.fromCodePoint(cp);
      expect(utf8Text(encoder.encode(s))).toBe(s);
    }
  });

  it('refuses each kind of malformed sequence, saying what and at which byte', () => {
    const cases: [number[], string][] = [
      [[0x41, 0x80], 'continuation byte 0x80 where a character should start at byte 1'],
      [[0xc0, 0xaf], 'overlong 2-byte sequence (lead byte 0xc0) at byte 0'],
      [[0xc1, 0xbf], 'overlong 2-byte sequence (lead byte 0xc1) at byte 0'],
      [[0xe0, 0x80, 0xaf], 'overlong 3-byte sequence at byte 0'],
      [[0xe0, 0x9f, 0xbf], 'overlong 3-byte sequence at byte 0'],
      [[0xf0, 0x8f, 0xbf, 0xbf], 'overlong 4-byte sequence at byte 0'],
      [[0x41, 0xed, 0xa0, 0x80], 'encoded surrogate U+D800 at byte 1'],
      [[0xed, 0xbf, 0xbf], 'encoded surrogate U+DFFF at byte 0'],
      [[0xf4, 0x90, 0x80, 0x80], 'code point above U+10FFFF at byte 0'],
      [[0xf5, 0x80, 0x80, 0x80], 'byte 0xf5, which never occurs in UTF-8 at byte 0'],
      [[0xff], 'byte 0xff, which never occurs in UTF-8 at byte 0'],
      [[0x41, 0x42, 0xe2, 0x82], 'truncated 3-byte sequence at the end at byte 2'],
      [[0xf0, 0x9f, 0x8c], 'truncated 4-byte sequence at the end at byte 0'],
      [[0xe2, 0x28, 0xa1], 'byte 0x28 is not a continuation of the 3-byte sequence from byte 0 at byte 1'],
    ];
    for (const [bytes, message] of cases) {
      expect(reference(Uint8Array.from(bytes)), `TextDecoder on ${bytes}`).toBeNull();
      expect(() => utf8Text(Uint8Array.from(bytes))).toThrow(`not UTF-8 text: ${message} / 不是 UTF-8 文本`);
    }
  });
});

const latin1Bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

describe('base64Bytes', () => {
  it('decodes standard and URL-safe base64 of 2,000 random byte strings, padded or not, like Buffer', () => {
    const r = random(4);
    for (let n = 0; n < 2000; n++) {
      const bytes = r.bytes(r.int(n < 1000 ? 20 : 300));
      const b64 = Buffer.from(bytes).toString('base64');
      const url = Buffer.from(bytes).toString('base64url');
      expect(base64Bytes(b64)).toEqual(bytes);
      expect(base64Bytes(b64.replace(/=+$/, ''))).toEqual(bytes);
      expect(base64Bytes(url)).toEqual(bytes);
      expect(base64Bytes(`${url}${'='.repeat((4 - (url.length % 4)) % 4)}`)).toEqual(bytes);
      expect(new Uint8Array(Buffer.from(url, 'base64url'))).toEqual(bytes);
    }
  });

  it('ignores whitespace anywhere, as in line-wrapped or newline-terminated text', () => {
    const r = random(5);
    for (let n = 0; n < 500; n++) {
      const bytes = r.bytes(r.int(120));
      const b64 = Buffer.from(bytes).toString('base64');
      let spaced = '';
      for (const ch of b64) spaced += ch + (r.int(5) === 0 ? r.pick([' ', '\n', '\r\n', '\t', '\f']) : '');
      expect(base64Bytes(` ${spaced}\n`)).toEqual(bytes);
    }
    expect(base64Bytes('EQB7\nVwC8\n')).toEqual(Uint8Array.from([0x11, 0x00, 0x7b, 0x57, 0x00, 0xbc]));
  });

  it('accepts and refuses exactly what atob does on 20,000 random strings of base64 characters, "=" and junk', () => {
    const r = random(6);
    const chars = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'];
    const extra = ['=', '=', '=', ' ', '\n', '!', '.', 'é', '-', '_'];
    let refused = 0;
    for (let n = 0; n < 20_000; n++) {
      const length = r.int(14);
      let s = '';
      for (let i = 0; i < length; i++) s += r.int(6) === 0 ? r.pick(extra) : r.pick(chars);
      // atob knows only the standard alphabet: give it the URL-safe letters translated, unless mixed.
      const mixed = /[+/]/.test(s) && /[-_]/.test(s);
      const want = mixed ? null : attempt(() => latin1Bytes(atob(s.replace(/-/g, '+').replace(/_/g, '/'))));
      const got = attempt(() => base64Bytes(s));
      if (want === null || 'error' in want) {
        refused++;
        expect(got, JSON.stringify(s)).toHaveProperty('error');
      } else expect(got, JSON.stringify(s)).toEqual(want);
    }
    expect(refused).toBeGreaterThan(3000);
    expect(refused).toBeLessThan(17_000);
  });

  it('decodes the RFC 4648 test vectors, "" to no bytes', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'Zg=='],
      ['fo', 'Zm8='],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg=='],
      ['fooba', 'Zm9vYmE='],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [text, b64] of vectors) expect(base64Bytes(b64)).toEqual(encoder.encode(text));
  });

  it('gives what its JSDoc examples say', () => {
    expect(base64Bytes('EQB7VwC8')).toEqual(Uint8Array.from([0x11, 0x00, 0x7b, 0x57, 0x00, 0xbc]));
    expect(base64Bytes('-_8')).toEqual(Uint8Array.from([0xfb, 0xff]));
    expect(utf8Text(Uint8Array.from([0xce, 0xbc, 0xce, 0xb5]))).toBe('με');
    expect(() => utf8Text(Uint8Array.from([0xc0, 0xaf]))).toThrow(
      'not UTF-8 text: overlong 2-byte sequence (lead byte 0xc0) at byte 0',
    );
    expect(hexBytes('0x11007b')).toEqual(Uint8Array.from([0x11, 0x00, 0x7b]));
    expect(payloadJson(Uint8Array.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x31, 0x7d]))).toEqual({ a: 1 });
  });

  it('refuses a bad character, mixed alphabets, misplaced padding and a lone last character, saying where', () => {
    expect(() => base64Bytes('EQB7!')).toThrow('not base64: character "!" at index 4 / 不是 base64 字符串');
    expect(() => base64Bytes('EQ.B')).toThrow('character "." at index 2');
    expect(() => base64Bytes('EQ🌉B')).toThrow('character "🌉" at index 2');
    expect(() => base64Bytes('EQé=')).toThrow('character "é" at index 2');
    expect(() => base64Bytes('EQ==B7')).toThrow('character "B" at index 4 after "=" padding');
    expect(() => base64Bytes('ab+c-d__')).toThrow(
      'mixes the standard alphabet ("+" at index 2) and the URL-safe one ("-" at index 4)',
    );
    expect(() => base64Bytes('EQB7V')).toThrow('5 characters leave a lone one at the end');
    expect(() => base64Bytes('EQ=')).toThrow('"=" padding at index 2 does not complete a group of four');
    expect(() => base64Bytes('EQB7====')).toThrow('"=" padding at index 4 does not complete a group of four');
    expect(() => base64Bytes('EQB=')).not.toThrow();
  });
});

describe('hexBytes', () => {
  it('reads 2,000 random byte strings written compact, in either case, spaced, colon-separated, in groups of two bytes and with 0x, like Buffer', () => {
    const r = random(7);
    for (let n = 0; n < 2000; n++) {
      const bytes = r.bytes(r.int(40));
      const hex = Buffer.from(bytes).toString('hex');
      const pairs = hex.match(/../g) ?? [];
      const forms = [
        hex,
        hex.toUpperCase(),
        pairs.join(' '),
        pairs.join(':').toUpperCase(),
        (hex.match(/.{1,4}/g) ?? []).join(' '),
        `0x${hex}`,
        `  ${pairs.join('  ')}\r\n`,
      ];
      for (const form of forms) {
        // A group of one odd byte is fine (the groups of four digits may end with two).
        expect(hexBytes(form), form).toEqual(bytes);
      }
      expect(new Uint8Array(Buffer.from(hex, 'hex'))).toEqual(bytes);
    }
  });

  it('gives no bytes for "" and a bare 0x', () => {
    expect(hexBytes('')).toEqual(new Uint8Array());
    expect(hexBytes('0x')).toEqual(new Uint8Array());
  });

  it('refuses other characters, odd groups and separators that are not between two pairs, saying where', () => {
    expect(() => hexBytes('11 0g')).toThrow('not hex: character "g" at index 4 / 不是十六进制字符串');
    expect(() => hexBytes('11-00')).toThrow('character "-" at index 2');
    expect(() => hexBytes('11 0 7b')).toThrow('odd number of digits in the group at index 3');
    expect(() => hexBytes('11007')).toThrow('odd number of digits in the group at index 0');
    expect(() => hexBytes(':11')).toThrow('separator at index 0 is not between two pairs');
    expect(() => hexBytes('11:00:')).toThrow('separator at index 5 is not between two pairs');
    expect(() => hexBytes('0x 11')).toThrow('separator at index 2 is not between two pairs');
  });
});

describe('payloadBytes', () => {
  it('returns bytes over the same memory, for a Uint8Array, a view into a larger buffer, a Buffer, another typed array and a DataView', () => {
    const frame = Uint8Array.from([0x11, 0x00, 0x7b]);
    expect(payloadBytes(frame)).toEqual(frame);
    payloadBytes(frame)[0] = 0x12;
    expect(frame[0]).toBe(0x12);
    const big = Uint8Array.from([9, 1, 2, 3, 9]);
    expect(payloadBytes(big.subarray(1, 4))).toEqual(Uint8Array.from([1, 2, 3]));
    expect(payloadBytes(Buffer.from([4, 5]))).toEqual(Uint8Array.from([4, 5]));
    expect(payloadBytes(new Uint16Array([0x0102]))).toHaveLength(2);
    expect(payloadBytes(new DataView(big.buffer, 3, 2))).toEqual(Uint8Array.from([3, 9]));
  });

  it('takes a Uint8Array made in another realm, as the sandbox hands bytes over', () => {
    const foreign = runInNewContext('new Uint8Array([1, 2, 3])') as Uint8Array;
    expect(foreign instanceof Uint8Array).toBe(false);
    expect([...payloadBytes(foreign)]).toEqual([1, 2, 3]);
  });

  it('reads strings as base64 unless they visibly are hex, on 2,000 random byte strings', () => {
    const r = random(8);
    for (let n = 0; n < 2000; n++) {
      const bytes = r.bytes(4 + r.int(40));
      const b64 = Buffer.from(bytes).toString(n % 2 ? 'base64' : 'base64url');
      const pairs = Buffer.from(bytes).toString('hex').match(/../g)!;
      expect(payloadBytes(b64), b64).toEqual(bytes);
      expect(payloadBytes(`${b64}\n`)).toEqual(bytes);
      expect(payloadBytes(pairs.join(' '))).toEqual(bytes);
      expect(payloadBytes(pairs.join(':').toUpperCase())).toEqual(bytes);
      expect(payloadBytes(`0x${pairs.join('')}`)).toEqual(bytes);
    }
  });

  it('reads a compact hex string as base64, which it also is', () => {
    expect(payloadBytes('11007b57')).toEqual(base64Bytes('11007b57'));
    expect(payloadBytes('11007b57')).not.toEqual(hexBytes('11007b57'));
    expect(payloadBytes('AB CD')).toEqual(Uint8Array.from([0xab, 0xcd]));
  });

  it('reads the base64 data of a network-server uplink object and ignores its other fields', () => {
    expect(payloadBytes({ data: 'EQB7VwC8', fPort: 10, devEUI: '70b3d57ed0000001' })).toEqual(
      Uint8Array.from([0x11, 0x00, 0x7b, 0x57, 0x00, 0xbc]),
    );
    expect(payloadBytes({ data: '' })).toEqual(new Uint8Array());
    expect(() => payloadBytes({ data: '11:00' })).toThrow('not base64: character ":" at index 2');
  });

  it('refuses every other shape, naming what it got', () => {
    const other = 'expected bytes, a base64 or hex string, or { data: base64 }, got';
    expect(() => payloadBytes(42)).toThrow(`${other} number`);
    expect(() => payloadBytes(null)).toThrow(`${other} null`);
    expect(() => payloadBytes(undefined)).toThrow(`${other} undefined`);
    expect(() => payloadBytes([0x11])).toThrow(`${other} an array`);
    expect(() => payloadBytes(new ArrayBuffer(2))).toThrow(`${other} ArrayBuffer`);
    expect(() => payloadBytes({ payload: 'EQB7' })).toThrow(`${other} an object without "data"`);
    expect(() => payloadBytes({ data: [1, 2] })).toThrow(
      'the "data" of an uplink object must be a base64 string, got an array / data 字段应为 base64 字符串',
    );
    expect(() => payloadBytes({ data: null })).toThrow('must be a base64 string, got null');
    expect(() => payloadBytes('EQB7!')).toThrow('not base64: character "!" at index 4');
    expect(() => payloadBytes('11 0 7b')).toThrow('not hex: odd number of digits');
  });

  it('decides on a 256 KiB string of spaces without backtracking', () => {
    const started = performance.now();
    expect(() => payloadBytes(`0x${' '.repeat(256 * 1024)}!`)).toThrow();
    expect(() => payloadBytes(`AB${' '.repeat(256 * 1024)}!`)).toThrow();
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('payloadJson', () => {
  it('parses UTF-8 bytes of JSON text and JSON text alike for 1,000 random values', () => {
    const r = random(9);
    const value = (depth: number): unknown => {
      switch (r.int(depth > 2 ? 4 : 6)) {
        case 0:
          return r.next() * 2000 - 1000;
        case 1:
          return randomText(r, r.int(8));
        case 2:
          return r.pick([true, false, null]);
        case 3:
          return r.int(100);
        case 4:
          return Array.from({ length: r.int(4) }, () => value(depth + 1));
        default:
          return Object.fromEntries(
            Array.from({ length: r.int(4) }, () => [randomText(r, 3), value(depth + 1)]),
          );
      }
    };
    for (let n = 0; n < 1000; n++) {
      const v = value(0);
      const text = JSON.stringify(v);
      expect(payloadJson(encoder.encode(text))).toEqual(v);
      expect(payloadJson(text)).toEqual(v);
    }
  });

  it('returns a value already parsed as it is', () => {
    const message = { logger: 'BL-7', channels: [] };
    expect(payloadJson(message)).toBe(message);
    expect(payloadJson(42)).toBe(42);
    expect(payloadJson(null)).toBeNull();
    expect(payloadJson([1])).toEqual([1]);
  });

  it('skips a leading byte order mark, in bytes and in text', () => {
    expect(payloadJson(Uint8Array.from([0xef, 0xbb, 0xbf, ...encoder.encode('{"a":1}')]))).toEqual({ a: 1 });
    expect(payloadJson('\ufeff[1]')).toEqual([1]);
  });

  it('refuses bytes that are not UTF-8 and text that is not JSON', () => {
    expect(() => payloadJson(Uint8Array.from([0x7b, 0xff, 0x7d]))).toThrow('not UTF-8 text: byte 0xff');
    expect(() => payloadJson('{"logger":')).toThrow(/^not JSON: .+ \/ 不是 JSON$/);
    expect(() => payloadJson(encoder.encode(''))).toThrow('not JSON');
  });
});

describe('the payload helpers in @fenghuo/sdk', () => {
  const source = readFileSync(new URL('./payload.ts', import.meta.url), 'utf8');
  const exported = [...source.matchAll(/^export function (\w+)/gm)].map((m) => m[1]!);

  it('are exported from the package, each with JSDoc and an @example', () => {
    expect(exported.sort()).toEqual(['base64Bytes', 'hexBytes', 'payloadBytes', 'payloadJson', 'utf8Text']);
    for (const name of exported) {
      expect(typeof (sdk as Record<string, unknown>)[name], name).toBe('function');
      const doc = new RegExp(`/\\*\\*((?:(?!\\*/)[\\s\\S])*)\\*/\\nexport function ${name}\\b`).exec(source);
      expect(doc?.[1], name).toContain('@example');
    }
  });

  it('are dropped from a bundle that does not call them', async () => {
    const result = await build({
      stdin: {
        contents: `import { payloadJson } from './index.ts'; globalThis.f = payloadJson;`,
        resolveDir: fileURLToPath(new URL('.', import.meta.url)),
        loader: 'ts',
      },
      bundle: true,
      format: 'iife',
      platform: 'neutral',
      mainFields: ['module', 'main'],
      write: false,
      minifySyntax: true,
    });
    const code = result.outputFiles[0]!.text;
    expect(code).toContain('function utf8Text');
    for (const unused of ['base64Bytes', 'hexBytes', 'payloadBytes', 'looksHex'])
      expect(code).not.toContain(unused);
  });
});

describe('the payload helpers in the sandbox', () => {
  const host = new SandboxHost();
  afterAll(() => host.dispose());
  const meta = { city: 'demo', sensor: 'S-1', receivedAt: '2026-11-29T00:00:00Z' };
  const key = 'payload-probe@1.0.0';

  /** A sensor plugin whose decode runs one helper and returns its result as numbers. */
  const loaded = (async () => {
    const result = await build({
      stdin: {
        contents: `
          import { base64Bytes, hexBytes, payloadBytes, payloadJson, utf8Text } from './payload.ts';
          const numbers = (xs) => [{ values: Object.fromEntries(xs.map((x, i) => ['k' + i, x])) }];
          globalThis.__fenghuo_plugin__ = {
            id: 'payload-probe', version: '1.0.0', vendor: 'Test', model: 'P',
            metrics: { k0: { schema: { type: 'number' }, unit: '1', name: { zh: '探针', en: 'Probe' } } },
            decode(payload) {
              if (typeof TextDecoder !== 'undefined' || typeof Buffer !== 'undefined' || typeof atob !== 'undefined')
                throw new Error('the sandbox has a decoder after all');
              if (ArrayBuffer.isView(payload)) return numbers([...utf8Text(payload)].map((c) => c.codePointAt(0)));
              const { op, arg } = payload;
              if (op === 'base64') return numbers([...base64Bytes(arg)]);
              if (op === 'hex') return numbers([...hexBytes(arg)]);
              if (op === 'bytes') return numbers([...payloadBytes(arg)]);
              return numbers([...JSON.stringify(payloadJson(arg))].map((c) => c.charCodeAt(0)));
            },
          };`,
        resolveDir: fileURLToPath(new URL('.', import.meta.url)),
        loader: 'js',
      },
      bundle: true,
      format: 'iife',
      platform: 'neutral',
      target: 'es2022',
      write: false,
    });
    await host.load(key, result.outputFiles[0]!.text);
  })();

  const numbersOf = async (payload: unknown): Promise<number[]> => {
    await loaded;
    const [reading] = await host.decode(key, payload, meta);
    return Object.values(reading!.values);
  };

  it('decode UTF-8, base64, hex, payload bytes and JSON there as they do here', async () => {
    const r = random(10);
    for (let n = 0; n < 40; n++) {
      const bytes = r.bytes(1 + r.int(30));
      const text = randomText(r, 1 + r.int(20));
      const codePoints = [...text].map((c) => c.codePointAt(0)!);
      expect(await numbersOf(encoder.encode(text))).toEqual(codePoints);
      expect(await numbersOf({ op: 'base64', arg: Buffer.from(bytes).toString('base64url') })).toEqual([
        ...bytes,
      ]);
      expect(await numbersOf({ op: 'hex', arg: Buffer.from(bytes).toString('hex') })).toEqual([...bytes]);
      const data = Buffer.from(bytes).toString('base64');
      expect(await numbersOf({ op: 'bytes', arg: { data } })).toEqual([...bytes]);
      expect(await numbersOf({ op: 'bytes', arg: data })).toEqual([...bytes]);
      const json = JSON.stringify({ text, n });
      expect(await numbersOf({ op: 'json', arg: json })).toEqual([...json].map((c) => c.charCodeAt(0)));
    }
  });

  it('refuse bad input there with the same message, as the plugin refusal FH_SANDBOX_THREW', async () => {
    await loaded;
    const refusal = async (payload: unknown) => {
      try {
        await host.decode(key, payload, meta);
      } catch (err) {
        return err as FenghuoError;
      }
      throw new Error('expected decode to refuse');
    };
    const bad = await refusal(Uint8Array.from([0xed, 0xa0, 0x80]));
    expect(bad).toBeInstanceOf(FenghuoError);
    expect(bad.code).toBe('FH_SANDBOX_THREW');
    expect(bad.message).toContain('not UTF-8 text: encoded surrogate U+D800 at byte 0');
    expect((await refusal({ op: 'base64', arg: 'EQB7!' })).message).toContain(
      'not base64: character "!" at index 4',
    );
    expect((await refusal({ op: 'json', arg: '{' })).message).toContain('not JSON');
  });
});
