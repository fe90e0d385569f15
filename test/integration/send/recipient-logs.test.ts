import { MessageRejected, SESClient, SendRawEmailCommand, type SendRawEmailCommandInput } from '@aws-sdk/client-ses';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { lambdaObservability } from '../../../functions/core/observability';
import { EditionStore } from '../../../functions/core/store/edition-store';
import { SubscriberStore } from '../../../functions/core/store/subscriber-store';
import { sendBatch } from '../../../functions/send/send';
import type { LocalSes } from '../../../infra/local/ses';
import { renderedEdition } from '../../helpers/editions';
import { testFingerprint, testTokens } from '../../helpers/link-key';
import { captureOutput, expectNoTraceOf, logLines } from '../../helpers/log-privacy';
import { dynamoStandIn, sesStandIn, TEST_TABLE } from '../../helpers/stand-ins';

const now = new Date('2026-11-26T07:00:00Z');
const SENT = 'Ann.Reader@example.com';
const REJECTED = 'bob@example.com';
const UNANSWERED = 'carol@example.com';

/**
 * One batch where SES (aws-ses-v2-local) takes the first message, rejects the second quoting its
 * address, and never answers the third: the send function's whole output names nobody by address or
 * by an unkeyed hash, and names the two it reports on by their keyed fingerprints.
 */
describe('what the send function logs about recipients', () => {
  let db: DynamoDBDocumentClient;
  let closeDb: () => Promise<void>;
  let localSes: LocalSes;
  let output: string;

  beforeAll(async () => {
    ({ db, close: closeDb } = await dynamoStandIn());
    const standIn = await sesStandIn();
    localSes = standIn.local;
    const ses = new SESClient({ region: 'us-east-1' });
    // The error paths only: the message to SENT goes to the stand-in.
    mockClient(ses)
      .on(SendRawEmailCommand)
      .callsFake((input: SendRawEmailCommandInput) => {
        const raw = Buffer.from(input.RawMessage?.Data ?? new Uint8Array()).toString('utf8');
        if (raw.includes(REJECTED))
          throw new MessageRejected({
            message: `Email address is not verified: ${REJECTED}`,
            $metadata: { httpStatusCode: 400 },
          });
        if (raw.includes(UNANSWERED)) throw Object.assign(new Error('socket timed out'), { name: 'TimeoutError' });
        return standIn.ses.send(new SendRawEmailCommand(input));
      });
    const subscribers = new SubscriberStore(db, TEST_TABLE, testFingerprint);
    const editions = new EditionStore(db, TEST_TABLE);
    for (const email of [SENT, REJECTED, UNANSWERED])
      await subscribers.put({
        email,
        status: 'active',
        editions: ['global'],
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
      });
    await editions.saveRendered(renderedEdition('2026-11-26', now.toISOString(), 'Bridge reopens'));

    const capture = captureOutput();
    try {
      const outcome = await sendBatch(
        { date: '2026-11-26', edition: 'global', recipients: [SENT, REJECTED, UNANSWERED] },
        {
          editions,
          subscribers,
          ses,
          tokens: testTokens,
          clock: () => now,
          log: lambdaObservability('send').log,
          limiter: { take: async () => {} },
          settings: { from: 'Daybreak <digest@news.example.com>', publicUrl: 'https://news.example.com' },
        },
      );
      expect(outcome).toMatchObject({ sent: 1, failed: 1, unknown: 1 });
    } finally {
      output = capture.text();
      capture.restore();
    }
  });
  afterAll(async () => {
    await localSes.close();
    await closeDb();
  });

  it('prints no address and no unkeyed hash of one', () => {
    for (const email of [SENT, REJECTED, UNANSWERED]) expectNoTraceOf(output, email);
  });

  it('names the rejected and the unanswered recipient by their keyed fingerprints', () => {
    const lines = logLines(output);
    expect(lines).toContainEqual(
      expect.objectContaining({ message: 'send failed', recipient: testTokens.fingerprint(REJECTED) }),
    );
    expect(lines).toContainEqual(
      expect.objectContaining({
        message: 'send outcome unknown, claim kept',
        recipient: testTokens.fingerprint(UNANSWERED),
      }),
    );
  });
});
