/**
 * The code that runs first in every sandbox context, before the plugin's bundle: it captures the
 * intrinsics it needs (so that a bundle replacing `JSON` or `Promise` cannot fool it), removes the
 * globals that could run plugin code outside a timed call, and returns one dispatcher function the host
 * holds by reference (`analyze`, `decode`, `settle`, `describe`). Nothing it keeps is reachable from the
 * plugin:
 *
 * - the host's bridge (an `ivm.Reference`) lives only in this closure; a plugin that got hold of it could
 *   walk `get('constructor')` to the host's `Function`, so it is never stored on an object the plugin sees,
 *   never passed to a function the plugin could replace;
 * - everything crossing the boundary is a primitive: JSON text both ways, and a `Uint8Array` copy for a
 *   binary payload, so no host object (or prototype) is ever shared;
 * - a `ctx` call asks the host synchronously for a request id and waits on a promise that the host settles
 *   later by calling `settle` as a new timed task, so every piece of plugin code, the continuations after
 *   an `await ctx.…` included, runs under the per-call time limit.
 *
 * Evaluated with `context.evalClosure(PRELUDE, [bridge, limitsJson])`: `$0` is the bridge,
 * `(call, method, argsJson) => replyJson`; `$1` is `{ maxResultChars, maxReadings, maxDefinitionChars }` as
 * JSON. `describe(true)` also returns the definition's data (JSON drops its functions), read in here under
 * the load time limit.
 */
