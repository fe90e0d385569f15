import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { SESClient } from '@aws-sdk/client-ses';
import type { SQSEvent } from 'aws-lambda';
import { buildEdition, type DigestDeps } from '../../../functions/digest/digest';
import { ArticleStore } from '../../../functions/core/store/article-store';
import { EditionStore } from '../../../functions/core/store/edition-store';
import { SubscriberStore } from '../../../functions/core/store/subscriber-store';
import { EnqueueProgressStore } from '../../../functions/digest/enqueue-progress';
import { SqsRecipientQueue } from '../../../functions/core/send-queue';
import { silentLogger } from '../../../functions/core/log';
import type { Edition } from '../../../functions/core/daybreak-config';
import { sendQueueConsumer } from '../../../functions/send/consume';
import type { SendDeps } from '../../../functions/send/send';
import { LocalQueue } from '../../../infra/local/sqs';
import type { LocalSes } from '../../../infra/local/ses';
import { renderedEdition } from '../../helpers/editions';
import { FolderArchive } from '../../../functions/core/archive/folder-archive';
import { dynamoStandIn, sesStandIn, TEST_TABLE, tempDir } from '../../helpers/stand-ins';
import { readOutbox, recipientOf } from '../../helpers/mail';
import { testFingerprint, testTokens } from '../../helpers/link-key';

/**
 * An operator resumes an edition that complaints paused: those the senders skipped while it was
 * paused get it, those who had it do not get it again.
 */
const edition: Edition = {
  id: 'global',
  title: 'Daybreak',
  sendAt: '07:00',
  timezone: 'Europe/London',
  maxStories: 25,
  topStories: 5,
  onlyWhenNew: true,
};
const DATE = '2026-11-26';
const COUNT = 200;
const now = new Date('2026-11-26T07:00:00Z');
const emails = Array.from({ length: COUNT }, (_, i) => `reader${i}@example.com`);

describe('resuming a paused edition on dynalite, aws-ses-v2-local and the local queue', () => {
  let db: DynamoDBDocumentClient;
  let closeDb: () => Promise<void>;
  let ses: SESClient;
  let localSes: LocalSes;
  let queue: LocalQueue;
  let deps: DigestDeps;
  let editions: EditionStore;
  let pauseAfterBatches: number | undefined = 2;

  beforeAll(async () => {
    ({ db, close: closeDb } = await dynamoStandIn());
    ({ ses, local: localSes } = await sesStandIn());
    editions = new EditionStore(db, TEST_TABLE);
    const subscribers = new SubscriberStore(db, TEST_TABLE, testFingerprint);
    for (const email of emails)
      await subscribers.put({
        email,
        status: 'active',
        editions: ['global'],
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
      });
    await editions.saveRendered(renderedEdition(DATE, now.toISOString()));

    const sendDeps: SendDeps = {
      editions,
      subscribers,
      ses,
      tokens: testTokens,
      clock: () => now,
      log: silentLogger,
      limiter: { take: async () => {} },
      settings: {
        from: 'Daybreak <digest@news.example.com>',
        publicUrl: 'https://news.example.com',
        parallel: 4,
      },
    };
    const consume = sendQueueConsumer(async () => sendDeps, silentLogger);
    queue = new LocalQueue('resume-send', { batchSize: 1, maxReceiveCount: 5 });
    const endpoint = await queue.start();
    let batches = 0;
    queue.consume(async (event: SQSEvent) => {
      const result = await consume(event);
      // What the feedback function does when complaints near the limit, mid-send.
      if (++batches === pauseAfterBatches)
        await editions.pause(DATE, 'global', 'complaint rate 0.31% (2 of 640) reached 0.25%');
      return result;
    });
    deps = {
      articles: new ArticleStore(db, TEST_TABLE),
      editions,
      subscribers,
      progress: new EnqueueProgressStore(db, TEST_TABLE),
      queue: new SqsRecipientQueue(
        new SQSClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }),
        queue.queueUrl,
      ),
      clock: () => now,
      log: silentLogger,
      publicUrl: 'https://news.example.com',
      archive: new FolderArchive(tempDir('archive-')),
    };
  });
  afterAll(async () => {
    await queue.close();
    await localSes.close();
    await closeDb();
  });

  const deliveries = async () => {
    const count = new Map<string, number>();
    for (const { mail } of await readOutbox(localSes.outboxDir))
      count.set(recipientOf(mail), (count.get(recipientOf(mail)) ?? 0) + 1);
    return count;
  };

  it('stops mid-send when paused: the rest are recorded as skipped "paused"', async () => {
    await buildEdition(edition, deps, DATE);
    await queue.drained();
    const report = await editions.report(DATE, 'global');
    expect(report.paused).toMatch(/complaint rate/);
    expect(report.sent).toBeGreaterThan(0);
    expect(report.skips.paused).toBe(COUNT - report.sent);
    expect((await deliveries()).size).toBe(report.sent);
  });

  it('resumes: lifts the pause, and mails exactly those it skipped', async () => {
    pauseAfterBatches = undefined;
    const before = await editions.report(DATE, 'global');
    const summary = await buildEdition(edition, deps, DATE, { resume: true });
    expect(summary.resumed).toEqual({
      pausedFor: 'complaint rate 0.31% (2 of 640) reached 0.25%',
      released: before.skips.paused,
    });
    expect(summary).toMatchObject({ status: 'enqueued', reused: true, recipients: COUNT });
    await queue.drained();

    const report = await editions.report(DATE, 'global');
    expect(report).toMatchObject({ sent: COUNT, skipped: 0, failed: 0, unknown: 0 });
    expect(report.paused).toBeUndefined();
    const count = await deliveries();
    expect([...count.keys()].sort()).toEqual([...emails].sort());
    expect([...count.values()].every((n) => n === 1)).toBe(true);
  });

  it('counts the complaint rate afresh from the resume', async () => {
    expect((await editions.stats(DATE, 'global')).resumedAt).toEqual({ sent: expect.any(Number), complaints: 0 });
  });

  it('resuming again, with nothing paused, mails nobody twice', async () => {
    const summary = await buildEdition(edition, deps, DATE, { resume: true });
    expect(summary.resumed).toEqual({ released: 0 });
    await queue.drained();
    expect([...(await deliveries()).values()].every((n) => n === 1)).toBe(true);
    expect((await deliveries()).size).toBe(COUNT);
  });

  it('refuses to resume an edition that was never built, saying so', async () => {
    await expect(buildEdition(edition, deps, '2026-11-20', { resume: true })).rejects.toThrow(
      'nothing to resume: the edition 2026-11-20/global was never built',
    );
  });
});
