import type { Article, StoryImage, TrendingEntry, TrendingItem } from '../core/model';
import { clusterArticles } from '../core/stories';
import { HTTPS_ONLY, type ImagePolicy, showsImage } from './image-policy';

/** A story: one event, told by one or more sources; its coverage is how many sources carry it. */
export interface Story {
  id: string;
  headline: string;
  summary: string;
  url: string;
  category: string;
  publishedAt: string;
  links: { source: string; url: string }[];
  coverage: number;
  /** Sources that picked the story up in the last hours before the edition: how fast it is rising. */
  rise: number;
  region: string;
  score: number;
  /** The picture of its best source that has one an email may show (https only; see image-policy). */
  image?: StoryImage;
}

/** The first image among the story's articles that an email may show, best source first. */
function storyImage(articles: Article[], policy: ImagePolicy): StoryImage | undefined {
  const article = articles.find((a) => a.image !== undefined && showsImage(a.image, policy));
  if (!article?.image) return undefined;
  return { url: article.image, width: article.imageWidth, height: article.imageHeight, alt: article.imageAlt };
}

const RISING_WINDOW_MS = 6 * 3600000;

export const headlineKey = (headline: string) =>
  headline
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/**
 * Groups articles into stories (same canonical URL or near-duplicate headline and lead); a
 * story's coverage is how many sources carry it, its link and headline those of its best source.
 */
export function groupStories(articles: Article[], now = new Date(), images: ImagePolicy = HTTPS_ONLY): Story[] {
  const recent = now.getTime() - RISING_WINDOW_MS;
  return clusterArticles(articles).map((cluster) => {
    const sorted = [...cluster].sort(
      (a, b) => b.weight - a.weight || a.publishedAt.localeCompare(b.publishedAt) || a.source.localeCompare(b.source),
    );
    const lead = sorted[0] as Article;
    const image = storyImage(sorted, images);
    const links: Story['links'] = [];
    for (const article of sorted)
      if (!links.some((l) => l.source === article.source || l.url === article.url))
        links.push({ source: article.source, url: article.url });
    return {
      id: lead.id,
      headline: lead.headline,
      summary: sorted.find((a) => a.summary)?.summary ?? '',
      url: lead.url,
      category: lead.category,
      publishedAt: sorted.reduce((latest, a) => (a.publishedAt > latest ? a.publishedAt : latest), lead.publishedAt),
      links,
      coverage: new Set(cluster.map((a) => a.source)).size,
      rise: new Set(cluster.filter((a) => Date.parse(a.publishedAt) >= recent).map((a) => a.source)).size,
      region: lead.region,
      score: lead.weight,
      ...(image ? { image } : {}),
    };
  });
}

/**
 * Ranks stories by coverage, source weight, recency and trending signals; the best first.
 * `score` starts as the best source weight of the story and ends as its rank score.
 */
export function rankStories(stories: Story[], trending: TrendingItem[], now: Date): Story[] {
  const trendingUrls = new Set(trending.map((t) => t.url));
  const trendingHeadlines = new Set(trending.map((t) => headlineKey(t.headline)));
  const scored = stories.map((story) => {
    const ageHours = Math.max(0, (now.getTime() - Date.parse(story.publishedAt)) / 3600000);
    const isTrending =
      story.links.some((l) => trendingUrls.has(l.url)) || trendingHeadlines.has(headlineKey(story.headline));
    const score = 3 * (story.coverage - 1) + story.score + 2 / (1 + ageHours / 6) + (isTrending ? 2 : 0);
    return { ...story, score: Math.round(score * 1000) / 1000 };
  });
  return scored.sort(
    (a, b) => b.score - a.score || b.publishedAt.localeCompare(a.publishedAt) || a.id.localeCompare(b.id),
  );
}

/** A story Daybreak's readers clicked, with its clicks in the 24 hours before the edition. */
export interface ReaderPick {
  url: string;
  headline: string;
  clicks: number;
}

type Signal = NonNullable<TrendingEntry['signal']>;

/** Reciprocal-rank fusion's damping: a first place in one list does not drown a second place in two. */
const FUSION_K = 10;
/** On equal scores: the sources' own lists, then readers, then rising coverage. */
const SIGNAL_ORDER: Signal[] = ['sources', 'readers', 'rising'];

