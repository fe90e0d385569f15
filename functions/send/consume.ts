import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { Logger } from '../core/log';
import { SendBatchSchema } from '../core/model';
import { describeIssues } from '../core/validation';
import { SendDeferredError, sendBatch, type BatchOutcome, type SendDeps } from './send';

/**
 * Turns an SQS event into sends and a partial batch response: a record that fails is reported
 * back alone, so SQS delivers only it again (and, after maxReceiveCount, moves it to the DLQ).
 * Once SES defers a batch, the records not yet started are handed back untouched: more calls
 * now would only be throttled too.
 */
export function sendQueueConsumer(
  dependencies: () => Promise<SendDeps>,
  log: Logger,
  options: { perSenderRate?: () => number; onBatch?: (outcome: BatchOutcome) => void } = {},
): (event: SQSEvent, context?: Partial<Pick<Context, 'getRemainingTimeInMillis'>>) => Promise<SQSBatchResponse> {
  return async (event, context) => {
    const deps = await dependencies();
    const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
    let deferred = false;
    for (const record of event.Records) {
      // A record started too late would be cut off by the timeout, leaving claims "unknown": hand it back instead.
      if (
        !deferred &&
        // The local stack passes no Lambda context: there, no deadline.
        context?.getRemainingTimeInMillis &&
        options.perSenderRate &&
        context.getRemainingTimeInMillis() < timeNeeded(record.body, options.perSenderRate())
      ) {
        log.warn('out of time, batch handed back', { messageId: record.messageId });
        deferred = true;
      }
      if (deferred) {
        batchItemFailures.push({ itemIdentifier: record.messageId });
        continue;
      }
      let body: unknown;
      try {
        body = JSON.parse(record.body);
      } catch {
        log.error('unreadable send message, dropped', { messageId: record.messageId, reason: 'body is not JSON' });
        continue;
      }
      const batch = SendBatchSchema.safeParse(body);
      if (!batch.success) {
        log.error('invalid send message, dropped', {
          messageId: record.messageId,
          reason: describeIssues(batch.error.issues),
        });
        continue;
      }
      try {
        const outcome = await sendBatch(batch.data, deps);
        log.info('batch sent', { messageId: record.messageId, ...outcome });
        options.onBatch?.(outcome);
      } catch (error) {
        deferred = error instanceof SendDeferredError;
        log.error(deferred ? 'batch deferred' : 'batch failed', {
          messageId: record.messageId,
          reason: error instanceof Error ? error.message : String(error),
        });
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures };
  };
}

/** A batch's time at this sender's pace, with room for a slow SES call or two at the end. */
function timeNeeded(body: string, perSenderRate: number): number {
  const recipients = (body.match(/@/g) ?? []).length;
  return (recipients / perSenderRate) * 1000 + 10_000;
}
