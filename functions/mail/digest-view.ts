import type { StoryImage } from '../core/model';
import type { Identity } from './identity';
import { hostOf, identityModel } from './identity-view';
import type { PersonalMarkers } from './personalize';
import { publicUrls, sitePaths } from './public-urls';
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
  /** The site's origin: the archive index and "you subscribed at" in the footer. */
  publicUrl: string;
  /** The brand and the sender's postal address. */
  identity: Identity;
  /** The top stories, best first: the first leads the email with its image, the rest follow compact. */
  top: StoryView[];
  /** The other stories, one section per category. */
  sections: { title: string; stories: StoryView[] }[];
  /** Stories left out under the size budget: a "more on the web" link stands for them. */
  moreOnTheWeb: number;
  trending: TrendingView[];
}

/** How each trending signal is named beside its entries: the readers are the brand's. */
export function signalLabel(signal: NonNullable<TrendingView['signal']>, brandName: string): string {
  if (signal === 'sources') return 'Trending at the sources';
  if (signal === 'rising') return 'Coverage rising';
  return `Most read by ${brandName} readers`;
}

export interface StoryView {
  headline: string;
  summary: string;
  url: string;
  /** The first is the story's own source. */
  links: { source: string; url: string }[];
  /** How many sources carry the story. */
  coverage: number;
  /** When it was published, in the edition's time zone ("06:40", "Tue 18:05"). */
  timeLabel?: string;
  image?: StoryImage;
}

export interface TrendingView {
  rank: number;
  headline: string;
  url: string;
  region: string;
  /** The section above that already shows the story ("Top stories"): marked, not repeated. */
  shownIn?: string;
  /** What put it in the list: 'sources', 'rising' or 'readers' ("Most read by <brand> readers"). */
  signal?: 'sources' | 'rising' | 'readers';
}

/**
 * Who the HTML is for: a subscriber (the email, with markers where each recipient's links go) or a
 * visitor of the archive (the edition's page, with no one's links and an invitation instead).
 */
export type Audience = { subscriber: PersonalMarkers } | { visitor: true };

/** The email's content width less its side padding: the widest an image is drawn. */
const LEAD_IMAGE_WIDTH = 552;
const THUMBNAIL_WIDTH = 96;

/** The image as drawn: at most `maxWidth` wide, its height kept in proportion where the source gives both. */
function drawn(image: StoryImage | undefined, maxWidth: number, alt: string) {
  if (!image) return undefined;
  const width = Math.min(maxWidth, image.width ?? maxWidth);
  const height = image.width && image.height ? Math.round((width * image.height) / image.width) : undefined;
  return { url: safe(image.url), width, height, alt: safe(alt) };
}

function storyModel(story: StoryView) {
  const [own] = story.links;
  return {
    headline: safe(story.headline),
    summary: story.summary ? safe(story.summary) : '',
    url: safe(story.url),
    source: safe(own?.source ?? ''),
    sourceUrl: safe(own?.url ?? story.url),
    coverage: story.coverage,
    moreSources: story.coverage > 1,
    timeLabel: story.timeLabel ? safe(story.timeLabel) : '',
    also: story.links.slice(1).map((link) => ({ source: safe(link.source), url: safe(link.url) })),
  };
}

/** mjml options for every Daybreak email: strict templates, and no web-font request (the system font stack is used). */
export const MJML_OPTIONS = { validationLevel: 'strict', keepComments: false, fonts: {} } as const;

/** The HTML of an edition for one audience: templates/digest.mjml through mjml, every source string escaped. */
export async function digestHtml(view: DigestView, audience: Audience): Promise<string> {
  const [lead, ...rest] = view.top;
  const model = {
    title: safe(view.title),
    dateLabel: safe(view.dateLabel),
    preheader: safe(view.preheader),
    archiveUrl: safe(view.archiveUrl),
    ...identityModel(view.identity, {
      host: hostOf(view.publicUrl),
      archiveIndexUrl: publicUrls(view.publicUrl).archiveIndex(),
    }),
    moreOnTheWeb: view.moreOnTheWeb,
    lead: lead && {
      ...storyModel(lead),
      // The source's description of the picture, else the headline it illustrates.
      image: drawn(lead.image, LEAD_IMAGE_WIDTH, lead.image?.alt ?? lead.headline),
    },
    top: rest.map((story) => ({
      ...storyModel(story),
      // Beside its own headline, a thumbnail without a description of its own is decorative (alt="").
      image: drawn(story.image, THUMBNAIL_WIDTH, story.image?.alt ?? ''),
    })),
    sections: view.sections.map((section) => ({
      title: safe(section.title),
      stories: section.stories.map(storyModel),
    })),
    trending: view.trending.map((item) => ({
      rank: item.rank,
      headline: safe(item.headline),
      url: safe(item.url),
      region: safe(item.region),
      shownIn: item.shownIn ? safe(item.shownIn) : '',
      signal: item.signal ? signalLabel(item.signal, view.identity.brand.name) : '',
    })),
    ...('visitor' in audience
      ? { visitor: true, subscribeUrl: sitePaths.form(), pastEditionsUrl: sitePaths.archiveIndex() }
      : audience.subscriber),
  };
  // Loaded on first use: mjml is most of a bundle, and the form's pages do not need it.
  const { default: mjml2html } = await import('mjml');
  const result = await mjml2html(mjmlTemplate('digest')(model), MJML_OPTIONS);
  return result.html;
}

/** "BBC News · 5 sources · 06:40": who tells the story, how widely, and when. */
function metaLine(story: StoryView): string {
  return [story.links[0]?.source, story.coverage > 1 ? `${story.coverage} sources` : undefined, story.timeLabel]
    .filter(Boolean)
    .join(' · ');
}

/** The plain-text part: every headline shown, with its link, then the trending list, then the recipient's links. */
export function digestText(view: DigestView, markers: PersonalMarkers): string {
  const lines = [`${view.title} · ${view.dateLabel}`, `View in browser: ${view.archiveUrl}`, ''];
  let number = 0;
  const groups = [{ title: 'Top stories', stories: view.top }, ...view.sections].filter((g) => g.stories.length > 0);
  for (const section of groups) {
    lines.push(section.title.toUpperCase(), '');
    for (const story of section.stories) {
      lines.push(`${++number}. ${story.headline}`);
      if (story.summary) lines.push(`   ${story.summary}`);
      lines.push(`   ${metaLine(story)}`, `   ${story.url}`);
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
    lines.push('TRENDING NOW', '');
    for (const item of view.trending)
      if (item.shownIn) lines.push(`${item.rank}. ${item.headline} (↑ in ${item.shownIn})`);
      else
        lines.push(
          `${item.rank}. ${item.headline} (${[item.region, item.signal && signalLabel(item.signal, view.identity.brand.name)].filter(Boolean).join(' · ')})`,
          `   ${item.url}`,
        );
    lines.push('');
  }
  lines.push(
    '--',
    `You receive ${view.title} because you subscribed at ${hostOf(view.publicUrl)}.`,
    `Preferences: ${markers.preferencesUrl}`,
    `Unsubscribe: ${markers.unsubscribeUrl}`,
    `Past editions: ${publicUrls(view.publicUrl).archiveIndex()}`,
    `${view.identity.brand.name} · ${view.identity.postalAddress}`,
  );
  return lines.join('\n');
}
