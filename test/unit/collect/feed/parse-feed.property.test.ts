import fc from 'fast-check';
import { FeedParseError, parseFeed } from '../../../../functions/collect/parse-feed';
import { fixture } from '../../../helpers/fixtures';

/** Runs parseFeed and fails with the culprit when it throws anything but a FeedParseError. */
function readsOrRefusesCleanly(body: string): void {
  try {
    const feed = parseFeed(body, 'https://fuzz.example/feed', 'Fuzz', { timezone: 'Asia/Kolkata' });
    for (const item of feed.items) {
      expect(item.headline).not.toBe('');
      expect(item.url).toMatch(/^https?:\/\//);
      if (item.publishedAt) expect(item.publishedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    }
  } catch (error) {
    if (!(error instanceof FeedParseError))
      throw new Error(`threw ${String(error)} on ${JSON.stringify(body.slice(0, 300))}`);
    expect(error.message).toMatch(/^Fuzz: not a readable feed \(.+\)$/s);
  }
}

/** Pieces real feeds are made of, including the broken and hostile ones, to build XML-ish strings from. */
const FRAGMENTS = [
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<rss version="2.0">',
  '</rss>',
  '<channel>',
  '</channel>',
  '<item>',
  '</item>',
  '<item/>',
  '<feed xmlns="http://www.w3.org/2005/Atom" xml:base="/b/">',
  '</feed>',
  '<entry xml:base="::bad::">',
  '</entry>',
  '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">',
  '</rdf:RDF>',
  '<title>',
  '</title>',
  '<title type="html">',
  'Headline &amp; more',
  '&nbsp;',
  '&eacute;',
  '&#233;',
  '&#xFFFFFF;',
  '&',
  '&lol;',
  '<',
  '<link>',
  '</link>',
  'https://fuzz.example/a',
  '/relative',
  'javascript:alert(1)',
  '<link href="x"/>',
  '<link rel="alternate" href="https://fuzz.example/b"/>',
  '<guid isPermaLink="false">123</guid>',
  '<pubDate>',
  '</pubDate>',
  'Thu, 26 Nov 2026 06:30:00 EST',
  '2026-11-26 06:30:00',
  '99 Foo 99999 99:99',
  '<![CDATA[',
  ']]>',
  '<b>bold</b>',
  '<script>x()</script>',
  '<!--',
  '-->',
  '<!DOCTYPE rss>',
  '<!DOCTYPE rss [',
  ']>',
  '<!ENTITY a "b">',
  '<description>',
  '</description>',
  '<dc:creator>Ann</dc:creator>',
  '<media:content url="/i.jpg" medium="image"/>',
  '\u0000',
  '\uFEFF',
  ' ',
  '\n',
  '{"version":"https://jsonfeed.org/version/1.1","items":[',
  '{"title":"t","url":"https://fuzz.example/j"}',
  ',',
  ']}',
  '{',
  '"author":{"name":1}',
];
const xmlIsh = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 60 }).map((parts) => parts.join(''));

/** A real fixture cut at an arbitrary point, as a fetch that stopped early would leave it. */
const FIXTURES = [
  'feeds/rss2.xml',
  'feeds/atom.xml',
  'feeds/rdf.xml',
  'feeds/feed.json',
  'feeds/broken-markup.rss',
  'feeds/cdata-markup.rss',
  'feeds/odd-dates.rss',
].map(fixture);
const cutFixture = fc
  .tuple(fc.constantFrom(...FIXTURES), fc.nat())
  .map(([body, at]) => body.slice(0, at % (body.length + 1)));

describe('parseFeed on any input', () => {
  it('throws nothing but FeedParseError on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), readsOrRefusesCleanly), { numRuns: 400 });
  });

  it('throws nothing but FeedParseError on XML-ish strings built from feed fragments', () => {
    fc.assert(fc.property(xmlIsh, readsOrRefusesCleanly), { numRuns: 600 });
  });

  it('throws nothing but FeedParseError on real feeds cut anywhere', () => {
    fc.assert(fc.property(cutFixture, readsOrRefusesCleanly), { numRuns: 300 });
  });

  it('never returns a cut-off item from a truncated feed: every item it gives is in the whole feed', () => {
    const whole = fixture('feeds/truncated.rss').slice(0, fixture('feeds/truncated.rss').lastIndexOf('<item>'));
    const complete = new Set(parseFeed(whole, 'https://courier.example.org/rss').items.map((item) => item.url));
    fc.assert(
      fc.property(fc.nat(whole.length), (at) => {
        try {
          for (const item of parseFeed(whole.slice(0, at), 'https://courier.example.org/rss').items)
            expect(complete.has(item.url)).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(FeedParseError);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('never throws on inputs that are not strings at all', () => {
    for (const value of [undefined, null, 42, {}, Buffer.from('<rss/>')]) {
      expect(() => parseFeed(value as unknown as string, 'https://fuzz.example/feed', 'Fuzz')).toThrow(FeedParseError);
    }
  });
});
