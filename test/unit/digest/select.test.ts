import path from 'node:path';
import { buildTrending, groupStories, layoutSections, rankStories } from '../../../functions/digest/select';
import { stories } from '../../helpers/articles';
import type { TrendingItem } from '../../../functions/core/model';
import { article } from '../../helpers/articles';
import {
  bundledFiles,
  fromEnvironment as digestSettings,
  toEnvironment as digestEnvironment,
} from '../../../functions/digest/settings';
import { deployedEnvironment } from '../../helpers/deployed-environment';

import { loadConfigFile } from '../../../functions/core/load-config-file';
import { identityOf } from '../../../functions/mail/identity';

/** The settings the digest construct writes (infra/constructs/digest-builder.ts) from the project's configuration. */
const config = loadConfigFile(path.join(__dirname, '../../../config/daybreak.json'));
const deploySettings = {
  table: 'daybreak',
  sendQueueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/daybreak-send',
  editions: config.editions,
  publicUrl: config.publicUrl,
  identity: identityOf(config),
  archiveBucket: 'daybreak-archive',
};

const now = new Date('2026-11-26T08:00:00Z');

describe('groupStories', () => {
  it('makes one story of the same headline from two sources, with both links and coverage 2', () => {
    const grouped = groupStories([
      article({ headline: 'Bridge reopens after rebuild', source: 'A', url: 'https://a.example/bridge', id: 'a1' }),
      article({ headline: 'Bridge Reopens After Rebuild!', source: 'B', url: 'https://b.example/bridge', id: 'b1' }),
      article({ headline: 'Something else', source: 'A', id: 'a2' }),
    ]);
    expect(grouped).toHaveLength(2);
    const bridge = grouped.find((s) => s.headline.startsWith('Bridge'));
    expect(bridge?.coverage).toBe(2);
    expect(bridge?.links.map((l) => l.source).sort()).toEqual(['A', 'B']);
  });

  it('counts the same source twice only once', () => {
    const grouped = groupStories([
      article({ headline: 'Same story', source: 'A', url: 'https://a.example/1', id: '1' }),
      article({ headline: 'Same story', source: 'A', url: 'https://a.example/2', id: '2' }),
    ]);
    expect(grouped[0]?.coverage).toBe(1);
  });

  it('gives a story the first https image of its sources, with its size and alt, and omits an http one', () => {
    const [story] = groupStories([
      article({ headline: 'Bridge reopens', source: 'A', id: 'a', weight: 2, image: 'http://a.example/plain.jpg' }),
      article({
        headline: 'Bridge reopens',
        source: 'B',
        id: 'b',
        url: 'https://b.example/bridge',
        image: 'https://b.example/bridge.jpg',
        imageWidth: 1200,
        imageHeight: 800,
        imageAlt: 'The bridge at dawn',
      }),
    ]);
    expect(story?.image).toEqual({
      url: 'https://b.example/bridge.jpg',
      width: 1200,
      height: 800,
      alt: 'The bridge at dawn',
    });
    const [plain] = groupStories([article({ headline: 'Only http', image: 'http://a.example/x.jpg' })]);
    expect(plain?.image).toBeUndefined();
  });

  it('omits an http picture on 127.0.0.1 as a deployment is configured, and shows it only where the local stack allows', () => {
    const local = [article({ headline: 'Sample', image: 'http://127.0.0.1:4100/images/sample.png' })];
    // A deployed digest function: the construct writes no DAYBREAK_ALLOW_LOOPBACK_IMAGES, so the default holds.
    const deployed = digestSettings(
      deployedEnvironment({ toEnvironment: digestEnvironment, bundledFiles }, deploySettings),
    );
    expect(deployed.allowLoopbackImages).toBe(false);
    expect(groupStories(local, now, { allowLoopbackHttp: deployed.allowLoopbackImages })[0]?.image).toBeUndefined();
    expect(groupStories(local, now)[0]?.image).toBeUndefined();
    expect(groupStories(local, now, { allowLoopbackHttp: true })[0]?.image?.url).toBe(
      'http://127.0.0.1:4100/images/sample.png',
    );
    // Even the local stack shows no http picture from anywhere else.
    const remote = [article({ headline: 'Remote', image: 'http://news.example/x.jpg' })];
    expect(groupStories(remote, now, { allowLoopbackHttp: true })[0]?.image).toBeUndefined();
  });
});

