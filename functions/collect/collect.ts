import type { Edition, ResolvedSource } from '../core/daybreak-config';
import type { Clock } from '../core/clock';
import { mapPolitely } from './polite-pool';
import type { Logger } from '../core/log';
import { ArticleSchema, type Article } from '../core/model';
import type { ArticleStore, SaveCounts } from '../core/store/article-store';
import type { SourceState, SourceStateStore } from './source-state-store';
import { clusterArticles } from '../core/stories';
import { dateIn } from '../core/dates';
import type { Fetcher } from './fetch-source';
import { looksLikeHtml } from './feed/sniff';
import { readDocument, type DocumentYield } from './read-document';
import { nextAttemptAfter } from './backoff';
import { articleId, clip, hostOf } from './normalize';
import { bodyFingerprint } from './body-fingerprint';

export interface CollectDeps {
  sources: ResolvedSource[];
  editions: Edition[];
  fetch: Fetcher;
  articles: ArticleStore;
  states: SourceStateStore;
  clock: Clock;
  log: Logger;
  retentionDays: number;
  /** Minutes between scheduled runs: the unit of a failing source's backoff. */
  intervalMinutes?: number;
  concurrency?: number;
  /** Requests at once to any one host (default 2): polite to a site with many sources. */
  perHost?: number;
  /** Told after each source is done, for a progress line (`daybreak run collect`). */
  onSourceDone?: (done: number, total: number) => void;
}

export interface CollectSummary {
  date: string;
  sources: number;
  read: number;
  notModified: number;
  /** Sources that answered with the very document last read (no validators needed): skipped like a 304. */
  unchanged: number;
  failed: { source: string; error: string; failures: number }[];
  backingOff: { source: string; until: string; failures: number }[];
  items: { new: number; updated: number; unchanged: number; skipped: number };
  /** The first skipped items, each with its reason. */
  skippedItems: { source: string; item: string; reason: string }[];
  trending: number;
  stories: number;
  writes: number;
}

type SourceOutcome =
  | {
      kind: 'read';
      counts: SaveCounts;
      skipped: { item: string; reason: string }[];
      trending: number;
      writes: number;
      edition: string;
      /** The source's new state, written with the others' at the end of the run (one batch, not a put each). */
      state?: SourceState;
    }
  | { kind: 'not-modified' }
  | { kind: 'unchanged' }
  | { kind: 'failed'; error: string; failures: number }
  | { kind: 'backing-off'; until: string; failures: number };

const MAX_SKIPPED_LISTED = 50;
const MAX_HEADLINE = 300;
const MAX_SUMMARY = 600;
const FUTURE_TOLERANCE_MS = 60 * 60000;

