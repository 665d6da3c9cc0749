/**
 * Where the `fenghuo` command writes and what it reads from its surroundings, passed in so that tests
 * run commands in-process and read what they print.
 */

/**
 * The command's surroundings: two output streams (one line per call), the working folder and the
 * environment.
 *
 * @example
 * const lines: string[] = [];
 * const io: Io = { out: (l) => lines.push(l), err: (l) => lines.push(l), cwd: '/tmp/p', env: {} };
 * await main(['plugin', 'test'], io);
 */
export interface Io {
  out(line: string): void;
  err(line: string): void;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
}

/**
 * The process's own stdout, stderr, working folder and environment.
 *
 * @example
 * process.exit(await main(process.argv.slice(2), processIo()));
 */
export function processIo(): Io {
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    cwd: process.cwd(),
    env: process.env,
  };
}

/**
 * A wrong command line: `main` prints the message and the usage, and exits with 2.
 *
 * @example
 * throw new UsageError('缺少 --key / --key is required');
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * A byte count for people: `812 B`, `253.4 kB`, `1.2 MB` (powers of 1000).
 *
 * @example
 * formatBytes(253400); // '253.4 kB'
 */
export function formatBytes(n: number): string {
  if (n < 1000) return `${n} B`;
  if (n < 1_000_000) return `${(n / 1000).toFixed(1)} kB`;
  return `${(n / 1_000_000).toFixed(1)} MB`;
}

/**
 * Indent every line of a text.
 *
 * @example
 * indent('a\nb', 4); // '    a\n    b'
 */
export function indent(text: string, by = 2): string {
  const pad = ' '.repeat(by);
  return text
    .split('\n')
    .map((l) => (l === '' ? l : pad + l))
    .join('\n');
}
