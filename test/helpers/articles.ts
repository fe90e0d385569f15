import type { Article } from '../../functions/core/model';
import type { Story } from '../../functions/digest/select';

export function article(overrides: Partial<Article> & Pick<Article, 'headline'>): Article {
  const slug = overrides.headline.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const url = overrides.url ?? `https://news.example.com/${slug}`;
  return {
    id: overrides.id ?? slug,
    url,
    summary: '',
    source: 'Example News',
    edition: 'global',
    category: 'news',
    region: 'Global',
    weight: 1,
    publishedAt: '2026-11-26T06:00:00.000Z',
    ...overrides,
  };
}

export function stories(count: number, make: (i: number) => Partial<Story> = () => ({})): Story[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `story-${i}`,
    headline: `Story number ${i + 1} about the harbour, the council and the weather this week`,
    summary:
      'A two-sentence summary of the story, long enough to look like a real teaser. It runs to about two lines on a phone.',
    url: `https://news.example.com/2026/11/26/story-${i + 1}-about-the-harbour`,
    category: 'news',
    publishedAt: '2026-11-26T06:00:00.000Z',
    links: [
      { source: 'Example News', url: `https://news.example.com/2026/11/26/story-${i + 1}-about-the-harbour` },
      { source: 'Other Desk', url: `https://other.example.org/world/story-${i + 1}` },
    ],
    coverage: 2,
    rise: 0,
    region: 'Global',
    score: 1,
    ...make(i),
  }));
}
