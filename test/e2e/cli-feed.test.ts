import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { type CliRun, daybreakProcess } from '../helpers/cli';

const ROOT = path.join(__dirname, '..', '..');
const FEEDS = path.join(ROOT, 'test', 'fixtures', 'feeds');

/** Runs `daybreak feed ...` as a user would; resolves with its exit code and output, whatever the code. */
const daybreakFeed = (...args: string[]): Promise<CliRun> => daybreakProcess(['feed', ...args]);

const fixture = (name: string) => path.join(FEEDS, name);

describe('daybreak feed FILE', () => {
  it('prints the feed and its items as JSON, and each skipped item as a warning', async () => {
    const { code, stdout, stderr } = await daybreakFeed(
      fixture('rss2.xml'),
      '--url',
      'https://gazette.example.org/rss',
    );
    expect(code).toBe(0);
    const output = JSON.parse(stdout);
    expect(output.feed).toEqual({
      title: 'Harbour Gazette & Times',
      format: 'rss',
      url: 'https://gazette.example.org/rss',
    });
    expect(output.items).toHaveLength(2);
    expect(output.items[0]).toEqual({
      headline: 'Council approves new ferry timetable',
      url: 'https://gazette.example.org/local/ferry-timetable?id=7',
      summary: 'The winter timetable adds two late sailings & a dawn crossing.',
      publishedAt: '2026-11-26T05:30:00.000Z',
      byline: 'Ana Ruiz',
      image: 'https://gazette.example.org/img/ferry.jpg',
    });
    expect(output.items[1].url).toBe('https://gazette.example.org/local/market-hall');
    expect(stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^warning: .*rss2\.xml: item 3: no http\(s\) link for "Item with a script link"$/),
      expect.stringMatching(/^warning: .*rss2\.xml: item 4: no title, and no text to take one from$/),
    ]);
    expect(output.skipped).toEqual([
      {
        item: 3,
        reason: 'no http(s) link for "Item with a script link"',
        title: 'Item with a script link',
        link: 'javascript:alert(1)',
      },
      { item: 4, reason: 'no title, and no text to take one from', link: 'https://gazette.example.org/untitled' },
    ]);
  });

  it('resolves relative links against a placeholder without --url, and says so', async () => {
    const { code, stdout, stderr } = await daybreakFeed(fixture('rss2.xml'));
    expect(code).toBe(0);
    const output = JSON.parse(stdout);
    expect(output.feed.url).toBeNull();
    expect(output.items[1].url).toBe('https://feed-file.invalid/local/market-hall');
    expect(stderr).toMatch(
      /^note: relative links were resolved against https:\/\/feed-file\.invalid\/, a placeholder; give --url/m,
    );
  });

  it('reads zone-less dates in --timezone', async () => {
    const { stdout } = await daybreakFeed(fixture('odd-dates.rss'), '--timezone', 'America/New_York');
    const items: { headline: string; publishedAt?: string }[] = JSON.parse(stdout).items;
    expect(items.find((item) => item.headline === 'Database style')?.publishedAt).toBe('2026-11-26T11:30:00.000Z');
  });

  it('decodes a file in the charset its XML declaration names', async () => {
    const { code, stdout } = await daybreakFeed(fixture('latin1.rss'), '--url', 'https://praca.example.pt/rss');
    expect(code).toBe(0);
    const output = JSON.parse(stdout);
    expect(output.feed.title).toBe('Jornal da Praça');
    expect(output.items[0]).toMatchObject({
      headline: 'Câmara aprova orçamento',
      url: 'https://praca.example.pt/politica/orcamento',
      publishedAt: '2026-11-26T11:00:00.000Z',
    });
  });

  it('gives the items before the break of a truncated feed, with a warning, and exits 0', async () => {
    const { code, stdout, stderr } = await daybreakFeed(fixture('truncated.rss'));
    expect(code).toBe(0);
    expect(JSON.parse(stdout).items).toHaveLength(2);
    expect(stderr).toMatch(/warning: .*truncated\.rss: item 3: the document is cut off \(truncated\)/);
  });

  it('prints what it read of a feed with no usable item, and exits 0: the document itself is readable', async () => {
    const { code, stdout, stderr } = await daybreakFeed(fixture('no-usable-items.rss'));
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      feed: { title: 'Empty Promises', format: 'rss', url: null },
      items: [],
      skipped: [
        {
          item: 1,
          reason: 'no link for "An item with neither title nor link"',
          title: 'An item with neither title nor link',
          summary: 'An item with neither title nor link',
        },
        { item: 2, reason: 'no http(s) link for "Script link"', title: 'Script link', link: 'javascript:void(0)' },
      ],
    });
    expect(stderr).toMatch(
      /warning: .*no-usable-items\.rss: the feed has no usable items \(2 skipped; see "skipped"\)/,
    );
  });

  it('reads a windows-1252 file with its curly quotes and euro sign', async () => {
    const { code, stdout } = await daybreakFeed(fixture('windows-1252.rss'));
    expect(code).toBe(0);
    expect(JSON.parse(stdout).items[0].headline).toBe('“Best croissant” prize goes to a €2 pastry');
  });

  it('reads a response saved still gzipped, as the fetcher reads it', async () => {
    const { code, stdout } = await daybreakFeed(fixture('saved-gzip-response.xml'));
    expect(code).toBe(0);
    expect(JSON.parse(stdout).items[0]).toMatchObject({
      headline: '“Best croissant” prize goes to a €2 pastry',
      summary: 'The judges’ verdict – unanimous.',
    });
  });

  const FAILURES: [string, string[], RegExp][] = [
    [
      'a missing file',
      ['no-such-feed.xml'],
      /^daybreak: cannot read no-such-feed\.xml: no such file or folder \(and not an http\(s\) URL\)$/,
    ],
    [
      'an empty file',
      [fixture('empty.xml')],
      /^daybreak: .*empty\.xml: not a readable feed \(the document is empty\)$/,
    ],
    [
      'a document that is no feed',
      [fixture('broken.xml')],
      /^daybreak: .*broken\.xml: not a readable feed \(neither XML nor JSON\)$/,
    ],
    [
      'billion laughs',
      [fixture('billion-laughs.xml')],
      /^daybreak: .*billion-laughs\.xml: not a readable feed \(refused: the document declares entities \(<!ENTITY>\), which Daybreak does not expand\)$/,
    ],
    [
      'an HTML page that announces no feed',
      [fixture('page-without-feeds.html')],
      /^daybreak: .*page-without-feeds\.html: an HTML page that announces no feed/,
    ],
    ['a folder', [FEEDS], /^daybreak: cannot read .*feeds: it is a folder, not a file$/],
    ['no argument', [], /^daybreak: expected one FILE or URL, got 0 \(usage: daybreak feed FILE\|URL/],
    [
      'an unknown time zone',
      [fixture('rss2.xml'), '--timezone', 'Mars/Olympus'],
      /^daybreak: --timezone: "Mars\/Olympus" is not an IANA time zone/,
    ],
    [
      'a --url that is not http(s)',
      [fixture('rss2.xml'), '--url', 'file:///etc/'],
      /^daybreak: --url: expected an http\(s\) URL/,
    ],
    ['an unknown option', [fixture('rss2.xml'), '--frobnicate'], /^daybreak: .*frobnicate/],
  ];
  const failures = new Map<string, CliRun>();

  beforeAll(async () => {
    // Each run starts Node and tsx (about a second of CPU); a few at a time keeps the suite short.
    for (let at = 0; at < FAILURES.length; at += 4) {
      const batch = FAILURES.slice(at, at + 4);
      const results = await Promise.all(batch.map(([, args]) => daybreakFeed(...args)));
      batch.forEach(([name], index) => failures.set(name, results[index] as CliRun));
    }
  });

  it.each(FAILURES)('exits 1 with one clear line for %s', (name, _, message) => {
    const { code, stdout, stderr } = failures.get(name) as CliRun;
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const lines = stderr.trim().split('\n');
    expect(lines[lines.length - 1]).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});

describe('daybreak feed URL', () => {
  let server: Server;
  let origin = '';
  const pages: Record<string, { type: string; body: string | Buffer }> = {
    '/news/page.html': {
      type: 'text/html; charset=utf-8',
      body: '<!doctype html><html><head><link rel="alternate" type="application/rss+xml" href="feeds/main.xml"></head><body>News</body></html>',
    },
    '/news/feeds/main.xml': { type: 'text/html', body: readFileSync(fixture('rss2.xml')) }, // a feed mislabelled as HTML, as servers do
    '/plain.html': { type: 'text/html', body: readFileSync(fixture('page-without-feeds.html')) },
    '/feed.json': { type: 'application/feed+json', body: readFileSync(fixture('feed.json')) },
  };

  beforeAll(async () => {
    server = createServer((request, response) => {
      const page = pages[request.url ?? ''];
      if (!page) {
        response.writeHead(404).end('not found');
        return;
      }
      response.writeHead(200, { 'content-type': page.type }).end(page.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('fetches a feed, resolving its relative links against the feed URL', async () => {
    const { code, stdout } = await daybreakFeed(`${origin}/feed.json`);
    expect(code).toBe(0);
    const output = JSON.parse(stdout);
    expect(output.feed).toEqual({ title: 'JSON Desk', format: 'json', url: `${origin}/feed.json` });
    expect(output.items[0].headline).toBe('Library extends evening hours');
  });

  it('finds the feed an HTML page announces, fetches it and says so', async () => {
    const { code, stdout, stderr } = await daybreakFeed(`${origin}/news/page.html`);
    expect(code).toBe(0);
    const output = JSON.parse(stdout);
    expect(output.feed).toEqual({
      title: 'Harbour Gazette & Times',
      format: 'rss',
      url: `${origin}/news/feeds/main.xml`,
    });
    expect(output.items[1].url).toBe(`${origin}/local/market-hall`);
    expect(stderr).toContain(
      `note: ${origin}/news/page.html is an HTML page; reading the feed it announces: ${origin}/news/feeds/main.xml`,
    );
  });

  it('exits 1 with a clear line for a page without feeds and for an HTTP error', async () => {
    const plain = await daybreakFeed(`${origin}/plain.html`);
    expect(plain.code).toBe(1);
    expect(plain.stderr.trim()).toBe(
      `daybreak: ${origin}/plain.html: an HTML page that announces no feed (no <link rel="alternate"> with an RSS, Atom or JSON Feed type)`,
    );
    const missing = await daybreakFeed(`${origin}/missing.xml`);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toMatch(/^daybreak: .*missing\.xml.*404/);
  });
});
