import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeBody } from '../../../functions/collect/decode-text';
import { extractPage } from '../../../functions/collect/extract-page';

const page = (name: string, url = 'https://reader.example/story') =>
  extractPage(decodeBody(readFileSync(path.join(__dirname, '../../fixtures/pages', name)), ''), url);

describe('what a reader sees from real-shaped article pages', () => {
  it('collects a story split into 20 marked paragraphs, in order, without ads or related teasers', () => {
    const story = page('split-story.html');
    const paragraphs = story.body.split('\n\n');
    expect(paragraphs).toHaveLength(20);
    expect(paragraphs[0]).toMatch(/^Paragraph 1 of the council story/);
    expect(paragraphs[19]).toMatch(/^Paragraph 20 of the council story/);
    expect(story.body).not.toMatch(/Advertisement|Related/);
  });

  it('prefers the page’s own headline to its share title and to a masthead <h1>', () => {
    expect(page('split-story.html').headline).toBe('Council passes budget after a long night');
  });

  it('dates a page by its <time datetime> when nothing else does', () => {
    expect(page('split-story.html').publishedAt).toBe('2026-11-25T11:40:00.000Z');
  });

  it('collects every block of a story split by ads, and reads JSON-LD wrapped in CDATA', () => {
    const story = page('blocks-between-ads.html');
    expect(story.body.split('\n\n').map((p) => p.slice(0, 8))).toEqual(
      [1, 2, 3, 4, 5, 6, 7, 8].map((n) => `Block ${n}:`),
    );
    expect(story.headline).toBe('Chip plant opens with 800 jobs');
    expect(story.publishedAt).toBe('2026-11-24T14:00:00.000Z');
    expect(story.summary).toBe(
      'The plant in the valley is the largest of its kind in the region. It took three years to build.',
    );
  });

  it('falls back to <title> without the site name, then to <h1>', () => {
    const titled = page('title-only.html');
    expect(titled.headline).toBe('Lighthouse keeper retires after 40 years');
    expect(titled.body.split('\n\n')).toHaveLength(3);
    expect(titled.summary).toMatch(/^After forty years at the lamp/);
    expect(page('h1-only.html').headline).toBe('Snow closes the mountain pass');
  });

  it('cuts a site name set off by a pipe from <title> even when the page does not name its site', () => {
    expect(page('title-pipe-only.html', 'https://news.example/ferry-rota').headline).toBe(
      'Ferry crews vote to accept the new rota',
    );
  });

  it('reads a windows-1252 page', () => {
    expect(page('windows-1252.html')).toMatchObject({
      headline: '“Best croissant” prize goes to a €2 pastry',
      summary: 'The judges’ verdict was unanimous – a first in the prize’s history, the organisers said on Sunday.',
    });
  });
});
