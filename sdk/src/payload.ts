/**
 * Payload helpers for a sensor plugin's `decode`: UTF-8 text, base64, hex, and the usual payload forms
 * (bytes, a base64 or hex string, a network server's `{ data }`, JSON text or bytes of it) turned into
 * bytes or a JSON value. The plugin sandbox has no `TextDecoder`, `Buffer` or `atob`, so these are plain
 * JavaScript: no Node or DOM API, nothing done at import, and esbuild drops whichever a plugin does not
 * call. They refuse malformed input with an `Error` saying what is wrong and where, which `decode` can let
 * through as its refusal (`FH_SANDBOX_THREW`, docs/plugins.md §3.4).
 */

const hex2 = (n: number) => `0x${n.toString(16).padStart(2, '0')}`;

function utf8Error(at: number, reason: string): Error {
  return new Error(`not UTF-8 text: ${reason} at byte ${at} / 不是 UTF-8 文本（第 ${at} 字节）`);
}

/**
 * The text of UTF-8 bytes, strictly: throws on a truncated sequence, a stray continuation byte, a byte
 * that never occurs in UTF-8 (`0xC0`, `0xC1`, `0xF5`–`0xFF`), an overlong encoding, an encoded surrogate
 * (U+D800–U+DFFF) or a code point above U+10FFFF, naming the byte offset. The same text as
 * `new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })`: a leading byte order mark is kept as
 * U+FEFF ({@link payloadJson} skips it).
 *
 * @example
 * utf8Text(new Uint8Array([0xce, 0xbc, 0xce, 0xb5])); // 'με'
 * utf8Text(new Uint8Array([0xc0, 0xaf])); // throws "not UTF-8 text: overlong 2-byte sequence (lead byte 0xc0) at byte 0 …"
 */
export function utf8Text(bytes: Uint8Array): string {
  const n = bytes.length;
  let out = '';
  // UTF-16 code units, turned into a string a chunk at a time: one fromCharCode per character would be
  // slow for a 256 KiB body, one for the whole body would overflow the argument limit.
  const units: number[] = [];
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      units.push(b);
      i++;
    } else {
      let need: number;
      let cp: number;
      if (b >= 0xc2 && b <= 0xdf) {
        need = 1;
        cp = b & 0x1f;
      } else if (b >= 0xe0 && b <= 0xef) {
        need = 2;
        cp = b & 0x0f;
      } else if (b >= 0xf0 && b <= 0xf4) {
        need = 3;
        cp = b & 0x07;
      } else if (b <= 0xbf) {
        throw utf8Error(i, `continuation byte ${hex2(b)} where a character should start`);
      } else if (b <= 0xc1) {
        throw utf8Error(i, `overlong 2-byte sequence (lead byte ${hex2(b)})`);
      } else {
        throw utf8Error(i, `byte ${hex2(b)}, which never occurs in UTF-8`);
      }
      for (let k = 1; k <= need; k++) {
        if (i + k >= n) throw utf8Error(i, `truncated ${need + 1}-byte sequence at the end`);
        const c = bytes[i + k]!;
        if ((c & 0xc0) !== 0x80) {
          throw utf8Error(
            i + k,
            `byte ${hex2(c)} is not a continuation of the ${need + 1}-byte sequence from byte ${i}`,
          );
        }
        cp = (cp << 6) | (c & 0x3f);
      }
      if ((need === 2 && cp < 0x800) || (need === 3 && cp < 0x10000)) {
        throw utf8Error(i, `overlong ${need + 1}-byte sequence`);
      }
      if (cp >= 0xd800 && cp <= 0xdfff) {
        throw utf8Error(i, `encoded surrogate U+${cp.toString(16).toUpperCase()}`);
      }
      if (cp > 0x10ffff) throw utf8Error(i, `code point above U+10FFFF`);
      if (cp < 0x10000) units.push(cp);
      else units.push(0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff));
      i += need + 1;
    }
    if (units.length >= 8192) {
      out += String.fromCharCode.apply(null, units);
      units.length = 0;
    }
  }
  return out + String.fromCharCode.apply(null, units);
}

/** ASCII whitespace as the WHATWG "forgiving base64" (`atob`) skips it: tab, LF, FF, CR, space. */
const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;

/** The 6-bit value of a base64 character (either alphabet), or -1. */
function sextet(c: number): number {
  if (c >= 0x41 && c <= 0x5a) return c - 0x41; // A-Z
  if (c >= 0x61 && c <= 0x7a) return c - 0x61 + 26; // a-z
  if (c >= 0x30 && c <= 0x39) return c - 0x30 + 52; // 0-9
  if (c === 0x2b || c === 0x2d) return 62; // + (standard), - (URL-safe)
  if (c === 0x2f || c === 0x5f) return 63; // / (standard), _ (URL-safe)
  return -1;
}

function base64Error(reason: string): Error {
  return new Error(`not base64: ${reason} / 不是 base64 字符串`);
}

