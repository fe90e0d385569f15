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

  it('skips items without an http(s) link or any text, and says why with what it read', () => {
    const feed = parseFeed(fixture('feeds/rss2.xml'), 'https://gazette.example.org/rss');
    expect(feed.items).toHaveLength(2);
    expect(feed.skipped).toEqual([
      {
        index: 2,
        reason: 'no http(s) link for "Item with a script link"',
        title: 'Item with a script link',
        link: 'javascript:alert(1)',
      },
      {
        index: 3,
        reason: 'no title, and no text to take one from',
        link: 'https://gazette.example.org/untitled',
      },
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
    expect(feed.items[0]).toMatchObject({
      headline: 'Tram line extension opens',
      publishedAt: '2026-11-26T09:00:00.000Z',
      byline: 'Li Wei',
    });
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
    expect(() => parseFeed(fixture('feeds/broken.xml'), 'https://x.example/feed', 'Broken Source')).toThrow(
      FeedParseError,
    );
    expect(() => parseFeed(fixture('feeds/broken.xml'), 'https://x.example/feed', 'Broken Source')).toThrow(
      /^Broken Source: not a readable feed/,
    );
  });
});

describe('parseFeed: formats', () => {
  it('reads JSON Feed 1.0, whose single author is an object, with dates in the source’s zone', () => {
    const feed = parseFeed(fixture('feeds/feed-1.0.json'), 'https://oldjson.example.com/feed.json', 'Old JSON', {
      timezone: 'America/New_York',
    });
    expect(feed.format).toBe('json');
    expect(feed.items).toEqual([
      {
        headline: 'Ferry & bus passes merge',
        url: 'https://oldjson.example.com/posts/ferry',
        summary: 'One card for both from January.',
        publishedAt: '2026-11-26T14:00:00.000Z',
        updatedAt: undefined,
        byline: 'Rita Moss',
        image: 'https://oldjson.example.com/img/card.png',
      },
    ]);
    expect(feed.skipped).toEqual([expect.objectContaining({ index: 1, reason: 'no link for "No link at all"' })]);
  });

  it('resolves a relative xml:base against the feed URL, then an entry’s own xml:base against that', () => {
    const feed = parseFeed(fixture('feeds/atom-relative-base.xml'), 'https://relative.example.net/feeds/main.atom');
    expect(feed.items.map((item) => item.url)).toEqual([
      'https://relative.example.net/desk/science/glacier-survey',
      'https://relative.example.net/desk/permalink',
    ]);
  });

  it('drops links that are not http(s), with the reason', () => {
    const feed = parseFeed(fixture('feeds/atom-relative-base.xml'), 'https://relative.example.net/feeds/main.atom');
    expect(feed.skipped).toEqual([
      expect.objectContaining({ index: 2, reason: 'no http(s) link for "Only a mailto link"' }),
    ]);
  });

  it('keeps absolute links when the base URL it is given is unusable', () => {
    const feed = parseFeed(fixture('feeds/rss2.xml'), 'not a url');
    expect(feed.items.map((item) => item.url)).toEqual(['https://gazette.example.org/local/ferry-timetable?id=7']);
    expect(feed.skipped.map((skip) => skip.reason)).toContain('no http(s) link for "Market hall to open on Sundays"');
  });

  it('reads an Atom feed wrapped in an XHTML page', () => {
    const feed = parseFeed(fixture('feeds/html-wrapped.atom'), 'https://wrapped.example.org/feed');
    expect(feed).toMatchObject({
      format: 'atom',
      title: 'Wrapped Weekly',
      items: [{ headline: 'Wrapped entry one', url: 'https://wrapped.example.org/one' }],
    });
  });
});

