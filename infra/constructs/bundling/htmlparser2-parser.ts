import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * linkedom takes only `Parser` from htmlparser2 (`const {Parser} = HTMLParser2`), but reading it off
 * the namespace keeps all of htmlparser2's index in the bundle, and with it the DomUtils it
 * re-exports: domutils 3, dom-serializer 2 and that one's own entities 4 with its decoding and
 * encoding tables (95 KB of the collect bundle, none of it ever called). Aliasing `htmlparser2` to
 * the module that defines `Parser` gives linkedom the same class and leaves the rest out. Only for
 * bundles in which linkedom is htmlparser2's one importer (collect): mjml and cheerio, in the
 * digest, use the rest.
 */
export function htmlparser2ParserAlias(projectRoot: string): Record<string, string> {
  // The htmlparser2 that linkedom resolves, wherever npm placed it; its ESM build, as linkedom's own ESM imports it.
  const linkedom = path.dirname(require.resolve('linkedom/package.json', { paths: [projectRoot] }));
  const commonjs = require.resolve('htmlparser2', { paths: [linkedom] });
  const parser = path.join(commonjs.slice(0, commonjs.lastIndexOf(`${path.sep}dist${path.sep}`)), 'dist/esm/Parser.js');
  // A release that moves the file fails the synth here rather than shipping a bundle without a parser.
  if (!existsSync(parser))
    throw new Error(`htmlparser2's Parser is no longer at ${parser} (infra/constructs/bundling)`);
  return { htmlparser2: parser };
}
