import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import { LocalQueue } from '../../../infra/local/sqs';
import { tempDir } from '../../helpers/stand-ins';

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

describe('LocalQueue with a folder (durable, as SQS is)', () => {
  const client = (endpoint: string) =>
    new SQSClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  const send = (queue: LocalQueue, endpoint: string, bodies: string[]) =>
    client(endpoint).send(
      new SendMessageBatchCommand({
        QueueUrl: queue.queueUrl,
        Entries: bodies.map((MessageBody, i) => ({ Id: String(i), MessageBody })),
      }),
    );

  it('gives a restarted process the messages it had not delivered, in the order they came', async () => {
    const dir = tempDir('queue-');
    const first = new LocalQueue('q', { batchSize: 10, maxReceiveCount: 3, dir });
    await send(first, await first.start(), ['a', 'b', 'c']);
    await first.close();

    const second = new LocalQueue('q', { batchSize: 10, maxReceiveCount: 3, dir });
    const seen: string[] = [];
    second.consume(async (event) => {
      seen.push(...event.Records.map((r) => r.body));
      return { batchItemFailures: [] };
    });
    await second.drained();
    expect(seen).toEqual(['a', 'b', 'c']);
    await second.close();

    // Delivered and acknowledged: a third start finds nothing.
    const third = new LocalQueue('q', { batchSize: 10, maxReceiveCount: 3, dir });
    expect(third.depth).toBe(0);
  });

  it('delivers again a batch that was in flight when the process died, its receive counted', async () => {
    const dir = tempDir('queue-');
    const first = new LocalQueue('q', { batchSize: 10, maxReceiveCount: 3, dir });
    const endpoint = await first.start();
    let received!: () => void;
    const inFlight = new Promise<void>((resolve) => {
      received = resolve;
    });
    // The consumer does not answer while the second process starts: the first has "died" with the batch in flight.
    let answer!: () => void;
    first.consume(() => {
      received();
      return new Promise((resolve) => {
        answer = () => resolve({ batchItemFailures: [] });
      });
    });
    await send(first, endpoint, ['mid-send']);
    await inFlight;

    const second = new LocalQueue('q', { batchSize: 10, maxReceiveCount: 3, dir });
    const receives: string[] = [];
    second.consume(async (event) => {
      receives.push(...event.Records.map((r) => `${r.body}#${r.attributes.ApproximateReceiveCount}`));
      return { batchItemFailures: [] };
    });
    await second.drained();
    expect(receives).toEqual(['mid-send#2']);
    answer();
    await first.close();
    await second.close();
  });

  it('keeps dead letters across a restart', async () => {
    const dir = tempDir('queue-');
    const first = new LocalQueue('q', { batchSize: 10, maxReceiveCount: 2, dir });
    first.consume(async () => {
      throw new Error('always fails');
    });
    await send(first, await first.start(), ['poison', 'also-poison']);
    await first.drained();
    await first.close();

    const second = new LocalQueue('q', { batchSize: 10, maxReceiveCount: 2, dir });
    expect(second.depth).toBe(0);
    await second.close();
    expect(second.deadLetters.map((m) => [m.body, m.receiveCount])).toEqual([
      ['poison', 2],
      ['also-poison', 2],
    ]);
  });
});
