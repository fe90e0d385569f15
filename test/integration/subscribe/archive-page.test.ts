import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { buildEdition } from '../../../functions/digest/digest';
import { ArticleStore } from '../../../functions/core/store/article-store';
import { FolderArchive } from '../../../functions/core/archive/folder-archive';
import { route } from '../../../functions/subscribe/router';
import type { SubscribeDeps } from '../../../functions/subscribe/deps';
import { tempDir, TEST_TABLE } from '../../helpers/stand-ins';
import { EDITIONS, request, subscribeStandIns } from '../../helpers/subscribe';
import { renderedEdition } from '../../helpers/editions';
import { article } from '../../helpers/articles';
import { digestBesideSubscribe } from '../../helpers/digest-beside-subscribe';

/** "View in browser": the digest keeps each edition's page in the archive, and the form's site serves it. */
describe('the archive page of an edition', () => {
  const now = new Date('2026-11-27T07:00:00Z');
  const folder = tempDir('archive-');
  let db: DynamoDBDocumentClient;
  let deps: SubscribeDeps;
  let close: () => Promise<void>;

  beforeAll(async () => {
    let standIns: SubscribeDeps;
    ({ db, deps: standIns, close } = await subscribeStandIns(() => now));
    deps = { ...standIns, archive: new FolderArchive(folder) };
    await new ArticleStore(db, TEST_TABLE).saveArticles(
      [
        {
          article: article({
            headline: 'Harbour bridge reopens after rebuild',
            id: 'b',
            publishedAt: '2026-11-27T05:00:00.000Z',
          }),
          day: '2026-11-27',
        },
      ],
      30,
    );
    await buildEdition(
      EDITIONS[0]!,
      digestBesideSubscribe(db, deps, { clock: () => now, archive: deps.archive }),
      '2026-11-27',
    );
  });
  afterAll(() => close());

  it('is kept by the digest where the bucket would keep it', () => {
    expect(existsSync(path.join(folder, 'archive', '2026-11-27', 'global.html'))).toBe(true);
  });

  it('is served at /archive/DATE/EDITION with the stories, and with no one’s personal links', async () => {
    const page = await route(request('GET', '/archive/2026-11-27/global'), deps);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBeDefined();
    expect(page.body).toContain('Harbour bridge reopens after rebuild');
    expect(page.body).not.toMatch(/%%[A-Z_]+%%|token=/);
    // A visitor's footer, not a subscriber's: an invitation, and no unsubscribe link that leads nowhere.
    expect(page.body).toContain(
      'Daybreak is a daily email digest of the news.<br /><a href="/">Subscribe</a> · <a href="/archive">Past editions</a>',
    );
    expect(page.body).not.toContain('Unsubscribe');
  });

  it('is still served for an edition kept before the archive existed (in the table only)', async () => {
    await deps.editions.saveRendered({
      ...renderedEdition('2026-11-20', now.toISOString(), 'Older news', { legacy: true }),
    });
    const page = await route(request('GET', '/archive/2026-11-20/global'), deps);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Older news');
  });

  it('is written by a rerun of an edition kept before the archive existed, with no placeholder left', async () => {
    await deps.editions.saveRendered(renderedEdition('2026-11-19', now.toISOString(), 'Oldest news', { legacy: true }));
    const archive = new FolderArchive(tempDir('archive-rerun-'));
    await buildEdition(EDITIONS[0]!, digestBesideSubscribe(db, deps, { clock: () => now, archive }), '2026-11-19');
    const page = await archive.get('2026-11-19', 'global');
    expect(page).toContain('Oldest news');
    expect(page).not.toMatch(/%%[A-Z_]+%%|token=/);
  });

  it('answers 404 with a clear page for a day without that edition', async () => {
    const page = await route(request('GET', '/archive/2026-11-21/global'), deps);
    expect(page.status).toBe(404);
    expect(page.body).toContain('There is no Daybreak edition for 21 November 2026');
  });

  it('names a missing past edition by its title and date, without “yet”, and links the index and the latest edition', async () => {
    const page = await route(request('GET', '/archive/1999-01-01/global'), deps);
    expect(page.status).toBe(404);
    expect(page.body).toContain('There is no Daybreak edition for 1 January 1999.</p>');
    expect(page.body).toContain('<a href="/archive">All past editions</a>');
    expect(page.body).toContain(
      '<a href="/archive/2026-11-27/global">The latest edition: Daybreak, Friday, 27 November 2026</a>',
    );
  });

  it('links only the index from a missing edition while none is kept, and answers JSON when asked', async () => {
    const empty = { ...deps, archive: new FolderArchive(tempDir('archive-none-')) };
    const page = await route(request('GET', '/archive/1999-01-01/global'), empty);
    expect(page.body).toContain('<a href="/archive">All past editions</a>');
    expect(page.body).not.toContain('latest edition');
    const asJson = await route(request('GET', '/archive/1999-01-01/global', { accept: 'application/json' }), empty);
    expect(asJson.status).toBe(404);
    expect(JSON.parse(asJson.body)).toEqual({
      error: 'No such edition',
      message: 'There is no Daybreak edition for 1 January 1999.',
    });
  });

  it('lists the editions kept at /archive, newest first, each with its title, day, lead headlines and link', async () => {
    await deps.archive.put('2026-11-26', 'global', '<p>Day before</p>');
    await deps.archive.put('2026-11-26', 'retired', '<p>An edition no longer configured</p>');
    // Kept before editions stored their headlines: the subject's lead stands in.
    await deps.editions.saveRendered(renderedEdition('2026-11-26', now.toISOString(), 'Ferry strike ends'));
    const index = await route(request('GET', '/archive'), deps);
    expect(index.status).toBe(200);
    const entries = [...index.body.matchAll(/<li><a href="(\/archive\/[^"]+)">([^<]+)<\/a>(.*?)<\/li>\n/gs)].map(
      (m) => [m[1], m[2], [...(m[3] ?? '').matchAll(/<li>([^<]+)<\/li>/g)].map((h) => h[1])],
    );
    expect(entries).toEqual([
      ['/archive/2026-11-27/global', 'Daybreak, Friday, 27 November 2026', ['Harbour bridge reopens after rebuild']],
      ['/archive/2026-11-26/global', 'Daybreak, Thursday, 26 November 2026', ['Ferry strike ends']],
    ]);
  });

  it('escapes hostile headlines kept with an edition', async () => {
    const hostile = new FolderArchive(tempDir('archive-hostile-'));
    await hostile.put('2026-11-18', 'global', '<p>Hostile</p>');
    await deps.editions.saveRendered({
      ...renderedEdition('2026-11-18', now.toISOString()),
      headlines: ['<script>alert(1)</script>', 'Quotes " and \' & <b>tags</b>'],
    });
    const index = await route(request('GET', '/archive'), { ...deps, archive: hostile });
    expect(index.body).not.toContain('<script>');
    expect(index.body).not.toContain('<b>');
    expect(index.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(index.body).toContain('Quotes &quot; and &#x27; &amp; &lt;b&gt;tags&lt;/b&gt;');
  });

  it('says so when no edition has gone out yet', async () => {
    const empty = await route(request('GET', '/archive/'), {
      ...deps,
      archive: new FolderArchive(tempDir('archive-empty-')),
    });
    expect(empty.status).toBe(200);
    expect(empty.body).toContain('No edition has gone out yet.');
  });
});
