import type { Article, TrendingItem } from '../core/model';
import { clusterArticles } from '../core/stories';

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
  score: number;
}

export interface TrendingEntry {
  rank: number;
  headline: string;
  url: string;
  region: string;
}

const headlineKey = (headline: string) =>
  headline.toLowerCase().normalize('NFKD').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/**
 * Groups articles into stories (same canonical URL or near-duplicate headline and lead); a
 * story's coverage is how many sources carry it, its link and headline those of its best source.
 */
export function groupStories(articles: Article[]): Story[] {
  return clusterArticles(articles).map((cluster) => {
    const sorted = [...cluster].sort((a, b) => b.weight - a.weight || a.publishedAt.localeCompare(b.publishedAt) || a.source.localeCompare(b.source));
    const lead = sorted[0] as Article;
    const links: Story['links'] = [];
    for (const article of sorted) if (!links.some((l) => l.source === article.source || l.url === article.url)) links.push({ source: article.source, url: article.url });
    return {
      id: lead.id,
      headline: lead.headline,
      summary: sorted.find((a) => a.summary)?.summary ?? '',
      url: lead.url,
      category: lead.category,
      publishedAt: sorted.reduce((latest, a) => (a.publishedAt > latest ? a.publishedAt : latest), lead.publishedAt),
      links,
      coverage: new Set(cluster.map((a) => a.source)).size,
      score: lead.weight,
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
    const isTrending = story.links.some((l) => trendingUrls.has(l.url)) || trendingHeadlines.has(headlineKey(story.headline));
    const score = 3 * (story.coverage - 1) + story.score + 2 / (1 + ageHours / 6) + (isTrending ? 2 : 0);
    return { ...story, score: Math.round(score * 1000) / 1000 };
  });
  return scored.sort((a, b) => b.score - a.score || b.publishedAt.localeCompare(a.publishedAt) || a.id.localeCompare(b.id));
}

/** Up to `limit` trending entries: the sources' own ranked lists first (best rank wins), then the widest-covered stories. */
export function buildTrending(trending: TrendingItem[], ranked: Story[], limit = 10, defaultRegion = 'Global'): TrendingEntry[] {
  const seen = new Set<string>();
  const entries: TrendingEntry[] = [];
  const ordered = [...trending].sort((a, b) => a.rank - b.rank || a.source.localeCompare(b.source));
  for (const item of ordered) {
    const key = headlineKey(item.headline);
    if (seen.has(item.url) || seen.has(key)) continue;
    seen.add(item.url).add(key);
    entries.push({ rank: 0, headline: item.headline, url: item.url, region: item.region });
  }
  for (const story of ranked.filter((s) => s.coverage > 1)) {
    if (seen.has(story.url) || seen.has(headlineKey(story.headline))) continue;
    seen.add(story.url);
    entries.push({ rank: 0, headline: story.headline, url: story.url, region: defaultRegion });
  }
  return entries.slice(0, limit).map((entry, i) => ({ ...entry, rank: i + 1 }));
}
