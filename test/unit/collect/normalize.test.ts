import { canonicalUrl, clip, hostOf, isoDate, plainText } from '../../../functions/collect/normalize';

describe('canonicalUrl', () => {
  it.each([
    ['https://Example.com/a?utm_source=x&utm_medium=y&id=3#top', 'https://example.com/a?id=3'],
    ['https://example.com/a?fbclid=abc&gclid=def', 'https://example.com/a'],
    ['/relative/path?utm_campaign=z', 'https://base.example/relative/path'],
    ['https://example.com/a?wt_mc=rss.feed&ocid=msn&cmpid=nl', 'https://example.com/a'],
    ['https://example.com/a?mc_cid=1&mc_eid=2&page=2', 'https://example.com/a?page=2'],
    ['https://example.com/a?__twitter_impression=true&_hsenc=p2&_hsmi=9', 'https://example.com/a'],
    ['https://example.com/timetable?item&utm_source=rss', 'https://example.com/timetable?item'],
    ['https://example.com/search?q=a+b&sort=&x=%20y', 'https://example.com/search?q=a+b&sort=&x=%20y'],
  ])('turns %s into %s', (raw, expected) => {
    expect(canonicalUrl(raw, 'https://base.example/feed')).toBe(expected);
  });

  it.each(['javascript:alert(1)', 'data:text/html,<b>x</b>', 'mailto:a@b.c', 'ftp://example.com/x', 'http://'])(
    'drops %s',
    (raw) => {
      expect(canonicalUrl(raw)).toBeUndefined();
    },
  );

  it('is idempotent', () => {
    const once = canonicalUrl('https://example.com/x?b=2&utm_source=s&a=1#f');
    expect(canonicalUrl(once ?? '')).toBe(once);
  });
});

describe('plainText', () => {
  it('drops tags, scripts and styles and decodes entities', () => {
    expect(plainText('<p>Fish &amp; chips</p><script>alert(1)</script><style>p{}</style> &lt;b&gt;')).toBe(
      'Fish & chips <b>',
    );
  });

  it('removes control characters and collapses whitespace', () => {
    expect(plainText('a\u0000b\u0007  \n c')).toBe('a b c');
  });
});

describe('isoDate', () => {
  it('turns RFC 822 and ISO dates with offsets into UTC ISO 8601', () => {
    expect(isoDate('Thu, 26 Nov 2026 06:30:00 +0100')).toBe('2026-11-26T05:30:00.000Z');
    expect(isoDate('2026-11-26T11:12:00+05:30')).toBe('2026-11-26T05:42:00.000Z');
  });

  it('gives undefined for what is no date', () => {
    expect(isoDate('yesterday-ish')).toBeUndefined();
    expect(isoDate(undefined)).toBeUndefined();
  });
});

describe('clip', () => {
  it('cuts at a word boundary with an ellipsis', () => {
    expect(clip('one two three four', 10)).toBe('one two…');
    expect(clip('short', 10)).toBe('short');
  });
});

describe('hostOf', () => {
  it('names a site by its host and port, in lower case', () => {
    expect(hostOf('https://News.Example.com/world/rss')).toBe('news.example.com');
    expect(hostOf('http://127.0.0.1:8080/feed')).toBe('127.0.0.1:8080');
    expect(hostOf('not a url')).toBe('not a url');
  });
});
