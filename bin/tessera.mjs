#!/usr/bin/env node
// The `tessera` command. Runs the TypeScript sources directly through tsx, so the CLI works from
// a fresh checkout without a build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../main/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
