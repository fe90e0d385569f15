import { mockClient } from 'aws-sdk-client-mock';
import { ConditionalCheckFailedException, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { MessageRejected, SendRawEmailCommand, SESClient, SESServiceException } from '@aws-sdk/client-ses';
import { EditionCopies } from '../../../functions/send/edition-copies';
import { SendDeferredError, sendBatch, type SendDeps } from '../../../functions/send/send';
import { mockedSendDeps, mockSendTable } from '../../helpers/send';

const TABLE = 't';
const now = new Date('2026-11-26T07:00:00Z');
const ddb = mockClient(DynamoDBDocumentClient);
const ses = mockClient(SESClient);
const throttled = () =>
  new SESServiceException({
    name: 'Throttling',
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
    message: 'Maximum sending rate exceeded.',
  });
const subscriber = (email: string, status = 'active') => ({
  pk: `SUBSCRIBER#${email}`,
  sk: 'PROFILE',
  email,
  status,
  editions: ['global'],
  createdAt: now.toISOString(),
  updatedAt: now.toISOString(),
});
const batch = { date: '2026-11-26', edition: 'global', recipients: ['ann@example.com'] };
const calls = (command: new (...args: never[]) => unknown) =>
  ddb.commandCalls(command as never).map((c) => c.args[0].input as Record<string, unknown>);
/** The status a ledger record (a plain, marshalled UpdateItem) writes. */
const statusOf = (update: Record<string, unknown>) =>
  (update.ExpressionAttributeValues as Record<string, { S?: string } | undefined>)[':status']?.S;

function deps(sleeps: number[] = []): SendDeps {
  return mockedSendDeps(now, {
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0.5,
    settings: { maxAttempts: 4 },
  });
}

beforeEach(() => {
  ddb.reset();
  ses.reset();
  mockSendTable(ddb, now);
  ddb.on(BatchGetCommand).resolves({ Responses: { [TABLE]: [subscriber('ann@example.com')] } });
});

describe('sendBatch against SES and DynamoDB error shapes', () => {
  it('gives the claim back on throttling, backs off with jitter, and sends once SES takes it', async () => {
    ses.on(SendRawEmailCommand).rejectsOnce(throttled()).rejectsOnce(throttled()).resolves({ MessageId: 'm-1' });
    const sleeps: number[] = [];
    const outcome = await sendBatch(batch, deps(sleeps));
    expect(outcome).toMatchObject({ sent: 1, throttled: 2, failed: 0, unknown: 0 });
    expect(calls(DeleteCommand)).toHaveLength(2);
    expect(calls(DeleteCommand)[0]).toMatchObject({ ConditionExpression: '#status = :claimed AND claimId = :id' });
    expect(calls(PutItemCommand)).toHaveLength(3); // a fresh claim per attempt
    expect(sleeps).toEqual([100, 200]); // half of 100·2^attempt with random() = 0.5
    expect(calls(UpdateItemCommand).find((u) => statusOf(u) === 'sent')).toBeDefined();
  });

  it('leaves the batch for a later delivery when throttling outlasts the attempts, with no claim left behind', async () => {
    ses.on(SendRawEmailCommand).rejects(throttled());
    await expect(sendBatch(batch, deps())).rejects.toBeInstanceOf(SendDeferredError);
    expect(ses.commandCalls(SendRawEmailCommand)).toHaveLength(4);
    expect(calls(DeleteCommand)).toHaveLength(4);
    expect(calls(UpdateItemCommand).filter((u) => statusOf(u) !== undefined)).toHaveLength(0);
  });

  it('records a rejection as failed with the reason, and does not retry it', async () => {
    ses
      .on(SendRawEmailCommand)
      .rejects(new MessageRejected({ message: 'Address blacklisted.', $metadata: { httpStatusCode: 400 } }));
    const outcome = await sendBatch(batch, deps());
    expect(outcome).toMatchObject({ sent: 0, failed: 1 });
    expect(ses.commandCalls(SendRawEmailCommand)).toHaveLength(1);
    expect(calls(UpdateItemCommand)[0]?.ExpressionAttributeValues).toMatchObject({
      ':status': { S: 'failed' },
      ':reason': { S: 'MessageRejected: Address blacklisted.' },
    });
  });

  it('keeps the claim when SES gives no answer: unknown, never resent', async () => {
    ses.on(SendRawEmailCommand).rejects(Object.assign(new Error('timed out'), { name: 'TimeoutError' }));
    const outcome = await sendBatch(batch, deps());
    expect(outcome).toMatchObject({ sent: 0, failed: 0, unknown: 1 });
    expect(calls(DeleteCommand)).toHaveLength(0);
  });

  it('skips, without calling SES, a recipient the ledger already holds (the conditional claim fails)', async () => {
    ddb
      .on(PutItemCommand)
      .rejects(new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} }));
    const outcome = await sendBatch(batch, deps());
    expect(outcome).toMatchObject({ sent: 0, already: 1 });
    expect(ses.commandCalls(SendRawEmailCommand)).toHaveLength(0);
  });

  it('reads the recipients again when DynamoDB leaves keys unprocessed', async () => {
    ddb
      .on(BatchGetCommand)
      .resolvesOnce({
        Responses: { [TABLE]: [] },
        UnprocessedKeys: { [TABLE]: { Keys: [{ pk: 'SUBSCRIBER#ann@example.com', sk: 'PROFILE' }] } },
      })
      .resolves({ Responses: { [TABLE]: [subscriber('ann@example.com')] } });
    ses.on(SendRawEmailCommand).resolves({ MessageId: 'm-2' });
    expect(await sendBatch(batch, deps())).toMatchObject({ sent: 1 });
    expect(calls(BatchGetCommand)).toHaveLength(2);
    expect(calls(BatchGetCommand)[0]).toMatchObject({ RequestItems: { [TABLE]: { ConsistentRead: true } } });
  });

  it('fails the batch (for SQS to redeliver) on a throughput error, having sent nothing it did not record', async () => {
    ddb.on(PutItemCommand).rejects(
      Object.assign(new Error('Throughput exceeds the current capacity'), {
        name: 'ProvisionedThroughputExceededException',
      }),
    );
    await expect(sendBatch(batch, deps())).rejects.toThrow('Throughput exceeds');
    expect(ses.commandCalls(SendRawEmailCommand)).toHaveLength(0);
  });

  const throughput = () =>
    Object.assign(new Error('The level of configured provisioned throughput for the table was exceeded.'), {
      name: 'ProvisionedThroughputExceededException',
    });

  it('writes "sent" again when the ledger refuses it once, so the recipient is not left "unknown"', async () => {
    ses.on(SendRawEmailCommand).resolves({ MessageId: 'm-1' });
    ddb.on(UpdateItemCommand).rejectsOnce(throughput()).resolves({ Attributes: {} });
    expect(await sendBatch(batch, deps())).toMatchObject({ sent: 1, unknown: 0 });
    expect(calls(UpdateItemCommand).filter((u) => statusOf(u) === 'sent')).toHaveLength(2);
    expect(ses.commandCalls(SendRawEmailCommand)).toHaveLength(1);
  });

  it('writes a rejection again when the ledger refuses it once', async () => {
    ses
      .on(SendRawEmailCommand)
      .rejects(new MessageRejected({ message: 'Address blacklisted.', $metadata: { httpStatusCode: 400 } }));
    ddb.on(UpdateItemCommand).rejectsOnce(throughput()).resolves({ Attributes: {} });
    expect(await sendBatch(batch, deps())).toMatchObject({ failed: 1 });
    expect(calls(UpdateItemCommand).filter((u) => statusOf(u) === 'failed')).toHaveLength(2);
  });

  it('gives a throttled claim back even when the first release is refused, so the recipient is not lost', async () => {
    ses.on(SendRawEmailCommand).rejectsOnce(throttled()).resolves({ MessageId: 'm-1' });
    ddb.on(DeleteCommand).rejectsOnce(throughput()).resolves({});
    expect(await sendBatch(batch, deps())).toMatchObject({ sent: 1, throttled: 1 });
    expect(calls(DeleteCommand)).toHaveLength(2);
  });

  it('fails the batch when the ledger keeps refusing the write, leaving the claim to report "unknown"', async () => {
    ses.on(SendRawEmailCommand).resolves({ MessageId: 'm-1' });
    ddb.on(UpdateItemCommand).rejects(throughput());
    await expect(sendBatch(batch, deps())).rejects.toThrow('provisioned throughput');
    expect(calls(UpdateItemCommand).filter((u) => statusOf(u) === 'sent')).toHaveLength(3);
    expect(calls(DeleteCommand)).toHaveLength(0);
  });

  it('reads the edition once for every batch a warm sender mails of it, and the pause flag each time', async () => {
    ses.on(SendRawEmailCommand).resolves({ MessageId: 'm-1' });
    const warm = { ...deps(), copies: new EditionCopies() };
    await sendBatch(batch, warm);
    await sendBatch({ ...batch, recipients: ['bob@example.com'] }, warm);

    const reads = calls(GetCommand).map((get) => (get.Key as { sk: string }).sk);
    expect(reads.filter((sk) => sk === 'EDITION')).toHaveLength(1);
    expect(reads.filter((sk) => sk === 'STATS')).toHaveLength(2);
  });

  it('re-checks each status and records the skip with its reason', async () => {
    ddb.on(BatchGetCommand).resolves({ Responses: { [TABLE]: [subscriber('ann@example.com', 'suppressed')] } });
    expect(await sendBatch(batch, deps())).toMatchObject({ sent: 0, skipped: 1 });
    expect(calls(PutCommand)[0]).toMatchObject({
      Item: { status: 'skipped', reason: 'suppressed' },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
    expect(ses.commandCalls(SendRawEmailCommand)).toHaveLength(0);
  });

  it('sends nobody while the edition is paused, recording each recipient as skipped "paused"', async () => {
    ddb
      .on(GetCommand, { Key: { pk: 'EDITION#2026-11-26#global', sk: 'STATS' } })
      .resolves({ Item: { paused: 'complaint rate 0.31%' } });
    expect(await sendBatch(batch, deps())).toMatchObject({ sent: 0, skipped: 1 });
    expect(calls(PutCommand)[0]).toMatchObject({ Item: { status: 'skipped', reason: 'paused' } });
    expect(ses.commandCalls(SendRawEmailCommand)).toHaveLength(0);
  });
});
