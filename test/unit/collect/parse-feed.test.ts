import { FeedParseError, parseFeed } from '../../../functions/collect/parse-feed';
import { fixture } from '../../helpers/fixtures';

describe('parseFeed', () => {
  it('reads RSS 2.0 items as plain text with canonical links, dates in UTC, byline and image', () => {
    const feed = parseFeed(fixture('feeds/rss2.xml'), 'https://gazette.example.org/rss');
    expect(feed.format).toBe('rss');
    expect(feed.title).toBe('Harbour Gazette & Times');
    expect(feed.items[0]).toEqual({
      headline: 'Council approves new ferry timetable',
      url: 'https://gazette.example.org/local/ferry-timetable?id=7',
      summary: 'The winter timetable adds two late sailings & a dawn crossing.',
      publishedAt: '2026-11-26T05:30:00.000Z',
      updatedAt: undefined,
      byline: 'Ana Ruiz',
      image: 'https://gazette.example.org/img/ferry.jpg',
    });
  });

  it('resolves relative links against the feed URL', () => {
    const feed = parseFeed(fixture('feeds/rss2.xml'), 'https://gazette.example.org/rss');
    expect(feed.items[1]?.url).toBe('https://gazette.example.org/local/market-hall');
  });

  it('skips items without an http(s) link or a title, and says why', () => {
    const feed = parseFeed(fixture('feeds/rss2.xml'), 'https://gazette.example.org/rss');
    expect(feed.items).toHaveLength(2);
    expect(feed.skipped).toEqual([
      { index: 2, reason: 'no http(s) link for "Item with a script link"' },
      { index: 3, reason: 'no title' },
    ]);
  });

  it('reads Atom with xml:base, HTML titles and offsets', () => {
    const feed = parseFeed(fixture('feeds/atom.xml'), 'https://desk.example.net/feed.atom');
    expect(feed.format).toBe('atom');
    expect(feed.title).toBe('Science & Tech Desk');
    expect(feed.items[0]).toMatchObject({
      headline: 'Probe lands on comet & sends first images',
      url: 'https://desk.example.net/news/space/probe-lands',
      summary: 'The lander touched down at 05:10 UTC.',
      publishedAt: '2026-11-26T05:15:00.000Z',
      updatedAt: '2026-11-26T05:45:00.000Z',
      byline: 'Desk Staff',
    });
  });

  it('reads RSS 1.0 (RDF) with Dublin Core dates and creators', () => {
    const feed = parseFeed(fixture('feeds/rdf.xml'), 'https://rdf.example.com/rss');
    expect(feed.format).toBe('rdf');
    expect(feed.items[0]).toMatchObject({ headline: 'Tram line extension opens', publishedAt: '2026-11-26T09:00:00.000Z', byline: 'Li Wei' });
  });

  it('reads JSON Feed 1.1', () => {
    const feed = parseFeed(fixture('feeds/feed.json'), 'https://json.example.com/feed.json');
    expect(feed.format).toBe('json');
    expect(feed.items[0]).toMatchObject({
      headline: 'Library extends evening hours',
      url: 'https://json.example.com/posts/library-hours',
      summary: 'Open until 10 p.m. from Monday.',
      publishedAt: '2026-11-26T15:00:00.000Z',
      byline: 'Sam Okafor',
    });
  });

  it('refuses a document that is no feed with an error naming the source', () => {
    expect(() => parseFeed(fixture('feeds/broken.xml'), 'https://x.example/feed', 'Broken Source')).toThrow(FeedParseError);
    expect(() => parseFeed(fixture('feeds/broken.xml'), 'https://x.example/feed', 'Broken Source')).toThrow(/^Broken Source: not a readable feed/);
  });
});
