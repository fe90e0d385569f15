import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { closeServer, readBody, serveLocal } from './http';

export type SqsConsumer = (event: SQSEvent) => Promise<SQSBatchResponse | undefined>;

interface QueuedMessage {
  messageId: string;
  body: string;
  receiveCount: number;
  sentAt: number;
  /** Its file under the queue folder (a durable queue), named so that a sorted listing is the send order. */
  file?: string;
}

export interface LocalQueueOptions {
  /** Like an event source mapping's batch size. */
  batchSize: number;
  /** Like the redrive policy: after this many receives a message moves to the dead-letter list. */
  maxReceiveCount: number;
  /**
   * Keep the messages in this folder, one file each (written to a temporary name, then renamed, so a
   * kill never leaves half a message), as SQS keeps them: a process killed mid-send finds them again
   * at its next start, the batches it had in flight included (their receive counted). Dead letters
   * go to `dead/` beside them. Without a folder, the queue lives in memory.
   */
  dir?: string;
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
  private readonly enqueueListeners: ((body: string) => void)[] = [];
  private readonly deliveries = new Set<Promise<void>>();
  private stopped = false;
  private sequence = 0;
  queueUrl = '';

  constructor(
    private readonly name: string,
    private readonly options: LocalQueueOptions = { batchSize: 10, maxReceiveCount: 3 },
  ) {
    if (options.dir) {
      this.messages.push(...this.load(options.dir));
      this.deadLetters.push(...this.load(path.join(options.dir, 'dead')));
    }
  }

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

  /** Told of every message body sent to the queue (progress: how many recipients are enqueued). */
  onEnqueue(listener: (body: string) => void): void {
    this.enqueueListeners.push(listener);
  }

  /** Resolves once the queue is empty and no batch is in flight. */
  async drained(): Promise<void> {
    if (this.messages.length === 0 && !this.consumers.some((c) => c.busy)) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  get depth(): number {
    return this.messages.length;
  }

  /** Stops delivering and waits for the batches in flight, so none is cut off by the stand-ins closing after. */
  async close(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.deliveries);
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
    const message: QueuedMessage = { messageId: randomUUID(), body, receiveCount: 0, sentAt: Date.now() };
    if (this.options.dir) {
      // Time, then a counter: a sorted listing gives the messages back in the order they came.
      message.file = `${String(message.sentAt).padStart(15, '0')}-${String(this.sequence++).padStart(9, '0')}-${message.messageId}.json`;
      this.save(message);
    }
    this.messages.push(message);
    for (const listener of this.enqueueListeners) listener(body);
    this.pump();
    return message;
  }

  private pump(): void {
    for (const consumer of this.consumers) {
      if (this.stopped || consumer.busy || this.messages.length === 0) continue;
      consumer.busy = true;
      const delivery = this.deliver(consumer.consume).finally(() => {
        this.deliveries.delete(delivery);
        consumer.busy = false;
        if (this.messages.length > 0 && !this.stopped) this.pump();
        else if (!this.consumers.some((c) => c.busy)) this.idleWaiters.splice(0).forEach((resolve) => resolve());
      });
      this.deliveries.add(delivery);
    }
  }

  private async deliver(consumer: SqsConsumer): Promise<void> {
    while (this.messages.length > 0 && !this.stopped) {
      const batch = this.messages.splice(0, this.options.batchSize);
      for (const message of batch) {
        message.receiveCount++;
        // Counted before the consumer sees it, as SQS does: a crash mid-batch still spends a receive.
        this.save(message);
      }
      let failed: Set<string>;
      try {
        const result = await consumer({ Records: batch.map((m) => this.record(m)) });
        failed = new Set((result?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
      } catch {
        failed = new Set(batch.map((m) => m.messageId));
      }
      for (const message of batch) {
        if (!failed.has(message.messageId)) this.remove(message);
        else if (message.receiveCount >= this.options.maxReceiveCount) this.bury(message);
        else this.messages.push(message);
      }
    }
  }

  private save(message: QueuedMessage): void {
    if (!this.options.dir || !message.file) return;
    const file = path.join(this.options.dir, message.file);
    const { file: _name, ...content } = message;
    writeFileSync(`${file}.tmp`, JSON.stringify(content));
    renameSync(`${file}.tmp`, file);
  }

  private remove(message: QueuedMessage): void {
    if (this.options.dir && message.file) rmSync(path.join(this.options.dir, message.file), { force: true });
  }

  private bury(message: QueuedMessage): void {
    if (this.options.dir && message.file)
      renameSync(path.join(this.options.dir, message.file), path.join(this.options.dir, 'dead', message.file));
    this.deadLetters.push(message);
  }

  /** The messages kept in `dir`, oldest first; a temporary file left by a kill was never acknowledged, so it is dropped. */
  private load(dir: string): QueuedMessage[] {
    mkdirSync(dir, { recursive: true });
    const names = readdirSync(dir).sort();
    for (const name of names.filter((n) => n.endsWith('.tmp'))) unlinkSync(path.join(dir, name));
    return names
      .filter((name) => name.endsWith('.json'))
      .map((name) => ({ ...(JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as QueuedMessage), file: name }));
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
