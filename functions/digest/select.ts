import type { Article, TrendingItem } from '../core/model';

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

/** Groups articles into stories: the same canonical URL or the same normalized headline is one story. */
export function groupStories(articles: Article[]): Story[] {
  const byKey = new Map<string, Story>();
  const sorted = [...articles].sort((a, b) => b.weight - a.weight || a.publishedAt.localeCompare(b.publishedAt));
  for (const article of sorted) {
    const story = byKey.get(article.id) ?? byKey.get(headlineKey(article.headline));
    if (story) {
      if (!story.links.some((l) => l.source === article.source)) story.coverage++;
      if (!story.links.some((l) => l.url === article.url)) story.links.push({ source: article.source, url: article.url });
      if (!story.summary && article.summary) story.summary = article.summary;
      if (article.publishedAt > story.publishedAt) story.publishedAt = article.publishedAt;
      story.score = Math.max(story.score, article.weight);
      byKey.set(article.id, story);
      continue;
    }
    const created: Story = {
      id: article.id,
      headline: article.headline,
      summary: article.summary,
      url: article.url,
      category: article.category,
      publishedAt: article.publishedAt,
      links: [{ source: article.source, url: article.url }],
      coverage: 1,
      score: article.weight,
    };
    byKey.set(article.id, created);
    byKey.set(headlineKey(article.headline), created);
  }
  return [...new Set(byKey.values())];
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