/** Reads every source and stores what is new or changed; one failing source never stops the others. */
export async function collect(deps: CollectDeps): Promise<CollectSummary> {
  const now = deps.clock();
  const states = await deps.states.getMany(deps.sources.map((s) => s.name));
  const limits = { total: deps.concurrency ?? 8, perKey: deps.perHost ?? 2 };
  let done = 0;
  const outcomes = await mapPolitely(
    deps.sources,
    (source) => hostOf(source.url),
    limits,
    async (source) => {
      const state = states.get(source.name) ?? { source: source.name, consecutiveFailures: 0 };
      const outcome = await collectSource(source, state, deps, now);
      deps.onSourceDone?.(++done, deps.sources.length);
      return outcome;
    },
  );

  const summary: CollectSummary = {
    date: dateIn('UTC', now),
    sources: deps.sources.length,
    read: 0,
    notModified: 0,
    unchanged: 0,
    failed: [],
    backingOff: [],
    items: { new: 0, updated: 0, unchanged: 0, skipped: 0 },
    skippedItems: [],
    trending: 0,
    stories: 0,
    writes: 0,
  };
  const touched = new Set<string>();
  outcomes.forEach((outcome, i) => {
    const source = deps.sources[i]?.name ?? '';
    if (outcome.kind === 'not-modified') summary.notModified++;
    else if (outcome.kind === 'unchanged') summary.unchanged++;
    else if (outcome.kind === 'failed') {
      summary.failed.push({ source, error: outcome.error, failures: outcome.failures });
      summary.writes++; // its failure count
    } else if (outcome.kind === 'backing-off')
      summary.backingOff.push({ source, until: outcome.until, failures: outcome.failures });
    else {
      summary.read++;
      summary.items.new += outcome.counts.new;
      summary.items.updated += outcome.counts.updated;
      summary.items.unchanged += outcome.counts.unchanged;
      summary.items.skipped += outcome.skipped.length;
      summary.skippedItems.push(...outcome.skipped.map((s) => ({ source, ...s })));
      summary.trending += outcome.trending;
      summary.writes += outcome.writes;
      touched.add(outcome.edition);
    }
  });
  // Saved after the articles they describe: a run cut short leaves a source to be read again, never skipped.
  await deps.states.putMany(outcomes.flatMap((o) => (o.kind === 'read' && o.state ? [o.state] : [])));
  summary.skippedItems = summary.skippedItems.slice(0, MAX_SKIPPED_LISTED);
  summary.stories = await countTodaysStories(deps, [...touched], now);
  deps.log.info('collect finished', {
    sources: summary.sources,
    read: summary.read,
    notModified: summary.notModified,
    unchangedSources: summary.unchanged,
    failed: summary.failed.map((f) => `${f.source}: ${f.error}`),
    new: summary.items.new,
    updated: summary.items.updated,
    unchanged: summary.items.unchanged,
    writes: summary.writes,
  });
  return summary;
}

