/**
 * Sites append their name to the titles they hand to social networks ("Rates held | Harbour
 * Daily"); a digest that lists twenty-five headlines must not repeat a masthead in each.
 */

const SEPARATOR = /\s+[|–—-]\s+|\s+[·•:]\s+/;
const MAX_SITE_NAME = 40;

/**
 * The headline without a site name stuck to either end: the part after (or before) the last (or
 * first) separator is cut when it is the page's `og:site_name`, when it names the site's host
 * ("Harbour Daily" on harbour-daily.example), or when the visible `<h1>` is the rest.
 *
 * @example withoutSiteName('Rates held | Harbour Daily', { siteName: 'Harbour Daily' }) // 'Rates held'
 */
export function withoutSiteName(
  title: string,
  clues: { siteName?: string; host?: string; visibleHeadline?: string },
): string {
  const separators = [...title.matchAll(new RegExp(SEPARATOR.source, 'g'))];
  const first = separators[0];
  const last = separators.at(-1);
  if (!first || !last) return title;
  const visible = squash(clues.visibleHeadline);
  const around = (separator: RegExpExecArray) =>
    [title.slice(0, separator.index).trim(), title.slice(separator.index + separator[0].length).trim()] as const;
  const [head, tail] = around(last);
  if (isSiteName(tail, clues) || (visible && squash(head) === visible)) return head;
  const [front, rest] = around(first);
  if (isSiteName(front, clues) || (visible && squash(rest) === visible)) return rest;
  // With no og:site_name to compare, a short name set off by a pipe is still the site's: headlines
  // use dashes and colons in their words, never pipes ("Keeper retires | Coastline Herald").
  if (!clues.siteName) {
    if (PIPE.test(last[0]) && looksLikeName(tail) && wordCount(head) >= 3) return head;
    if (PIPE.test(first[0]) && looksLikeName(front) && wordCount(rest) >= 3) return rest;
  }
  return title;
}

const PIPE = /[|·•]/;
const wordCount = (text: string): number => text.split(/\s+/).filter(Boolean).length;
const looksLikeName = (text: string): boolean => text.length <= MAX_SITE_NAME && wordCount(text) <= 4;

/** Whether `text` is the site's name (its og:site_name, or its host's name spelled out). */
export function isSiteName(text: string, clues: { siteName?: string; host?: string }): boolean {
  if (!text || text.length > MAX_SITE_NAME) return false;
  const name = squash(text);
  if (clues.siteName && name === squash(clues.siteName)) return true;
  // "harbour-daily.example" → "harbourdaily"; "www.bbc.co.uk" → "bbc".
  const hostWords = (clues.host ?? '')
    .toLowerCase()
    .replace(/^www\./, '')
    .split('.');
  const hostName = (hostWords[0] ?? '').replace(/[^a-z0-9]/g, '');
  return hostName.length >= 3 && name.replace(/[^a-z0-9]/g, '') === hostName;
}

/** Lower case, single spaces, no surrounding punctuation: for comparing, never for showing. */
function squash(text: string | undefined): string {
  return (text ?? '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/^[\s"'“‘]+|[\s"'”’.]+$/g, '');
}
