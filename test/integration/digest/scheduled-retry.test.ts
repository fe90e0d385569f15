import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DeleteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { awsClients } from '../../../functions/core/aws-clients';
import { dateIn } from '../../../functions/core/dates';
import { parseDaybreakConfig } from '../../../functions/core/daybreak-config';
import type { SendBatch } from '../../../functions/core/model';
import { lambdaObservability } from '../../../functions/core/observability';
import { EDITION_PK, EditionStore } from '../../../functions/core/store/edition-store';
import { activeShardOf, SubscriberStore } from '../../../functions/core/store/subscriber-store';
import { createDigestHandler } from '../../../functions/digest/handler';
import { identityOf } from '../../../functions/mail/identity';
import { LocalQueue } from '../../../infra/local/sqs';
import { renderedEdition } from '../../helpers/editions';
import { testFingerprint } from '../../helpers/link-key';
import { dynamoStandIn, TEST_TABLE, tempDir } from '../../helpers/stand-ins';

const config = parseDaybreakConfig(
  JSON.parse(readFileSync(path.join(__dirname, '../../../config/daybreak.json'), 'utf8')),
);
const global = config.editions.find((e) => e.id === 'global');
if (!global) throw new Error('config/daybreak.json has no global edition');
/** A second edition, so each test has its own ledger and progress. */
const editions = [global, { ...global, id: 'late', title: 'Daybreak Late' }];
const READERS = Array.from({ length: 60 }, (_, i) => `reader${String(i).padStart(2, '0')}@example.com`);

/**
 * The digest function as AWS runs it (its handler, on dynalite and an SQS stand-in), invoked by the
 * scheduled retry's event: `{ edition, retryAfterMinutes }`, no date.
 */
