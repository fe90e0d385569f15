import { dateIn } from '../core/dates';
import type { TrendingEntry } from '../core/model';
import { headlineKey, layoutSections, type Story } from './select';
import { type DigestView, digestHtml, digestText, type StoryView, type TrendingView } from '../mail/digest-view';
import { DEFAULT_IDENTITY, type Identity } from '../mail/identity';
import { drawPersonalMarkers, type PersonalMarkers } from '../mail/personalize';

export interface DigestContent {
  title: string;
  dateLabel: string;
  archiveUrl: string;
  /** Ranked, best first. */
  stories: Story[];
  trending: TrendingEntry[];
  /** How many stories lead before the sections. @default 5 */
  topStories?: number;
  /** The brand and postal address the email wears. @default DEFAULT_IDENTITY (a placeholder address) */
  identity?: Identity;
  /** The site's origin. @default the origin of `archiveUrl` */
  publicUrl?: string;
  /** The edition's day and time zone: publication times are shown in it. @default UTC */
  day?: string;
  timezone?: string;
  /**
   * The email's link for an article (a signed click link); without it the email links to the
   * articles themselves. The archive page always does: its visitors were not mailed anything.
   */
  track?: (url: string, headline: string) => string;
}

export interface RenderedDigest {
  subject: string;
  html: string;
  text: string;
  /** Where each recipient's links go in `html` and `text`: drawn for this render, kept with the edition. */
  personalMarkers: PersonalMarkers;
  /** The edition's archive page: the same stories, for a visitor (no one's links, an invitation instead). */
  page: string;
  /** How many stories made it into the email under the size budget. */
  storiesShown: number;
  htmlBytes: number;
}

export interface RenderOptions {
  /** The HTML size budget in bytes; Gmail clips messages over 102 KB. */
  budgetBytes: number;
}

export const defaultRenderOptions: RenderOptions = { budgetBytes: 90 * 1024 };

/**
 * Renders an edition ONCE for its subscribers (MJML through mjml, a plain-text part from the same
 * view) and once for the archive's visitors. When the HTML would pass the budget, the
 * lowest-ranked stories give way to a "more on the web" link.
 */
export async function renderDigest(
  content: DigestContent,
  options: RenderOptions = defaultRenderOptions,
  personalMarkers: PersonalMarkers = drawPersonalMarkers(),
): Promise<RenderedDigest> {
  let shown = content.stories.length;
  for (;;) {
    const view = digestView(content, shown);
    const mailView = content.track ? trackedView(view, content.track) : view;
    const html = await digestHtml(mailView, { subscriber: personalMarkers });
    const htmlBytes = Buffer.byteLength(html);
    if (htmlBytes <= options.budgetBytes || shown === 0) {
      return {
        subject: subjectOf(content),
        html,
        text: digestText(mailView, personalMarkers),
        personalMarkers,
        page: await digestHtml(view, { visitor: true }),
        storiesShown: shown,
        htmlBytes,
      };
    }
    // Estimate how many stories to drop from the average size of one, then re-check.
    const perStory = htmlBytes / Math.max(1, shown);
    shown = Math.max(0, Math.min(shown - 1, Math.floor(shown - (htmlBytes - options.budgetBytes) / perStory)));
  }
}

/** What the email, its text part and the archive page show when `shown` stories fit. */
export function digestView(content: DigestContent, shown = content.stories.length): DigestView {
  const timezone = content.timezone ?? 'UTC';
  const asView = (story: Story): StoryView => ({
    headline: story.headline,
    summary: story.summary,
    url: story.url,
    links: story.links,
    coverage: story.coverage,
    timeLabel: timeLabel(story.publishedAt, timezone, content.day),
    ...(story.image ? { image: story.image } : {}),
  });
  const [top, ...sections] = layoutSections(content.stories.slice(0, shown), content.topStories ?? 5);
  const shownSections = [...(top ? [top] : []), ...sections];
  return {
    title: content.title,
    dateLabel: content.dateLabel,
    preheader: preheaderOf(content),
    archiveUrl: content.archiveUrl,
    publicUrl: content.publicUrl ?? new URL(content.archiveUrl).origin,
    identity: content.identity ?? DEFAULT_IDENTITY,
    top: (top?.stories ?? []).map(asView),
    sections: sections.map((section) => ({ title: section.title, stories: section.stories.map(asView) })),
    moreOnTheWeb: content.stories.length - shown,
    trending: markShown(content.trending, shownSections),
  };
}

/** The view with every story, source and trending link through `track`. */
function trackedView(view: DigestView, track: (url: string, headline: string) => string): DigestView {
  const tracked = (story: StoryView): StoryView => ({
    ...story,
    url: track(story.url, story.headline),
    links: story.links.map((link) => ({ ...link, url: track(link.url, story.headline) })),
  });
  return {
    ...view,
    top: view.top.map(tracked),
    sections: view.sections.map((section) => ({ ...section, stories: section.stories.map(tracked) })),
    trending: view.trending.map((item) => ({ ...item, url: track(item.url, item.headline) })),
  };
}

/**
 * The trending list, each entry the email already shows above marked with its section ("↑ in Top
 * stories") instead of repeated as news.
 */
function markShown(trending: TrendingEntry[], sections: { title: string; stories: Story[] }[]): TrendingView[] {
  const shownIn = new Map<string, string>();
  for (const section of sections)
    for (const story of section.stories) {
      for (const link of story.links) if (!shownIn.has(link.url)) shownIn.set(link.url, section.title);
      if (!shownIn.has(headlineKey(story.headline))) shownIn.set(headlineKey(story.headline), section.title);
    }
  return trending.map((entry) => {
    const section = shownIn.get(entry.url) ?? shownIn.get(headlineKey(entry.headline));
    return section ? { ...entry, shownIn: section } : { ...entry };
  });
}

/** "06:40" for the edition's day (or with no day given), "Tue 18:05" for an earlier one, in the edition's zone. */
function timeLabel(publishedAt: string, timeZone: string, day: string | undefined): string | undefined {
  const instant = new Date(publishedAt);
  if (Number.isNaN(instant.getTime())) return undefined;
  const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone }).format(
    instant,
  );
  if (day === undefined || dateIn(timeZone, instant) === day) return time;
  const weekday = new Intl.DateTimeFormat('en-GB', { weekday: 'short', timeZone }).format(instant);
  return `${weekday} ${time}`;
}

function subjectOf(content: DigestContent): string {
  const lead = content.stories[0]?.headline;
  return lead ? `${content.title}: ${lead}` : `${content.title} · ${content.dateLabel}`;
}

function preheaderOf(content: DigestContent): string {
  return (
    content.stories
      .slice(1, 4)
      .map((s) => s.headline)
      .join(' · ') || content.dateLabel
  );
}
