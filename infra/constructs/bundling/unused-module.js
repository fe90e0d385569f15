// Stands in, in the Lambda bundles, for modules that libraries import for what Daybreak never calls:
// undici and encoding-sniffer (cheerio, inside mjml and juice, needs them only for cheerio.fromURL and
// loadBuffer), cssomnom (linkedom parses a <style> element's CSS only when its .sheet is read) and
// semver (the X-Ray SDK compares versions only when patching an AWS SDK v2 client).
// Bundled, they were a megabyte of the digest and 190 KB of collect. Whatever does call them fails
// here, loudly, instead of doing something else.
module.exports = new Proxy(
  {},
  {
    get(_target, name) {
      if (name === '__esModule' || name === 'default' || name === 'then' || typeof name === 'symbol') return undefined;
      throw new Error(
        `${String(name)}: this module is left out of Daybreak's Lambda bundles (infra/constructs/bundling)`,
      );
    },
  },
);
