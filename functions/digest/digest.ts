import type { Clock } from '../core/clock';
import type { Edition } from '../core/daybreak-config';
import type { Logger } from '../core/log';
import type { ArticleStore } from '../core/store/article-store';
import type { EditionStore } from '../core/store/edition-store';
import type { SubscriberStore } from '../core/store/subscriber-store';
import { toSendBatches, type RecipientQueue } from '../core/send-queue';
import { dateIn, dayWindow, zonedTimeToInstant } from '../core/dates';
import type { Article, TrendingItem } from '../core/model';
import { buildTrending, groupStories, rankStories } from './select';
import { defaultRenderOptions, renderDigest, type RenderOptions } from './render';

export interface DigestDeps {
  articles: ArticleStore;
  editions: EditionStore;
  subscribers: SubscriberStore;
  queue: RecipientQueue;
  clock: Clock;
  log: Logger;
  publicUrl: string;
  render?: RenderOptions;
}

export interface DigestSummary {
  date: string;
  edition: string;
  collected: number;
  stories: number;
  trending: number;
  recipients: number;
  emailBytes: number;
}

/**
 * Builds one edition: reads its window's articles (one Query per UTC day), ranks them, renders
 * the email once, keeps it, and enqueues the active subscribers in batches.
 */
export async function buildEdition(edition: Edition, deps: DigestDeps, date?: string): Promise<DigestSummary> {
  const now = deps.clock();
  const day = date ?? dateIn(edition.timezone, now);
  const { articles, trending } = await readWindow(edition, day, deps.articles);
  const ranked = rankStories(groupStories(articles), trending, now).slice(0, edition.maxStories);
  const trendingList = buildTrending(trending, ranked);
  const archiveUrl = `${deps.publicUrl.replace(/\/$/, '')}/archive/${day}/${edition.id}`;
  const rendered = await renderDigest(
    { title: edition.title, dateLabel: formatDay(day, edition.timezone), archiveUrl, stories: ranked, trending: trendingList },
    deps.render ?? defaultRenderOptions,
  );
  await deps.editions.saveRendered({
    date: day,
    edition: edition.id,
    subject: rendered.subject,
    html: rendered.html,
    text: rendered.text,
    stories: rendered.storiesShown,
    trending: trendingList.length,
    renderedAt: now.toISOString(),
  });

  let recipients = 0;
  for await (const page of deps.subscribers.activePages(edition.id)) {
    await deps.queue.enqueue(toSendBatches(day, edition.id, page.map((s) => s.email)));
    recipients += page.length;
  }
  const summary = { date: day, edition: edition.id, collected: articles.length, stories: rendered.storiesShown, trending: trendingList.length, recipients, emailBytes: rendered.htmlBytes };
  deps.log.info('edition built', { ...summary });
  return summary;
}

/** The edition's window: its calendar day, reaching back to 24 hours before its send time. */
async function readWindow(edition: Edition, day: string, store: ArticleStore): Promise<{ articles: Article[]; trending: TrendingItem[] }> {
  const { start: dayStart, end } = dayWindow(day, edition.timezone);
  const sendTime = zonedTimeToInstant(day, edition.sendAt, edition.timezone);
  const start = new Date(Math.min(dayStart.getTime(), sendTime.getTime() - 86400000));
  const previousDay = dateIn(edition.timezone, start);
  const articles: Article[] = [];
  const trending: TrendingItem[] = [];
  // One Query per edition-day partition: the day itself, and the day before when the window reaches into it.
  for (const date of previousDay === day ? [day] : [previousDay, day]) {
    const contents = await store.readDay(edition.id, date);
    articles.push(...contents.articles.filter((a) => Date.parse(a.publishedAt) >= start.getTime() && Date.parse(a.publishedAt) < end.getTime()));
    if (date === day) trending.push(...contents.trending);
  }
  return { articles, trending };
}

function formatDay(day: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(zonedTimeToInstant(day, '12:00', timeZone));
}