interface Candidate {
  keys: string[];
  entry: Omit<TrendingEntry, 'rank' | 'signal'>;
  /** The entry's place in its signal's list, from 0. */
  place: number;
}

/**
 * Up to `limit` trending entries, ranked together from three signals by reciprocal-rank fusion: the
 * sources' own ranked lists (a source's #1 is at place 0), the stories whose coverage rose fastest
 * (picked up by two or more sources lately), and the stories Daybreak's readers clicked most
 * (`readers`, already cut at the minimum clicks). An entry found by several signals adds up their
 * scores; it says which signal placed it best.
 */
export function buildTrending(
  trending: TrendingItem[],
  ranked: Story[],
  limit = 10,
  readers: ReaderPick[] = [],
): TrendingEntry[] {
  const ordered = [...trending].sort((a, b) => a.rank - b.rank || a.source.localeCompare(b.source));
  const rising = ranked
    .filter((s) => s.rise > 1)
    .sort((a, b) => b.rise - a.rise || b.coverage - a.coverage || b.score - a.score);
  const byUrl = new Map(ranked.flatMap((story) => story.links.map((l) => [l.url, story] as const)));
  const lists: Record<Signal, Candidate[]> = {
    sources: ordered.map((item) => ({
      keys: [item.url, headlineKey(item.headline)],
      entry: { headline: item.headline, url: item.url, region: item.region },
      place: item.rank - 1,
    })),
    rising: rising.map((story, place) => ({
      keys: [...story.links.map((l) => l.url), headlineKey(story.headline)],
      entry: { headline: story.headline, url: story.url, region: story.region },
      place,
    })),
    readers: [...readers]
      .sort((a, b) => b.clicks - a.clicks || a.url.localeCompare(b.url))
      .map((pick, place) => {
        const story = byUrl.get(pick.url);
        return {
          keys: [...(story?.links.map((l) => l.url) ?? [pick.url]), headlineKey(story?.headline ?? pick.headline)],
          entry: { headline: pick.headline, url: pick.url, region: story?.region ?? 'Global' },
          place,
        };
      }),
  };
  const fused: { keys: Set<string>; entry: Candidate['entry']; score: number; best: number; signal: Signal }[] = [];
  for (const signal of SIGNAL_ORDER)
    for (const candidate of lists[signal]) {
      const score = 1 / (FUSION_K + candidate.place);
      const found = fused.find((f) => candidate.keys.some((key) => f.keys.has(key)));
      if (!found) {
        fused.push({
          keys: new Set([...candidate.keys, `signal:${signal}`]),
          entry: candidate.entry,
          score,
          best: score,
          signal,
        });
        continue;
      }
      // One signal's list names an entry once: a source's repeat of it adds nothing.
      if (found.keys.has(`signal:${signal}`)) continue;
      found.keys.add(`signal:${signal}`);
      for (const key of candidate.keys) found.keys.add(key);
      found.score += score;
      if (score > found.best) Object.assign(found, { best: score, signal });
    }
  return fused
    .map((f, order) => ({ ...f, order }))
    .sort(
      (a, b) =>
        b.score - a.score || SIGNAL_ORDER.indexOf(a.signal) - SIGNAL_ORDER.indexOf(b.signal) || a.order - b.order,
    )
    .slice(0, limit)
    .map((f, i) => ({ rank: i + 1, ...f.entry, signal: f.signal }));
}

export interface Section {
  title: string;
  stories: Story[];
}

/**
 * Lays the ranked stories out as the email shows them: the top `top` first, then one section per
 * category, sections in the order of their best story.
 */
export function layoutSections(ranked: Story[], top: number): Section[] {
  const sections: Section[] = [{ title: 'Top stories', stories: ranked.slice(0, top) }];
  const byCategory = new Map<string, Story[]>();
  for (const story of ranked.slice(top))
    byCategory.set(story.category, [...(byCategory.get(story.category) ?? []), story]);
  for (const [category, stories] of byCategory)
    sections.push({ title: category.charAt(0).toUpperCase() + category.slice(1), stories });
  return sections.filter((section) => section.stories.length > 0);
}
