#!/usr/bin/env node
// The `daybreak` CLI runs its TypeScript directly through tsx: no build step between a change and a run.
require('tsx/cjs');
require('./cli.ts').main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error) => {
    process.stderr.write(`daybreak: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
