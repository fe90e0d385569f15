import { createHash, randomUUID } from 'node:crypto';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { closeServer, readBody, serveLocal } from './http';

export type SqsConsumer = (event: SQSEvent) => Promise<SQSBatchResponse | undefined>;

interface QueuedMessage {
  messageId: string;
  body: string;
  receiveCount: number;
  sentAt: number;
}

export interface LocalQueueOptions {
  /** Like an event source mapping's batch size. */
  batchSize: number;
  /** Like the redrive policy: after this many receives a message moves to the dead-letter list. */
  maxReceiveCount: number;
}

/**
 * A send-queue stand-in: it speaks the SQS JSON protocol for SendMessage and SendMessageBatch,
 * and delivers what it holds to a consumer as real SQSEvent batches, as Lambda's event source
 * mapping does: records listed in `batchItemFailures` (or a whole batch that throws) come back
 * later; after `maxReceiveCount` receives they go to the dead-letter list.
 */
export class LocalQueue {
  readonly deadLetters: QueuedMessage[] = [];
  private readonly messages: QueuedMessage[] = [];
  private server?: Awaited<ReturnType<typeof serveLocal>>;
  /** One per concurrent "instance", like an event source mapping's maxConcurrency. */
  private readonly consumers: { consume: SqsConsumer; busy: boolean }[] = [];
  private readonly idleWaiters: (() => void)[] = [];
  queueUrl = '';

  constructor(
    private readonly name: string,
    private readonly options: LocalQueueOptions = { batchSize: 10, maxReceiveCount: 3 },
  ) {}

  async start(): Promise<string> {
    this.server = await serveLocal(async (request, response) => {
      const target = String(request.headers['x-amz-target'] ?? '');
      let reply: { status: number; body: unknown };
      try {
        const input = JSON.parse((await readBody(request)).toString('utf8') || '{}') as Record<string, unknown>;
        reply = this.handle(target.replace(/^AmazonSQS\./, ''), input);
      } catch (error) {
        reply = {
          status: 400,
          body: {
            __type: 'com.amazonaws.sqs#InvalidParameterValue',
            message: error instanceof Error ? error.message : String(error),
          },
        };
      }
      response.writeHead(reply.status, { 'content-type': 'application/x-amz-json-1.0' });
      response.end(JSON.stringify(reply.body));
    });
    this.queueUrl = `${this.server.url}/000000000000/${this.name}`;
    return this.server.url;
  }

  /**
   * Starts delivering to `consumer`, now and whenever messages arrive. Each call adds a consumer
   * that takes batches concurrently with the others, as concurrent Lambda instances do.
   */
  consume(consumer: SqsConsumer): void {
    this.consumers.push({ consume: consumer, busy: false });
    this.pump();
  }

  /** Resolves once the queue is empty and no batch is in flight. */
  async drained(): Promise<void> {
    if (this.messages.length === 0 && !this.consumers.some((c) => c.busy)) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  get depth(): number {
    return this.messages.length;
  }

  async close(): Promise<void> {
    if (this.server) await closeServer(this.server.server);
  }

  private handle(action: string, input: Record<string, unknown>): { status: number; body: unknown } {
    if (action === 'SendMessage') {
      const message = this.push(String(input.MessageBody ?? ''));
      return { status: 200, body: { MessageId: message.messageId, MD5OfMessageBody: md5(message.body) } };
    }
    if (action === 'SendMessageBatch') {
      const entries = Array.isArray(input.Entries) ? (input.Entries as { Id: string; MessageBody: string }[]) : [];
      if (entries.length === 0 || entries.length > 10) throw new Error('SendMessageBatch takes 1 to 10 entries');
      const successful = entries.map((entry) => {
        const message = this.push(entry.MessageBody);
        return { Id: entry.Id, MessageId: message.messageId, MD5OfMessageBody: md5(entry.MessageBody) };
      });
      return { status: 200, body: { Successful: successful, Failed: [] } };
    }
    if (action === 'GetQueueUrl') return { status: 200, body: { QueueUrl: this.queueUrl } };
    return {
      status: 400,
      body: {
        __type: 'com.amazonaws.sqs#UnsupportedOperation',
        message: `${action} is not supported by the local queue`,
      },
    };
  }

  private push(body: string): QueuedMessage {
    if (Buffer.byteLength(body) > 256 * 1024) throw new Error('message body is over 256 KiB');
    const message = { messageId: randomUUID(), body, receiveCount: 0, sentAt: Date.now() };
    this.messages.push(message);
    this.pump();
    return message;
  }

  private pump(): void {
    for (const consumer of this.consumers) {
      if (consumer.busy || this.messages.length === 0) continue;
      consumer.busy = true;
      void this.deliver(consumer.consume).finally(() => {
        consumer.busy = false;
        if (this.messages.length > 0) this.pump();
        else if (!this.consumers.some((c) => c.busy)) this.idleWaiters.splice(0).forEach((resolve) => resolve());
      });
    }
  }

  private async deliver(consumer: SqsConsumer): Promise<void> {
    while (this.messages.length > 0) {
      const batch = this.messages.splice(0, this.options.batchSize);
      for (const message of batch) message.receiveCount++;
      let failed: Set<string>;
      try {
        const result = await consumer({ Records: batch.map((m) => this.record(m)) });
        failed = new Set((result?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
      } catch {
        failed = new Set(batch.map((m) => m.messageId));
      }
      for (const message of batch.filter((m) => failed.has(m.messageId))) {
        if (message.receiveCount >= this.options.maxReceiveCount) this.deadLetters.push(message);
        else this.messages.push(message);
      }
    }
  }

  private record(message: QueuedMessage): SQSRecord {
    return {
      messageId: message.messageId,
      receiptHandle: `${message.messageId}:${message.receiveCount}`,
      body: message.body,
      attributes: {
        ApproximateReceiveCount: String(message.receiveCount),
        SentTimestamp: String(message.sentAt),
        SenderId: 'daybreak-local',
        ApproximateFirstReceiveTimestamp: String(Date.now()),
      },
      messageAttributes: {},
      md5OfBody: md5(message.body),
      eventSource: 'aws:sqs',
      eventSourceARN: `arn:aws:sqs:us-east-1:000000000000:${this.name}`,
      awsRegion: 'us-east-1',
    };
  }
}

const md5 = (text: string) => createHash('md5').update(text).digest('hex');
