import { discoverFeeds } from '../../../functions/collect/discover-feeds';
import { fixture } from '../../helpers/fixtures';

describe('discoverFeeds', () => {
  it('lists the RSS, Atom and JSON feeds a page announces, resolved against <base href>, http(s) only, once each, in document order', () => {
    expect(discoverFeeds(fixture('feeds/page-with-feeds.html'), 'https://riverside.example.com/today')).toEqual([
      'https://riverside.example.com/news/rss.xml',
      'https://riverside.example.com/news/atom.xml',
      'https://riverside.example.com/news/feed.json',
    ]);
  });

  it('resolves against the page URL when there is no <base>, and reads a fragment of a page', () => {
    expect(
      discoverFeeds(
        '<link rel="alternate" type="application/rss+xml" href="../rss">',
        'https://example.org/news/today',
      ),
    ).toEqual(['https://example.org/rss']);
  });

  it('reads rel as a list of words and type without its parameters, in any case', () => {
    const html =
      '<link rel="feed Alternate" type="Application/Atom+XML; charset=utf-8" href="/atom"><link rel="alternate" type="application/json" href="/feed.json">';
    expect(discoverFeeds(html, 'https://example.org/')).toEqual([
      'https://example.org/atom',
      'https://example.org/feed.json',
    ]);
  });

  it.each([
    ['no alternate links', fixture('feeds/page-without-feeds.html')],
    [
      'alternates that are no feeds',
      '<link rel="alternate" type="text/html" hreflang="fr" href="/fr/"><link rel="stylesheet" type="application/rss+xml" href="/x">',
    ],
    ['an empty href', '<link rel="alternate" type="application/rss+xml" href="">'],
    ['an empty document', ''],
  ])('finds nothing in a page with %s', (_, html) => {
    expect(discoverFeeds(html, 'https://example.org/')).toEqual([]);
  });

  it('drops relative feed links when the page address is unusable, rather than throwing', () => {
    expect(
      discoverFeeds(
        '<link rel="alternate" type="application/rss+xml" href="/rss"><link rel="alternate" type="application/rss+xml" href="https://ok.example/rss">',
        'not a url',
      ),
    ).toEqual(['https://ok.example/rss']);
  });
});
