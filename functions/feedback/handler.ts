import type { SNSEvent } from 'aws-lambda';
import { loadConfig } from '../core/config';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { documentClient } from '../core/aws-clients';
import { systemClock } from '../core/clock';
import { lambdaObservability } from '../core/observability';
import { EditionStore } from '../core/store/edition-store';
import { SubscriberStore } from '../core/store/subscriber-store';
import { describeIssues } from '../core/validation';
import { defaultFeedbackSettings, handleSesEvent, type FeedbackDeps, type FeedbackOutcome } from './feedback';
import { SesEventSchema } from './ses-event';
import { recordFeedbackMetrics } from './metrics';

const config = loadConfig(['DAYBREAK_TABLE', 'DAYBREAK_COMPLAINT_PAUSE_RATE']);
const { log, metrics, tracer } = lambdaObservability('feedback');
const db = documentClient(tracer.captureAWSv3Client(new DynamoDBClient({})));
const deps: FeedbackDeps = {
  subscribers: new SubscriberStore(db, config.DAYBREAK_TABLE),
  editions: new EditionStore(db, config.DAYBREAK_TABLE),
  clock: systemClock,
  log,
  metric: (line) => process.stdout.write(`${line}\n`),
  settings: { ...defaultFeedbackSettings, complaintPauseRate: config.DAYBREAK_COMPLAINT_PAUSE_RATE },
};

/** SES configuration-set events through SNS. A failure throws, so Lambda retries the delivery. */
export async function handler(event: SNSEvent): Promise<FeedbackOutcome[]> {
  const outcomes: FeedbackOutcome[] = [];
  for (const record of event.Records) {
    let message: unknown;
    try {
      message = JSON.parse(record.Sns.Message);
    } catch {
      log.error('unreadable SES event, dropped', { messageId: record.Sns.MessageId, reason: 'message is not JSON' });
      continue;
    }
    const parsed = SesEventSchema.safeParse(message);
    if (!parsed.success) {
      log.error('unexpected SES event, dropped', {
        messageId: record.Sns.MessageId,
        reason: describeIssues(parsed.error.issues),
      });
      continue;
    }
    outcomes.push(await handleSesEvent(parsed.data, deps));
  }
  recordFeedbackMetrics(metrics, outcomes);
  metrics.publishStoredMetrics();
  return outcomes;
}
