import fc from 'fast-check';
import { parseFeed } from '../../../../functions/collect/parse-feed';
import { htmlText } from '../../../../functions/collect/text/html-text';
import { summarize } from '../../../../functions/collect/text/summary';

/** Spaces before punctuation in a text, counted: a reader sees each one as a typo. */
const spacesBeforePunctuation = (text: string): number => (text.match(/\s[,.;:!?]/g) ?? []).length;

/** The source as a reader would see it if tags took no room: the spaces before punctuation it really has. */
const sourceSpaces = (html: string): number =>
  spacesBeforePunctuation(html.replace(/<[^>]*>/g, '').replace(/&nbsp;/g, ' '));

const TOKENS = [
  'Harbour',
  'tickets',
  'WhalePanda',
  'élan',
  ' ',
  '  ',
  '\n',
  ',',
  '.',
  ';',
  ':',
  '!',
  '?',
  '<a href="https://x.example/">',
  '</a>',
  '<b>',
  '</b>',
  '<em>',
  '</em>',
  '<span class="x">',
  '</span>',
  '<p>',
  '</p>',
  '<div>',
  '</div>',
  '<br>',
  '<li>',
  '</li>',
  '<img src="x.png">',
  '&nbsp;',
];

const fragment = fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }).map((tokens) => tokens.join(''));

describe('plain text from HTML (properties)', () => {
  it('never puts a space before , . ; : ! ? that the source did not have', () => {
    fc.assert(
      fc.property(fragment, (html) => {
        expect(spacesBeforePunctuation(htmlText(html))).toBeLessThanOrEqual(sourceSpaces(html));
        expect(spacesBeforePunctuation(summarize(htmlText(html)))).toBeLessThanOrEqual(sourceSpaces(html));
      }),
      { numRuns: 500 },
    );
  });
});

/** Words of a plain-text title, including ones that look like markup or entities. */
const word = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9À-ÿ'’"&;#<>/=.,!?:-]{1,12}$/),
  fc.constantFrom('<details>', '</b>', '<no>', '&amp;', '&lt;b&gt;', 'a<b', 'x>y', 'R&D', '<em>'),
);
const title = fc.array(word, { minLength: 1, maxLength: 10 });

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

describe('plain-text titles (properties)', () => {
  it('keeps every word of an Atom type="text" title', () => {
    fc.assert(
      fc.property(title, (words) => {
        const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><title type="text">${escapeXml(words.join(' '))}</title><link href="https://x.example/a"/><id>urn:x</id></entry></feed>`;
        const [item] = parseFeed(atom, 'https://x.example/feed').items;
        expect(item?.headline.split(' ')).toEqual(words.flatMap((w) => w.split(/\s+/)).filter(Boolean));
      }),
      // 100 titles of up to 10 words already meet each markup-like constant word dozens of times.
      { numRuns: 100 },
    );
  });

  it('keeps every word of an RSS title written as text in CDATA, tag-like words too', () => {
    const plainWord = fc.oneof(
      fc.stringMatching(/^[A-Za-z0-9À-ÿ'’",.!?:-]{1,12}$/),
      fc.constantFrom('<details>', '</b>', '<no>', '<p>', '<summary>', '<br>', '<img>', '<hr>'),
    );
    fc.assert(
      fc.property(fc.array(plainWord, { minLength: 1, maxLength: 10 }), (words) => {
        const rss = `<rss version="2.0"><channel><title>T</title><item><title><![CDATA[${words.join(' ')}]]></title><link>https://x.example/a</link></item></channel></rss>`;
        const [item] = parseFeed(rss, 'https://x.example/feed').items;
        expect(item?.headline).toBe(words.join(' '));
      }),
      { numRuns: 100 },
    );
  });

  it('keeps every word of a JSON Feed title', () => {
    const plainWord = fc.oneof(
      fc.stringMatching(/^[A-Za-z0-9À-ÿ'’",.!?:-]{1,12}$/),
      fc.constantFrom('<details>', '</b>', '<no>'),
    );
    fc.assert(
      fc.property(fc.array(plainWord, { minLength: 1, maxLength: 10 }), (words) => {
        const json = JSON.stringify({
          version: 'https://jsonfeed.org/version/1.1',
          title: 'T',
          items: [{ id: '1', url: 'https://x.example/a', title: words.join(' ') }],
        });
        const [item] = parseFeed(json, 'https://x.example/feed').items;
        expect(item?.headline).toBe(words.join(' '));
      }),
      // 100 titles of up to 10 words already meet each markup-like constant word dozens of times.
      { numRuns: 100 },
    );
  });
});
