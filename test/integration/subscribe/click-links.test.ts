import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ClickStore } from '../../../functions/core/clicks/click-store';
import { ArticleStore } from '../../../functions/core/store/article-store';
import { FolderArchive } from '../../../functions/core/archive/folder-archive';
import type { RenderedEdition } from '../../../functions/core/model';
import { buildEdition } from '../../../functions/digest/digest';
import { personalize } from '../../../functions/mail/personalize';
import type { SubscribeDeps } from '../../../functions/subscribe/deps';
import { route } from '../../../functions/subscribe/router';
import { article } from '../../helpers/articles';
import { digestBesideSubscribe } from '../../helpers/digest-beside-subscribe';
import { TEST_TABLE, tempDir } from '../../helpers/stand-ins';
import { EDITIONS, request, subscribeStandIns } from '../../helpers/subscribe';

const READER = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148';

/** Clicks on an edition's links: signed, redirected to the article kept with the edition, and counted without loss. */
describe('click links of an edition', () => {
  const now = new Date('2026-11-27T08:00:00Z');
  let db: DynamoDBDocumentClient;
  let deps: SubscribeDeps;
  let close: () => Promise<void>;
  let edition: RenderedEdition;
  let clicks: ClickStore;

  beforeAll(async () => {
    let standIns: SubscribeDeps;
    ({ db, deps: standIns, close } = await subscribeStandIns(() => now));
    clicks = new ClickStore(db, TEST_TABLE);
    deps = { ...standIns, archive: new FolderArchive(tempDir('clicks-')), clicks };
    await new ArticleStore(db, TEST_TABLE).saveArticles(
      [
        {
          article: article({
            headline: 'Harbour bridge reopens after rebuild',
            id: 'b',
            url: 'https://paper.example/bridge',
            publishedAt: '2026-11-27T05:00:00.000Z',
          }),
          day: '2026-11-27',
        },
      ],
      30,
    );
    await buildEdition(
      EDITIONS[0]!,
      digestBesideSubscribe(db, deps, {
        clock: () => new Date('2026-11-27T07:00:00Z'),
        archive: deps.archive,
        clicks: {
          tracking: 'aggregate',
          tokens: deps.tokens,
          store: clicks,
          readersMinClicks: 20,
          editions: ['global'],
        },
      }),
      '2026-11-27',
    );
    edition = (await deps.editions.getRendered('2026-11-27', EDITIONS[0]!.id))!;
  }, 60000);
  afterAll(() => close());

  /** The first story link of one recipient's text part, delivered an hour before `now`. */
  const storyLink = () => {
    const { text } = personalize(edition, {
      unsubscribeUrl: 'u',
      preferencesUrl: 'p',
      clickSuffix: `&d=${Math.floor(now.getTime() / 1000) - 3600}`,
    });
    const link = /https:\/\/news\.example\.com\/c\/\S+/.exec(text)?.[0];
    if (!link) throw new Error('no click link in the text part');
    return link;
  };
  const click = (target: string, agent = READER) => {
    const r = request('GET', target);
    return route({ ...r, headers: { ...r.headers, 'user-agent': agent } }, deps);
  };

  it('puts signed click links in both parts, never the article’s own address', () => {
    expect(edition.text).not.toContain('https://paper.example/bridge');
    expect(edition.html).not.toContain('https://paper.example/bridge');
    expect(storyLink()).toMatch(/^https:\/\/news\.example\.com\/c\/2026-11-27\.global\/0\?s=[\w-]{22}&d=\d+$/);
  });

  it('answers a valid link with a redirect to the article kept with the edition', async () => {
    const response = await click(storyLink());
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('https://paper.example/bridge');
  });

  it('sends a tampered or unknown link only to the edition’s page', async () => {
    const archive = 'https://news.example.com/archive/2026-11-27/global';
    const tampered = storyLink().replace(/s=[\w-]{4}/, 's=AAAA');
    expect((await click(tampered)).headers.location).toBe(archive);
    expect((await click(`${storyLink()}&url=https://evil.example/`)).headers.location).toBe(
      'https://paper.example/bridge',
    );
    expect((await click('/c/2026-11-27.global/zz?s=AAAAAAAAAAAAAAAAAAAAAA')).headers.location).toBe(archive);
    expect((await click('/c/2026-11-27.nowhere/0?s=x')).status).toBe(404);
  });

  it('counts 2,000 concurrent clicks exactly, filters scanners, and estimates unique clickers', async () => {
    const before = await clicks.stats('2026-11-27', 'global');
    const link = storyLink();
    const total = 2000;
    let next = 0;
    await Promise.all(
      Array.from({ length: 50 }, async () => {
        while (next < total) {
          const i = next++;
          const r = request('GET', link, { ip: `10.0.${i % 200}.${i % 250}` });
          const response = await route({ ...r, headers: { 'user-agent': READER } }, deps);
          expect(response.status).toBe(302);
        }
      }),
    );
    await click(link, 'Mozilla/5.0 (compatible; Barracuda Sentinel scanner)');
    const fresh = storyLink().replace(/d=\d+/, `d=${Math.floor(now.getTime() / 1000) - 2}`);
    await click(fresh);
    const after = await clicks.stats('2026-11-27', 'global');
    expect(after.clicks - before.clicks).toBe(total);
    expect(after.links['0']).toBe(after.clicks);
    expect(after.filtered.agent - before.filtered.agent).toBe(1);
    expect(after.filtered.timing - before.filtered.timing).toBe(1);
    // 2,000 requests from at most 200 × 250 addresses with one agent: the estimate is near the distinct count.
    const distinct = new Set(Array.from({ length: total }, (_, i) => `${i % 200}.${i % 250}`)).size;
    expect(Math.abs(after.uniqueClickers - distinct) / distinct).toBeLessThan(0.15);
  }, 300000);

  it('never redirects to an address taken from the request: open-redirect attempts go to the article or the edition’s page', async () => {
    const valid = storyLink();
    const signature = /s=([\w-]{22})/.exec(valid)?.[1] ?? '';
    const attempts = [
      `${valid}&url=https://evil.example/`,
      `${valid}&redirect=//evil.example&next=https%3A%2F%2Fevil.example`,
      `/c/2026-11-27.global/0?url=https://evil.example/&s=${signature}`,
      '/c/2026-11-27.global/0?s=https://evil.example/',
      `/c/2026-11-27.global/0?s=${signature.slice(1)}x`,
      `/c/2026-11-27.global/1?s=${signature}`,
      `/c/2026-11-26.global/0?s=${signature}`,
      `/c/2026-11-27.global//evil.example?s=${signature}`,
      `/c/2026-11-27.global/%2F%2Fevil.example?s=${signature}`,
      `/c/2026-11-27.global/0%2F..%2F..%2Fevil.example?s=${signature}`,
      `/c/2026-11-27.global/https:%2F%2Fevil.example?s=${signature}`,
      `/c/2026-11-27.global/0/https://evil.example?s=${signature}`,
      `/c/2026-11-27.global/0?s=${signature}%0d%0aLocation:%20https://evil.example`,
      '/c/2026-11-27.evil.example/0?s=x',
      '/c/..%2F..%2Fevil.example/0?s=x',
    ];
    for (const target of attempts) {
      const response = await click(target);
      const location = response.headers.location ?? '';
      expect(location).not.toMatch(/evil/);
      expect(response.headers['set-cookie']).toBeUndefined();
      // Only the article kept with the edition, or an edition's page on the site itself.
      if (response.status === 302)
        expect(
          location === 'https://paper.example/bridge' ||
            /^https:\/\/news\.example\.com\/archive\/\d{4}-\d{2}-\d{2}\/global$/.test(location),
        ).toBe(true);
      else expect(response.status).toBeGreaterThanOrEqual(400);
    }
    // A path the API gateway passes as is, with a second slash: not a click link at all.
    const r = request('GET', '/');
    const doubled = await route(
      { ...r, path: `//evil.example/c/2026-11-27.global/0`, headers: { 'user-agent': READER } },
      deps,
    );
    expect(doubled.status).toBe(404);
    expect(doubled.headers.location).toBeUndefined();
  });

  it('counts a HEAD request as a scanner’s, still answering with the article', async () => {
    const before = await clicks.stats('2026-11-27', 'global');
    const r = request('HEAD', storyLink());
    const response = await route({ ...r, headers: { 'user-agent': READER } }, deps);
    expect(response.status).toBe(302);
    const after = await clicks.stats('2026-11-27', 'global');
    expect(after.clicks).toBe(before.clicks);
    expect(after.filtered.agent - before.filtered.agent).toBe(1);
  });
});
