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
        if (JSON.parse(fs.readFileSync(path.join(dir, name, 'package.json'), 'utf8')).type === 'module') names.push(name);
      } catch {
        // not a package folder
      }
    }
  }
  return names;
}

const escape = (name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.[tj]s$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }] },
  transformIgnorePatterns: [`/node_modules/(?!(${esModulePackages().map(escape).join('|')})/)`],
  cacheDirectory: '<rootDir>/.tmp/jest-cache',
  testTimeout: 60000,
};
