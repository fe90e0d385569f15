import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { collect } from '../../../functions/collect/collect';
import { defaultFetchOptions, httpFetcher } from '../../../functions/collect/fetch-source';
import { ArticleStore } from '../../../functions/core/store/article-store';
import { SourceStateStore } from '../../../functions/collect/source-state-store';
import { silentLogger } from '../../../functions/core/log';
import type { ResolvedSource } from '../../../functions/core/daybreak-config';
import { closeServer, serveLocal } from '../../../infra/local/http';
import { dynamoStandIn, TEST_TABLE } from '../../helpers/stand-ins';

/** Many sources on one site: the collector asks that site for at most two documents at a time. */
describe('collect is polite to a site with many sources', () => {
  let db: DynamoDBDocumentClient;
  let closeDb: () => Promise<void>;
  let server: Awaited<ReturnType<typeof serveLocal>>;
  let open = 0;
  let peak = 0;
  const served: string[] = [];

  beforeAll(async () => {
    ({ db, close: closeDb } = await dynamoStandIn());
    server = await serveLocal(async (request: IncomingMessage, response: ServerResponse) => {
      open++;
      peak = Math.max(peak, open);
      await new Promise((resolve) => setTimeout(resolve, 200));
      served.push(request.url ?? '');
      const section = (request.url ?? '/').slice(1);
      const body = `<?xml version="1.0"?><rss version="2.0"><channel><title>${section}</title><item><title>News from ${section}</title><link>https://site.example.com/${section}/story</link><pubDate>Fri, 27 Nov 2026 06:00:00 GMT</pubDate></item></channel></rss>`;
      response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(body);
      open--;
    });
  });
  afterAll(async () => {
    await closeServer(server.server);
    await closeDb();
  });

  it('fetches six sections of one site two at a time, and reads them all', async () => {
    const sections = ['world', 'business', 'science', 'sport', 'culture', 'travel'];
    const sources: ResolvedSource[] = sections.map((section) => ({
      name: section,
      url: `${server.url}/${section}`,
      kind: 'feed',
      edition: 'global',
      category: section,
      region: 'Global',
      timezone: 'UTC',
      weight: 1,
    }));
    const summary = await collect({
      sources,
      editions: [
        {
          id: 'global',
          title: 'Daybreak',
          sendAt: '07:00',
          timezone: 'UTC',
          maxStories: 25,
          topStories: 5,
          onlyWhenNew: true,
        },
      ],
      fetch: httpFetcher({ ...defaultFetchOptions, timeoutMs: 5000, allowPrivateAddresses: true }),
      articles: new ArticleStore(db, TEST_TABLE),
      states: new SourceStateStore(db, TEST_TABLE),
      clock: () => new Date('2026-11-27T07:00:00Z'),
      log: silentLogger,
      retentionDays: 30,
      concurrency: 8,
    });
    expect(summary).toMatchObject({ read: 6, failed: [] });
    expect(served.sort()).toEqual(sections.map((s) => `/${s}`).sort());
    expect(peak).toBe(2);
  });
});
