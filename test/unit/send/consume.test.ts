import { mockClient } from 'aws-sdk-client-mock';
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { SendRawEmailCommand, SESClient, SESServiceException } from '@aws-sdk/client-ses';
import type { SQSEvent } from 'aws-lambda';
import { silentLogger } from '../../../functions/core/log';
import { sendQueueConsumer } from '../../../functions/send/consume';
import { mockedSendDeps, mockSendTable } from '../../helpers/send';

const TABLE = 't';
const now = new Date('2026-11-26T07:00:00Z');
const ddb = mockClient(DynamoDBDocumentClient);
const ses = mockClient(SESClient);
const deps = mockedSendDeps(now, { settings: { maxAttempts: 2 } });
const consumer = sendQueueConsumer(async () => deps, silentLogger, { perSenderRate: () => 10 });
const record = (id: string, body: string) => ({ messageId: id, body }) as SQSEvent['Records'][number];
const batch = (email: string) => JSON.stringify({ date: '2026-11-26', edition: 'global', recipients: [email] });

beforeEach(() => {
  ddb.reset();
  ses.reset();
  mockSendTable(ddb, now);
  ddb.on(BatchGetCommand).callsFake((input: { RequestItems: Record<string, { Keys: { pk: string }[] }> }) => ({
    Responses: {
      [TABLE]: (input.RequestItems[TABLE]?.Keys ?? []).map((k) => ({
        email: k.pk.replace('SUBSCRIBER#', ''),
        status: 'active',
        editions: ['global'],
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
      })),
    },
  }));
});

describe('the send queue consumer (partial batch responses)', () => {
  it('drops a message that can never be read, and reports only the records that failed', async () => {
    ses.on(SendRawEmailCommand).resolves({ MessageId: 'm' });
    ddb.on(GetCommand, { Key: { pk: 'EDITION#2026-11-27#global', sk: 'EDITION' } }).resolves({});
    const result = await consumer({
      Records: [
        record('junk', '{not json'),
        record('ok', batch('a@example.com')),
        record('unrendered', JSON.stringify({ date: '2026-11-27', edition: 'global', recipients: ['b@example.com'] })),
      ],
    });
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'unrendered' }]);
  });

  it('once SES defers a batch, hands back the records not yet started without calling SES for them', async () => {
    ses.on(SendRawEmailCommand).rejects(
      new SESServiceException({
        name: 'Throttling',
        $fault: 'client',
        $metadata: { httpStatusCode: 400 },
        message: 'Maximum sending rate exceeded.',
      }),
    );
    const result = await consumer({
      Records: [record('first', batch('a@example.com')), record('second', batch('b@example.com'))],
    });
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'first' }, { itemIdentifier: 'second' }]);
    expect(ses.commandCalls(SendRawEmailCommand)).toHaveLength(2); // two attempts for the first, none for the second
  });

  it('hands back a record it has no time left to send, rather than be cut off mid-batch', async () => {
    ses.on(SendRawEmailCommand).resolves({ MessageId: 'm' });
    const result = await consumer(
      { Records: [record('late', batch('a@example.com'))] },
      { getRemainingTimeInMillis: () => 5000 },
    );
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'late' }]);
    expect(ses.commandCalls(SendRawEmailCommand)).toHaveLength(0);
  });
});
