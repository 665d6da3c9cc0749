/**
 * Types shared by the sandbox's parts: its limits, its logger, what a bundle declares, the counters of an
 * isolate, and one call as the host asks for it.
 */
import type { AnalysisContext } from '../types.js';
import type { ResultLimits, SandboxFn } from './results.js';

export interface SandboxLimits extends ResultLimits {
  memoryMb: number;
  timeoutMs: number;
  wallTimeoutMs: number;
  /** Limit of the bundle's top-level code when a context is made (wall clock). */
  loadTimeoutMs: number;
  /** Largest definition data read at load, in bytes of UTF-8 JSON. */
  maxDefinitionBytes: number;
  maxCtxCalls: number;
  maxQueue: number;
  /** Cities whose contexts one isolate keeps; the least recently used is dropped beyond it. */
  maxContexts: number;
}

/** The logger the sandbox writes to (a pino logger fits). */
export interface SandboxLog {
  debug(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** What a bundle declares about itself. */
export interface BundleInfo {
  id: string;
  version: string;
  kind: 'risk-type' | 'sensor';
}

/**
 * A plugin definition's data as its bundle defines it: every field except its functions, as plain JSON
 * (deep-frozen). Its schemas are plain JSON Schema; `rehydrateDefinition` (from `@fenghuo/sdk`) makes
 * them TypeBox schemas again.
 */
export type DefinitionData = Readonly<Record<string, unknown>>;

/** Counters of one plugin version's isolate. */
export interface SandboxStats {
  key: string;
  /** Times the bundle was compiled (1 + rebuilds). */
  compiles: number;
  /** Isolates rebuilt after a crash or a kill. */
  rebuilds: number;
  /** City contexts alive now / made so far. */
  contexts: number;
  contextsCreated: number;
  calls: number;
  failures: number;
  /** Totals over all calls: wall-clock time from entering the isolate to the result, and the plugin's CPU. */
  wallMs: number;
  cpuMs: number;
  last: { wallMs: number; cpuMs: number } | null;
}

/** One call as the host side of the sandbox asks for it. */
export interface CallRequest {
  fn: SandboxFn;
  city: string;
  /** JSON text: `{ event, config }` for analyze, `{ payload?, meta }` for decode. */
  input: string;
  /** A binary payload for decode (copied in as a fresh `Uint8Array`). */
  bytes?: Uint8Array;
  ctx?: AnalysisContext;
}

/** The result envelope (JSON text from the prelude), and the platform's failure inside ctx if there was one. */
export interface CallOutput {
  json: unknown;
  hostError: unknown;
}
