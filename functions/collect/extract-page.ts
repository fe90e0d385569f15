import type { TrendingEntry } from '../core/model';
import { isTimeZone } from '../core/validation';
import { canonicalUrl, hostOf, plainText } from './normalize';
import { summarize } from './text/summary';
import { extractBody, paragraphsOfText } from './page/body';
import { readByline } from './page/byline';
import { findCountries } from './page/countries';
import { readDateline } from './page/dateline';
import { attempt, metaContent, parseDocument, textOf } from './page/dom';
import { type ImageFacts, imageFacts } from './image-size';
import { findImageCredit } from './page/image-credit';
import { isSiteName, withoutSiteName } from './page/headline';
import { ldArticle } from './page/json-ld';
import { findTeaser } from './page/teaser';
import { findTrending } from './page/trending';
import { metadataDate } from './page/zoned-date';

/**
 * What Daybreak reads from an article page or a section page; with the shared image's size and
 * description (og:image:width, og:image:height, og:image:alt).
 */
export interface ExtractedPage extends ImageFacts {
  headline?: string;
  summary: string;
  url: string;
  /** The author; a wire story that names none is credited to its agency. */
  byline?: string;
  /** ISO 8601: UTC from JSON-LD and meta tags, the source zone's offset from the visible byline. */
  publishedAt?: string;
  updatedAt?: string;
  image?: string;
  trending: TrendingEntry[];
  /** The agency the story came from ("PTI"), from the byline line. */
  source?: string;
  /** The dateline location ("Seoul"). */
  location?: string;
  imageCredit?: string;
  countries: string[];
  /** The story as plain paragraphs separated by blank lines. */
  body: string;
}

export interface ExtractOptions {
  /**
   * The source's IANA time zone, in which dates printed without an offset are read
   * ("27-07-2023 11:12 IST" in Asia/Kolkata). An unknown zone counts as UTC.
   * @default 'UTC'
   */
  timezone?: string;
}

/**
 * Reads an article or section page: metadata from JSON-LD (NewsArticle), then OpenGraph and meta
 * tags, then what the page shows (headline, teaser, byline line, image credit, country tags); the
 * story text through @mozilla/readability; and the ranked "Trending" list. Never throws: for markup
 * it cannot read it returns what it could.
 *
 * @example
 * const page = extractPage(html, 'https://news.example/world/story', { timezone: 'Asia/Kolkata' });
 * page.publishedAt // '2023-07-27T11:12:00+05:30' when only the byline dates the story
 */
export function extractPage(html: string, pageUrl: string, options: ExtractOptions = {}): ExtractedPage {
  const fallback: ExtractedPage = {
    summary: '',
    url: attempt(() => canonicalUrl(String(pageUrl)), undefined) ?? String(pageUrl),
    countries: [],
    body: '',
    trending: [],
  };
  return attempt(() => readPage(String(html), String(pageUrl), options), fallback);
}

