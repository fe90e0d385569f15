import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { collect, type CollectDeps } from '../../../functions/collect/collect';
import { httpFetcher, defaultFetchOptions } from '../../../functions/collect/fetch-source';
import { ArticleStore } from '../../../functions/core/store/article-store';
import { SourceStateStore } from '../../../functions/collect/source-state-store';
import { silentLogger } from '../../../functions/core/log';
import type { Edition, ResolvedSource } from '../../../functions/core/daybreak-config';
import { closeServer, serveLocal } from '../../../infra/local/http';
import { collectorItemsDb, dynamoStandIn, TEST_TABLE } from '../../helpers/stand-ins';

const edition: Edition = {
  id: 'global',
  title: 'Daybreak',
  sendAt: '07:00',
  timezone: 'Asia/Kolkata',
  maxStories: 25,
  topStories: 5,
  onlyWhenNew: true,
};
const now = new Date('2026-11-26T20:00:00Z'); // 01:30 on the 27th in Kolkata

function rss(items: { title: string; path: string; date: string; summary?: string }[]): string {
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title>${items
    .map(
      (i) =>
        `<item><title>${i.title}</title><link>https://desk.example.com${i.path}?utm_source=rss</link><description>${i.summary ?? ''}</description><pubDate>${i.date}</pubDate></item>`,
    )
    .join('')}</channel></rss>`;
}

/** A source server whose documents and behaviour each test can change. */
class Sources {
  docs = new Map<string, { body: string; type: string; etag?: boolean }>();
  failing = new Set<string>();
  requests: string[] = [];
  url = '';
  private server?: Awaited<ReturnType<typeof serveLocal>>;

  async start() {
    this.server = await serveLocal((req: IncomingMessage, res: ServerResponse) => {
      const path = req.url ?? '/';
      this.requests.push(path);
      const doc = this.docs.get(path);
      if (this.failing.has(path) || !doc) return void res.writeHead(this.failing.has(path) ? 503 : 404).end();
      const etag = `"${createHash('md5').update(doc.body).digest('hex')}"`;
      if (doc.etag && req.headers['if-none-match'] === etag) return void res.writeHead(304).end();
      res.writeHead(200, { 'content-type': doc.type, ...(doc.etag ? { etag } : {}) }).end(doc.body);
    });
    this.url = this.server.url;
  }
  close() {
    return this.server ? closeServer(this.server.server) : Promise.resolve();
  }
}

describe('collect, on dynalite, from sources served on 127.0.0.1', () => {
  let db: DynamoDBDocumentClient;
  let closeDb: () => Promise<void>;
  const sources = new Sources();
  let deps: CollectDeps;
  let clock = now;

  const source = (name: string, path: string, kind: ResolvedSource['kind'] = 'feed'): ResolvedSource => ({
    name,
    url: `${sources.url}${path}`,
    kind,
    edition: 'global',
    category: 'news',
    region: 'Global',
    timezone: 'UTC',
    weight: 1,
  });

  beforeAll(async () => {
    // The page readers load on a run's first page; jest transforms them as they load, which on a busy
    // machine held the event loop past the runs' 2 s fetch timeouts. Loaded here, no run waits for them.
    await import('../../../functions/collect/extract-page');
    let endpoint: string;
    ({ db, endpoint, close: closeDb } = await dynamoStandIn());
    // As the collect handler has them: articles and source states through the SDK-less wire client.
    const itemsDb = collectorItemsDb(endpoint);
    await sources.start();
    sources.docs.set('/world.rss', {
      type: 'application/rss+xml',
      etag: true,
      body: rss([
        {
          title: 'Harbour bridge reopens after rebuild',
          path: '/bridge',
          date: 'Thu, 26 Nov 2026 19:00:00 GMT',
          summary: 'Traffic resumed at dawn.',
        },
        { title: 'Museum returns artefacts', path: '/museum', date: 'Thu, 26 Nov 2026 10:00:00 GMT' },
      ]),
    });
    sources.docs.set('/no-etag.rss', {
      type: 'application/rss+xml',
      body: rss([
        {
          title: 'Harbour bridge reopens after two-year rebuild',
          path: '/other-bridge',
          date: 'Thu, 26 Nov 2026 19:30:00 GMT',
        },
      ]),
    });
    sources.docs.set('/old.rss', {
      type: 'application/rss+xml',
      body: rss([{ title: 'Ancient news', path: '/ancient', date: 'Mon, 02 Feb 2026 10:00:00 GMT' }]),
    });
    sources.docs.set('/home.html', {
      type: 'text/html',
      body: `<!doctype html><html><head><link rel="alternate" type="application/rss+xml" href="/discovered.rss"></head><body>Home</body></html>`,
    });
    sources.docs.set('/discovered.rss', {
      type: 'application/rss+xml',
      body: rss([{ title: 'Found through autodiscovery', path: '/found', date: 'Thu, 26 Nov 2026 18:00:00 GMT' }]),
    });
    deps = {
      sources: [
        source('World', '/world.rss'),
        source('No ETag', '/no-etag.rss'),
        source('Old', '/old.rss'),
        source('Home page', '/home.html'),
        source('Down', '/down.rss'),
      ],
      editions: [edition],
      fetch: httpFetcher({ ...defaultFetchOptions, timeoutMs: 2000, allowPrivateAddresses: true }),
      articles: new ArticleStore(db, TEST_TABLE, itemsDb),
      states: new SourceStateStore(itemsDb, TEST_TABLE),
      clock: () => clock,
      log: silentLogger,
      retentionDays: 30,
      intervalMinutes: 30,
    };
  });
  afterAll(async () => {
    await sources.close();
    await closeDb();
  });

  it('stores what every working source has, and names the one that failed', async () => {
    const summary = await collect(deps);
    expect(summary).toMatchObject({
      sources: 5,
      read: 4,
      notModified: 0,
      unchanged: 0,
      items: { new: 4, updated: 0, unchanged: 0, skipped: 1 },
    });
    expect(summary.failed).toEqual([{ source: 'Down', error: expect.stringContaining('HTTP 404'), failures: 1 }]);
    expect(summary.skippedItems).toEqual([
      {
        source: 'Old',
        item: 'https://desk.example.com/ancient',
        reason: expect.stringContaining('older than the 30-day retention'),
      },
    ]);
  });

  it('files articles under their edition’s local day, with canonical URLs, and counts the bridge once as a story', async () => {
    const day27 = await deps.articles.readDay('global', '2026-11-27');
    const day26 = await deps.articles.readDay('global', '2026-11-26');
    // 19:00 GMT is 00:30 on the 27th in Kolkata; 18:00 GMT is still the 26th there.
    expect(day27.articles.map((a) => a.url).sort()).toEqual([
      'https://desk.example.com/bridge',
      'https://desk.example.com/other-bridge',
    ]);
    expect(day26.articles.map((a) => a.headline).sort()).toEqual([
      'Found through autodiscovery',
      'Museum returns artefacts',
    ]);
  });

  const working = () => ({ ...deps, sources: deps.sources.filter((s) => s.name !== 'Down') });
  const down = () => ({ ...deps, sources: deps.sources.filter((s) => s.name === 'Down') });

  it('writes nothing on a second run over unchanged sources; ETag sources answer 304', async () => {
    const summary = await collect(working());
    expect(summary.writes).toBe(0);
    expect(summary.notModified).toBe(1);
    // The two feeds without ETags send the same bytes again: skipped unparsed, like a 304.
    expect(summary.unchanged).toBe(2);
    expect(summary.read).toBe(1); // the home page: its discovered feed is read again and recognised
    expect(summary.items).toMatchObject({ new: 0, updated: 0, unchanged: 1 });
    // Two sources, one story: the bridge, told twice.
    expect(summary.stories).toBe(1);
  });

  it('replaces an updated article in place: it never appears twice', async () => {
    sources.docs.set('/world.rss', {
      type: 'application/rss+xml',
      etag: true,
      body: rss([
        {
          title: 'Harbour bridge reopens after rebuild, with tolls',
          path: '/bridge',
          date: 'Thu, 26 Nov 2026 19:00:00 GMT',
          summary: 'Traffic resumed at dawn; tolls start Monday.',
        },
        { title: 'Museum returns artefacts', path: '/museum', date: 'Thu, 26 Nov 2026 10:00:00 GMT' },
      ]),
    });
    const summary = await collect(working());
    // The museum beside the bridge, and the discovered feed; the feed without an ETag sent the same bytes.
    expect(summary.items).toMatchObject({ new: 0, updated: 1, unchanged: 2 });
    expect(summary.unchanged).toBe(2);
    const day27 = await deps.articles.readDay('global', '2026-11-27');
    const bridges = day27.articles.filter((a) => a.url === 'https://desk.example.com/bridge');
    expect(bridges.map((a) => a.headline)).toEqual(['Harbour bridge reopens after rebuild, with tolls']);
  });

  it('tries a source that keeps failing less often, and says so', async () => {
    const second = await collect(down()); // Down fails a second time: it now waits an interval.
    expect(second.failed[0]).toMatchObject({
      source: 'Down',
      failures: 2,
      error: expect.stringContaining('next try after'),
    });
    sources.requests.length = 0;
    clock = new Date(now.getTime() + 10 * 60000);
    const third = await collect(down());
    expect(third.failed).toEqual([]);
    expect(third.backingOff).toEqual([{ source: 'Down', failures: 2, until: expect.any(String) }]);
    expect(sources.requests).not.toContain('/down.rss');
  });

  it('refuses, and names in the summary, a source or an advertised feed at a private or metadata address', async () => {
    sources.docs.set('/internal-link.html', {
      type: 'text/html',
      body: `<!doctype html><html><head><link rel="alternate" type="application/rss+xml" href="http://10.0.0.5/feed.rss"></head></html>`,
    });
    const summary = await collect({
      ...deps,
      sources: [
        source('Internal link', '/internal-link.html'),
        { ...source('Metadata', ''), url: 'http://169.254.169.254/latest/meta-data/' },
      ],
      // The test server on 127.0.0.1 is exempt; every other private address is refused, as in AWS.
      fetch: httpFetcher({ ...defaultFetchOptions, timeoutMs: 2000, exemptAddresses: ['127.0.0.1'] }),
    });
    expect(summary.failed).toEqual([
      {
        source: 'Internal link',
        error: `${sources.url}/internal-link.html advertises its feed at http://10.0.0.5/feed.rss: refused: 10.0.0.5 is a private address (RFC 1918)`,
        failures: 1,
      },
      {
        source: 'Metadata',
        error:
          'http://169.254.169.254/latest/meta-data/: refused: 169.254.169.254 is the cloud instance metadata service (link-local)',
        failures: 1,
      },
    ]);
  });

  it('recovers a source once it answers again', async () => {
    sources.docs.set('/down.rss', {
      type: 'application/rss+xml',
      body: rss([{ title: 'Back online', path: '/back', date: 'Thu, 26 Nov 2026 19:40:00 GMT' }]),
    });
    clock = new Date(now.getTime() + 60 * 60000);
    const summary = await collect(down());
    expect(summary.failed).toEqual([]);
    expect(summary.backingOff).toEqual([]);
    expect(summary.items.new).toBe(1);
  });

  describe('a feed without validators that sends the same bytes again', () => {
    const quiet = () => source('Quiet', '/quiet.rss');
    const body = rss([{ title: 'Quiet harbour day', path: '/quiet', date: 'Thu, 26 Nov 2026 19:10:00 GMT' }]);
    const only = (s: ResolvedSource) => ({ ...deps, clock: () => now, sources: [s] });
    const nothingRead = { read: 0, unchanged: 1, writes: 0, items: { new: 0, updated: 0, unchanged: 0, skipped: 0 } };

    beforeAll(() => sources.docs.set('/quiet.rss', { type: 'application/rss+xml', body }));

    it('is skipped unparsed on the second run, with no writes, and counted as unchanged', async () => {
      expect(await collect(only(quiet()))).toMatchObject({ read: 1, items: { new: 1 } });
      expect(await collect(only(quiet()))).toMatchObject(nothingRead);
    });

    it('is read again when one byte changes', async () => {
      sources.docs.set('/quiet.rss', {
        type: 'application/rss+xml',
        body: body.replace('Quiet harbour', 'Quiet Harbour'),
      });
      expect(await collect(only(quiet()))).toMatchObject({ read: 1, unchanged: 0, items: { updated: 1 } });
      expect(await collect(only(quiet()))).toMatchObject(nothingRead);
    });

    it('is read again when the source’s configuration changes', async () => {
      const summary = await collect(only({ ...quiet(), category: 'local', weight: 2 }));
      expect(summary).toMatchObject({ read: 1, unchanged: 0, items: { updated: 1 } });
    });

    it('is read again on a new day of its edition (undated items and trending lists are filed by day)', async () => {
      const tomorrow = new Date(now.getTime() + 86400000);
      const summary = await collect({ ...only(quiet()), clock: () => tomorrow });
      expect(summary).toMatchObject({ read: 1, unchanged: 0 });
    });

    it('is read again when the stored state has no fingerprint (a state from before fingerprints)', async () => {
      await collect(only(quiet())); // back on today's day: read once, then recognised
      expect(await collect(only(quiet()))).toMatchObject(nothingRead);
      const states = await deps.states.getMany(['Quiet']);
      const { bodyHash: _dropped, ...before } = states.get('Quiet') ?? { source: 'Quiet', consecutiveFailures: 0 };
      await deps.states.put(before);
      const summary = await collect(only(quiet()));
      expect(summary).toMatchObject({ read: 1, unchanged: 0, items: { unchanged: 1 } });
    });
  });
});
