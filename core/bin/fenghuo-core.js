#!/usr/bin/env node
// The `fenghuo-core` command: runs the TypeScript CLI (core/src/cli.ts) through tsx, since Node 20
// cannot run .ts files itself.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
process.exit(await main(process.argv.slice(2)));
