import { discoverFeeds } from '../../functions/collect/discover-feeds';
import { looksLikeHtml } from '../../functions/collect/feed/sniff';
import type { Fetcher } from '../../functions/collect/fetch-source';
import {
  FeedParseError,
  type FeedItem,
  type ParsedFeed,
  parseFeed,
  type SkippedItem,
} from '../../functions/collect/parse-feed';
import { readDocumentFile } from './document-file';
import { isHttpUrl, operatorFetcher, parseSourceArgs } from './usage';
import { usageLine } from '../help';

const USAGE = usageLine('feed');

/**
 * The base for relative links in a file read without --url. `.invalid` is reserved (RFC 2606), so
 * a link made from it can never be mistaken for, or reach, a real address.
 */
export const PLACEHOLDER_BASE = 'https://feed-file.invalid/';

/** A document to parse, with what to call it in messages and what its relative links resolve against. */
interface FeedSource {
  body: string;
  what: string;
  baseUrl: string;
  /** The feed's own address, when known. */
  url: string | null;
  /** An HTML page that announces no feed: still parsed, since some wrap a whole feed in <html>. */
  unannouncedHtml?: boolean;
}

export interface FeedCommandOutput {
  feed: { title: string; format: string; url: string | null };
  items: FeedItem[];
  /** Items that could not be used: why, and what was read of each (position in the document from 1). */
  skipped: (Omit<SkippedItem, 'index'> & { item: number })[];
}

/**
 * `daybreak feed FILE|URL [--url URL] [--timezone ZONE]`: parses one feed and prints
 * `{ "feed": {...}, "items": [...], "skipped": [...] }`, also when no item is usable, so an
 * operator sees why a source gives nothing; skipped items are warned about on stderr too. An HTML
 * page is searched for the feeds it announces and the first is read. Exits 1, with one line
 * saying why, only when the document itself cannot be read.
 */
export async function run(argv: string[]): Promise<number> {
  const { target, url, timezone } = parseSourceArgs(argv, USAGE);
  const source = isHttpUrl(target) ? await fetchFeed(target, operatorFetcher()) : await readFeedFile(target, url);
  const feed = parseSource(source, timezone);
  for (const skipped of feed.skipped)
    process.stderr.write(`warning: ${source.what}: item ${skipped.index + 1}: ${skipped.reason}\n`);
  if (
    source.baseUrl === PLACEHOLDER_BASE &&
    feed.items.some((item) => item.url.startsWith(PLACEHOLDER_BASE) || item.image?.startsWith(PLACEHOLDER_BASE))
  ) {
    process.stderr.write(
      `note: relative links were resolved against ${PLACEHOLDER_BASE}, a placeholder; give --url with the feed's address to resolve them\n`,
    );
  }
  if (feed.items.length === 0)
    process.stderr.write(
      `warning: ${source.what}: the feed has no usable items${feed.skipped.length > 0 ? ` (${feed.skipped.length} skipped; see "skipped")` : ''}\n`,
    );
  const output: FeedCommandOutput = {
    feed: { title: feed.title, format: feed.format, url: source.url },
    items: feed.items,
    skipped: feed.skipped.map(({ index, ...read }) => ({ item: index + 1, ...read })),
  };
  process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
  return 0;
}

function parseSource(source: FeedSource, timezone: string): ParsedFeed {
  try {
    return parseFeed(source.body, source.baseUrl, source.what, { timezone });
  } catch (error) {
    if (source.unannouncedHtml && error instanceof FeedParseError) {
      throw new Error(
        `${source.what}: an HTML page that announces no feed (no <link rel="alternate"> with an RSS, Atom or JSON Feed type)`,
      );
    }
    throw error;
  }
}

/** Fetches `url`; if it is an HTML page, fetches the first feed it announces instead. */
async function fetchFeed(url: string, fetcher: Fetcher): Promise<FeedSource> {
  const page = await fetchBody(fetcher, url);
  const source: FeedSource = { body: page.body, what: page.url, baseUrl: page.url, url: page.url };
  return looksLikeHtml(page.body, page.contentType) ? followAnnouncedFeed(source, fetcher) : source;
}

/** The feed an HTML page announces, fetched; the page itself when it announces none. */
async function followAnnouncedFeed(page: FeedSource, fetcher: Fetcher): Promise<FeedSource> {
  const feedUrl = firstAnnouncedFeed(page.body, page.baseUrl, page.what);
  if (!feedUrl) return { ...page, unannouncedHtml: true };
  const feed = await fetchBody(fetcher, feedUrl);
  return { body: feed.body, what: feed.url, baseUrl: feed.url, url: feed.url };
}

async function fetchBody(fetcher: Fetcher, url: string): Promise<{ url: string; contentType: string; body: string }> {
  // A FetchError's message already names the URL and the reason (HTTP status, timeout, size cap).
  const result = await fetcher(url);
  if (result.status !== 'ok')
    throw new Error(`${url}: the server answered "not modified" to a request that asked for the whole document`);
  return { url: result.url, contentType: result.contentType, body: result.body };
}

/** The first feed an HTML page announces, said on stderr. */
function firstAnnouncedFeed(html: string, pageUrl: string, what: string): string | undefined {
  const feeds = discoverFeeds(html, pageUrl);
  const [first] = feeds;
  if (!first) return undefined;
  if (first.startsWith(PLACEHOLDER_BASE)) {
    throw new Error(
      `${what}: an HTML page announcing a feed at the relative address "${new URL(first).pathname}"; give --url with the page's address to read it`,
    );
  }
  const others = feeds.length > 1 ? ` (the first of ${feeds.length})` : '';
  process.stderr.write(`note: ${what} is an HTML page; reading the feed it announces${others}: ${first}\n`);
  return first;
}

async function readFeedFile(file: string, url: string | undefined): Promise<FeedSource> {
  const body = await readDocumentFile(file);
  const source: FeedSource = { body, what: file, baseUrl: url ?? PLACEHOLDER_BASE, url: url ?? null };
  return looksLikeHtml(body, '') ? followAnnouncedFeed(source, operatorFetcher()) : source;
}
