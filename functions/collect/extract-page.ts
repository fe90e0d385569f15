import { parseHTML } from 'linkedom';
import { canonicalUrl, isoDate, plainText } from './normalize';

/** What Daybreak reads from an article page or a section page. */
export interface ExtractedPage {
  headline?: string;
  summary: string;
  url: string;
  byline?: string;
  publishedAt?: string;
  updatedAt?: string;
  image?: string;
  trending: { rank: number; headline: string; url: string; region: string }[];
}

type Loose = Record<string, unknown>;
const rec = (value: unknown): Loose => (value && typeof value === 'object' ? (value as Loose) : {});
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value : undefined);

/**
 * Reads a page's metadata (JSON-LD NewsArticle first, then OpenGraph and meta tags) and its ranked
 * "Trending" list, if it has one.
 */
export function extractPage(html: string, pageUrl: string): ExtractedPage {
  const { document } = parseHTML(html);
  const meta = (name: string) =>
    document.querySelector(`meta[property="${name}"], meta[name="${name}"]`)?.getAttribute('content') ?? undefined;
  const canonical = document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? undefined;
  const url = (canonical && canonicalUrl(canonical, pageUrl)) ?? canonicalUrl(pageUrl) ?? pageUrl;
  const ld = newsArticleLd(document);
  const image = text(ld.image) ?? text(rec(ld.image).url) ?? meta('og:image');
  return {
    headline: plainText(text(ld.headline) ?? meta('og:title') ?? document.querySelector('h1')?.textContent ?? undefined) || undefined,
    summary: plainText(text(ld.description) ?? meta('og:description') ?? meta('description')),
    url,
    byline: plainText(text(rec(Array.isArray(ld.author) ? ld.author[0] : ld.author).name) ?? meta('author')) || undefined,
    publishedAt: isoDate(text(ld.datePublished) ?? meta('article:published_time')),
    updatedAt: isoDate(text(ld.dateModified) ?? meta('article:modified_time')),
    image: image ? canonicalUrl(image, url) : undefined,
    trending: trendingList(document, url),
  };
}

function newsArticleLd(document: Document): Loose {
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? '');
    } catch {
      continue;
    }
    const candidates = [data, ...(Array.isArray(data) ? data : []), ...(Array.isArray(rec(data)['@graph']) ? (rec(data)['@graph'] as unknown[]) : [])];
    const article = candidates.map(rec).find((c) => /(News)?Article|ReportageNewsArticle/.test(String(c['@type'] ?? '')));
    if (article) return article;
  }
  return {};
}

/** The ranked list that follows a heading reading "Trending", with each item's region label. */
function trendingList(document: Document, baseUrl: string): ExtractedPage['trending'] {
  const heading = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].find((h) => /^\s*trending/i.test(h.textContent ?? ''));
  if (!heading) return [];
  const container = heading.closest('section, aside, div') ?? heading.parentElement;
  const items = [...(container?.querySelectorAll('li') ?? [])];
  const trending: ExtractedPage['trending'] = [];
  for (const li of items) {
    const link = li.querySelector('a[href]');
    const url = link ? canonicalUrl(link.getAttribute('href') ?? '', baseUrl) : undefined;
    const headline = plainText(link?.getAttribute('title') ?? link?.textContent ?? '');
    if (!url || !headline) continue;
    const region = plainText(li.querySelector('[class*="region"], [class*="tag"]')?.textContent ?? '') || 'Global';
    trending.push({ rank: trending.length + 1, headline, url, region });
  }
  return trending;
}
