import type { SNSEvent } from 'aws-lambda';
import type { AwsClients } from '../core/aws-clients';
import { systemClock } from '../core/clock';
import { lambdaEntry } from '../core/lambda-entry';
import { type LambdaHandler, lambdaObservability, observed } from '../core/observability';
import { EditionStore } from '../core/store/edition-store';
import { SubscriberStore } from '../core/store/subscriber-store';
import { describeIssues } from '../core/validation';
import { defaultFeedbackSettings, type FeedbackDeps, type FeedbackOutcome, handleSesEvent } from './feedback';
import { recordFeedbackMetrics } from './metrics';
import { SesEventSchema } from './ses-event';
import { type FeedbackFunctionSettings, fromEnvironment } from './settings';

/** SES configuration-set events through SNS. A failure throws, so Lambda retries the delivery. */
export function createFeedbackHandler(
  settings: FeedbackFunctionSettings,
  clients: Pick<AwsClients, 'db'>,
  observability = lambdaObservability('feedback'),
): LambdaHandler<SNSEvent, FeedbackOutcome[]> {
  const { log } = observability;
  const deps: FeedbackDeps = {
    subscribers: new SubscriberStore(clients.db, settings.table),
    editions: new EditionStore(clients.db, settings.table),
    clock: systemClock,
    log,
    settings: { ...defaultFeedbackSettings, complaintPauseRate: settings.complaintPauseRate },
  };
  return observed(async (event: SNSEvent) => {
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
    recordFeedbackMetrics(observability.metrics, outcomes);
    return outcomes;
  }, observability);
}

export const handler = lambdaEntry('feedback', () => fromEnvironment(process.env), createFeedbackHandler);
