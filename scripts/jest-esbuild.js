/**
 * Jest's transformer: esbuild turns the project's TypeScript and the ES-module-only packages into
 * CommonJS, one file at a time. It replaces ts-jest, whose TypeScript transpiler spent most of a unit
 * run compiling (feedsmith, mjml and friends are large); type-checking is `npm run typecheck`'s job,
 * so jest only needs the code stripped of types, which is all esbuild does here.
 * Plain JavaScript because jest loads it before anything can compile TypeScript.
 */
const crypto = require('node:crypto');
const path = require('node:path');
const { transformSync } = require('esbuild');

const fs = require('node:fs');

/** A new esbuild or a change to this file invalidates jest's cache of transformed files. */
const VERSION = `${require('esbuild/package.json').version}:${crypto.createHash('sha1').update(fs.readFileSync(__filename)).digest('hex')}`;
const LOADERS = { '.ts': 'ts', '.tsx': 'tsx', '.js': 'js', '.mjs': 'js', '.cjs': 'js', '.jsx': 'jsx' };

module.exports = {
  process(source, filename) {
    const { code, map } = transformSync(source, {
      loader: LOADERS[path.extname(filename)] ?? 'js',
      format: 'cjs',
      target: 'node20',
      platform: 'node',
      sourcefile: filename,
      sourcemap: 'external',
      sourcesContent: false,
      // jest's module registry sees only require: `import()` becomes a require in a promise.
      supported: { 'dynamic-import': false },
      // `import.meta.url` in an ES-module package becomes the CommonJS file's own URL.
      ...(source.includes('import.meta')
        ? {
            define: { 'import.meta.url': '__importMetaUrl' },
            banner: 'var __importMetaUrl = require("node:url").pathToFileURL(__filename).href;',
          }
        : {}),
      logLevel: 'silent',
    });
    return { code, map };
  },
  getCacheKey(source, filename) {
    return crypto
      .createHash('sha1')
      .update(VERSION)
      .update('\0')
      .update(filename)
      .update('\0')
      .update(source)
      .digest('hex');
  },
};
