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
      ['Fog over the harbour this morning.', 'Fog over the harbour this morning. Ferries late.'],
    ]);
  });
});
