#!/usr/bin/env node
// The `daybreak` CLI runs its TypeScript directly through tsx: no build step between a change and a run.
require('tsx/cjs');
require('./cli.ts')
  .main(process.argv.slice(2))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      // The message names what is wrong; the stack only when asked for (DAYBREAK_DEBUG=1).
      const detail =
        error instanceof Error ? (process.env.DAYBREAK_DEBUG ? error.stack : error.message) : String(error);
      process.stderr.write(`daybreak: ${detail}\n`);
      process.exitCode = 1;
    },
  );
