import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { buildEdition, type DigestDeps } from '../../../functions/digest/digest';
import { ArticleStore } from '../../../functions/core/store/article-store';
import { EditionStore } from '../../../functions/core/store/edition-store';
import { SubscriberStore } from '../../../functions/core/store/subscriber-store';
import { EnqueueProgressStore } from '../../../functions/digest/enqueue-progress';
import { silentLogger } from '../../../functions/core/log';
import type { Edition } from '../../../functions/core/daybreak-config';
import type { SendBatch } from '../../../functions/core/model';
import { FolderArchive } from '../../../functions/core/archive/folder-archive';
import { dynamoStandIn, TEST_TABLE, tempDir } from '../../helpers/stand-ins';
import { article } from '../../helpers/articles';
import { testFingerprint } from '../../helpers/link-key';

const edition: Edition = {
  id: 'global',
  title: 'Daybreak',
  sendAt: '07:00',
  timezone: 'Europe/London',
  maxStories: 25,
  topStories: 2,
  onlyWhenNew: true,
};

describe('buildEdition on dynalite', () => {
  let db: DynamoDBDocumentClient;
  let close: () => Promise<void>;
  let deps: DigestDeps;
  const enqueued: SendBatch[] = [];
  let now = new Date('2026-11-26T07:00:00Z');

  beforeAll(async () => {
    ({ db, close } = await dynamoStandIn());
    deps = {
      articles: new ArticleStore(db, TEST_TABLE),
      editions: new EditionStore(db, TEST_TABLE),
      subscribers: new SubscriberStore(db, TEST_TABLE, testFingerprint),
      progress: new EnqueueProgressStore(db, TEST_TABLE),
      queue: { enqueue: async (batches) => void enqueued.push(...batches) },
      clock: () => now,
      log: silentLogger,
      publicUrl: 'https://news.example.com',
      archive: new FolderArchive(tempDir('archive-')),
    };
    const at = now.toISOString();
    await deps.subscribers.put({
      email: 'ann@example.com',
      status: 'active',
      editions: ['global'],
      createdAt: at,
      updatedAt: at,
    });
    await deps.subscribers.put({
      email: 'bob@example.com',
      status: 'active',
      editions: ['asia'],
      createdAt: at,
      updatedAt: at,
    });
    await deps.subscribers.put({
      email: 'cat@example.com',
      status: 'unsubscribed',
      editions: ['global'],
      createdAt: at,
      updatedAt: at,
    });
    await deps.articles.saveArticles(
      [
        {
          article: article({
            headline: 'Yesterday evening story',
            id: 'y',
            category: 'world',
            publishedAt: '2026-11-25T20:00:00.000Z',
          }),
          day: '2026-11-25',
        },
        {
          article: article({
            headline: 'Too old for the window',
            id: 'o',
            category: 'world',
            publishedAt: '2026-11-25T05:00:00.000Z',
          }),
          day: '2026-11-25',
        },
        {
          article: article({
            headline: 'Morning story on science',
            id: 'm',
            category: 'science',
            publishedAt: '2026-11-26T06:00:00.000Z',
          }),
          day: '2026-11-26',
        },
        {
          article: article({
            headline: 'Dawn story on business',
            id: 'd',
            category: 'business',
            publishedAt: '2026-11-26T05:00:00.000Z',
          }),
          day: '2026-11-26',
        },
      ],
      30,
    );
  });
  afterAll(() => close());

  it('renders the window from 24 hours before the send time, and enqueues the edition’s active subscribers only', async () => {
    const summary = await buildEdition(edition, deps, '2026-11-26');
    expect(summary).toMatchObject({ status: 'enqueued', collected: 3, stories: 3, recipients: 1, reused: false });
    expect(enqueued).toEqual([{ date: '2026-11-26', edition: 'global', recipients: ['ann@example.com'] }]);
    const rendered = await deps.editions.getRendered('2026-11-26', 'global');
    expect(rendered?.html).not.toContain('Too old for the window');
    expect(rendered?.text).toContain('Yesterday evening story');
  });

  it('shows the top stories first, then a section per category', async () => {
    const text = (await deps.editions.getRendered('2026-11-26', 'global'))?.text ?? '';
    const headings = text.split('\n').filter((line) => /^[A-Z ]+$/.test(line) && line.length > 2);
    expect(headings[0]).toBe('TOP STORIES');
    expect(headings.length).toBeGreaterThanOrEqual(2);
    const html = (await deps.editions.getRendered('2026-11-26', 'global'))?.html ?? '';
    expect(html).toMatch(/<h2 class="sec">Top stories<\/h2>/);
  });

  it('sends a rerun as it was rendered, without rendering again', async () => {
    await deps.articles.saveArticles(
      [
        {
          article: article({ headline: 'Late addition', id: 'late', publishedAt: '2026-11-26T06:30:00.000Z' }),
          day: '2026-11-26',
        },
      ],
      30,
    );
    // The sender has mailed the first run's recipient, so the rerun finds nobody missing.
    const recipient = testFingerprint(enqueued[0]?.recipients[0] ?? '');
    const at = new Date('2026-11-26T07:00:00Z');
    await deps.editions.claim('2026-11-26', 'global', recipient, at);
    await deps.editions.record('2026-11-26', 'global', recipient, { status: 'sent', messageId: 'm' }, at);
    const summary = await buildEdition(edition, deps, '2026-11-26');
    expect(summary).toMatchObject({
      status: 'enqueued',
      reused: true,
      stories: 3,
      recipients: 1,
      enqueued: 0,
      reconciled: 0,
    });
    expect(enqueued).toHaveLength(1);
    expect((await deps.editions.getRendered('2026-11-26', 'global'))?.html).not.toContain('Late addition');
  });

  it('does not send an edition with nothing new since the previous one, and says why', async () => {
    now = new Date('2026-11-27T07:00:00Z');
    // Another desk reports the 26th's science story again, overnight, at the same address.
    const again = article({
      headline: 'Morning story on science',
      id: 'm',
      source: 'Second Desk',
      category: 'science',
      publishedAt: '2026-11-27T05:00:00.000Z',
    });
    await deps.articles.saveArticles([{ article: again, day: '2026-11-27' }], 30);
    const summary = await buildEdition(edition, deps, '2026-11-27');
    expect(summary.status).toBe('skipped');
    expect(summary.reason).toBe('no story that the 2026-11-26 edition did not carry');
    expect(await deps.editions.getRendered('2026-11-27', 'global')).toBeUndefined();
  });

  it('sends it anyway when the edition does not ask for only-when-new', async () => {
    const summary = await buildEdition({ ...edition, onlyWhenNew: false }, deps, '2026-11-27');
    expect(summary.status).toBe('enqueued');
  });

  it('skips a day without any story, and says so', async () => {
    const summary = await buildEdition(edition, deps, '2026-12-20');
    expect(summary).toMatchObject({ status: 'skipped', reason: 'no stories were collected for this edition’s window' });
  });
});
