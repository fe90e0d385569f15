import { parseHTML } from 'linkedom';

/**
 * Feed autodiscovery: the feeds an HTML page announces with
 * `<link rel="alternate" type="application/rss+xml" href="...">` (RSS Autodiscovery, and the same
 * for Atom and JSON Feed), so that a page's address can stand for its feed.
 */

const FEED_TYPES = new Set([
  'application/rss+xml',
  'application/atom+xml',
  'application/feed+json',
  'application/json',
]);

/**
 * The feed URLs `html` links to, resolved against the page's `<base href>` and URL: absolute
 * http(s) only, without fragments, each once, in document order (a page lists its main feed first).
 * @example discoverFeeds('<link rel="alternate" type="application/rss+xml" href="/rss">', 'https://example.org/news/')
 * // ['https://example.org/rss']
 */
export function discoverFeeds(html: string, baseUrl: string): string[] {
  const document = parseHtml(html);
  if (!document) return [];
  const base = resolve(document.querySelector('base[href]')?.getAttribute('href') ?? '', baseUrl) ?? baseUrl;
  const feeds: string[] = [];
  for (const link of document.querySelectorAll('link[rel][href]')) {
    const rel = (link.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
    const type = (link.getAttribute('type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (!rel.includes('alternate') || !FEED_TYPES.has(type)) continue;
    const url = resolve(link.getAttribute('href') ?? '', base);
    if (url && !feeds.includes(url)) feeds.push(url);
  }
  return feeds;
}

/** An absolute http(s) URL without its fragment, or undefined. */
function resolve(href: string, base: string): string | undefined {
  if (!href.trim()) return undefined;
  try {
    // An absolute href is parsed on its own: with an unusable base, new URL(href, base) throws even for it.
    const url = URL.canParse(href.trim()) ? new URL(href.trim()) : new URL(href.trim(), base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    url.hash = '';
    return url.toString();
  } catch {
    return undefined;
  }
}

/** linkedom's document for any markup; a fragment without <html> is wrapped first, as linkedom needs a root. */
function parseHtml(html: string): Document | undefined {
  try {
    const markup = /<html[\s>]/i.test(html) ? html : `<!doctype html><html><head></head><body>${html}</body></html>`;
    return parseHTML(markup).document;
  } catch {
    return undefined;
  }
}
