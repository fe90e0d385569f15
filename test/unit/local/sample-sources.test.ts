import { extractPage } from '../../../functions/collect/extract-page';
import { parseFeed } from '../../../functions/collect/parse-feed';
import { SAMPLE_IMAGE } from '../../../infra/local/sample-images';
import { articlePage, atomFeed, rssFeed } from '../../../infra/local/sample-sources';

const now = new Date('2026-11-26T08:00:00Z');
const server = 'http://127.0.0.1:4100';
const sized = { imageWidth: SAMPLE_IMAGE.width, imageHeight: SAMPLE_IMAGE.height };

describe('the sample sources’ pictures, as the collector reads them', () => {
  it('RSS: media:content with its size, and an enclosure (which has none) as older feeds write it', () => {
    const { items } = parseFeed(rssFeed(now, server), `${server}/feeds/world.rss`);
    expect(items[0]).toMatchObject({ image: `${server}/images/harbour-bridge-reopens.png`, ...sized });
    expect(items[2]).toMatchObject({ image: `${server}/images/rail-strike-called-off.png` });
    expect(items[2]?.imageWidth).toBeUndefined();
    expect(items.every((item) => item.image?.startsWith(`${server}/images/`))).toBe(true);
  });

  it('Atom: media:content with its size', () => {
    const { items } = parseFeed(atomFeed(now, server), `${server}/feeds/tech.atom`);
    expect(items.length).toBeGreaterThan(0);
    for (const item of items)
      expect(item).toMatchObject({ image: expect.stringMatching(/\/images\/.+\.png$/), ...sized });
  });

  it('the article page: og:image with its size and alt text', () => {
    const page = extractPage(articlePage(now, server), `${server}/world/lighthouse-keepers-return`);
    expect(page).toMatchObject({
      image: `${server}/images/lighthouse-keepers-return.png`,
      ...sized,
      imageAlt: expect.stringContaining('lighthouse'),
    });
  });
});
