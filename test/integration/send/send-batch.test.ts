import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { EditionStore } from '../../../functions/core/store/edition-store';
import { SubscriberStore } from '../../../functions/core/store/subscriber-store';
import { silentLogger } from '../../../functions/core/log';
import { sendBatch, type SendDeps } from '../../../functions/send/send';
import type { LocalSes } from '../../../infra/local/ses';
import { renderedEdition } from '../../helpers/editions';
import { dynamoStandIn, senderClients, sesStandIn, TEST_TABLE } from '../../helpers/stand-ins';
import { rawHeader, readOutbox, recipientOf } from '../../helpers/mail';
import { testFingerprint, testTokens } from '../../helpers/link-key';

const now = new Date('2026-11-26T07:00:00Z');

describe("sendBatch on dynalite and aws-ses-v2-local, through the send handler's wire clients", () => {
  let db: DynamoDBDocumentClient;
  let closeDb: () => Promise<void>;
  let localSes: LocalSes;
  let deps: SendDeps;

  beforeAll(async () => {
    let dynamodb: string;
    ({ db, endpoint: dynamodb, close: closeDb } = await dynamoStandIn());
    ({ local: localSes } = await sesStandIn());
    const { ledgerDb, bulkSes } = senderClients({ dynamodb, ses: localSes.endpoint });
    const subscribers = new SubscriberStore(db, TEST_TABLE, testFingerprint);
    const editions = new EditionStore(db, TEST_TABLE, ledgerDb);
    deps = {
      editions,
      subscribers,
      ses: bulkSes,
      tokens: testTokens,
      clock: () => now,
      log: silentLogger,
      limiter: { take: async () => {} },
      settings: {
        from: 'Daybreak <digest@news.example.com>',
        publicUrl: 'https://news.example.com',
        configurationSet: 'daybreak',
      },
    };
    const at = now.toISOString();
    await subscribers.put({
      email: 'ann@example.com',
      status: 'active',
      editions: ['global'],
      createdAt: at,
      updatedAt: at,
    });
    await subscribers.put({
      email: 'bob@example.com',
      status: 'active',
      editions: ['global'],
      createdAt: at,
      updatedAt: at,
    });
    await subscribers.put({
      email: 'gone@example.com',
      status: 'unsubscribed',
      editions: ['global'],
      createdAt: at,
      updatedAt: at,
    });
    await subscribers.put({
      email: 'other@example.com',
      status: 'active',
      editions: ['asia'],
      createdAt: at,
      updatedAt: at,
    });
    await editions.saveRendered(renderedEdition('2026-11-26', at, 'Bridge reopens'));
  });
  afterAll(async () => {
    await localSes.close();
    await closeDb();
  });

  const batch = {
    date: '2026-11-26',
    edition: 'global',
    recipients: ['ann@example.com', 'bob@example.com', 'gone@example.com', 'other@example.com', 'nobody@example.com'],
  };

  it('mails each active subscriber of the edition once, with their own unsubscribe link', async () => {
    const outcome = await sendBatch(batch, deps);
    expect(outcome).toMatchObject({ sent: 2, skipped: 3, failed: 0, unknown: 0 });
    const outbox = await readOutbox(localSes.outboxDir);
    expect(outbox.map((m) => recipientOf(m.mail)).sort()).toEqual(['ann@example.com', 'bob@example.com']);
    for (const { mail } of outbox) {
      const link = /<(https:\/\/news\.example\.com\/unsubscribe\?token=[^>]+)>/.exec(
        rawHeader(mail, 'List-Unsubscribe') ?? '',
      )?.[1];
      expect(link).toBeDefined();
      const token = new URL(link ?? '').searchParams.get('token') ?? '';
      expect(deps.tokens.verify(token, 'unsubscribe', now)).toMatchObject({ ok: true, email: recipientOf(mail) });
      expect(mail.html).toContain(link?.replace(/&/g, '&amp;'));
      expect(mail.text).toContain(link);
    }
  });

  it('sends nobody a second copy when the same batch is delivered again', async () => {
    const outcome = await sendBatch(batch, deps);
    expect(outcome).toMatchObject({ sent: 0, skipped: 0, already: 5 });
    expect(await readOutbox(localSes.outboxDir)).toHaveLength(2);
  });

  it('reports the edition: sent, and each skipped recipient with the reason', async () => {
    expect(await deps.editions.report('2026-11-26', 'global')).toEqual({
      sent: 2,
      failed: 0,
      unknown: 0,
      failures: {},
      skipped: 3,
      skips: { unsubscribed: 1, 'not-subscribed-to-edition': 1, deleted: 1 },
      bounces: 0,
      complaints: 0,
    });
    expect((await deps.editions.stats('2026-11-26', 'global')).sent).toBe(2);
  });

  it('fails the batch, for SQS to retry, when the edition was never rendered', async () => {
    await expect(sendBatch({ ...batch, date: '2026-11-27' }, deps)).rejects.toThrow(
      'edition 2026-11-27/global has not been rendered',
    );
  });
});
