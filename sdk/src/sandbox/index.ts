/**
 * `@fenghuo/sdk/sandbox` — the plugin sandbox the platform runs plugin code in (`analyze`, `decode`):
 * isolated-vm, one isolate per plugin version, time and memory limits, results checked, failures coded
 * `FH_SANDBOX_*` (`sandboxErrors` in `@fenghuo/sdk`). Core runs every plugin through it, and
 * `fenghuo plugin test` runs a plugin's fixtures in it. Node only (a native addon): a plugin never imports it.
 *
 * @example
 * import { rehydrateDefinition } from '@fenghuo/sdk';
 * import { SandboxHost } from '@fenghuo/sdk/sandbox';
 *
 * const sandbox = new SandboxHost();
 * const loaded = await sandbox.load('gas-pipeline@1.0.0', code);
 * const def = rehydrateDefinition(loaded.definition, 'risk-type'); // its metrics, thresholds, schemas …
 * const result = await sandbox.analyze('gas-pipeline@1.0.0', event, ctx, def.defaults);
 * sandbox.dispose();
 */
export type { CtxMethod } from './bridge.js';
export type { LoadedSandbox, SandboxDecodeMeta, SandboxOptions } from './host.js';
export { SANDBOX_DEFAULTS, SandboxHost } from './host.js';
export type { QuarantineListener, QuarantineRecord } from './quarantine.js';
export { DecodedReadingsSchema } from './results.js';
export type { BundleInfo, DefinitionData, SandboxLog, SandboxStats } from './types.js';
