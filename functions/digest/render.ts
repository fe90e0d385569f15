import mjml2html from 'mjml';
import type { TrendingEntry } from '../core/model';
import { layoutSections, type Story } from './select';
import { mjmlTemplate, safe } from '../mail/templates';
import { PLACEHOLDERS } from '../mail/personalize';

export interface DigestContent {
  title: string;
  dateLabel: string;
  archiveUrl: string;
  /** Ranked, best first. */
  stories: Story[];
  trending: TrendingEntry[];
  /** How many stories lead before the sections. @default 5 */
  topStories?: number;
}

export interface RenderedDigest {
  subject: string;
  html: string;
  text: string;
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
 * Renders an edition ONCE: MJML through mjml, a plain-text part from the same data. When the HTML
 * would pass the budget, the lowest-ranked stories give way to a "more on the web" link.
 */
export async function renderDigest(
  content: DigestContent,
  options: RenderOptions = defaultRenderOptions,
): Promise<RenderedDigest> {
  let shown = content.stories.length;
  for (;;) {
    const html = await renderHtml(content, shown);
    const htmlBytes = Buffer.byteLength(html);
    if (htmlBytes <= options.budgetBytes || shown === 0) {
      return { subject: subjectOf(content), html, text: renderText(content, shown), storiesShown: shown, htmlBytes };
    }
    // Estimate how many stories to drop from the average size of one, then re-check.
    const perStory = htmlBytes / Math.max(1, shown);
    shown = Math.max(0, Math.min(shown - 1, Math.floor(shown - (htmlBytes - options.budgetBytes) / perStory)));
  }
}

async function renderHtml(content: DigestContent, shown: number): Promise<string> {
  const view = {
    title: safe(content.title),
    dateLabel: safe(content.dateLabel),
    preheader: safe(preheaderOf(content)),
    archiveUrl: safe(content.archiveUrl),
    storyCount: shown,
    moreOnTheWeb: content.stories.length - shown || 0,
    sections: layoutSections(content.stories.slice(0, shown), content.topStories ?? 5).map((section) => ({
      title: safe(section.title),
      stories: section.stories.map((story) => ({
        headline: safe(story.headline),
        summary: story.summary ? safe(story.summary) : '',
        url: safe(story.url),
        links: story.links.map((link) => ({ source: safe(link.source), url: safe(link.url) })),
      })),
    })),
    trending: content.trending.map((item) => ({
      headline: safe(item.headline),
      url: safe(item.url),
      region: safe(item.region),
    })),
    ...PLACEHOLDERS,
  };
  const result = await mjml2html(mjmlTemplate('digest')(view), { validationLevel: 'strict', keepComments: false });
  return result.html;
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

/** The plain-text part: every headline shown, with its link, then the trending list. */
export function renderText(content: DigestContent, shown = content.stories.length): string {
  // Text from sources cannot carry the placeholder marker into the text part.
  const clean = (text: string) => text.replace(/%%/g, '% %');
  const lines = [`${clean(content.title)} · ${content.dateLabel}`, `View in browser: ${content.archiveUrl}`, ''];
  let number = 0;
  for (const section of layoutSections(content.stories.slice(0, shown), content.topStories ?? 5)) {
    lines.push(clean(section.title).toUpperCase(), '');
    for (const story of section.stories) {
      lines.push(`${++number}. ${clean(story.headline)}`);
      if (story.summary) lines.push(`   ${clean(story.summary)}`);
      lines.push(`   ${story.url}`);
      if (story.links.length > 1)
        lines.push(
          `   Also: ${story.links
            .slice(1)
            .map((l) => `${clean(l.source)} ${l.url}`)
            .join(', ')}`,
        );
      lines.push('');
    }
  }
  if (shown < content.stories.length)
    lines.push(`${content.stories.length - shown} more stories on the web: ${content.archiveUrl}`, '');
  if (content.trending.length > 0) {
    lines.push('TRENDING', '');
    for (const item of content.trending)
      lines.push(`${item.rank}. ${clean(item.headline)} (${clean(item.region)})`, `   ${item.url}`);
    lines.push('');
  }
  lines.push('--', `Preferences: ${PLACEHOLDERS.preferencesUrl}`, `Unsubscribe: ${PLACEHOLDERS.unsubscribeUrl}`);
  return lines.join('\n');
}
