#!/usr/bin/env node
/**
 * `npm run build` (and every `npm install`): the `daybreak` CLI compiled by esbuild into dist/cli/,
 * so a command starts without compiling TypeScript first. bin/cli.ts is one small bundle; each
 * command is its own bundle beside it, loaded only when that command runs (`--help` loads none).
 * The bundles sit two folders below the package root, as the sources do, so `templates/` and
 * `config/` are found where they are in the source tree.
 *
 * dist/cli/manifest.json lists the project files the bundles were built from and when: bin/daybreak.js
 * runs the build only while none of them is newer, and the TypeScript through tsx otherwise.
 * Plain JavaScript because it runs at install time, before anything else is set up.
 */
const fs = require('node:fs');
const path = require('node:path');

const { unusedModuleAliases } = require('../infra/constructs/bundling/unused-modules');

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'dist', 'cli');
const COMMANDS = ['start', 'run', 'feed', 'extract', 'preview', 'subscribers', 'report'];

/**
 * Left to node_modules: packages that do not survive bundling or are not needed by a command run.
 * The stand-ins (dynalite's storage, aws-ses-v2-local's server) read files beside their own code;
 * typescript is pulled in by mjml's config loader only for a config file Daybreak never has.
 */
const EXTERNAL = ['dynalite', 'aws-ses-v2-local', 'typescript', 'esbuild', 'playwright-core'];

/** cli.ts loads `./commands/<name>` lazily: that stays a require of the command's own bundle. */
const commandsStayLazy = {
  name: 'commands-stay-lazy',
  setup(build) {
    build.onResolve({ filter: /^\.\/commands\/[\w-]+$/ }, (args) => {
      const name = path.basename(args.path);
      if (!args.importer.endsWith(path.join('bin', 'cli.ts')) || !COMMANDS.includes(name)) return undefined;
      return { path: `./${name}.js`, external: true };
    });
  },
};

async function main() {
  const { build } = require('esbuild');
  // Taken before any source is read: a file saved during the build counts as newer than it.
  const builtAt = Date.now();
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: {
      cli: 'bin/cli.ts',
      ...Object.fromEntries(COMMANDS.map((name) => [name, `bin/commands/${name}.ts`])),
    },
    outdir: OUT,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: EXTERNAL,
    plugins: [commandsStayLazy],
    metafile: true,
    // Every command is a process of its own: minified, a data-folder command starts in a third of the time.
    minify: true,
    keepNames: true,
    // What the Lambda bundles leave out too: modules imported only for paths Daybreak never takes.
    alias: unusedModuleAliases(),
    sourcemap: 'linked',
    sourcesContent: false,
    legalComments: 'none',
    logLevel: 'warning',
  });
  const inputs = Object.keys(result.metafile.inputs)
    .filter((file) => !file.includes('node_modules/'))
    .concat('package.json', 'package-lock.json', 'scripts/build-cli.js')
    .filter((file) => fs.existsSync(path.join(ROOT, file)))
    .sort();
  fs.writeFileSync(path.join(OUT, 'manifest.json'), `${JSON.stringify({ builtAt, inputs }, null, 1)}\n`);
}

main().catch((error) => {
  process.stderr.write(`build-cli: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
