#!/usr/bin/env node
const fs = require('node:fs');
const path = require('node:path');

/**
 * The `daybreak` CLI runs the build in dist/cli/ (`npm run build`, also run by `npm install`) while
 * it is fresh, and the TypeScript through tsx when a source it was built from is newer or gone: a
 * change runs at once without a build step, and nobody runs stale code. DAYBREAK_FROM_SOURCE=1
 * always runs the sources.
 */
function freshBuild() {
  const dir = path.join(__dirname, '..', 'dist', 'cli');
  if (process.env.DAYBREAK_FROM_SOURCE === '1') return undefined;
  try {
    const { builtAt, inputs } = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    const root = path.join(__dirname, '..');
    for (const input of inputs) if (fs.statSync(path.join(root, input)).mtimeMs > builtAt) return undefined;
    return path.join(dir, 'cli.js');
  } catch {
    return undefined; // no build, or one of its sources is gone
  }
}

function load() {
  const built = freshBuild();
  if (built) return require(built);
  require('tsx/cjs');
  return require('./cli.ts');
}

// The message names what is wrong; the stack only when asked for (DAYBREAK_DEBUG=1).
load()
  .run(process.argv.slice(2), Boolean(process.env.DAYBREAK_DEBUG))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`daybreak: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    },
  );
