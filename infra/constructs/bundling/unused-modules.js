/**
 * Modules that libraries import only for paths Daybreak never takes, each replaced in the bundles
 * (the Lambdas' and the CLI's) by unused-module.js, which throws if it is ever called:
 * - undici, encoding-sniffer: cheerio's fromURL/loadBuffer (inside mjml and juice);
 * - cssomnom/parse: linkedom, only when a <style> element's `.sheet` is read;
 * - semver: only the X-Ray SDK's patcher for the AWS SDK v2 (captureAWS); Daybreak traces v3 clients.
 */
const path = require('node:path');

const STUB = path.join(__dirname, 'unused-module.js');
const UNUSED_MODULES = ['undici', 'encoding-sniffer', 'cssomnom/parse', 'semver'];

/** esbuild's `alias`: each unused module → the stub. */
const unusedModuleAliases = () => Object.fromEntries(UNUSED_MODULES.map((name) => [name, STUB]));

module.exports = { UNUSED_MODULES, unusedModuleAliases };