describe('parseFeed: hard inputs', () => {
  it('returns the items before the break of a truncated RSS feed and reports the cut item', () => {
    const feed = parseFeed(fixture('feeds/truncated.rss'), 'https://courier.example.org/rss');
    expect(feed.items.map((item) => item.headline)).toEqual([
      'Reservoir reaches record level',
      'Night buses return to the valley',
    ]);
    expect(feed.skipped).toEqual([
      { index: 2, reason: expect.stringMatching(/cut off \(truncated\) inside this item/) },
    ]);
  });

  it('returns the entries before the break of a truncated Atom feed, keeping its xml:base', () => {
    const feed = parseFeed(fixture('feeds/truncated.atom'), 'https://dispatch.example.net/atom');
    expect(feed.title).toBe('Coastal Dispatch');
    expect(feed.items.map((item) => item.url)).toEqual([
      'https://dispatch.example.net/stories/ferry-strike',
      'https://dispatch.example.net/stories/seal-count',
    ]);
    expect(feed.skipped).toHaveLength(1);
  });

  it('reports a feed cut off between items as truncated too', () => {
    const whole = fixture('feeds/truncated.rss');
    const cut = whole.slice(0, whole.lastIndexOf('</item>') + '</item>'.length);
    const feed = parseFeed(cut, 'https://courier.example.org/rss');
    expect(feed.items).toHaveLength(2);
    expect(feed.skipped).toEqual([
      { index: 2, reason: expect.stringMatching(/cut off \(truncated\) after the last complete item/) },
    ]);
  });

  it('returns the items before the break of a cut-off JSON Feed and reports the cut item', () => {
    const whole = fixture('feeds/feed.json');
    const items = (JSON.parse(whole) as { items: unknown[] }).items.length;
    const cut = whole.slice(0, whole.lastIndexOf('"title"'));
    const feed = parseFeed(cut, 'https://json.example.com/feed.json');
    expect(feed.format).toBe('json');
    expect(feed.items).toHaveLength(items - 1);
    expect(feed.items[0]).toMatchObject({
      headline: 'Library extends evening hours',
      url: 'https://json.example.com/posts/library-hours',
    });
    expect(feed.skipped).toEqual([
      { index: items - 1, reason: expect.stringMatching(/cut off \(truncated\) inside this item/) },
    ]);
  });

  it('reads a JSON Feed cut off between items, whatever "title" its strings hold', () => {
    const doc = {
      version: 'https://jsonfeed.org/version/1.1',
      title: 'items',
      items: [
        { id: '1', title: 'Brackets } and "quotes" ] in a title', url: 'https://json.example.com/1' },
        { id: '2', title: 'Second', url: 'https://json.example.com/2' },
      ],
    };
    const whole = JSON.stringify(doc);
    const feed = parseFeed(whole.slice(0, whole.lastIndexOf('}]') + 1), 'https://json.example.com/feed.json');
    expect(feed.items.map((item) => item.headline)).toEqual(['Brackets } and "quotes" ] in a title', 'Second']);
    expect(feed.skipped).toEqual([{ index: 2, reason: expect.stringMatching(/after the last complete item/) }]);
  });

  it('refuses a feed cut off before its first complete item, saying so', () => {
    const whole = fixture('feeds/truncated.rss');
    expect(() =>
      parseFeed(whole.slice(0, whole.indexOf('</item>')), 'https://courier.example.org/rss', 'Courier'),
    ).toThrow('Courier: not a readable feed (the document is cut off (truncated) before its first complete item)');
  });

  it('reads around broken markup: stray ampersands, unclosed inline tags, an unclosed element that swallows the items', () => {
    const feed = parseFeed(fixture('feeds/broken-markup.rss'), 'https://chips.example.com/rss');
    expect(feed.title).toBe('Fish & Chips Weekly');
    expect(feed.items.map((item) => [item.headline, item.url])).toEqual([
      ['Salt & vinegar prices rise again', 'https://chips.example.com/a?x=1&y=2'],
      ["AT&T and R&D: a chip shop's guide", 'https://chips.example.com/b'],
      ['Harbour stall wins award', 'https://chips.example.com/d'],
    ]);
    expect(feed.skipped).toEqual([
      { index: 2, reason: 'the item never closes (the XML is not well-formed), so it could not be read' },
    ]);
  });

  it('turns CDATA with markup into plain text and keeps a CDATA link intact', () => {
    const feed = parseFeed(fixture('feeds/cdata-markup.rss'), 'https://ledger.example.com/rss');
    expect(feed.title).toBe('The Evening Ledger');
    expect(feed.items[0]).toMatchObject({
      headline: 'Mayor says "no" to tower & park swap',
      url: 'https://ledger.example.com/city/tower?p=1&q=2',
      summary: 'The plan was rejected. Next vote in May & June.',
    });
    expect(feed.items[1]).toMatchObject({ headline: 'Mixed quoted headline', summary: 'Escaped & markup' });
  });

  it('decodes HTML named entities that XML does not define, and numeric ones', () => {
    const feed = parseFeed(fixture('feeds/html-entities.rss'), 'https://cafe.example.fr/rss');
    expect(feed.title).toBe('Café Société');
    expect(feed.items[0]).toMatchObject({ headline: 'Prices rise — again', summary: 'Crème brûlée … © 2026' });
    expect(feed.items[1]?.headline).toBe('Numeric: été — ’quoted’');
  });

  it('reads odd dates: named zones, two-digit years, zone-less dates in the source’s zone; garbage gives no date', () => {
    const feed = parseFeed(fixture('feeds/odd-dates.rss'), 'https://dates.example.com/rss', 'Dates', {
      timezone: 'Europe/Berlin',
    });
    expect(Object.fromEntries(feed.items.map((item) => [item.headline, item.publishedAt]))).toEqual({
      Eastern: '2026-11-26T06:30:00.000Z',
      'Pacific daylight': '2026-07-07T06:30:00.000Z',
      'Two-digit year': '2026-11-26T06:30:00.000Z',
      'ISO without zone': '2026-11-26T05:30:00.000Z',
      'Database style': '2026-11-26T05:30:00.000Z',
      Garbage: undefined,
      India: '2026-11-26T06:30:00.000Z',
      Portuguese: '2026-11-26T06:30:00.000Z',
    });
  });

  it('reads zone-less dates as UTC when no zone is given', () => {
    const feed = parseFeed(fixture('feeds/odd-dates.rss'), 'https://dates.example.com/rss');
    expect(feed.items.find((item) => item.headline === 'Database style')?.publishedAt).toBe('2026-11-26T06:30:00.000Z');
  });
});

