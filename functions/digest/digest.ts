import type { Clock } from '../core/clock';
import type { Edition } from '../core/daybreak-config';
import type { Logger } from '../core/log';
import type { ArticleStore } from '../core/store/article-store';
import type { EditionStore } from '../core/store/edition-store';
import type { SubscriberStore } from '../core/store/subscriber-store';
import type { EnqueueProgressStore } from './enqueue-progress';
import type { RecipientQueue } from '../core/send-queue';
import { dateIn, dayLabel, dayWindow, zonedTimeToInstant } from '../core/dates';
import type { Article, RenderedEdition, TrendingItem } from '../core/model';
import type { ImagePolicy } from './image-policy';
import { buildTrending, groupStories, rankStories, type ReaderPick, type Story } from './select';
import { drawPersonalMarkers } from '../mail/personalize';
import { defaultRenderOptions, renderDigest, type RenderOptions } from './render';
import type { EditionArchive } from '../core/archive/edition-archive';
import { keptEditionPage } from '../mail/archive-page';
import type { Identity } from '../mail/identity';
import { publicUrls } from '../mail/public-urls';
import { fanOut } from './fan-out';
import { resumeEdition, type ResumeOutcome } from './resume';
import type { LinkMap } from '../core/clicks/click-store';
import { ClickLinks, clickEdition } from '../mail/click-links';
import { type DigestClicks, readerPicks } from './readers';

export interface DigestDeps {
  articles: ArticleStore;
  editions: EditionStore;
  subscribers: SubscriberStore;
  progress: EnqueueProgressStore;
  queue: RecipientQueue;
  clock: Clock;
  log: Logger;
  publicUrl: string;
  /** The brand and postal address every edition wears. @default DEFAULT_IDENTITY (a placeholder address) */
  identity?: Identity;
  /** Keeps each edition's page for "View in browser". */
  archive: EditionArchive;
  render?: RenderOptions;
  /** Which pictures the email may show. @default HTTPS_ONLY */
  images?: ImagePolicy;
  /** Click tracking and the readers' trending signal; without it, direct links and no readers' signal. */
  clicks?: DigestClicks;
}

export interface DigestSummary {
  date: string;
  edition: string;
  /** `skipped` when there was nothing to send; `reason` says why. */
  status: 'enqueued' | 'skipped';
  reason?: string;
  /** True when the edition had been rendered already (a rerun): it is sent as it was, never re-rendered mid-send. */
  reused: boolean;
  collected: number;
  stories: number;
  trending: number;
  /** Recipients enqueued for the edition, by this run and any earlier one. */
  recipients: number;
  /** Recipients this run enqueued: on a rerun only those an earlier run left out (see `reconciled`). */
  enqueued: number;
  /** Of those, recipients an earlier run had enqueued but who never reached the ledger (lost with a crash). */
  reconciled: number;
  /** Shards another run held until this run stopped waiting: the edition is not completely enqueued. */
  busyShards: number;
  emailBytes: number;
  /** Set when an operator resumed a paused edition with this run. */
  resumed?: ResumeOutcome;
}

/**
 * Builds one edition: reads its window's articles (one Query per edition-day), ranks them, renders
 * the email once, keeps it, and enqueues the active subscribers in batches. An edition with no
 * story that the previous one did not carry is not sent (unless the edition says otherwise).
 */
export async function buildEdition(
  edition: Edition,
  deps: DigestDeps,
  date?: string,
  options: { resume?: boolean } = {},
): Promise<DigestSummary> {
  const now = deps.clock();
  const day = date ?? dateIn(edition.timezone, now);
  let rendered = await deps.editions.getRendered(day, edition.id);
  const reused = rendered !== undefined;
  if (options.resume && !rendered)
    throw new Error(`nothing to resume: the edition ${day}/${edition.id} was never built`);
  const resumed = options.resume ? await resumeEdition(day, edition.id, deps) : undefined;
  const { articles, trending } = await readWindow(edition, day, deps.articles);
  const base = {
    date: day,
    edition: edition.id,
    collected: articles.length,
    recipients: 0,
    enqueued: 0,
    reconciled: 0,
    busyShards: 0,
  };

  if (!rendered) {
    const ranked = rankEdition(edition, articles, trending, now, deps.images);
    const reason = await nothingNew(edition, day, ranked, deps.editions);
    if (reason) {
      deps.log.info('edition skipped', { date: day, edition: edition.id, reason });
      return { ...base, status: 'skipped', reason, reused, stories: ranked.length, trending: 0, emailBytes: 0 };
    }
    const { page, links, ...fresh } = await renderEdition(edition, day, ranked, trending, {
      publicUrl: deps.publicUrl,
      identity: deps.identity,
      render: deps.render,
      now,
      clicks: deps.clicks,
      readers: deps.clicks ? await readerPicks(deps.clicks, now) : [],
    });
    // The page and the link map before the edition: an edition in the table has both.
    await deps.archive.put(day, edition.id, page);
    if (links && deps.clicks) await deps.clicks.store.saveLinks(day, edition.id, links);
    await deps.editions.saveRendered(fresh);
    rendered = fresh;
  } else if ((await deps.archive.get(day, edition.id)) === undefined) {
    // An edition kept before the archive existed: its page is made from the edition as kept.
    await deps.archive.put(day, edition.id, keptEditionPage(rendered));
  }

  const { recipients, enqueued, reconciled, busyShards } = await fanOut(day, edition.id, deps);
  const summary: DigestSummary = {
    ...base,
    status: 'enqueued',
    reused,
    stories: rendered.stories,
    trending: rendered.trending,
    recipients,
    enqueued,
    reconciled,
    busyShards,
    emailBytes: Buffer.byteLength(rendered.html),
    ...(resumed ? { resumed } : {}),
  };
  const { resumed: resumedNow, ...fields } = summary;
  deps.log.info('edition built', { ...fields, resumed: resumedNow !== undefined });
  return summary;
}

