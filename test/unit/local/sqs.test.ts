import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import { LocalQueue } from '../../../infra/local/sqs';

describe('LocalQueue (the local stand-in for the send queue)', () => {
  let queue: LocalQueue;
  let sqs: SQSClient;

  beforeEach(async () => {
    queue = new LocalQueue('test-send', { batchSize: 10, maxReceiveCount: 3 });
    const endpoint = await queue.start();
    sqs = new SQSClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  });
  afterEach(() => queue.close());

  const enqueue = (bodies: string[]) =>
    sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queue.queueUrl,
        Entries: bodies.map((MessageBody, i) => ({ Id: String(i), MessageBody })),
      }),
    );

  it('accepts SendMessageBatch from the AWS SDK and delivers SQSEvent batches', async () => {
    const seen: string[] = [];
    queue.consume(async (event: SQSEvent) => {
      seen.push(...event.Records.map((r) => r.body));
      return { batchItemFailures: [] };
    });
    const result = await enqueue(['a', 'b', 'c']);
    expect(result.Successful).toHaveLength(3);
    await queue.drained();
    expect(seen.sort()).toEqual(['a', 'b', 'c']);
  });

  it('redelivers only the records listed in batchItemFailures', async () => {
    const receipts = new Map<string, number>();
    queue.consume(async (event) => {
      for (const r of event.Records) receipts.set(r.body, (receipts.get(r.body) ?? 0) + 1);
      return {
        batchItemFailures: event.Records.filter(
          (r) => r.body === 'flaky' && r.attributes.ApproximateReceiveCount === '1',
        ).map((r) => ({ itemIdentifier: r.messageId })),
      };
    });
    await enqueue(['ok', 'flaky']);
    await queue.drained();
    expect(Object.fromEntries(receipts)).toEqual({ ok: 1, flaky: 2 });
    expect(queue.deadLetters).toHaveLength(0);
  });

  it('moves a message that keeps failing to the dead letters after maxReceiveCount', async () => {
    queue.consume(async () => {
      throw new Error('always fails');
    });
    await enqueue(['poison']);
    await queue.drained();
    expect(queue.deadLetters.map((m) => [m.body, m.receiveCount])).toEqual([['poison', 3]]);
  });

  it('runs several consumers at once, like concurrent Lambda instances, each record once', async () => {
    let inFlight = 0;
    let most = 0;
    const seen: string[] = [];
    const consumer = async (event: SQSEvent) => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, 5));
      seen.push(...event.Records.map((r) => r.body));
      inFlight--;
      return { batchItemFailures: [] };
    };
    queue.consume(consumer);
    queue.consume(consumer);
    queue.consume(consumer);
    for (let i = 0; i < 6; i++) await enqueue(Array.from({ length: 10 }, (_, j) => `m${i * 10 + j}`));
    await queue.drained();
    expect(most).toBe(3);
    expect(seen).toHaveLength(60);
    expect(new Set(seen).size).toBe(60);
  });
});
