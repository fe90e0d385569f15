import { canonicalUrl, plainText } from '../normalize';
import type { TrendingEntry } from '../../core/model';
import { allElements, classWords, elementsAroundText, outermost, textOf } from './dom';

/**
 * A page's ranked "Trending" list. Sites print each entry as a rank number, the headline, often a
 * truncated repeat of it ("Health News Roundup: Analysis-Launch of ...") and a region label
 * ("Global", "India"); the repeat is folded into the full headline.
 */
export function findTrending(
  document: Document,
  baseUrl: string | undefined,
): { items: TrendingEntry[]; elements: Element[] } {
  for (const heading of trendingHeadings(document).slice(0, MAX_HEADINGS)) {
    const scope = scopeAfter(heading);
    const items = rankAndFold(itemElements(scope).flatMap((element) => readItem(element, baseUrl) ?? []));
    if (items.length) return { items, elements: [heading, ...scope] };
  }
  return { items: [], elements: [] };
}

const HEADING = 'h1, h2, h3, h4, h5, h6';
const TRENDING_HEADING = /^trending\b/i;
const TRENDING_LABEL = /^trending(?:\s+(?:now|news|stories|today))?\s*:?$/i;
const ELLIPSIS = /(?:\.{3}|…)$/;
const RANK = /^#?(\d{1,3})[.)]?$/;
const REGION_WORDS = new Set(['region', 'edition', 'geo', 'country', 'location', 'tag']);
const DEFAULT_REGION = 'Global';
/** Trending lists run to a dozen or two; a page with thousands of entries is not one, and must not cost n² time. */
const MAX_ENTRIES = 100;
const MAX_HEADINGS = 5;
const BLOCK_ELEMENTS = 'div, p, h1, h2, h3, h4, h5, h6, ul, ol, li, section, article, header, footer, figure, table';

const headingLevel = (element: Element): number | undefined => {
  const match = /^H([1-6])$/.exec(element.tagName);
  return match ? Number(match[1]) : undefined;
};

/** Headings reading "Trending ...", then other short labels reading just "Trending" (not menu links). */
function trendingHeadings(document: Document): Element[] {
  const outsideMenus = (element: Element) => !element.closest('nav, a, script, style, template, noscript');
  const headings = allElements(document, HEADING).filter((h) => outsideMenus(h) && TRENDING_HEADING.test(textOf(h)));
  const labels = elementsAroundText(document, /trending/i, 40).filter(
    (element) =>
      !headingLevel(element) &&
      outsideMenus(element) &&
      TRENDING_LABEL.test(textOf(element)) &&
      ![...element.children].some((child) => TRENDING_LABEL.test(textOf(child))),
  );
  return [...headings, ...labels];
}

/**
 * The elements that follow the heading up to the next heading of its rank, climbing out of
 * wrappers ("<div class=head><h3>Trending</h3></div><div class=list>...") a few levels at most.
 */
function scopeAfter(heading: Element): Element[] {
  const level = headingLevel(heading) ?? 3;
  let node: Element | null = heading;
  for (let up = 0; up < 4 && node && node.tagName !== 'BODY'; up++, node = node.parentElement) {
    const following: Element[] = [];
    for (let sibling = node.nextElementSibling; sibling; sibling = sibling.nextElementSibling) {
      if (startsAnotherSection(sibling, level)) break;
      following.push(sibling);
    }
    if (following.some((element) => element.matches('a[href]') || element.querySelector('a[href]'))) return following;
  }
  return [];
}

/** The story itself, a heading of the same or higher rank, or a box that opens with one that is not itself a link. */
function startsAnotherSection(element: Element, level: number): boolean {
  if (element.matches('article, main') || element.querySelector('article, main')) return true;
  let first: Element | null = element;
  while (first && !headingLevel(first) && first.firstElementChild) first = first.firstElementChild;
  const firstLevel = first ? headingLevel(first) : undefined;
  if (!first || firstLevel === undefined || firstLevel > level) return false;
  return first === element || !first.querySelector('a[href]');
}

/** The entries' elements: list items if there are any, else the most repeated kind of child. */
function itemElements(scope: Element[]): Element[] {
  const withLink = (element: Element) => element.matches('a[href]') || element.querySelector('a[href]') !== null;
  const listItems = scope
    .flatMap((element) => [element, ...element.querySelectorAll('li')])
    .filter((element) => element.tagName === 'LI' && withLink(element));
  const items = outermost(listItems);
  if (items.length) return items.slice(0, MAX_ENTRIES);

  let best: Element[] = [];
  const groups = [
    scope,
    ...scope.flatMap((element) => [element, ...element.querySelectorAll('*')]).map((element) => [...element.children]),
  ];
  for (const group of groups) {
    const buckets = new Map<string, Element[]>();
    for (const element of group.filter(withLink)) {
      const signature = `${element.tagName}.${classWords(element)[0] ?? ''}`;
      buckets.set(signature, [...(buckets.get(signature) ?? []), element]);
    }
    for (const bucket of buckets.values()) if (bucket.length > best.length) best = bucket;
  }
  return best.slice(0, MAX_ENTRIES);
}

interface RawItem extends TrendingEntry {
  visibleRank?: number;
}

