#!/usr/bin/env node
// The `fenghuo` command: runs the TypeScript CLI (src/cli/main.ts) through tsx, since Node 20 cannot run
// .ts files itself.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exit(await main(process.argv.slice(2)));
