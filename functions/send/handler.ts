import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { loadConfig } from '../core/config';
import { documentClient, sesClient } from '../core/aws-clients';
import { systemClock } from '../core/clock';
import { jsonLogger } from '../core/log';
import { SendBatchSchema } from '../core/model';
import { EditionStore } from '../core/store/edition-store';
import { SubscriberStore } from '../core/store/subscriber-store';
import { loadTokenSigner } from '../core/token-key';
import { describeIssues } from '../core/validation';
import { sendBatch, type SendDeps } from './send';

const config = loadConfig([
  'DAYBREAK_TABLE',
  'DAYBREAK_SENDER',
  'DAYBREAK_PUBLIC_URL',
  'DAYBREAK_UNSUBSCRIBE_MAILTO',
  'DAYBREAK_CONFIGURATION_SET',
  'DAYBREAK_TOKEN_SECRET',
  'DAYBREAK_TOKEN_SECRET_ARN',
]);
const db = documentClient();
const log = jsonLogger('send');
let deps: Promise<SendDeps> | undefined;

function dependencies(): Promise<SendDeps> {
  deps ??= loadTokenSigner(config).then((tokens) => ({
    editions: new EditionStore(db, config.DAYBREAK_TABLE),
    subscribers: new SubscriberStore(db, config.DAYBREAK_TABLE),
    ses: sesClient(),
    tokens,
    clock: systemClock,
    log,
    settings: {
      from: config.DAYBREAK_SENDER,
      publicUrl: config.DAYBREAK_PUBLIC_URL,
      unsubscribeMailto: config.DAYBREAK_UNSUBSCRIBE_MAILTO,
      configurationSet: config.DAYBREAK_CONFIGURATION_SET,
    },
  }));
  return deps;
}

/** Consumes the send queue; a record that fails is reported back alone, so SQS retries only it. */
export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  const ready = await dependencies();
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    let body: unknown;
    try {
      body = JSON.parse(record.body);
    } catch {
      log.error('unreadable send message, dropped', { messageId: record.messageId, reason: 'body is not JSON' });
      continue;
    }
    const batch = SendBatchSchema.safeParse(body);
    if (!batch.success) {
      log.error('invalid send message, dropped', { messageId: record.messageId, reason: describeIssues(batch.error.issues) });
      continue;
    }
    try {
      const outcome = await sendBatch(batch.data, ready);
      log.info('batch sent', { messageId: record.messageId, ...outcome });
    } catch (error) {
      log.error('batch failed', { messageId: record.messageId, reason: error instanceof Error ? error.message : String(error) });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
}
