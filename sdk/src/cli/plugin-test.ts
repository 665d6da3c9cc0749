/**
 * `fenghuo plugin test [--dir DIR]`: build the plugin's bundle, evaluate it in a fresh context with no
 * host globals, and run every fixture of `test/fixtures/` through it — scenarios through the SDK's
 * harness for a risk type, payloads through `decode` for a sensor — printing one line per fixture.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type vm from 'node:vm';
import { buildBundle } from '../bundle/build.js';
import { callInContext, copyInto } from '../bundle/load.js';
import { FenghuoError, sdkErrors } from '../errors.js';
import { checkExpectations, describeScenario, loadFixtures, runScenario } from '../testing/index.js';
import type { AnalysisResult, RiskTypeDef, SensorDef } from '../types.js';
import { type Io, indent } from './io.js';
import { runSensorFixture, validateSensorFixture } from './sensor-fixtures.js';

/** How long the synchronous part of one `analyze` or `decode` may run. */
const CALL_TIMEOUT_MS = 2000;

/**
 * The risk type as the sandbox presents it to the host: `analyze` receives copies of the event and the
 * config made in the plugin's realm, its synchronous part is stopped after a time limit, and its result
 * comes back as a JSON copy.
 */
function isolatedRiskType(def: RiskTypeDef, context: vm.Context): RiskTypeDef {
  return {
    ...def,
    analyze: async (event, ctx, config) => {
      const pending = callInContext(
        context,
        def.analyze,
        [copyInto(context, event), ctx, copyInto(context, config)],
        CALL_TIMEOUT_MS,
        def,
      );
      const result = await pending;
      return (result === undefined ? undefined : JSON.parse(JSON.stringify(result))) as AnalysisResult;
    },
  };
}

const describeError = (err: unknown): string =>
  err instanceof FenghuoError
    ? `${err.message} [${err.code}]`
    : err instanceof Error
      ? err.message
      : String(err);

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

function runSensorFile(def: SensorDef, context: vm.Context, file: string): Outcome {
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
    const { problems, readings } = runSensorFixture(def, context, fixture, CALL_TIMEOUT_MS);
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
 * Run `plugin test`: 0 when every fixture passes, 1 otherwise (or when the plugin does not build).
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
  io.out(
    `运行 / running ${files.length} 个用例 / fixture(s) of ${built.def.id}@${built.def.version} (${built.kind}), 无宿主全局变量 / no host globals`,
  );
  const outcomes: Outcome[] = [];
  for (const file of files) {
    const outcome =
      built.kind === 'risk-type'
        ? await runRiskFixture(isolatedRiskType(built.def as RiskTypeDef, built.context), file)
        : runSensorFile(built.def as SensorDef, built.context, file);
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
}
