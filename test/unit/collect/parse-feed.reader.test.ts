import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeBody } from '../../../functions/collect/decode-text';
import { FeedParseError, parseFeed } from '../../../functions/collect/parse-feed';

/** A feed fixture read as the CLI and the collector read documents: bytes through the one decoder. */
const feed = (name: string, base = 'https://reader.example/feed') =>
  parseFeed(decodeBody(readFileSync(path.join(__dirname, '../../fixtures/feeds', name)), ''), base, name);

describe('what a reader sees from real-shaped feeds', () => {
  it('puts no space before punctuation where links and bold text stood', () => {
    const [speakers, lanterns] = feed('inline-links.rss').items;
    expect(speakers?.summary).toBe(
      'Speakers included WhalePanda, Ambroid, and Mira Okafor; the keynote ran long. Doors open at nine, so get tickets.',
    );
    expect(lanterns).toMatchObject({
      headline: 'Lanterns over the old quay',
      summary: 'The festival is back. Five nights, one river!',
    });
  });

  it('keeps angle brackets that are words in CDATA and escaped titles, and whitespace entities as spaces', () => {
    expect(feed('text-titles.rss').items.map((item) => [item.headline, item.summary])).toEqual([
      ['Council votes <no> on the budget', 'Five councillors voted against; two abstained.'],
      ['Using <details> in forms, explained', 'A guide to the <details> element for council web forms.'],
    ]);
  });

  it('keeps a bare void tag that stands as a word in a title', () => {
    expect(feed('void-tag-titles.rss').items.map((item) => item.headline)).toEqual([
      'Why <br> tags break layouts on small screens',
      'Stop shipping <img> without alt text',
    ]);
  });

  it('honours Atom text, html and xhtml types', () => {
    expect(feed('atom-text-types.atom').items.map((item) => [item.headline, item.summary])).toEqual([
      ['Using <details> in forms', 'Plain text: a <summary> inside <details> is the label.'],
      ['Why semantic markup matters', 'Screen readers use it. So do search engines.'],
      ['Tables for data', 'Use th for headers, not bold cells.'],
    ]);
  });

  it('decodes base64 Atom content', () => {
    expect(feed('atom03-base64.atom').items.map((item) => item.summary)).toEqual([
      'Builders found a shipping ledger from 1902 behind a plaster wall. It lists every cargo for a decade.',
      'The map room reopens on Monday, with longer hours.',
    ]);
  });

  it('makes walls of text into one or two sentences without "Continue reading", "Related" or "appeared first on"', () => {
    const summaries = feed('long-descriptions.rss').items.map((item) => item.summary);
    expect(summaries).toEqual([
      'The operator will replace its diesel fleet by 2029, it said on Tuesday. The first vessel arrives next autumn and will run the short crossing to the islands, where demand has doubled since the bridge closed for repairs.',
      'Evening opening returns from January. The central library will stay open until 9 p.m. on weekdays from January, after a petition signed by more than 4,000 residents.',
      expect.stringMatching(/^Engineers finished repairs .* waiting for the…$/),
    ]);
    for (const summary of summaries) expect(summary.length).toBeLessThanOrEqual(280);
  });

  it('keeps untitled micro-blog items with a headline from their first sentence, and external_url links', () => {
    const parsed = feed('microblog.json');
    expect(parsed.items.map((item) => [item.headline, item.url, item.summary])).toEqual([
      [
        'Took the new night ferry home.',
        'https://mira.example.social/2026/11/25/ferry',
        'Quiet, warm, and on time for once! The crew said the electric boats arrive next year.',
      ],
      [
        'The market hall will open on Sundays from December, which is the best news this week.',
        'https://harbourdaily.example.com/2026/11/24/market-hall',
        '',
      ],
      ['Fog over the #harbour this morning.', 'https://mira.example.social/2026/11/23/photo', ''],
    ]);
    expect(parsed.skipped).toEqual([
      {
        index: 3,
        reason: 'no title, and no text to take one from',
        link: 'https://mira.example.social/2026/11/22/empty',
        publishedAt: '2026-11-22T06:30:00.000Z',
      },
    ]);
  });

  it('reads RSS with a prefixed root element', () => {
    const parsed = feed('prefixed-root.rss');
    expect(parsed.title).toBe('Old Town Bulletin');
    expect(parsed.items).toEqual([
      expect.objectContaining({ headline: 'Clock tower chimes again', url: 'https://oldtown.example.org/clock-tower' }),
    ]);
  });

  it('reads titles and authors given only in Dublin Core', () => {
    const parsed = feed('dublin-core-only.rss');
    expect(parsed.title).toBe('Valley Gazette');
    expect(parsed.items[0]).toMatchObject({
      headline: 'Orchard cooperative buys a cider press',
      byline: 'Tomas Berg',
      publishedAt: '2026-11-24T07:00:00.000Z',
    });
  });

  it.each(['utf16-nobom.xml', 'utf32.xml'])('reads %s', (name) => {
    expect(feed(name).items[0]).toMatchObject({
      headline: 'Ferja til Ålesund får nye avganger',
      summary: 'Sjåførene jubler: «endelig» – sier én av dem.',
    });
  });

  it('reads a windows-1252 file with its curly quotes and euro sign', () => {
    expect(feed('windows-1252.rss').items[0]).toMatchObject({
      headline: '“Best croissant” prize goes to a €2 pastry',
      summary: 'The judges’ verdict – unanimous.',
    });
  });

  it('reads a Latin-1 file that names no encoding as windows-1252, not as broken UTF-8', () => {
    expect(feed('latin1-undeclared.rss').items[0]).toMatchObject({
      headline: 'Pesquisa: candidato perde em simulações de 2º turno',
      summary:
        'Líder na pesquisa de intenção de voto, o candidato não tem o mesmo desempenho nas simulações de segundo turno.',
    });
  });

  it('leaves an inline SVG logo out of the text, and lets a line ending on a colon lead into the next', () => {
    expect(feed('svg-logos.atom').items[0]?.summary).toBe(
      'Ana Duarte: Every harbour in the region now publishes its ferry timetable through the same open interface, so a trip planner needs one client instead of twelve.',
    );
  });

  it('reads markup escaped twice as markup, and drops the "submitted by … [link] [N comments]" line', () => {
    expect(feed('double-escaped.rss').items.map((item) => item.summary)).toEqual([
      'Hi all! Last week I rowed the old ferry route to raise money for the lifeboat station.',
      '',
    ]);
  });

  it('decodes entities in a JSON Feed summary, and keeps angle brackets that are words', () => {
    expect(feed('escaped-text.json').items.map((item) => item.summary)).toEqual([
      'Blackletter & thick Tschichold beauty',
      'Use a <details> element for the fold-out answers.',
    ]);
  });

  it('refuses Channel Definition Format with a clear message', () => {
    expect(() => feed('channel.cdf')).toThrow(FeedParseError);
    expect(() => feed('channel.cdf')).toThrow(
      /Channel Definition Format \(CDF\) document, an obsolete format Daybreak does not read/,
    );
  });

  it('removes tracking parameters and leaves the rest of a query as written', () => {
    expect(feed('tracking-links.rss').items.map((item) => item.url)).toEqual([
      'https://metrowire.example.com/tram-4',
      'https://metrowire.example.com/bus-lanes?page=2',
      'https://metrowire.example.com/night-buses',
      'https://metrowire.example.com/timetable?item',
    ]);
  });
});