function readPage(html: string, pageUrl: string, options: ExtractOptions): ExtractedPage {
  const zone = options.timezone && isTimeZone(options.timezone) ? options.timezone : 'UTC';
  const document = parseDocument(html);
  const meta = (...names: string[]) => metaContent(document, ...names);
  const { url, linkBase } = pageUrls(document, pageUrl);
  const resolve = (link: string | undefined) => (link ? canonicalUrl(link, linkBase) : undefined);
  const microdata = (property: string) =>
    document.querySelector(`[itemprop~="${property}"][datetime]`)?.getAttribute('datetime') ?? undefined;

  const ld = attempt(() => ldArticle(document), { authors: [] });
  const { element: bylineElement, byline } = attempt(() => readByline(document, zone), { byline: {} });
  const credit = attempt(() => findImageCredit(document), {});
  const countries = attempt(() => findCountries(document), { countries: [], elements: [] });
  const trending = attempt(() => findTrending(document, linkBase), { items: [], elements: [] });
  // The story's own <h1>, before a masthead's: many sites set their logo in the first <h1>.
  const h1 = document.querySelector('article h1, main h1, h1[itemprop~="headline"]') ?? document.querySelector('h1');
  const teaser = attempt(() => findTeaser(document, h1, bylineElement), undefined);
  const visibleAuthor = textOf(document.querySelector('[rel~="author"], [itemprop~="author"]'));
  // Without metadata, the picture the credit belongs to, else the story's first picture.
  const creditedImage = credit.element?.parentElement?.querySelector('img[src]')?.getAttribute('src') ?? undefined;
  const storyImage =
    document.querySelector('figure img[src], article img[src], [itemprop~="image"][src]')?.getAttribute('src') ??
    undefined;

  const siteClues = { siteName: meta('og:site_name', 'application-name'), host: hostOf(url) };
  // The page's own headline (JSON-LD, the visible <h1>) before the title it gives to share buttons,
  // then the document's <title>; a masthead <h1> that only names the site does not count.
  const visibleHeadline = textOf(h1) && !isSiteName(textOf(h1), siteClues) ? textOf(h1) : undefined;
  const title = firstText(
    ld.headline,
    visibleHeadline,
    meta('og:title'),
    meta('twitter:title'),
    textOf(document.querySelector('head title, title')),
  );
  const headline = title && withoutSiteName(title, { ...siteClues, visibleHeadline: textOf(h1) });
  const authors = ld.authors.map(plainText).filter(Boolean).join(', ');
  const image =
    resolve(ld.image) ??
    resolve(meta('og:image', 'og:image:url', 'twitter:image')) ??
    resolve(creditedImage) ??
    resolve(storyImage);

  // A page that no metadata or byline dates may still carry a machine-readable <time>, the story's own first.
  const shownTime = document
    .querySelector('article time[datetime], main time[datetime], header time[datetime], time[datetime]')
    ?.getAttribute('datetime');

  // Last, because Readability rewrites the document it reads.
  const notStory = [bylineElement, credit.element, teaser, h1, ...countries.elements, ...trending.elements].filter(
    (e): e is Element => e != null,
  );
  const body =
    attempt(() => extractBody(document, notStory), '') || attempt(() => paragraphsOfText(ld.articleBody ?? ''), '');

  const dateline = readDateline(body);
  const summary = summarize(
    firstText(
      ld.description,
      meta('og:description'),
      meta('description'),
      meta('twitter:description'),
      textOf(teaser),
    ) ?? body,
  );
  return {
    headline,
    summary,
    url,
    byline: firstText(authors, meta('author'), byline.author, visibleAuthor, byline.source),
    publishedAt:
      metadataDate(ld.datePublished, zone) ??
      metadataDate(
        meta('article:published_time', 'datePublished', 'og:published_time', 'date') ?? microdata('datePublished'),
        zone,
      ) ??
      byline.createdAt ??
      metadataDate(shownTime ?? undefined, zone),
    updatedAt:
      metadataDate(ld.dateModified, zone) ??
      metadataDate(
        meta('article:modified_time', 'dateModified', 'og:updated_time') ?? microdata('dateModified'),
        zone,
      ) ??
      byline.updatedAt,
    image,
    ...(image ? sharedImageFacts(meta) : {}),
    trending: trending.items,
    source: firstText(byline.source, ld.sourceOrganization, dateline?.source),
    location: firstText(byline.location, ld.dateline, dateline?.location),
    imageCredit: firstText(ld.imageCredit, credit.credit),
    countries: countries.countries,
    body,
  };
}

/** The first value that is still text once markup is dropped ("<b></b>" is not a headline). */
function firstText(...values: (string | undefined)[]): string | undefined {
  for (const value of values) {
    const text = plainText(value);
    if (text) return text;
  }
  return undefined;
}

/**
 * The page's canonical URL (its canonical link or og:url, without tracking parameters; else the
 * URL it was fetched from) and the base its relative links resolve against: <base href>, else the
 * canonical URL, else the fetched URL. The canonical URL goes before the fetched one so that links
 * keep one identity however the page was reached (a mirror, a tracking redirect, the local stack's
 * samples on a new port each start), and so that a page read from a file still has an http base.
 */
function pageUrls(document: Document, pageUrl: string): { url: string; linkBase?: string } {
  const fetched = canonicalUrl(pageUrl);
  const baseHref = document.querySelector('base[href]')?.getAttribute('href');
  const declaredBase = baseHref ? canonicalUrl(baseHref, fetched) : undefined;
  const declared = [
    document.querySelector('link[rel~="canonical"][href]')?.getAttribute('href'),
    metaContent(document, 'og:url'),
  ];
  // An empty href would resolve to the base itself, so only non-empty ones count.
  const canonical = declared
    .map((href) => (href?.trim() ? canonicalUrl(href, declaredBase ?? fetched) : undefined))
    .find(Boolean);
  const url = canonical ?? fetched ?? pageUrl;
  return { url, linkBase: declaredBase ?? canonical ?? fetched };
}

/** What the page says of the image it shares: its size in pixels and its alt text. */
function sharedImageFacts(meta: (...names: string[]) => string | undefined): ImageFacts {
  return imageFacts(meta('og:image:width'), meta('og:image:height'), meta('og:image:alt', 'twitter:image:alt'));
}