describe('the scheduled retry of an edition, through the digest handler', () => {
  let db: DynamoDBDocumentClient;
  let close: () => Promise<void>;
  let queue: LocalQueue;
  const enqueued: string[] = [];
  let stdout: string[];
  let stderr: string[];

  beforeAll(async () => {
    ({ db, close } = await dynamoStandIn());
    // No consumer: what the digest enqueues stays on the queue, for the test to read.
    queue = new LocalQueue('retry-send', { batchSize: 10, maxReceiveCount: 3 });
    await queue.start();
    queue.onEnqueue((body) => enqueued.push(...(JSON.parse(body) as SendBatch).recipients));
    const subscribers = new SubscriberStore(db, TEST_TABLE, testFingerprint);
    const at = new Date().toISOString();
    for (const email of READERS)
      await subscribers.put({ email, status: 'active', editions: ['global', 'late'], createdAt: at, updatedAt: at });
  });
  afterAll(async () => {
    await queue.close();
    await close();
  });
  beforeEach(() => {
    stdout = [];
    stderr = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => stdout.push(String(chunk)) > 0);
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => stderr.push(String(chunk)) > 0);
  });
  afterEach(() => jest.restoreAllMocks());

  function handler() {
    const clients = awsClients({
      region: 'us-east-1',
      credentials: { accessKeyId: 'l', secretAccessKey: 'l' },
      endpoints: { sqs: queue.queueUrl.replace(/\/\d+\/.*$/, '') },
    });
    return createDigestHandler(
      {
        table: TEST_TABLE,
        sendQueueUrl: queue.queueUrl,
        editions,
        publicUrl: 'https://news.example.com',
        identity: identityOf(config),
        allowLoopbackImages: false,
        archiveDir: tempDir('retry-archive-'),
        clickTracking: 'off',
        readersMinClicks: config.tracking.readersMinClicks,
        tokenSecret: 'k'.repeat(40),
      },
      { db, sqs: clients.sqs, s3: clients.s3, secrets: clients.secrets },
      lambdaObservability('digest', { logLevel: 'WARN' }),
    );
  }
  /** The EditionIncomplete documents the invocation printed (EMF, as CloudWatch reads stdout). */
  const incompleteMetrics = () =>
    stdout
      .join('')
      .split('\n')
      .filter((line) => line.includes('"EditionIncomplete"'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  /** What the senders would do with these recipients' messages: claim and record each sent. */
  const sendAll = async (date: string, id: string, emails: string[]) => {
    const editions = new EditionStore(db, TEST_TABLE);
    for (const email of emails)
      if (await editions.claim(date, id, testFingerprint(email), new Date()))
        await editions.record(date, id, testFingerprint(email), { status: 'sent', messageId: 'm' }, new Date());
  };

  /** The edition's day as the retry computes it: the day it was 30 minutes ago in its zone. */
  const retryDate = (id: string) =>
    dateIn(editions.find((e) => e.id === id)?.timezone ?? 'UTC', new Date(Date.now() - 30 * 60_000));
  /** The send-time run of the edition (kept as rendered first): it enqueues everyone. */
  const sendTimeRun = async (id: string) => {
    const date = retryDate(id);
    await new EditionStore(db, TEST_TABLE).saveRendered({
      ...renderedEdition(date, new Date().toISOString()),
      edition: id,
    });
    expect(await handler()({ edition: id, date })).toMatchObject({
      date,
      recipients: READERS.length,
      enqueued: READERS.length,
    });
    expect(incompleteMetrics()).toEqual([]);
    enqueued.length = 0;
    return date;
  };

  it('enqueues a shard the send-time run never reached, and says so: EditionIncomplete and a warning', async () => {
    const date = await sendTimeRun('global');
    // The biggest shard's progress is gone, as if the run had died before it; everyone else was mailed.
    const byShard = new Map<string, string[]>();
    for (const email of READERS)
      byShard.set(activeShardOf(email), [...(byShard.get(activeShardOf(email)) ?? []), email]);
    const [shard, unreached] = [...byShard].sort(([, a], [, b]) => b.length - a.length)[0] ?? ['', []];
    await sendAll(
      date,
      'global',
      READERS.filter((e) => !unreached.includes(e)),
    );
    await db.send(
      new DeleteCommand({
        TableName: TEST_TABLE,
        Key: { pk: EDITION_PK(date, 'global'), sk: `ENQUEUE#${shard.padStart(3, '0')}` },
      }),
    );

    const retry = await handler()({ edition: 'global', retryAfterMinutes: 30 });
    expect(retry).toMatchObject({ date, reused: true, recipients: READERS.length, reconciled: 0, busyShards: 0 });
    expect(retry.enqueued).toBe(unreached.length);
    expect(unreached.length).toBeGreaterThan(3);
    expect([...enqueued].sort()).toEqual([...unreached].sort());
    expect(incompleteMetrics()).toEqual([expect.objectContaining({ EditionIncomplete: 1, edition: 'global' })]);
    expect(stderr.join('')).toContain('scheduled retry enqueued recipients no earlier run had');
  }, 120000);

  it('enqueues again whoever the queue lost (nobody else), raises EditionIncomplete, and once they are mailed the next retry stays quiet', async () => {
    const date = await sendTimeRun('late');
    const lost = READERS.slice(0, 10);
    await sendAll(date, 'late', READERS.slice(10));

    const retry = await handler()({ edition: 'late', retryAfterMinutes: 30 });
    expect(retry).toMatchObject({ date, recipients: READERS.length, enqueued: 10, reconciled: 10, busyShards: 0 });
    expect([...enqueued].sort()).toEqual(lost);
    expect(incompleteMetrics()).toEqual([expect.objectContaining({ EditionIncomplete: 1, edition: 'late' })]);

    await sendAll(date, 'late', lost);
    enqueued.length = 0;
    stdout.length = 0;
    expect(await handler()({ edition: 'late', retryAfterMinutes: 30 })).toMatchObject({
      recipients: READERS.length,
      enqueued: 0,
      reconciled: 0,
      busyShards: 0,
    });
    expect(enqueued).toEqual([]);
    expect(incompleteMetrics()).toEqual([]);
  }, 120000);
});
