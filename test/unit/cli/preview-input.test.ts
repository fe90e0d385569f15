import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readPreviewInput } from '../../../bin/commands/preview-input';

const sentence = (n: number) =>
  `Sentence ${n} of a long feed description tells the reader one more thing about the ferries.`;

describe('readPreviewInput (preview --from)', () => {
  it('gives articles the collector’s summary rules and a headline when the item has none', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'preview-input-')), 'feed.json');
    writeFileSync(
      file,
      JSON.stringify({
        feed: { title: 'Harbour Daily' },
        items: [
          {
            headline: 'Ferries go electric',
            url: 'https://harbour.example/ferries',
            summary: `${[1, 2, 3, 4, 5].map(sentence).join(' ')} Continue reading…`,
          },
          {
            headline: '',
            url: 'https://harbour.example/note',
            summary: 'Fog over the harbour this morning. Ferries late.',
          },
        ],
      }),
    );
    const input = await readPreviewInput(file, 'morning', new Date('2026-11-25T06:00:00Z'));
    expect(input.articles.map((article) => [article.headline, article.summary])).toEqual([
      ['Ferries go electric', `${sentence(1)} ${sentence(2)}`],
      // As `daybreak feed` does: the first sentence becomes the headline, the rest the summary.
      ['Fog over the harbour this morning.', 'Ferries late.'],
    ]);
  });
});

describe('readPreviewInput refuses links that run or embed content', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'preview-unsafe-'));
  const read = (name: string, value: unknown) => {
    const file = path.join(dir, name);
    writeFileSync(file, JSON.stringify(value));
    return readPreviewInput(file, 'morning', new Date('2026-11-25T06:00:00Z'));
  };
  const story = { headline: 'Ferries go electric', url: 'https://harbour.example/ferries', summary: 'Quiet ones.' };

  it.each([
    [
      'a story link',
      { feed: { title: 'Harbour' }, items: [story, { ...story, url: 'javascript:alert(1)' }] },
      'items[1].url',
      'javascript',
    ],
    [
      'a story image',
      { feed: { title: 'Harbour' }, items: [{ ...story, image: 'data:image/svg+xml,<svg onload=alert(1)>' }] },
      'items[0].image',
      'data',
    ],
    [
      'the source',
      { feed: { title: 'Harbour', url: 'java\tscript:alert(1)' }, items: [story] },
      'feed.url',
      'javascript',
    ],
    [
      'a trending entry',
      { ...story, trending: [{ rank: 1, headline: 'Top', url: '\u0000 DATA:text/html,x' }] },
      'trending[0].url',
      'data',
    ],
  ])('in %s, naming the entry and the field', async (_what, entry, field, scheme) => {
    await expect(read('unsafe.json', [{ feed: { title: 'Ok' }, items: [story] }, entry])).rejects.toThrow(
      `entry 1, ${field}: a ${scheme}: link is refused (only http and https links are shown)`,
    );
  });

  it('does not look at what the digest never shows: the items `daybreak feed` reports it skipped', async () => {
    const input = await read('skipped.json', {
      feed: { title: 'Harbour' },
      items: [story],
      skipped: [{ item: 1, reason: 'not an http(s) link', link: 'javascript:alert(1)' }],
    });
    expect(input.articles).toHaveLength(1);
  });

  it('keeps http and https links and ordinary text that merely mentions a scheme', async () => {
    const input = await read('safe.json', {
      ...story,
      summary: 'Data: the ferries run on time.',
      trending: [{ rank: 1, headline: 'javascript: a primer', url: 'http://wire.example/js' }],
    });
    expect(input.articles.map((a) => a.url)).toEqual(['https://harbour.example/ferries']);
    expect(input.trending.map((t) => t.url)).toEqual(['http://wire.example/js']);
  });
});
