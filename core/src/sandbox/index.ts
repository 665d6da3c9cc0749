/**
 * The plugin sandbox: plugin code (`analyze`, `decode`) in isolated-vm, one isolate per plugin version.
 * See host.ts.
 */
export type { CtxMethod } from './bridge.js';
export type { LoadedSandbox, SandboxDecodeMeta, SandboxOptions } from './host.js';
export { SANDBOX_DEFAULTS, SandboxHost } from './host.js';
export type { QuarantineListener, QuarantineRecord } from './quarantine.js';
export { DecodedReadingsSchema } from './results.js';
export type { BundleInfo, SandboxLog, SandboxStats } from './types.js';
