/**
 * `fenghuo plugin init <id> --kind risk-type|sensor [--dir DIR]`: write a new plugin package that works
 * as it is (see templates.ts).
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PLUGIN_KINDS, type PluginKind } from '../bundle/manifest.js';
import { KEBAB_CASE } from '../check/definition.js';
import { sdkErrors } from '../errors.js';
import { type Io, UsageError } from './io.js';
import { scaffold } from './templates.js';

/**
 * Run `plugin init`.
 *
 * @example
 * await pluginInit(['underpass-flood', '--kind', 'risk-type'], io); // 0; writes ./underpass-flood/
 */
export async function pluginInit(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { kind: { type: 'string' }, dir: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const [id, ...extra] = positionals;
  if (!id || extra.length > 0) throw new UsageError('须给出一个插件 ID / give exactly one plugin id');
  if (!KEBAB_CASE.test(id)) {
    throw new UsageError(`插件 ID 须为 kebab-case / the id must be kebab-case (e.g. acme-level), got ${id}`);
  }
  const kind = values.kind as PluginKind | undefined;
  if (!kind || !PLUGIN_KINDS.includes(kind)) {
    throw new UsageError(
      `--kind 须为 risk-type 或 sensor / --kind must be risk-type or sensor, got ${values.kind ?? 'nothing'}`,
    );
  }
  const dir = resolve(io.cwd, values.dir ?? id);
  if (existsSync(dir) && readdirSync(dir).length > 0) throw sdkErrors.SCAFFOLD_EXISTS({ dir });
  const files = scaffold(id, kind);
  for (const [path, text] of Object.entries(files)) {
    const file = join(dir, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  const shown = relative(io.cwd, dir) || '.';
  io.out(
    `✓ 已创建 / created ${kind === 'risk-type' ? '风险类型插件 / risk-type plugin' : '传感器插件 / sensor plugin'} ${id} in ${shown}`,
  );
  for (const path of Object.keys(files)) io.out(`  ${path}`);
  io.out('下一步 / next:');
  io.out(`  cd ${shown}`);
  io.out('  npm install                  # 安装 @fenghuo/sdk 与 vitest / install @fenghuo/sdk and vitest');
  io.out('  npx fenghuo plugin test      # 运行用例 / run the fixtures');
  io.out('  npx fenghuo keys generate    # 一次即可 / once: your publisher key pair');
  io.out('  npx fenghuo plugin pack --key fenghuo-key.pem');
  return 0;
}
