import type { TrendingEntry } from '../core/model';
import { layoutSections, type Story } from './select';
import { type DigestView, digestHtml, digestText } from '../mail/digest-view';
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
  return {
    title: content.title,
    dateLabel: content.dateLabel,
    preheader: preheaderOf(content),
    archiveUrl: content.archiveUrl,
    sections: layoutSections(content.stories.slice(0, shown), content.topStories ?? 5).map((section) => ({
      title: section.title,
      stories: section.stories.map(({ headline, summary, url, links }) => ({ headline, summary, url, links })),
    })),
    moreOnTheWeb: content.stories.length - shown,
    trending: content.trending,
  };
}

/** The view with every story, source and trending link through `track`. */
function trackedView(view: DigestView, track: (url: string, headline: string) => string): DigestView {
  return {
    ...view,
    sections: view.sections.map((section) => ({
      ...section,
      stories: section.stories.map((story) => ({
        ...story,
        url: track(story.url, story.headline),
        links: story.links.map((link) => ({ ...link, url: track(link.url, story.headline) })),
      })),
    })),
    trending: view.trending.map((item) => ({ ...item, url: track(item.url, item.headline) })),
  };
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
