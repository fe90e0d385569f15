import { parseDocument } from '../../../../functions/collect/page/dom';
import { findTrending } from '../../../../functions/collect/page/trending';

const BASE = 'https://news.example/world/story';
const trendingOf = (html: string) => findTrending(parseDocument(html), BASE).items;

describe('findTrending', () => {
  it('folds the truncated repeat of a headline into the full headline, and reads each region label', () => {
    const html = `<div><h2>TRENDING</h2><div>
      <div><span>1</span><a href="/a"><div>Health roundup: clinics extend hours; two hospitals add night wards and more</div><div>Health roundup: clinics extend hours; two hospitals ...</div></a><span> Global</span></div>
      <div><span>2</span><a href="/b"><div>Fund in talks for a retail stake</div><div>Fund in talks for a retail stake</div></a><span> India</span></div>
    </div></div>`;
    expect(trendingOf(html)).toEqual([
      {
        rank: 1,
        headline: 'Health roundup: clinics extend hours; two hospitals add night wards and more',
        url: 'https://news.example/a',
        region: 'Global',
      },
      { rank: 2, headline: 'Fund in talks for a retail stake', url: 'https://news.example/b', region: 'India' },
    ]);
  });

  it('folds a repeat that is an entry of its own (same link, or a cut copy of an earlier headline)', () => {
    const html = `<h3>Trending</h3><ul>
      <li><a href="/a">Rail unions call off next week's strike after a late offer</a></li>
      <li><a href="/a?utm_source=x">Rail unions call off next week's ...</a></li>
      <li><a href="/c">Malaria vaccine trial reports strong results</a></li>
    </ul>`;
    expect(trendingOf(html).map((item) => [item.rank, item.headline])).toEqual([
      [1, "Rail unions call off next week's strike after a late offer"],
      [2, 'Malaria vaccine trial reports strong results'],
    ]);
  });

  it('orders by the printed rank and numbers the list from 1 without gaps', () => {
    const html = `<h3>Trending</h3><ol>
      <li><span>3</span><a href="/c">Third story of the day</a></li>
      <li><span>1</span><a href="/a">First story of the day</a></li>
      <li><span>2</span><a href="javascript:void(0)">A link that is not one</a></li>
    </ol>`;
    expect(trendingOf(html).map((item) => [item.rank, item.headline])).toEqual([
      [1, 'First story of the day'],
      [2, 'Third story of the day'],
    ]);
  });

  it('drops javascript:, mailto: and data: links, and labels an entry without a region Global', () => {
    const html = `<h3>Trending</h3><ul>
      <li><a href="javascript:alert(1)">Win a prize</a></li>
      <li><a href="mailto:desk@news.example">Write to us about anything</a></li>
      <li><a href="data:text/html,hi">Data link headline here</a></li>
      <li><a href="//cdn.news.example/story">Protocol-relative link headline</a></li>
    </ul>`;
    expect(trendingOf(html)).toEqual([
      { rank: 1, headline: 'Protocol-relative link headline', url: 'https://cdn.news.example/story', region: 'Global' },
    ]);
  });

  it('reads a region that is a link of its own, not taking it for the headline', () => {
    const html = `<h2>Trending now</h2><ol><li><a href="/s/1"><span class="rank">1</span> Typhoon shelters open along the coast</a><a class="region-link" href="/r/asia">Asia</a></li></ol>`;
    expect(trendingOf(html)).toEqual([
      { rank: 1, headline: 'Typhoon shelters open along the coast', url: 'https://news.example/s/1', region: 'Asia' },
    ]);
  });

  it('does not take a short headline for its own region', () => {
    expect(
      trendingOf('<h3>Trending</h3><ul><li><span>1</span><a href="/m">Markets rally</a></li></ul>')[0]?.region,
    ).toBe('Global');
  });

  it('reads a list under a label that is not a heading, and stops at the next section', () => {
    const html = `<div class="box"><div class="head"><span>Trending</span></div><div class="list">
        <div class="item"><a href="/a">First trending headline</a></div><div class="item"><a href="/b">Second trending headline</a></div>
      </div></div>
      <h3>Latest</h3><ul><li><a href="/z">Not trending</a></li></ul>`;
    expect(trendingOf(html).map((item) => item.url)).toEqual(['https://news.example/a', 'https://news.example/b']);
  });

  it('ignores a "Trending" link in a menu', () => {
    expect(
      trendingOf('<nav><a href="/trending">Trending</a><a href="/x">Other menu entry</a></nav><p>Story.</p>'),
    ).toEqual([]);
  });

  it('gives the heading and the list so the body can leave them out', () => {
    const { elements } = findTrending(
      parseDocument('<h3>Trending</h3><ul><li><a href="/a">A trending headline</a></li></ul>'),
      BASE,
    );
    expect(elements.map((element) => element.tagName)).toEqual(['H3', 'UL']);
  });
});