export const PRELUDE = `
'use strict';
const bridge = $0;
const limits = JSON.parse($1);
const G = globalThis;
const stringify = JSON.stringify;
const parse = JSON.parse;
const isArray = Array.isArray;
const freeze = Object.freeze;
const create = Object.create;
const reflectApply = Reflect.apply;
const arraySlice = Array.prototype.slice;
const stringSlice = String.prototype.slice;
const arrayJoin = Array.prototype.join;
const PromiseC = Promise;
const ErrorC = Error;
const StringC = String;

// Work scheduled by the engine rather than by a call (finalizers, async WebAssembly compilation) would
// run outside the time limit; shared memory would let code block a thread. None of it is needed.
for (const name of ['WebAssembly', 'SharedArrayBuffer', 'Atomics', 'FinalizationRegistry']) delete G[name];

let def = null;
let current = 0;
const pending = create(null);

function text(v, max) {
  try {
    const s = typeof v === 'string' ? v : StringC(v);
    return s.length > max ? reflectApply(stringSlice, s, [0, max]) + '…' : s;
  } catch {
    return '(unprintable)';
  }
}

function describeError(e) {
  let name = 'Error';
  let message = '';
  let stack = '';
  try {
    if (e !== null && (typeof e === 'object' || typeof e === 'function')) {
      name = text(e.name, 100);
      message = text(e.message, 2000);
      stack = text(e.stack, 4000);
    } else {
      name = 'thrown value';
      message = text(e, 2000);
    }
  } catch {
    message = '(the thrown value could not be read)';
  }
  return '{"name":' + stringify(name) + ',"message":' + stringify(message) + ',"stack":' + stringify(stack) + '}';
}

const threw = (e) => '{"ok":false,"threw":' + describeError(e) + '}';
const bad = (reason) => '{"ok":false,"bad":' + stringify(text(reason, 2000)) + '}';
const tooLarge = (size) => '{"ok":false,"tooLarge":' + stringify(size) + '}';

function envelope(out) {
  let json;
  try {
    json = stringify(out);
  } catch (e) {
    let reason = 'it cannot be serialised to JSON';
    try {
      reason += ': ' + text(e && e.message, 500);
    } catch {}
    return bad(reason);
  }
  if (typeof json !== 'string') return bad('it is ' + (out === undefined ? 'undefined' : typeof out));
  if (json.length > limits.maxResultChars) return tooLarge(json.length + ' characters of JSON');
  return '{"ok":true,"value":' + json + '}';
}

function makeError(e) {
  const err = new ErrorC(text(e && e.message, 2000));
  err.name = text((e && e.name) || 'Error', 100);
  if (e && typeof e.code === 'string') err.code = e.code;
  return err;
}

function ask(call, method, args) {
  let reply;
  try {
    reply = parse(bridge.applySync(undefined, [call, method, stringify(args)]));
  } catch (e) {
    return PromiseC.reject(e);
  }
  if (reply.e) return PromiseC.reject(makeError(reply.e));
  const id = reply.id;
  return new PromiseC((resolve, reject) => {
    pending[id] = { resolve, reject };
  });
}

function makeCtx(call) {
  const args = (a) => reflectApply(arraySlice, a, []);
  return freeze({
    history() {
      return ask(call, 'history', args(arguments));
    },
    neighbours() {
      return ask(call, 'neighbours', args(arguments));
    },
    within() {
      return ask(call, 'within', args(arguments));
    },
    object() {
      return ask(call, 'object', args(arguments));
    },
    weather() {
      return ask(call, 'weather', args(arguments));
    },
    thresholds() {
      return ask(call, 'thresholds', args(arguments));
    },
    now() {
      const reply = parse(bridge.applySync(undefined, [call, 'now', '[]']));
      if (reply.e) throw makeError(reply.e);
      return reply.v;
    },
  });
}

function log(level, list) {
  const parts = [];
  for (let i = 0; i < list.length && i < 20; i++) {
    const a = list[i];
    let s;
    try {
      s = a !== null && typeof a === 'object' ? stringify(a) : StringC(a);
    } catch {
      s = '(unprintable)';
    }
    parts[parts.length] = text(s, 1000);
  }
  try {
    bridge.applySync(undefined, [current, 'console', stringify([level, reflectApply(arrayJoin, parts, [' '])])]);
  } catch {}
}

G.console = freeze({
  log() { log('info', arguments); },
  info() { log('info', arguments); },
  debug() { log('debug', arguments); },
  warn() { log('warn', arguments); },
  error() { log('error', arguments); },
});

function settle(id, json) {
  const p = pending[id];
  if (p === undefined) return;
  delete pending[id];
  const reply = parse(json);
  if (reply.ok === true) p.resolve(reply.v);
  else p.reject(makeError(reply.e));
}

async function analyze(call, input) {
  current = call;
  try {
    const inp = parse(input);
    if (def === null || typeof def.analyze !== 'function') return bad('the plugin has no analyze function');
    const out = await def.analyze(inp.event, makeCtx(call), inp.config);
    return envelope(out);
  } catch (e) {
    return threw(e);
  }
}

function decode(call, input, bytes) {
  current = call;
  try {
    const inp = parse(input);
    if (def === null || typeof def.decode !== 'function') return bad('the plugin has no decode function');
    const out = def.decode(bytes === undefined ? inp.payload : bytes, inp.meta);
    if (out !== null && typeof out === 'object' && typeof out.then === 'function')
      return bad('decode must return its readings synchronously, not a promise');
    if (isArray(out) && out.length > limits.maxReadings) return tooLarge(out.length + ' readings');
    return envelope(out);
  } catch (e) {
    return threw(e);
  }
}

function describe(withDefinition) {
  try {
    const p = G.__fenghuo_plugin__;
    if (p === null || typeof p !== 'object')
      return bad('the bundle does not assign an object to globalThis.__fenghuo_plugin__ (got ' + (p === null ? 'null' : typeof p) + ')');
    const kind = typeof p.analyze === 'function' ? 'risk-type' : typeof p.decode === 'function' ? 'sensor' : null;
    if (kind === null) return bad('the plugin definition has neither an analyze nor a decode function');
    // The definition's data: every field but its functions, as JSON text (only strings are looked into,
    // so a bundle's changes to Object.prototype cannot steer this).
    let definition = '';
    if (withDefinition === true) {
      let json;
      try {
        json = stringify(p);
      } catch (e) {
        return bad('its definition cannot be serialised to JSON: ' + text(e && e.message, 500));
      }
      if (typeof json !== 'string' || json[0] !== '{') return bad('its definition does not serialise to a JSON object');
      if (json.length > limits.maxDefinitionChars)
        return bad('its definition is ' + json.length + ' characters of JSON, more than the limit of ' + limits.maxDefinitionChars + ' bytes');
      definition = ',"definition":' + json;
    }
    def = p;
    return '{"ok":true,"value":{"id":' + stringify(text(p.id, 200)) + ',"version":' + stringify(text(p.version, 100)) + ',"kind":"' + kind + '"}' + definition + '}';
  } catch (e) {
    return threw(e);
  }
}

return function dispatch(op, a, b, c) {
  if (op === 'analyze') return analyze(a, b);
  if (op === 'decode') return decode(a, b, c);
  if (op === 'settle') return settle(a, b);
  if (op === 'describe') return describe(a);
  throw new ErrorC('unknown operation');
};
`;
