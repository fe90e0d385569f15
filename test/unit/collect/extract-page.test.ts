import { extractPage } from '../../../functions/collect/extract-page';
import { fixture } from '../../helpers/fixtures';

describe('extractPage', () => {
  const page = extractPage(fixture('pages/article-with-trending.html'), 'https://wire.example.com/world/port-deal?ref=home');

  it('prefers JSON-LD NewsArticle metadata (inside @graph) over OpenGraph', () => {
    expect(page.headline).toBe('Port authority signs deal on clean shipping');
    expect(page.summary).toBe('Ships calling at the port must cut emissions by 2030.');
    expect(page.byline).toBe('Example Wire');
    expect(page.publishedAt).toBe('2026-11-26T05:42:00.000Z');
    expect(page.updatedAt).toBe('2026-11-26T06:30:00.000Z');
  });

  it('uses the canonical link without tracking parameters as the URL, and resolves the image against it', () => {
    expect(page.url).toBe('https://wire.example.com/world/port-deal');
    expect(page.image).toBe('https://wire.example.com/images/port.jpg');
  });

  it('reads the ranked trending list with region labels, dropping non-http links', () => {
    expect(page.trending).toEqual([
      { rank: 1, headline: 'Health roundup: clinics extend hours', url: 'https://wire.example.com/health/roundup', region: 'Global' },
      { rank: 2, headline: 'Sovereign fund in talks for retail stake', url: 'https://wire.example.com/business/fund-stake', region: 'India' },
    ]);
  });

  it('finds no trending list on a page without one', () => {
    expect(extractPage('<html><body><h1>Just a story</h1></body></html>', 'https://x.example/a').trending).toEqual([]);
  });
});
