/**
 * `fenghuo plugin test [--dir DIR]`: build the plugin's bundle, load it in the sandbox the platform runs
 * plugins in (`@fenghuo/sdk/sandbox`: isolated-vm, the platform's time and memory limits, its definition
 * read inside the isolate as the platform reads it), and run every fixture of `test/fixtures/` through it
 * — scenarios through the SDK's harness with each `analyze` run in the sandbox for a risk type, payloads
 * through the sandbox's `decode` for a sensor — printing one line per fixture.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildBundle } from '../bundle/build.js';
import { checkRiskType, checkSensor } from '../define.js';
import { FenghuoError, sdkErrors } from '../errors.js';
import { rehydrateDefinition } from '../rehydrate.js';
import { type LoadedSandbox, SandboxHost } from '../sandbox/index.js';
import { checkExpectations, describeScenario, loadFixtures, runScenario } from '../testing/index.js';
import type { RiskTypeDef, SensorDef } from '../types.js';
import { type Io, indent } from './io.js';
import { runSensorFixture, type SensorDecode, validateSensorFixture } from './sensor-fixtures.js';

/** The city a sensor fixture's payload is decoded for (the sandbox keeps one context per city). */
const CITY = 'fixture';

const describeError = (err: unknown): string =>
  err instanceof FenghuoError
    ? `${err.message} [${err.code}]`
    : err instanceof Error
      ? err.message
      : String(err);

/** The harness reports a failed analysis by its message: give it the code as well, as every other line has. */
function withCode(err: unknown): never {
  if (err instanceof FenghuoError && !err.message.endsWith(`[${err.code}]`))
    throw new FenghuoError(err.code, err.status, `${err.message} [${err.code}]`, err.details);
  throw err;
}

/**
 * The risk type as the platform runs it: its definition as the sandbox read it (schemas rebuilt, checked
 * as core checks an installed plugin), its `analyze` run in the sandbox.
 */
function sandboxedRiskType(sandbox: SandboxHost, loaded: LoadedSandbox): RiskTypeDef {
  const def: RiskTypeDef = {
    ...rehydrateDefinition(loaded.definition, 'risk-type'),
    analyze: (event, ctx, config) => sandbox.analyze(loaded.key, event, ctx, config).catch(withCode),
  };
  checkRiskType(def);
  return def;
}

/** The sensor as the platform runs it: its definition as the sandbox read it, its `decode` run there. */
function sandboxedSensor(
  sandbox: SandboxHost,
  loaded: LoadedSandbox,
): { def: SensorDef; decode: SensorDecode } {
  const decode: SensorDecode = (payload, meta) =>
    sandbox.decode(loaded.key, payload, { city: CITY, ...meta });
  // A stand-in for the check: the fixtures reach the plugin's own decode through the sandbox only.
  const def: SensorDef = {
    ...rehydrateDefinition(loaded.definition, 'sensor'),
    decode: () => {
      throw new Error('decode runs in the sandbox');
    },
  };
  checkSensor(def);
  return { def, decode };
}

interface Outcome {
  file: string;
  name: string;
  problems: string[];
  account?: string;
}

async function runRiskFixture(def: RiskTypeDef, file: string): Promise<Outcome> {
  let name = file;
  try {
    const fixture = loadFixtures(file)[0]!;
    name = fixture.name;
    const result = await runScenario(def, fixture);
    const problems = checkExpectations(result, fixture.expect);
    return {
      file,
      name,
      problems,
      ...(problems.length > 0 ? { account: describeScenario(result, 20) } : {}),
    };
  } catch (err) {
    return { file, name, problems: [describeError(err)] };
  }
}

async function runSensorFile(sensor: SensorDef, decode: SensorDecode, file: string): Promise<Outcome> {
  let name = file;
  try {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw sdkErrors.FIXTURE_NOT_JSON({ file, reason: (err as Error).message });
    }
    const fixture = validateSensorFixture(parsed, file);
    name = fixture.name;
    const { problems, readings } = await runSensorFixture(sensor, decode, fixture);
    return {
      file,
      name,
      problems,
      ...(problems.length > 0 && readings !== undefined
        ? { account: `decoded: ${JSON.stringify(readings)}` }
        : {}),
    };
  } catch (err) {
    return { file, name, problems: [describeError(err)] };
  }
}

/**
 * Run `plugin test`: 0 when every fixture passes, 1 otherwise (or when the plugin does not build or load).
 *
 * @example
 * await pluginTest(['--dir', 'plugins/gas-pipeline'], io); // 0
 */
export async function pluginTest(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({ args, options: { dir: { type: 'string' } }, strict: true });
  const dir = resolve(io.cwd, values.dir ?? '.');
  io.out(`构建 / building ${relative(io.cwd, dir) || '.'} …`);
  const built = await buildBundle({ dir });
  for (const note of built.notes) io.out(indent(`注意 / note: ${note}`));
  const fixturesDir = join(dir, 'test', 'fixtures');
  const files = existsSync(fixturesDir)
    ? readdirSync(fixturesDir)
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => join(fixturesDir, f))
    : [];
  if (files.length === 0) throw sdkErrors.FIXTURE_NOT_FOUND({ where: join(fixturesDir, '*.json') });
  // The platform's limits, except quarantine: a test run reports every failure and keeps running them all.
  const sandbox = new SandboxHost({ quarantineAfter: Number.POSITIVE_INFINITY });
  try {
    const loaded = await sandbox.load(`${built.def.id}@${built.def.version}`, built.code);
    io.out(
      `运行 / running ${files.length} 个用例 / fixture(s) of ${loaded.key} (${loaded.kind}), 在沙箱中 / in the sandbox (isolated-vm)`,
    );
    let run: (file: string) => Promise<Outcome>;
    if (loaded.kind === 'risk-type') {
      const def = sandboxedRiskType(sandbox, loaded);
      run = (file) => runRiskFixture(def, file);
    } else {
      const { def, decode } = sandboxedSensor(sandbox, loaded);
      run = (file) => runSensorFile(def, decode, file);
    }
    const outcomes: Outcome[] = [];
    for (const file of files) {
      const outcome = await run(file);
      outcomes.push(outcome);
      const label = relative(dir, file);
      if (outcome.problems.length === 0) {
        io.out(`  ✓ 通过 / pass  ${label}  ${outcome.name}`);
      } else {
        io.out(`  ✗ 失败 / FAIL  ${label}  ${outcome.name}`);
        for (const p of outcome.problems) io.out(indent(`- ${p}`, 6));
        if (outcome.account) io.out(indent(outcome.account, 6));
      }
    }
    const failed = outcomes.filter((o) => o.problems.length > 0).length;
    const passed = outcomes.length - failed;
    io.out(`${failed === 0 ? '✓' : '✗'} 通过 / passed ${passed}, 失败 / failed ${failed}`);
    return failed === 0 ? 0 : 1;
  } finally {
    sandbox.dispose();
  }
}