function readItem(element: Element, baseUrl: string | undefined): RawItem | undefined {
  const links = [element, ...element.querySelectorAll('a[href]')]
    .filter((link) => link.matches('a[href]'))
    .map((link) => ({ link, url: canonicalUrl(link.getAttribute('href') ?? '', baseUrl) }))
    .filter((entry): entry is { link: Element; url: string } => entry.url !== undefined);
  // The headline's link is the one with the most text; a region may be a short link of its own.
  const main = links.sort((a, b) => textOf(b.link).length - textOf(a.link).length)[0];
  if (!main) return undefined;

  const segments = textSegments(element);
  const rankSegment = segments.find((segment) => RANK.test(segment.text));
  const visibleRank = rankSegment ? Number(RANK.exec(rankSegment.text)?.[1]) : undefined;
  const region = regionOf(element, segments, rankSegment, main.link);

  // Texts that are one line each: elements holding no blocks (a link around two <div>s, the full
  // headline and its cut repeat, would otherwise read as both run together), and bare text.
  const lines = [...element.querySelectorAll('*')]
    .filter((descendant) => !descendant.querySelector(BLOCK_ELEMENTS))
    .map(textOf);
  const candidates = [main.link.getAttribute('title') ?? '', ...lines, ...segments.map((segment) => segment.text)]
    .map((text) => stripRankAndRegion(plainText(text), visibleRank, region))
    .filter((text) => text && !RANK.test(text) && text !== region);
  const byLength = candidates.sort((a, b) => b.length - a.length);
  const headline = byLength.find((text) => !ELLIPSIS.test(text)) ?? byLength[0];
  if (!headline) return undefined;
  return { rank: 0, headline, url: main.url, region: region ?? DEFAULT_REGION, visibleRank };
}

interface Segment {
  text: string;
  node: Node;
}

function textSegments(root: Node): Segment[] {
  const segments: Segment[] = [];
  const walk = (node: Node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === 3) {
        const text = plainText(child.textContent ?? '');
        if (text) segments.push({ text, node: child });
      } else if (child.nodeType === 1 && !['SCRIPT', 'STYLE', 'TEMPLATE'].includes((child as Element).tagName))
        walk(child);
    }
  };
  walk(root);
  return segments;
}

/**
 * The item's region label: an element classed as one, else a short last piece of text that stands
 * on its own (not a word inside the headline's link, not the rank, not the truncated repeat).
 */
function regionOf(
  item: Element,
  segments: Segment[],
  rank: Segment | undefined,
  headlineLink: Element,
): string | undefined {
  const classed = [...item.querySelectorAll('*')].find((element) =>
    classWords(element).some((word) => REGION_WORDS.has(word)),
  );
  const classedText = classed ? textOf(classed) : '';
  if (classedText && classedText.length <= 40) return classedText;

  const last = segments[segments.length - 1];
  if (!last || last === rank || segments.length < 2 || headlineLink.contains(last.node)) return undefined;
  const words = last.text.split(' ');
  if (last.text.length > 30 || words.length > 4 || ELLIPSIS.test(last.text) || !/^\p{L}/u.test(last.text))
    return undefined;
  const holder = last.node.parentElement;
  const insideLongerLink = holder?.closest('a') && textOf(holder.closest('a')) !== last.text;
  const insideLongerBlock = holder && holder !== item && textOf(holder) !== last.text;
  return insideLongerLink || insideLongerBlock ? undefined : last.text;
}

function stripRankAndRegion(text: string, rank: number | undefined, region: string | undefined): string {
  let result = text;
  if (rank !== undefined) result = result.replace(new RegExp(`^#?${rank}[.)]?\\s+`), '');
  if (region && result.endsWith(` ${region}`)) result = result.slice(0, -region.length).trimEnd();
  return result;
}

/** Folds repeats (same link, or a truncated copy of another headline) and numbers the list 1, 2, 3 in rank order. */
function rankAndFold(raw: RawItem[]): TrendingEntry[] {
  const folded: RawItem[] = [];
  for (const item of raw) {
    const same = folded.find(
      (kept) =>
        kept.url === item.url || truncates(item.headline, kept.headline) || truncates(kept.headline, item.headline),
    );
    if (!same) {
      folded.push({ ...item });
      continue;
    }
    if (
      truncates(same.headline, item.headline) ||
      (!ELLIPSIS.test(item.headline) && item.headline.length > same.headline.length)
    )
      same.headline = item.headline;
    if (same.region === DEFAULT_REGION) same.region = item.region;
    same.visibleRank = Math.min(same.visibleRank ?? Infinity, item.visibleRank ?? Infinity);
  }
  const ranks = folded.map((item) => item.visibleRank);
  const trustRanks =
    ranks.every((rank) => rank !== undefined && Number.isFinite(rank)) && new Set(ranks).size === ranks.length;
  const ordered = trustRanks ? [...folded].sort((a, b) => (a.visibleRank ?? 0) - (b.visibleRank ?? 0)) : folded;
  return ordered.map((item, index) => ({
    rank: index + 1,
    headline: item.headline,
    url: item.url,
    region: item.region,
  }));
}

/** "Qatar fund in talks for ..." is a cut copy of "Qatar fund in talks for $1bn stake". */
function truncates(short: string, long: string): boolean {
  if (!ELLIPSIS.test(short) || short === long) return false;
  const stem = short.replace(ELLIPSIS, '').trimEnd();
  return stem.length >= 10 && long.startsWith(stem);
}