/** The edition's stories, best first, at most its `maxStories`. */
export function rankEdition(
  edition: Edition,
  articles: Article[],
  trending: TrendingItem[],
  now: Date,
  images?: ImagePolicy,
): Story[] {
  return rankStories(groupStories(articles, now, images), trending, now).slice(0, edition.maxStories);
}

/**
 * Renders an edition once (MJML → HTML, and the text part), with markers where each recipient's
 * links go, and its archive page from the same view.
 */
export async function renderEdition(
  edition: Edition,
  day: string,
  ranked: Story[],
  trending: TrendingItem[],
  options: {
    publicUrl: string;
    now: Date;
    render?: RenderOptions;
    identity?: Identity;
    clicks?: Pick<DigestClicks, 'tracking' | 'tokens'>;
    readers?: ReaderPick[];
  },
): Promise<RenderedEdition & { page: string; links?: LinkMap }> {
  const { now, clicks } = options;
  const trendingList = buildTrending(trending, ranked, 10, options.readers);
  const archiveUrl = publicUrls(options.publicUrl).archivePage(day, edition.id);
  const personalMarkers = drawPersonalMarkers();
  const name = clickEdition(day, edition.id);
  const tracked =
    clicks && clicks.tracking !== 'off'
      ? new ClickLinks(
          options.publicUrl,
          name,
          (id) => clicks.tokens.clickSignature(name, id),
          personalMarkers.clickSuffix ?? '',
        )
      : undefined;
  const digest = await renderDigest(
    {
      title: edition.title,
      dateLabel: dayLabel(day, edition.timezone),
      archiveUrl,
      stories: ranked,
      trending: trendingList,
      topStories: edition.topStories,
      identity: options.identity,
      publicUrl: options.publicUrl,
      day,
      timezone: edition.timezone,
      track: tracked && ((url, headline) => tracked.track(url, headline)),
    },
    options.render ?? defaultRenderOptions,
    personalMarkers,
  );
  return {
    date: day,
    edition: edition.id,
    subject: digest.subject,
    html: digest.html,
    text: digest.text,
    personalMarkers: digest.personalMarkers,
    page: digest.page,
    stories: digest.storiesShown,
    trending: trendingList.length,
    storyUrls: ranked.slice(0, digest.storiesShown).flatMap((s) => s.links.map((l) => l.url)),
    headlines: ranked.slice(0, Math.min(INDEX_HEADLINES, digest.storiesShown)).map((s) => s.headline),
    renderedAt: now.toISOString(),
    ...(tracked ? { links: tracked.map, clickReaders: clicks?.tracking === 'per-subscriber' } : {}),
  };
}

/** How many lead headlines the archive's index shows for an edition. */
const INDEX_HEADLINES = 2;

/** Why the edition should not go out, or undefined when it should. */
async function nothingNew(
  edition: Edition,
  day: string,
  ranked: Story[],
  editions: EditionStore,
): Promise<string | undefined> {
  if (ranked.length === 0) return 'no stories were collected for this edition’s window';
  if (!edition.onlyWhenNew) return undefined;
  const previous = await editions.getRendered(previousDay(day), edition.id);
  if (!previous) return undefined;
  const carried = new Set(previous.storyUrls);
  const fresh = ranked.some((story) => story.links.every((link) => !carried.has(link.url)));
  return fresh ? undefined : `no story that the ${previous.date} edition did not carry`;
}

function previousDay(day: string): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

/** The edition's window: its calendar day, reaching back to 24 hours before its send time. */
export async function readWindow(
  edition: Edition,
  day: string,
  store: ArticleStore,
): Promise<{ articles: Article[]; trending: TrendingItem[] }> {
  const { start: dayStart, end } = dayWindow(day, edition.timezone);
  const sendTime = zonedTimeToInstant(day, edition.sendAt, edition.timezone);
  const start = new Date(Math.min(dayStart.getTime(), sendTime.getTime() - 86400000));
  const earlierDay = dateIn(edition.timezone, start);
  const articles: Article[] = [];
  const trending: TrendingItem[] = [];
  // One Query per edition-day partition: the day itself, and the day before when the window reaches into it.
  for (const date of earlierDay === day ? [day] : [earlierDay, day]) {
    const contents = await store.readDay(edition.id, date);
    articles.push(
      ...contents.articles.filter(
        (a) => Date.parse(a.publishedAt) >= start.getTime() && Date.parse(a.publishedAt) < end.getTime(),
      ),
    );
    if (date === day) trending.push(...contents.trending);
  }
  return { articles, trending };
}
