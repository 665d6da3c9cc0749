/**
 * `fenghuo` — the plugin author's command line (`@fenghuo/sdk`):
 *
 *   keys generate [--out DIR] [--force]
 *   plugin init <id> --kind risk-type|sensor [--dir DIR]
 *   plugin test [--dir DIR]
 *   plugin pack --key PEM [--dir DIR] [--publisher NAME] [--out DIR] [--sdk RANGE]
 *   plugin publish --server URL --token T [--dir DIR] [--manifest FILE] [--timeout SEC]
 *
 * Exit codes: 0 done, 1 failed (a coded `FH_SDK_*` error is printed), 2 wrong command line (the usage is
 * printed).
 */
import { SDK_VERSION } from '../bundle/version.js';
import { FenghuoError } from '../errors.js';
import { pluginInit } from './init.js';
import { type Io, indent, processIo, UsageError } from './io.js';
import { keysGenerate } from './keys.js';
import { pluginPack } from './pack.js';
import { pluginTest } from './plugin-test.js';
import { pluginPublish } from './publish.js';

/**
 * The usage text `fenghuo help` prints.
 *
 * @example
 * io.err(USAGE);
 */
export const USAGE = `用法 / usage: fenghuo <command>

  keys generate [--out DIR] [--force]
        生成发布者密钥对 / make a publisher key pair (Ed25519): fenghuo-key.pem (0600) + fenghuo-key.pub.pem
  plugin init <id> --kind risk-type|sensor [--dir DIR]
        新建可运行的插件 / scaffold a working plugin package with a test and fixtures
  plugin test [--dir DIR]
        构建并运行 test/fixtures 用例 / build the bundle and run test/fixtures/*.json through it
  plugin pack --key PEM [--dir DIR] [--publisher NAME] [--out DIR] [--sdk RANGE]
        构建、哈希、签名 / build, hash and sign: <id>-<version>.fhp.js + <id>-<version>.manifest.json (default --out: DIR/dist)
  plugin publish --server URL --token T [--dir DIR] [--manifest FILE] [--timeout SEC]
        上传到平台 / upload to a platform: POST URL/api/v1/plugins (token also from FENGHUO_TOKEN; default --dir: dist)
  help | --help       本说明 / this text
  --version           版本 / the SDK's version

退出码 / exit codes: 0 成功 / ok, 1 失败 / failure, 2 用法错误 / usage`;

type Command = (args: string[], io: Io) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  'keys generate': keysGenerate,
  'plugin init': pluginInit,
  'plugin test': pluginTest,
  'plugin pack': pluginPack,
  'plugin publish': pluginPublish,
};

/** `node:util` parseArgs reports a wrong option with one of these codes. */
function isParseArgsError(err: unknown): err is Error {
  const code = (err as { code?: unknown } | null)?.code;
  return err instanceof Error && typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}

/**
 * Run the command line; resolves to the exit code.
 *
 * @example
 * process.exit(await main(process.argv.slice(2)));
 */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const [first, second, ...rest] = argv;
  if (first === undefined || first === 'help' || first === '--help' || first === '-h') {
    (first === undefined ? io.err : io.out)(USAGE);
    return first === undefined ? 2 : 0;
  }
  if (first === '--version' || first === '-v') {
    io.out(SDK_VERSION);
    return 0;
  }
  const command = COMMANDS[`${first} ${second ?? ''}`];
  if (!command) {
    io.err(`未知命令 / unknown command: ${[first, second].filter(Boolean).join(' ')}`);
    io.err(USAGE);
    return 2;
  }
  try {
    return await command(rest, io);
  } catch (err) {
    if (err instanceof UsageError || isParseArgsError(err)) {
      io.err(`用法错误 / usage: ${err.message}`);
      io.err(USAGE);
      return 2;
    }
    if (err instanceof FenghuoError) {
      io.err(`✗ 失败 / failed [${err.code}]`);
      io.err(indent(err.message));
      return 1;
    }
    io.err(`✗ 失败 / failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return 1;
  }
}