describe('parseFeed: hostile and unreadable documents', () => {
  const REFUSED =
    'Laughs: not a readable feed (refused: the document declares entities (<!ENTITY>), which Daybreak does not expand)';

  it('refuses billion laughs quickly, with a clear message', () => {
    const started = performance.now();
    expect(() => parseFeed(fixture('feeds/billion-laughs.xml'), 'https://laughs.example.com/rss', 'Laughs')).toThrow(
      REFUSED,
    );
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses a 1 MB billion-laughs document, padded to look like a big feed, well within a second', () => {
    const [prolog = '', rest = ''] = fixture('feeds/billion-laughs.xml').split(']>');
    const hostile = `${prolog}${'<!-- padding -->\n'.repeat(65536)}]>${rest}`;
    expect(hostile.length).toBeGreaterThan(1024 * 1024);
    const started = performance.now();
    expect(() => parseFeed(hostile, 'https://laughs.example.com/rss', 'Laughs')).toThrow(REFUSED);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses quadratic blowup (one large entity referenced many times)', () => {
    const hostile = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "${'A'.repeat(50000)}">]><rss version="2.0"><channel><title>${'&a;'.repeat(300000)}</title></channel></rss>`;
    const started = performance.now();
    expect(() => parseFeed(hostile, 'https://q.example.com/rss', 'Laughs')).toThrow(REFUSED);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses external entities, and a declaration hidden after a comment that looks like a tag', () => {
    expect(() => parseFeed(fixture('feeds/external-entity.xml'), 'https://innocent.example.com/rss', 'Laughs')).toThrow(
      REFUSED,
    );
    const hidden =
      '<?xml version="1.0"?><!DOCTYPE rss [<!-- <a> --><!ENTITY x "y">]><rss><channel><item><title>&x;</title><link>https://a.example/</link></item></channel></rss>';
    expect(() => parseFeed(hidden, 'https://a.example/rss', 'Laughs')).toThrow(REFUSED);
  });

  it('accepts a DOCTYPE without entity declarations, as RSS 0.91 feeds have', () => {
    const rss091 =
      '<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss version="0.91"><channel><title>Old</title><item><title>Still here</title><link>https://old.example/1</link></item></channel></rss>';
    expect(parseFeed(rss091, 'https://old.example/rss').items).toHaveLength(1);
  });

  it('does not mistake "<!ENTITY" in an article’s text for a declaration', () => {
    const feed = parseFeed(
      '<rss version="2.0"><channel><title>XML tips</title><item><title>Why &lt;!ENTITY&gt; is dangerous</title><link>https://tips.example/1</link><description><![CDATA[Never expand <!ENTITY lol "lol">]]></description></item></channel></rss>',
      'https://tips.example/rss',
    );
    expect(feed.items[0]?.headline).toBe('Why <!ENTITY> is dangerous');
  });

  it.each([
    ['an empty document', '', 'the document is empty'],
    ['only whitespace', ' \n\t ', 'the document is empty'],
    ['an HTML page', fixture('feeds/page-without-feeds.html'), 'an HTML page, not a feed'],
    ['plain text', 'hello', 'neither XML nor JSON)'],
    ['XML that is no feed', '<catalog><book>1</book></catalog>', 'no RSS, Atom or RDF root element)'],
    ['broken JSON', '{"version": "https://jsonfeed.org/version/1.1", "items": [', 'invalid JSON)'],
    ['JSON broken after a secret', '{"token": "s3cret-value" oops', 'invalid JSON)'],
    ['JSON that is no feed', '{"hello": "world"}', 'JSON, but not a JSON Feed'],
  ])('refuses %s with a reason', (_, body, reason) => {
    expect(() => parseFeed(body, 'https://x.example/feed', 'Source')).toThrow(`Source: not a readable feed (${reason}`);
  });

  it('refuses an unknown time zone with a FeedParseError rather than a RangeError', () => {
    expect(() =>
      parseFeed(fixture('feeds/rss2.xml'), 'https://x.example/feed', 'Source', { timezone: 'Mars/Olympus' }),
    ).toThrow(FeedParseError);
  });

  it('gives a feed without usable items as empty, each item skipped with its reason', () => {
    const feed = parseFeed(fixture('feeds/no-usable-items.rss'), 'https://x.example/feed');
    expect(feed.items).toEqual([]);
    expect(feed.skipped).toEqual([
      expect.objectContaining({ index: 0, reason: 'no link for "An item with neither title nor link"' }),
      expect.objectContaining({ index: 1, reason: 'no http(s) link for "Script link"' }),
    ]);
  });
});

describe('parseFeed: a picture offered in several sizes', () => {
  it('takes the widest media:content, even without medium or type (as the Guardian writes it)', () => {
    const rss = `<?xml version="1.0"?><rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>Desk</title>
      <item><title>Ferry service resumes</title><link>https://desk.example/ferry</link>
        <media:content width="140" url="https://img.desk.example/ferry.jpg?w=140"/>
        <media:content width="460" url="https://img.desk.example/ferry.jpg?w=460"/>
      </item></channel></rss>`;
    const [item] = parseFeed(rss, 'https://desk.example/feed').items;
    expect(item).toMatchObject({ image: 'https://img.desk.example/ferry.jpg?w=460', imageWidth: 460 });
  });
});