/** The character at `i` (a whole emoji, not half of it), quoted for a message. */
const shown = (text: string, i: number) => JSON.stringify(String.fromCodePoint(text.codePointAt(i)!));

/**
 * The bytes of a base64 string, in the standard (`+/`) or the URL-safe (`-_`) alphabet (RFC 4648), with
 * or without `=` padding. ASCII whitespace (space, tab, CR, LF, FF) anywhere is ignored, as `atob` does,
 * so a line-wrapped or newline-terminated body decodes. Throws, naming the character and its index, on
 * a character outside both alphabets, a string that mixes the two alphabets, padding that is not at the
 * end or does not complete a group of four, and a length that leaves a lone character (4n + 1). Unused
 * low bits of the last character are ignored, as by `atob` and `Buffer`. `''` is zero bytes.
 *
 * @example
 * base64Bytes('EQB7VwC8'); // Uint8Array [0x11, 0x00, 0x7b, 0x57, 0x00, 0xbc]
 * base64Bytes('-_8'); // Uint8Array [0xfb, 0xff] (URL-safe, unpadded)
 * base64Bytes('EQB7!'); // throws 'not base64: character "!" at index 4 …'
 */
export function base64Bytes(text: string): Uint8Array {
  // One pass straight into the output: at most 3 bytes per 4 characters, trimmed at the end.
  const out = new Uint8Array(Math.ceil((text.length * 3) / 4));
  let o = 0;
  let count = 0;
  let acc = 0;
  let bits = 0;
  let pad = 0;
  let padAt = -1;
  let standard = -1;
  let urlSafe = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) continue;
    if (c === 0x3d) {
      if (pad === 0) padAt = i;
      pad++;
      continue;
    }
    const v = sextet(c);
    if (v < 0) throw base64Error(`character ${shown(text, i)} at index ${i}`);
    if (pad > 0) throw base64Error(`character ${shown(text, i)} at index ${i} after "=" padding`);
    if (c === 0x2b || c === 0x2f) {
      if (standard < 0) standard = i;
    } else if ((c === 0x2d || c === 0x5f) && urlSafe < 0) urlSafe = i;
    count++;
    acc = ((acc << 6) | v) & 0xfff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = acc >> bits;
    }
  }
  if (standard >= 0 && urlSafe >= 0) {
    throw base64Error(
      `mixes the standard alphabet (${shown(text, standard)} at index ${standard}) and the URL-safe one (${shown(text, urlSafe)} at index ${urlSafe})`,
    );
  }
  const rest = count % 4;
  if (rest === 1) {
    throw base64Error(`${count} characters leave a lone one at the end (the length must not be 4n + 1)`);
  }
  if (pad > 0 && (pad > 2 || rest === 0 || rest + pad !== 4)) {
    throw base64Error(`"=" padding at index ${padAt} does not complete a group of four characters`);
  }
  return o === out.length ? out : out.slice(0, o);
}

/** The value of a hex digit, or -1. */
function nibble(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const l = c | 0x20;
  if (l >= 0x61 && l <= 0x66) return l - 0x61 + 10;
  return -1;
}

const isHexSeparator = (c: number) => c === 0x3a || isSpace(c);

function hexError(reason: string): Error {
  return new Error(`not hex: ${reason} / 不是十六进制字符串`);
}

/**
 * The bytes of a hex string, as devices' consoles print them: digits in either case, pairs written
 * together (`11007b`) or apart, separated by spaces, tabs, newlines or colons (`11 00 7B`, `11:00:7b`,
 * `1100 7b57`), with an optional `0x` in front of the whole string; whitespace around it is ignored.
 * A separator may only stand between two pairs. Throws, naming the index, on any other character and
 * on a group of an odd number of digits. `''` is zero bytes.
 *
 * @example
 * hexBytes('11 00 7B 57 00 BC'); // Uint8Array [0x11, 0x00, 0x7b, 0x57, 0x00, 0xbc]
 * hexBytes('0x11007b'); // Uint8Array [0x11, 0x00, 0x7b]
 * hexBytes('11 0 7b'); // throws 'not hex: odd number of digits in the group at index 3 …'
 */
export function hexBytes(text: string): Uint8Array {
  let start = 0;
  let end = text.length;
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  if (end - start >= 2 && text[start] === '0' && (text[start + 1] === 'x' || text[start + 1] === 'X')) {
    start += 2;
  }
  const out = new Uint8Array((end - start) >> 1);
  let o = 0;
  let i = start;
  while (i < end) {
    if (isHexSeparator(text.charCodeAt(i))) {
      const at = i;
      while (i < end && isHexSeparator(text.charCodeAt(i))) i++;
      if (at === start || i === end) throw hexError(`separator at index ${at} is not between two pairs`);
      continue;
    }
    const group = i;
    while (i < end && nibble(text.charCodeAt(i)) >= 0) i++;
    if (i < end && !isHexSeparator(text.charCodeAt(i))) {
      throw hexError(`character ${shown(text, i)} at index ${i}`);
    }
    if ((i - group) % 2 !== 0) throw hexError(`odd number of digits in the group at index ${group}`);
    for (let k = group; k < i; k += 2) {
      out[o++] = (nibble(text.charCodeAt(k)) << 4) | nibble(text.charCodeAt(k + 1));
    }
  }
  return o === out.length ? out : out.slice(0, o);
}