describe('rankStories', () => {
  it('puts the story more sources carry first', () => {
    const ranked = rankStories(
      groupStories([
        article({ headline: 'Lone story', source: 'A', id: 'x', publishedAt: '2026-11-26T07:59:00.000Z' }),
        article({ headline: 'Shared story', source: 'A', id: 'y1', url: 'https://a.example/s' }),
        article({ headline: 'Shared story', source: 'B', id: 'y2', url: 'https://b.example/s' }),
      ]),
      [],
      now,
    );
    expect(ranked.map((s) => s.headline)).toEqual(['Shared story', 'Lone story']);
  });

  it('prefers the newer of two otherwise equal stories, and the trending one over both', () => {
    const articles = [
      article({ headline: 'Older', id: 'o', publishedAt: '2026-11-25T20:00:00.000Z' }),
      article({ headline: 'Newer', id: 'n', publishedAt: '2026-11-26T07:00:00.000Z' }),
      article({
        headline: 'Trending one',
        id: 't',
        url: 'https://news.example.com/t',
        publishedAt: '2026-11-25T20:00:00.000Z',
      }),
    ];
    const trending: TrendingItem[] = [
      { rank: 1, headline: 'Trending one', url: 'https://news.example.com/t', region: 'Global', source: 'S' },
    ];
    expect(rankStories(groupStories(articles), trending, now).map((s) => s.headline)).toEqual([
      'Trending one',
      'Newer',
      'Older',
    ]);
  });

  it('lets a heavier source outrank a lighter one', () => {
    const ranked = rankStories(
      groupStories([
        article({ headline: 'Light', id: 'l', weight: 1 }),
        article({ headline: 'Heavy', id: 'h', weight: 2 }),
      ]),
      [],
      now,
    );
    expect(ranked[0]?.headline).toBe('Heavy');
  });
});

describe('buildTrending', () => {
  const items: TrendingItem[] = [
    { rank: 2, headline: 'Second on A', url: 'https://a.example/2', region: 'India', source: 'A' },
    { rank: 1, headline: 'First on A', url: 'https://a.example/1', region: 'Global', source: 'A' },
    { rank: 1, headline: 'First on A', url: 'https://a.example/1', region: 'Global', source: 'B' },
  ];

  it('ranks the sources’ lists by their rank, once per item, numbered from 1 with region labels', () => {
    expect(buildTrending(items, [])).toEqual([
      { rank: 1, headline: 'First on A', url: 'https://a.example/1', region: 'Global', signal: 'sources' },
      { rank: 2, headline: 'Second on A', url: 'https://a.example/2', region: 'India', signal: 'sources' },
    ]);
  });

  it('fills up with the stories that rose fastest, labelled with their region, and stops at the limit', () => {
    const grouped = groupStories(
      [
        article({
          headline: 'Rising fast',
          source: 'A',
          id: 'r1',
          url: 'https://a.example/r',
          region: 'Europe',
          publishedAt: '2026-11-26T07:00:00.000Z',
        }),
        article({
          headline: 'Rising fast',
          source: 'B',
          id: 'r2',
          url: 'https://b.example/r',
          region: 'Europe',
          publishedAt: '2026-11-26T07:30:00.000Z',
        }),
        article({
          headline: 'Rising fast',
          source: 'C',
          id: 'r3',
          url: 'https://c.example/r',
          region: 'Europe',
          publishedAt: '2026-11-26T07:40:00.000Z',
        }),
        article({
          headline: 'Old and wide',
          source: 'A',
          id: 'o1',
          url: 'https://a.example/o',
          publishedAt: '2026-11-25T09:00:00.000Z',
        }),
        article({
          headline: 'Old and wide',
          source: 'B',
          id: 'o2',
          url: 'https://b.example/o',
          publishedAt: '2026-11-25T10:00:00.000Z',
        }),
        article({
          headline: 'Old and wide',
          source: 'C',
          id: 'o3',
          url: 'https://c.example/o',
          publishedAt: '2026-11-25T11:00:00.000Z',
        }),
      ],
      now,
    );
    const list = buildTrending(items, grouped, 3);
    expect(list.map((e) => [e.rank, e.headline, e.region])).toEqual([
      [1, 'First on A', 'Global'],
      [2, 'Rising fast', 'Europe'],
      [3, 'Second on A', 'India'],
    ]);
    expect(buildTrending(items, grouped, 10).map((e) => e.headline)).not.toContain('Old and wide');
    expect(buildTrending(items, grouped, 1)).toHaveLength(1);
  });

  it('ranks readers’ most-clicked stories with the other signals, saying which signal placed each', () => {
    const list = buildTrending(items, [], 10, [
      { url: 'https://x.example/read', headline: 'Read by many', clicks: 90 },
      { url: 'https://a.example/2', headline: 'Second on A', clicks: 40 },
    ]);
    expect(list.map((e) => [e.headline, e.signal])).toEqual([
      ['Second on A', 'sources'],
      ['First on A', 'sources'],
      ['Read by many', 'readers'],
    ]);
  });
});

describe('layoutSections', () => {
  it('leads with the top stories, then one section per category in the order of its best story', () => {
    const ranked = stories(6, (i) => ({
      headline: `S${i}`,
      category: ['world', 'world', 'science', 'business', 'science', 'world'][i],
    }));
    expect(layoutSections(ranked, 2).map((s) => [s.title, s.stories.map((x) => x.headline)])).toEqual([
      ['Top stories', ['S0', 'S1']],
      ['Science', ['S2', 'S4']],
      ['Business', ['S3']],
      ['World', ['S5']],
    ]);
  });

  it('has only the top section when there are few stories', () => {
    expect(layoutSections(stories(2), 5).map((s) => s.title)).toEqual(['Top stories']);
  });
});
