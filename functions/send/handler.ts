import { loadConfig, MAILING_SETTINGS, mailingSettings } from '../core/config';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Context, SQSEvent } from 'aws-lambda';
import { documentClient, sesClient } from '../core/aws-clients';
import { systemClock } from '../core/clock';
import { lambdaObservability } from '../core/observability';
import { EditionStore } from '../core/store/edition-store';
import { SubscriberStore } from '../core/store/subscriber-store';
import { loadTokenSigner } from '../core/token-key';
import { perSenderRate, TokenBucket } from './token-bucket';
import { sendQueueConsumer } from './consume';
import { recordSendMetrics } from './metrics';
import { accountSendRate } from './send-rate';
import type { SendDeps } from './send';

const config = loadConfig([...MAILING_SETTINGS, 'DAYBREAK_MAX_SEND_RATE', 'DAYBREAK_SEND_CONCURRENCY']);
const { log, metrics, tracer } = lambdaObservability('send');
const db = documentClient(tracer.captureAWSv3Client(new DynamoDBClient({})));
// One attempt per call: the SDK's own retries would skip the token bucket and the claim release.
const ses = tracer.captureAWSv3Client(sesClient({ maxAttempts: 1 }));
// This instance's share of the account's rate, set at cold start; the bucket then lives as long as the instance.
let rate = perSenderRate(config.DAYBREAK_MAX_SEND_RATE, config.DAYBREAK_SEND_CONCURRENCY);
let deps: Promise<SendDeps> | undefined;

function dependencies(): Promise<SendDeps> {
  deps ??= Promise.all([loadTokenSigner(config), accountSendRate(ses, config.DAYBREAK_MAX_SEND_RATE, log)]).then(
    ([tokens, accountRate]) => {
      rate = perSenderRate(accountRate, config.DAYBREAK_SEND_CONCURRENCY);
      return {
        editions: new EditionStore(db, config.DAYBREAK_TABLE),
        subscribers: new SubscriberStore(db, config.DAYBREAK_TABLE),
        ses,
        // A tenth of a second's worth of tokens may be saved: it makes up for the pause between batches.
        limiter: new TokenBucket({ rate, capacity: Math.max(1, rate / 10) }),
        tokens,
        clock: systemClock,
        log,
        settings: {
          ...mailingSettings(config),
          unsubscribeMailto: config.DAYBREAK_UNSUBSCRIBE_MAILTO,
          // Enough sends in flight to keep this pace while each SES call takes up to ~100 ms.
          parallel: Math.min(16, Math.max(1, Math.ceil(rate / 10))),
        },
      };
    },
  );
  return deps;
}

const consume = sendQueueConsumer(dependencies, log, {
  perSenderRate: () => rate,
  onBatch: (outcome) => recordSendMetrics(metrics, outcome),
});

export async function handler(event: SQSEvent, context?: Pick<Context, 'getRemainingTimeInMillis'>) {
  try {
    return await consume(event, context);
  } finally {
    metrics.publishStoredMetrics();
  }
}
