const fs = require('node:fs');
const path = require('node:path');

/**
 * The project is CommonJS (tsx and esbuild run it; Node 20.19+ can require ES modules). Jest's
 * module system cannot load ES modules through require, so every installed package that ships only
 * ES modules ("type": "module") is transpiled to CommonJS here, like the project's own TypeScript.
 * Type-checking runs separately (`npm run typecheck`); jest only transpiles.
 */
function esModulePackages(dir = path.join(__dirname, 'node_modules')) {
  const names = [];
  for (const entry of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    const folders = entry.startsWith('@') ? fs.readdirSync(path.join(dir, entry)).map((n) => `${entry}/${n}`) : [entry];
    for (const name of folders) {
      try {
        if (JSON.parse(fs.readFileSync(path.join(dir, name, 'package.json'), 'utf8')).type === 'module')
          names.push(name);
      } catch {
        // not a package folder
      }
    }
  }
  return names;
}

const escapeRegExp = (name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** What every project shares: TypeScript and the ES-module-only packages transpiled by esbuild (scripts/jest-esbuild.js). */
const shared = {
  testEnvironment: 'node',
  cacheDirectory: '<rootDir>/.tmp/jest-cache',
  transform: { '^.+\\.[cm]?[tj]s$': '<rootDir>/scripts/jest-esbuild.js' },
  transformIgnorePatterns: [`/node_modules/(?!(${esModulePackages().map(escapeRegExp).join('|')})/)`],
};

/** One project per folder of test/, so `jest --selectProjects unit` runs the fast inner loop alone. */
const project = (name) => ({
  ...shared,
  displayName: name,
  rootDir: __dirname,
  testMatch: [`<rootDir>/test/${name}/**/*.test.ts`],
});

module.exports = {
  projects: ['unit', 'integration', 'infra', 'e2e'].map(project),
  cacheDirectory: '<rootDir>/.tmp/jest-cache',
  testSequencer: '<rootDir>/scripts/jest-sequencer.js',
  // A guard against hangs only: on a loaded two-core machine one spawned CLI run can take a minute.
  testTimeout: 180000,
  // On two cores jest's default (cores - 1) runs every file in one process, one after the other; the
  // end-to-end and stand-in files mostly wait on child processes and sockets, so two overlap well.
  maxWorkers: 2,
};
