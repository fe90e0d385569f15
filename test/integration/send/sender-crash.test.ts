import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { EditionStore } from '../../../functions/core/store/edition-store';
import { SubscriberStore } from '../../../functions/core/store/subscriber-store';
import { silentLogger } from '../../../functions/core/log';
import { type RawEmailClient, sendBatch, type SendDeps } from '../../../functions/send/send';
import { completeReport } from '../../../functions/digest/completeness';
import type { LocalSes } from '../../../infra/local/ses';
import { renderedEdition } from '../../helpers/editions';
import { dynamoStandIn, senderClients, sesStandIn, TEST_TABLE } from '../../helpers/stand-ins';
import { readOutbox, recipientOf } from '../../helpers/mail';
import { testFingerprint, testTokens } from '../../helpers/link-key';

const now = new Date('2026-11-26T07:00:00Z');
const recipients = Array.from({ length: 40 }, (_, i) => `reader${String(i).padStart(2, '0')}@example.com`);
const never = () => new Promise<never>(() => {});

describe('a sender that crashes mid-batch leaves "unknown" only for the SES calls it had in flight', () => {
  let db: DynamoDBDocumentClient;
  let closeDb: () => Promise<void>;
  let localSes: LocalSes;
  // The send handler's wire clients for the claims, the records and SendRawEmail.
  let sender: ReturnType<typeof senderClients>;

  beforeAll(async () => {
    let dynamodb: string;
    ({ db, endpoint: dynamodb, close: closeDb } = await dynamoStandIn());
    ({ local: localSes } = await sesStandIn());
    sender = senderClients({ dynamodb, ses: localSes.endpoint });
    const subscribers = new SubscriberStore(db, TEST_TABLE, testFingerprint);
    const at = now.toISOString();
    for (const email of recipients)
      await subscribers.put({ email, status: 'active', editions: ['global'], createdAt: at, updatedAt: at });
    await new EditionStore(db, TEST_TABLE).saveRendered(renderedEdition('2026-11-26', at));
  });
  afterAll(async () => {
    await localSes.close();
    await closeDb();
  });

  function deps(overrides: Partial<SendDeps>): SendDeps {
    return {
      editions: new EditionStore(db, TEST_TABLE, sender.ledgerDb),
      subscribers: new SubscriberStore(db, TEST_TABLE, testFingerprint),
      ses: sender.bulkSes,
      tokens: testTokens,
      clock: () => now,
      log: silentLogger,
      limiter: { take: async () => {} },
      settings: {
        from: 'Daybreak <digest@news.example.com>',
        publicUrl: 'https://news.example.com',
        parallel: 8,
      },
      ...overrides,
    };
  }

  it('claims nobody who waits for the rate limiter, and the redelivered batch mails the rest once each', async () => {
    // Prepare: the pace grants 10 tokens, then the sender "dies" waiting for the 11th; SES answers the
    // first 8 calls and the last 2 are in flight (no answer) when it dies.
    let granted = 0;
    let calls = 0;
    const stuck = deps({
      limiter: { take: () => (++granted <= 10 ? Promise.resolve() : never()) },
      ses: {
        send: (command) => (++calls <= 8 ? sender.bulkSes.send(command) : never()),
      } satisfies RawEmailClient,
    });
    const batch = { date: '2026-11-26', edition: 'global', recipients };

    // Act: the batch runs until every worker is stuck, then the process is gone.
    void sendBatch(batch, stuck);
    const editions = new EditionStore(db, TEST_TABLE);
    const subscribers = new SubscriberStore(db, TEST_TABLE, testFingerprint);
    for (let i = 0; i < 200; i++) {
      const report = await editions.report('2026-11-26', 'global');
      if (report.sent === 8 && granted > 10 + 7) break;
      await new Promise((r) => setTimeout(r, 50));
    }

    // Assess: 8 sent, the 2 calls in flight unknown, the 30 who waited for a token not claimed at all.
    expect(await completeReport('2026-11-26', 'global', { editions, subscribers })).toMatchObject({
      recipients: 40,
      sent: 8,
      unknown: 2,
      missing: 30,
    });

    // Act: SQS delivers the batch again to a healthy sender.
    const outcome = await sendBatch(batch, deps({}));

    // Assess: the 30 are mailed; the 10 in the ledger are left as they were; nobody has two messages.
    expect(outcome).toMatchObject({ sent: 30, already: 10, unknown: 0 });
    expect(await completeReport('2026-11-26', 'global', { editions, subscribers })).toMatchObject({
      recipients: 40,
      sent: 38,
      unknown: 2,
      missing: 0,
    });
    const mailed = (await readOutbox(localSes.outboxDir)).map(({ mail }) => recipientOf(mail));
    expect(mailed).toHaveLength(38);
    expect(new Set(mailed).size).toBe(38);
  });
});
