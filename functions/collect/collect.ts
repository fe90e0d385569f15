import type { Source } from '../core/daybreak-config';
import type { Clock } from '../core/clock';
import type { Logger } from '../core/log';
import { ArticleSchema, type Article, type TrendingItem } from '../core/model';
import type { ArticleStore } from '../core/store/article-store';
import { dateIn } from '../core/dates';
import type { Fetcher } from './fetch-source';
import { parseFeed } from './parse-feed';
import { extractPage } from './extract-page';
import { articleId } from './normalize';

export interface CollectDeps {
  sources: Source[];
  fetch: Fetcher;
  articles: ArticleStore;
  clock: Clock;
  log: Logger;
  retentionDays: number;
  concurrency?: number;
}

export interface SourceReport {
  source: string;
  collected: number;
  trending: number;
  skipped: { item: string; reason: string }[];
  error?: string;
}

export interface CollectSummary {
  date: string;
  sources: number;
  collected: number;
  trending: number;
  failedSources: { source: string; error: string }[];
  skippedItems: number;
}

/** Reads every source, stores what it finds; one failing source never stops the others. */
export async function collect(deps: CollectDeps): Promise<CollectSummary> {
  const now = deps.clock();
  const reports = await mapWithConcurrency(deps.sources, deps.concurrency ?? 4, (source) => collectSource(source, deps, now));
  const summary: CollectSummary = {
    date: dateIn('UTC', now),
    sources: reports.length,
    collected: reports.reduce((n, r) => n + r.collected, 0),
    trending: reports.reduce((n, r) => n + r.trending, 0),
    failedSources: reports.flatMap((r) => (r.error ? [{ source: r.source, error: r.error }] : [])),
    skippedItems: reports.reduce((n, r) => n + r.skipped.length, 0),
  };
  deps.log.info('collect finished', { ...summary, failedSources: summary.failedSources.map((f) => `${f.source}: ${f.error}`) });
  return summary;
}

async function collectSource(source: Source, deps: CollectDeps, now: Date): Promise<SourceReport> {
  const report: SourceReport = { source: source.name, collected: 0, trending: 0, skipped: [] };
  try {
    const document = await deps.fetch(source.url);
    const { articles, trending } = readDocument(source, document.body, document.url, document.contentType, now, report);
    await deps.articles.putArticles(articles, deps.retentionDays);
    if (trending.length > 0) await deps.articles.putTrending(dateIn('UTC', now), trending, deps.retentionDays);
    report.collected = articles.length;
    report.trending = trending.length;
  } catch (error) {
    report.error = error instanceof Error ? error.message : String(error);
    deps.log.warn('source failed', { source: source.name, error: report.error });
  }
  return report;
}

function looksLikeHtml(body: string, contentType: string): boolean {
  return /html/i.test(contentType) || /^\s*(<!doctype html|<html)/i.test(body);
}

function readDocument(source: Source, body: string, url: string, contentType: string, now: Date, report: SourceReport) {
  const kind = source.kind === 'auto' ? (looksLikeHtml(body, contentType) ? 'article' : 'feed') : source.kind;
  const base = { source: source.name, edition: source.edition, category: source.category, weight: source.weight };
  const articles: Article[] = [];
  const trending: TrendingItem[] = [];
  const accept = (candidate: unknown, label: string) => {
    const parsed = ArticleSchema.safeParse(candidate);
    if (parsed.success) articles.push(parsed.data);
    else report.skipped.push({ item: label, reason: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
  };

  if (kind === 'feed') {
    const feed = parseFeed(body, url, source.name);
    report.skipped.push(...feed.skipped.map((s) => ({ item: `item ${s.index}`, reason: s.reason })));
    for (const item of feed.items) {
      accept({ ...base, ...item, id: articleId(item.url), publishedAt: item.publishedAt ?? now.toISOString() }, item.url);
    }
  } else {
    const page = extractPage(body, url);
    if (page.headline && kind === 'article') {
      accept(
        { ...base, id: articleId(page.url), url: page.url, headline: page.headline, summary: page.summary, byline: page.byline, image: page.image, publishedAt: page.publishedAt ?? now.toISOString(), updatedAt: page.updatedAt },
        page.url,
      );
    }
    trending.push(...page.trending.map((t) => ({ ...t, source: source.name })));
  }
  return { articles, trending };
}

async function mapWithConcurrency<T, R>(items: T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  });
  await Promise.all(workers);
  return results;
}