async function collectSource(
  source: ResolvedSource,
  state: SourceState,
  deps: CollectDeps,
  now: Date,
): Promise<SourceOutcome> {
  if (state.nextAttemptAt && Date.parse(state.nextAttemptAt) > now.getTime()) {
    return { kind: 'backing-off', until: state.nextAttemptAt, failures: state.consecutiveFailures };
  }
  const edition = deps.editions.find((e) => e.id === source.edition);
  try {
    if (!edition) throw new Error(`edition "${source.edition}" is not configured`);
    const fetched = await deps.fetch(source.url, { etag: state.etag, lastModified: state.lastModified });
    if (fetched.status === 'not-modified') {
      if (state.consecutiveFailures > 0) await deps.states.put(recovered(state));
      return { kind: 'not-modified' };
    }
    const day = dateIn(edition.timezone, now);
    const discovered = source.kind === 'feed' && looksLikeHtml(fetched.body, fetched.contentType);
    // A discovered feed's bytes are not the page's: only a document read directly is fingerprinted.
    const bodyHash = discovered
      ? undefined
      : bodyFingerprint({
          source,
          edition,
          day,
          retentionDays: deps.retentionDays,
          url: fetched.url,
          contentType: fetched.contentType,
          body: fetched.body,
        });
    if (bodyHash !== undefined && bodyHash === state.bodyHash) {
      if (state.consecutiveFailures > 0) await deps.states.put(recovered(state));
      return { kind: 'unchanged' };
    }
    const document: DocumentYield = discovered
      ? await followDiscoveredFeed(source, fetched.body, fetched.url, deps)
      : readDocument(source, fetched.body, fetched.url, fetched.contentType);

    const { entries, skipped } = toArticles(source, edition, document, now, deps.retentionDays);
    const counts = await deps.articles.saveArticles(entries, deps.retentionDays);
    let writes = counts.writes;
    if (document.trending.length > 0) {
      const outcome = await deps.articles.saveTrending(
        edition.id,
        day,
        source.name,
        document.trending.map((t) => ({ ...t, source: source.name })),
        deps.retentionDays,
      );
      if (outcome !== 'unchanged') writes++;
    }
    const next = {
      ...recovered(state),
      etag: fetched.validators.etag,
      lastModified: fetched.validators.lastModified,
      bodyHash,
    };
    // Writing the state only when it changes keeps an unchanged run free of writes.
    const changed =
      next.etag !== state.etag ||
      next.lastModified !== state.lastModified ||
      next.bodyHash !== state.bodyHash ||
      state.consecutiveFailures > 0;
    if (changed) writes++;
    return {
      kind: 'read',
      counts,
      skipped: [...document.skipped, ...skipped],
      trending: document.trending.length,
      writes,
      edition: edition.id,
      state: changed ? { ...next, lastSuccessAt: now.toISOString() } : undefined,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const failures = state.consecutiveFailures + 1;
    const until = nextAttemptAfter(failures, now, deps.intervalMinutes ?? 30);
    await deps.states.put({
      ...state,
      consecutiveFailures: failures,
      lastError: message,
      lastFetchedAt: now.toISOString(),
      nextAttemptAt: until?.toISOString(),
    });
    deps.log.warn('source failed', { source: source.name, error: message, failures });
    return {
      kind: 'failed',
      error: until ? `${message} (failed ${failures} times in a row; next try after ${until.toISOString()})` : message,
      failures,
    };
  }
}

function recovered(state: SourceState): SourceState {
  return { ...state, consecutiveFailures: 0, nextAttemptAt: undefined, lastError: undefined };
}

/** A source configured as a feed that answers with an HTML page: follow the page's advertised feed. */
async function followDiscoveredFeed(
  source: ResolvedSource,
  html: string,
  pageUrl: string,
  deps: CollectDeps,
): Promise<DocumentYield> {
  // Loaded only here, as the page readers are (read-document.ts).
  const { discoverFeeds } = require('./discover-feeds') as typeof import('./discover-feeds');
  const [feedUrl] = discoverFeeds(html, pageUrl);
  if (!feedUrl) throw new Error(`${pageUrl} is an HTML page that advertises no feed (<link rel="alternate">)`);
  // The link is the page's to choose, so it meets the same guard as the source; the reason says where it came from.
  const fetched = await deps.fetch(feedUrl).catch((error: unknown) => {
    throw new Error(`${pageUrl} advertises its feed at ${error instanceof Error ? error.message : String(error)}`);
  });
  if (fetched.status !== 'ok') throw new Error(`${feedUrl}: unexpected 304 without a conditional request`);
  return readDocument({ ...source, kind: 'feed' }, fetched.body, fetched.url, fetched.contentType);
}

/** Items become Articles: validated, dated, placed in their edition's day; bad ones are skipped with the reason. */
export function toArticles(
  source: ResolvedSource,
  edition: Edition,
  document: DocumentYield,
  now: Date,
  retentionDays: number,
) {
  const entries: { article: Article; day: string }[] = [];
  const skipped: { item: string; reason: string }[] = [];
  const oldest = now.getTime() - retentionDays * 86400000;
  for (const item of document.items) {
    // An item without a date, or dated in the future by a wrong clock, counts as published now.
    const published =
      item.publishedAt && Date.parse(item.publishedAt) <= now.getTime() + FUTURE_TOLERANCE_MS
        ? item.publishedAt
        : now.toISOString();
    if (Date.parse(published) < oldest) {
      skipped.push({ item: item.url, reason: `published ${published}, older than the ${retentionDays}-day retention` });
      continue;
    }
    const parsed = ArticleSchema.safeParse({
      ...item,
      // Bounded, so one feed's full-text bodies can never push an item past DynamoDB's 400 KB.
      headline: clip(item.headline, MAX_HEADLINE),
      summary: clip(item.summary, MAX_SUMMARY),
      byline: item.byline === undefined ? undefined : clip(item.byline, MAX_HEADLINE),
      id: articleId(item.url),
      source: source.name,
      edition: edition.id,
      category: source.category,
      region: source.region,
      weight: source.weight,
      publishedAt: published,
    });
    if (!parsed.success) {
      skipped.push({
        item: item.url,
        reason: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      });
      continue;
    }
    entries.push({ article: parsed.data, day: dateIn(edition.timezone, new Date(published)) });
  }
  return { entries, skipped };
}

async function countTodaysStories(deps: CollectDeps, editions: string[], now: Date): Promise<number> {
  let stories = 0;
  for (const edition of deps.editions.filter((e) => editions.includes(e.id))) {
    stories += clusterArticles(await deps.articles.readStoryFields(edition.id, dateIn(edition.timezone, now))).length;
  }
  return stories;
}
