import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { SendBatch } from './model';

/** Where the digest hands recipients to the send stage. */
export interface RecipientQueue {
  enqueue(batches: SendBatch[]): Promise<void>;
}

export const RECIPIENTS_PER_MESSAGE = 50;
const MESSAGES_PER_CALL = 10;

/** The send queue on SQS: SendMessageBatch of 10 messages; failed entries are retried, then reported. */
export class SqsRecipientQueue implements RecipientQueue {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async enqueue(batches: SendBatch[]): Promise<void> {
    for (let i = 0; i < batches.length; i += MESSAGES_PER_CALL) {
      let entries = batches
        .slice(i, i + MESSAGES_PER_CALL)
        .map((batch, j) => ({ Id: String(j), MessageBody: JSON.stringify(batch) }));
      for (let attempt = 1; entries.length > 0; attempt++) {
        const result = await this.sqs.send(new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: entries }));
        const failed = new Set((result.Failed ?? []).map((f) => f.Id));
        entries = entries.filter((e) => failed.has(e.Id));
        if (entries.length > 0 && attempt >= 5) {
          throw new Error(
            `SQS refused ${entries.length} recipient batches: ${(result.Failed ?? []).map((f) => f.Message ?? f.Code).join('; ')}`,
          );
        }
      }
    }
  }
}

/** Splits recipients into queue messages of at most `size`. */
export function toSendBatches(
  date: string,
  edition: string,
  recipients: string[],
  size = RECIPIENTS_PER_MESSAGE,
): SendBatch[] {
  const batches: SendBatch[] = [];
  for (let i = 0; i < recipients.length; i += size)
    batches.push({ date, edition, recipients: recipients.slice(i, i + size) });
  return batches;
}

/**
 * Messages per send invocation: about ten seconds of sending at one sender's share of the SES
 * rate, and never more than half the function's timeout (a timeout mid-batch would leave claims
 * behind as "unknown"). Small invocations also spread an edition's last messages over all the
 * senders, so the rate holds to the end. Between 1 and SQS's 10.
 */
export function sendBatchSize(
  perSenderRate: number,
  timeoutSeconds: number,
  recipientsPerMessage = RECIPIENTS_PER_MESSAGE,
): number {
  const seconds = Math.min(10, timeoutSeconds / 2);
  return Math.max(1, Math.min(10, Math.floor((perSenderRate * seconds) / recipientsPerMessage)));
}
