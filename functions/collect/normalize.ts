import { decode } from 'html-entities';
import { shortHash } from '../core/hash';

const TRACKING_PARAMS = /^(utm_[a-z_]+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_hsenc|_hsmi)$/i;

/**
 * The canonical form of an article URL: absolute http(s), no fragment, no tracking parameters,
 * host lower-cased. Returns undefined for anything that is not an http(s) URL.
 */
export function canonicalUrl(raw: string, base?: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw.trim(), base);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.hash = '';
  for (const name of [...url.searchParams.keys()]) if (TRACKING_PARAMS.test(name)) url.searchParams.delete(name);
  url.search = url.searchParams.toString() ? `?${url.searchParams.toString()}` : '';
  return url.toString();
}

/** The host of a URL, with its port, in lower case (the text itself when it is no URL): a site's identity. */
export function hostOf(url: string): string {
  return URL.canParse(url) ? new URL(url).host.toLowerCase() : url;
}

/** An article's identity: a short hash of its canonical URL. */
export const articleId = (canonical: string): string => shortHash(canonical);

/** Plain text from a fragment of HTML or text: tags dropped, entities decoded, whitespace collapsed. */
export function plainText(html: string | undefined): string {
  if (!html) return '';
  const withoutBlocks = html.replace(/<(script|style|iframe|noscript|template)\b[\s\S]*?<\/\1\s*>/gi, ' ');
  const withoutTags = withoutBlocks.replace(/<!--[\s\S]*?-->/g, ' ').replace(/<\/?[a-z][^>]*>/gi, ' ');
  return (
    decode(withoutTags)
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this strips
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/** A parseable date as ISO 8601 (UTC), or undefined. */
export function isoDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const time = Date.parse(value.trim());
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** Cuts text to at most `max` characters at a word boundary, with an ellipsis. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