/**
 * Whether {@link payloadBytes} reads a string as hex: after surrounding whitespace, a `0x` prefix, or
 * hex digits and separators with at least one separator. A plain scan, not a regular expression: a
 * backtracking pattern over a 256 KiB body of spaces could run past the sandbox's time limit.
 */
function looksHex(text: string): boolean {
  let start = 0;
  let end = text.length;
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  const prefixed =
    end - start >= 2 && text[start] === '0' && (text[start + 1] === 'x' || text[start + 1] === 'X');
  let separated = false;
  for (let i = prefixed ? start + 2 : start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (isHexSeparator(c)) separated = true;
    else if (nibble(c) < 0) return false;
  }
  return prefixed || separated;
}

/** What a payload is, for a message: `number`, `null`, `an array`, `an object`, `ArrayBuffer` … */
function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v !== 'object') return typeof v;
  const tag = Object.prototype.toString.call(v).slice(8, -1);
  return tag === 'Object' ? 'an object' : tag;
}

/**
 * The bytes of a sensor payload in any of its usual forms:
 * - bytes (a `Uint8Array` as MQTT and `application/octet-stream` bring them, or any typed array or
 *   `DataView`): a `Uint8Array` over the same memory, not a copy;
 * - a string: **hex** when it visibly is — a `0x` prefix, or hex digit pairs with spaces or colons
 *   between them (`11 00 7B`, `11:00:7b`); otherwise **base64** ({@link base64Bytes}), the form network
 *   servers use. A compact hex string (`11007b`) is also valid base64, so it is read as base64: a plugin
 *   whose device sends compact hex calls {@link hexBytes} itself;
 * - a network server's uplink object `{ data: base64, … }` (ChirpStack-style webhook): the bytes of
 *   `data`, whatever other fields it has (check `fPort` and the like yourself).
 *
 * Anything else (a number, an array, `null`, an object without a string `data`) throws.
 *
 * @example
 * payloadBytes('EQB7VwC8'); // Uint8Array [0x11, 0x00, 0x7b, 0x57, 0x00, 0xbc]
 * payloadBytes('11 00 7b'); // Uint8Array [0x11, 0x00, 0x7b]
 * payloadBytes({ data: 'EQB7', fPort: 10 }); // Uint8Array [0x11, 0x00, 0x7b]
 */
export function payloadBytes(payload: unknown): Uint8Array {
  // ArrayBuffer.isView works across realms: the sandbox hands bytes over as a Uint8Array of its own.
  if (ArrayBuffer.isView(payload)) {
    return new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength);
  }
  if (typeof payload === 'string') return looksHex(payload) ? hexBytes(payload) : base64Bytes(payload);
  const kind = kindOf(payload);
  if (kind === 'an object' && 'data' in (payload as object)) {
    const { data } = payload as { data: unknown };
    if (typeof data === 'string') return base64Bytes(data);
    throw new Error(
      `the "data" of an uplink object must be a base64 string, got ${kindOf(data)} / data 字段应为 base64 字符串`,
    );
  }
  throw new Error(
    `expected bytes, a base64 or hex string, or { data: base64 }, got ${kind === 'an object' ? 'an object without "data"' : kind} / 载荷应为字节、base64 或十六进制字符串，或 { data: base64 }`,
  );
}

function parseJson(text: string): unknown {
  try {
    // A byte order mark is not JSON (RFC 8259 lets a parser ignore it; JSON.parse does not).
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (err) {
    throw new Error(`not JSON: ${(err as Error).message} / 不是 JSON`);
  }
}

/**
 * The JSON value of a sensor payload: bytes (MQTT always brings bytes, even of JSON text) are read as
 * UTF-8 ({@link utf8Text}) and parsed; a string is parsed; anything else is a value already parsed
 * (HTTP `application/json`) and is returned as it is. A leading byte order mark is skipped. Throws on
 * bytes that are not UTF-8 and text that is not JSON. It does not check the value's shape.
 *
 * @example
 * payloadJson(new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x31, 0x7d])); // { a: 1 }
 * payloadJson('{"a":1}'); // { a: 1 }
 * payloadJson({ a: 1 }); // { a: 1 } (the same object)
 */
export function payloadJson(payload: unknown): unknown {
  if (ArrayBuffer.isView(payload)) {
    return parseJson(utf8Text(new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength)));
  }
  if (typeof payload === 'string') return parseJson(payload);
  return payload;
}
