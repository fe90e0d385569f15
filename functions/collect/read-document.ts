import type { ResolvedSource } from '../core/daybreak-config';
import type { TrendingEntry } from '../core/model';
import { parseFeed, type FeedItem } from './parse-feed';
import { looksLikeHtml } from './feed/sniff';

/** What one fetched document yields, before it becomes stored articles. */
export interface DocumentYield {
  items: FeedItem[];
  trending: TrendingEntry[];
  skipped: { item: string; reason: string }[];
}

/** Reads a feed, an article page or a section page, by the source's kind (or by what it looks like, for `auto`). */
export function readDocument(source: ResolvedSource, body: string, url: string, contentType: string): DocumentYield {
  const html = looksLikeHtml(body, contentType);
  if (source.kind === 'feed' || (source.kind === 'auto' && !html)) {
    const feed = parseFeed(body, url, source.name, { timezone: source.timezone });
    return {
      items: feed.items,
      trending: [],
      skipped: feed.skipped.map((s) => ({ item: `item ${s.index + 1}`, reason: s.reason })),
    };
  }
  // Loaded with the first page: a run of feeds alone never loads linkedom or Readability, which the
  // Lambda bundle keeps beside index.js for that reason (LAZY_PACKAGES in daybreak-function.ts).
  const { extractPage } = require('./extract-page') as typeof import('./extract-page');
  const page = extractPage(body, url, { timezone: source.timezone });
  const items: FeedItem[] = [];
  const skipped: DocumentYield['skipped'] = [];
  if (source.kind !== 'section') {
    if (page.headline) {
      items.push({
        headline: page.headline,
        url: page.url,
        summary: page.summary,
        publishedAt: page.publishedAt,
        updatedAt: page.updatedAt,
        byline: page.byline,
        image: page.image,
        imageWidth: page.imageWidth,
        imageHeight: page.imageHeight,
        imageAlt: page.imageAlt,
      });
    } else if (page.trending.length === 0) {
      skipped.push({ item: url, reason: 'the page has no headline and no trending list' });
    }
  }
  return { items, trending: page.trending, skipped };
}
