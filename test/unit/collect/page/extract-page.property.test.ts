import fc from 'fast-check';
import { extractPage, type ExtractedPage } from '../../../../functions/collect/extract-page';

/** Pieces of the markup the extractor looks for, so random pages reach its code paths, not just the parser. */
const PIECES = [
  '<html>',
  '</html>',
  '<head>',
  '<body>',
  '<h1>',
  '</h1>',
  '<h2>Trending</h2>',
  '<h3>TRENDING</h3>',
  '<div class="trending">',
  '</div>',
  '<div>',
  '<ul>',
  '</ul>',
  '<ol>',
  '<li>',
  '</li>',
  '<span>1</span>',
  '<span class="region">India</span>',
  ' Global',
  '<a href="/x">',
  '<a href="javascript:alert(1)">',
  '<a href="',
  '">',
  '</a>',
  '<p>',
  '</p>',
  'Headline of a story ...',
  '<figure><img src="/i.jpg"><figcaption>',
  'Image Credit: ',
  '</figcaption></figure>',
  '<ul><li>Country:</li><li>',
  'PTI | Seoul | ',
  'Updated: 27-07-2023 12:00 IST',
  ' | Created: 31-02-2023 25:99 IST',
  'July 27, 2023 11:12 PM GMT+5:30',
  '<script type="application/ld+json">',
  '{"@type":"NewsArticle","headline":',
  '"&lt;b&gt;x"',
  '{"@graph":[',
  ']}',
  '</script>',
  '<script>',
  '<style>',
  '<meta property="og:title" content="',
  '<meta property="og:image" content="',
  '<link rel="canonical" href="',
  '<base href="',
  '">',
  '<nav>',
  '</nav>',
  '<article>',
  '</article>',
  '<main>',
  '<form>',
  '<div class="ad-slot">',
  '(This story has not been edited by X staff and is auto-generated from a syndicated feed.)',
  '&amp;',
  '&#x0;',
  '&lt;script&gt;',
  '<!--',
  '-->',
  '<![CDATA[',
  ']]>',
  '<',
  '>',
  '"',
  "'",
  '\u0000',
  '\uFFFD',
  '😀',
];

const htmlish = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...PIECES) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));
const pageUrl = fc.oneof(
  fc.constant('https://news.example/world/story'),
  fc.constant('file:///tmp/page.html'),
  fc.string({ maxLength: 30 }),
  fc.webUrl(),
);
const timezone = fc.constantFrom(undefined, 'UTC', 'Asia/Kolkata', 'Europe/Lisbon', 'Not/AZone', '');

function expectWellFormed(page: ExtractedPage): void {
  expect(typeof page.url).toBe('string');
  expect(typeof page.summary).toBe('string');
  expect(typeof page.body).toBe('string');
  expect(Array.isArray(page.countries)).toBe(true);
  page.trending.forEach((item, index) => {
    expect(item.rank).toBe(index + 1);
    expect(item.url).toMatch(/^https?:\/\//);
    expect(item.headline).not.toBe('');
    expect(item.region).not.toBe('');
  });
  for (const date of [page.publishedAt, page.updatedAt])
    if (date !== undefined) expect(Number.isNaN(Date.parse(date))).toBe(false);
  if (page.image !== undefined) expect(page.image).toMatch(/^https?:\/\//);
}

describe('extractPage, on any input', () => {
  it('never throws on arbitrary strings, and returns a well-formed page', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), pageUrl, timezone, (html, url, zone) => {
        expectWellFormed(extractPage(html, url, { timezone: zone }));
      }),
      { numRuns: 200 },
    );
  });

  it('never throws on random HTML-ish pages built from the parts it looks for', () => {
    fc.assert(
      fc.property(htmlish, pageUrl, timezone, (html, url, zone) => {
        expectWellFormed(extractPage(html, url, { timezone: zone }));
      }),
      { numRuns: 200 },
    );
  });

  it('still reads a page whose known parts are followed by random markup (no error swallowed on the way)', () => {
    const known =
      '<meta property="og:title" content="Known headline"><p>PTI | Seoul | Created: 27-07-2023 11:12 IST</p>';
    fc.assert(
      fc.property(htmlish, (tail) => {
        const page = extractPage(known + tail, 'https://news.example/a', { timezone: 'Asia/Kolkata' });
        expect(page.headline).toBeDefined();
        expectWellFormed(page);
      }),
      { numRuns: 100 },
    );
  });

  it('survives deep nesting', () => {
    expectWellFormed(
      extractPage(`${'<div>'.repeat(5000)}<h1>Deep</h1><p>Story</p>${'</div>'.repeat(5000)}`, 'https://x.example/'),
    );
  });
});
