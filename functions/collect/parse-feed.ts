import { parseFeed as parseAnyFeed } from 'feedsmith';
import { canonicalUrl, isoDate, plainText } from './normalize';

/** One item of a feed, in the collector's terms, before it becomes an Article. */
export interface FeedItem {
  headline: string;
  url: string;
  summary: string;
  publishedAt?: string;
  updatedAt?: string;
  byline?: string;
  image?: string;
}

export interface ParsedFeed {
  format: 'rss' | 'atom' | 'rdf' | 'json';
  title: string;
  items: FeedItem[];
  /** Items that could not be used, each with its reason. */
  skipped: { index: number; reason: string }[];
}

export class FeedParseError extends Error {
  constructor(what: string, reason: string) {
    super(`${what}: not a readable feed (${reason})`);
    this.name = 'FeedParseError';
  }
}

type Loose = Record<string, unknown>;
const rec = (value: unknown): Loose => (value && typeof value === 'object' ? (value as Loose) : {});
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);
const str = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value;
  const text = rec(value).value;
  return typeof text === 'string' ? text : undefined;
};

/**
 * Parses RSS 2.0, RSS 1.0 (RDF), Atom 1.0 and JSON Feed with feedsmith and maps every format to
 * FeedItems. Items without a usable headline or http(s) link are skipped with a reason.
 */
export function parseFeed(body: string, baseUrl: string, what = baseUrl): ParsedFeed {
  let parsed: { format: string; feed: unknown };
  try {
    parsed = parseAnyFeed(body) as { format: string; feed: unknown };
  } catch (error) {
    throw new FeedParseError(what, error instanceof Error ? error.message : String(error));
  }
  const feed = rec(parsed.feed);
  const format = parsed.format as ParsedFeed['format'];
  const base = str(rec(feed.xml).base) ?? baseUrl;
  const rawItems = format === 'atom' ? list(feed.entries) : list(feed.items);
  const result: ParsedFeed = { format, title: plainText(str(feed.title)), items: [], skipped: [] };
  rawItems.forEach((raw, index) => {
    const item = toFeedItem(format, rec(raw), base);
    if (typeof item === 'string') result.skipped.push({ index, reason: item });
    else result.items.push(item);
  });
  return result;
}

function toFeedItem(format: ParsedFeed['format'], item: Loose, base: string): FeedItem | string {
  const fields = format === 'atom' ? atomFields(item) : format === 'json' ? jsonFields(item) : rssFields(item);
  const itemBase = str(rec(item.xml).base) ? new URL(str(rec(item.xml).base) ?? '', base).toString() : base;
  const headline = plainText(fields.title);
  if (!headline) return 'no title';
  const url = fields.link ? canonicalUrl(fields.link, itemBase) : undefined;
  if (!url) return `no http(s) link for "${headline}"`;
  const image = fields.image ? canonicalUrl(fields.image, itemBase) : undefined;
  return {
    headline,
    url,
    summary: plainText(fields.summary),
    publishedAt: isoDate(fields.published),
    updatedAt: isoDate(fields.updated),
    byline: plainText(fields.author) || undefined,
    image,
  };
}

interface RawFields {
  title?: string;
  link?: string;
  summary?: string;
  published?: string;
  updated?: string;
  author?: string;
  image?: string;
}

function rssFields(item: Loose): RawFields {
  const dc = rec(item.dc);
  const media = list(rec(item.media).contents).map(rec);
  const enclosure = list(item.enclosures).map(rec).find((e) => String(e.type ?? '').startsWith('image/'));
  return {
    title: str(item.title),
    link: str(item.link) ?? str(rec(item.guid).value) ?? str(item.guid) ?? str(rec(item.rdf).about),
    summary: str(item.description) ?? str(rec(item.content).encoded),
    published: str(item.pubDate) ?? str(list(dc.dates)[0]) ?? str(dc.date),
    author: str(list(dc.creators)[0]) ?? str(item.author),
    image: str(media.find((m) => m.medium === 'image' || String(m.type ?? '').startsWith('image/'))?.url) ?? str(enclosure?.url),
  };
}

function atomFields(item: Loose): RawFields {
  const links = list(item.links).map(rec);
  const alternate = links.find((l) => !l.rel || l.rel === 'alternate') ?? links[0];
  return {
    title: str(item.title),
    link: str(alternate?.href),
    summary: str(item.summary) ?? str(item.content),
    published: str(item.published) ?? str(item.updated),
    updated: str(item.updated),
    author: str(rec(list(item.authors)[0]).name),
    image: str(links.find((l) => l.rel === 'enclosure' && String(l.type ?? '').startsWith('image/'))?.href),
  };
}

function jsonFields(item: Loose): RawFields {
  return {
    title: str(item.title),
    link: str(item.url) ?? str(item.external_url),
    summary: str(item.summary) ?? str(item.content_text) ?? str(item.content_html),
    published: str(item.date_published),
    updated: str(item.date_modified),
    author: str(rec(list(item.authors)[0]).name) ?? str(rec(item.author).name),
    image: str(item.image) ?? str(item.banner_image),
  };
}
