import type { PersonalMarkers } from './personalize';
import { sitePaths } from './public-urls';
import { mjmlTemplate, safe } from './templates';

/**
 * An edition as its reader sees it, in plain strings from the sources: what the email's HTML part,
 * its text part and the edition's archive page are all rendered from.
 */
export interface DigestView {
  title: string;
  dateLabel: string;
  preheader: string;
  /** The edition's page: "View in browser". */
  archiveUrl: string;
  /** Stories shown, in sections, in order. */
  sections: { title: string; stories: StoryView[] }[];
  /** Stories left out under the size budget: a "more on the web" link stands for them. */
  moreOnTheWeb: number;
  trending: {
    rank: number;
    headline: string;
    url: string;
    region: string;
    /** What put it in the list: 'sources', 'rising' or 'readers' ("Most read by Daybreak readers"). */
    signal?: 'sources' | 'rising' | 'readers';
  }[];
}

/** How each trending signal is named beside its entries. */
export const SIGNAL_LABELS = {
  sources: 'Trending at the sources',
  rising: 'Coverage rising',
  readers: 'Most read by Daybreak readers',
} as const;

export interface StoryView {
  headline: string;
  summary: string;
  url: string;
  /** The first is the story's own source. */
  links: { source: string; url: string }[];
}

/**
 * Who the HTML is for: a subscriber (the email, with markers where each recipient's links go) or a
 * visitor of the archive (the edition's page, with no one's links and an invitation instead).
 */
export type Audience = { subscriber: PersonalMarkers } | { visitor: true };

/** The HTML of an edition for one audience: templates/digest.mjml through mjml, every source string escaped. */
export async function digestHtml(view: DigestView, audience: Audience): Promise<string> {
  const stories = view.sections.reduce((count, section) => count + section.stories.length, 0);
  const model = {
    title: safe(view.title),
    dateLabel: safe(view.dateLabel),
    preheader: safe(view.preheader),
    archiveUrl: safe(view.archiveUrl),
    storyCount: stories,
    moreOnTheWeb: view.moreOnTheWeb,
    sections: view.sections.map((section) => ({
      title: safe(section.title),
      stories: section.stories.map((story) => ({
        headline: safe(story.headline),
        summary: story.summary ? safe(story.summary) : '',
        url: safe(story.url),
        links: story.links.map((link) => ({ source: safe(link.source), url: safe(link.url) })),
      })),
    })),
    trending: view.trending.map((item) => ({
      headline: safe(item.headline),
      url: safe(item.url),
      region: safe(item.region),
      signal: item.signal ? SIGNAL_LABELS[item.signal] : '',
    })),
    ...('visitor' in audience
      ? { visitor: true, subscribeUrl: sitePaths.form(), pastEditionsUrl: sitePaths.archiveIndex() }
      : audience.subscriber),
  };
  // Loaded on first use: mjml is most of a bundle, and the form's pages do not need it.
  const { default: mjml2html } = await import('mjml');
  const result = await mjml2html(mjmlTemplate('digest')(model), { validationLevel: 'strict', keepComments: false });
  return result.html;
}

/** The plain-text part: every headline shown, with its link, then the trending list, then the recipient's links. */
export function digestText(view: DigestView, markers: PersonalMarkers): string {
  const lines = [`${view.title} · ${view.dateLabel}`, `View in browser: ${view.archiveUrl}`, ''];
  let number = 0;
  for (const section of view.sections) {
    lines.push(section.title.toUpperCase(), '');
    for (const story of section.stories) {
      lines.push(`${++number}. ${story.headline}`);
      if (story.summary) lines.push(`   ${story.summary}`);
      lines.push(`   ${story.url}`);
      if (story.links.length > 1)
        lines.push(
          `   Also: ${story.links
            .slice(1)
            .map((l) => `${l.source} ${l.url}`)
            .join(', ')}`,
        );
      lines.push('');
    }
  }
  if (view.moreOnTheWeb > 0) lines.push(`${view.moreOnTheWeb} more stories on the web: ${view.archiveUrl}`, '');
  if (view.trending.length > 0) {
    lines.push('TRENDING', '');
    for (const item of view.trending)
      lines.push(
        `${item.rank}. ${item.headline} (${[item.region, item.signal && SIGNAL_LABELS[item.signal]].filter(Boolean).join(' · ')})`,
        `   ${item.url}`,
      );
    lines.push('');
  }
  lines.push('--', `Preferences: ${markers.preferencesUrl}`, `Unsubscribe: ${markers.unsubscribeUrl}`);
  return lines.join('\n');
}
