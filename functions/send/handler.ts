import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { AwsClients } from '../core/aws-clients';
import { systemClock } from '../core/clock';
import { lambdaEntry } from '../core/lambda-entry';
import { type LambdaHandler, lambdaObservability, observed } from '../core/observability';
import { EditionStore } from '../core/store/edition-store';
import { SubscriberStore } from '../core/store/subscriber-store';
import { loadTokenSigner } from '../core/token-key';
import { mailHeaders } from '../mail/mailing-settings';
import { sendQueueConsumer } from './consume';
import { EditionCopies } from './edition-copies';
import { recordSendMetrics } from './metrics';
import type { SendDeps } from './send';
import { accountSendRate } from './send-rate';
import { fromEnvironment, type SendFunctionSettings } from './settings';
import { perSenderRate, TokenBucket } from './token-bucket';

/** The send queue's consumer: mails each recipient batch at this instance's share of the SES rate. */
export function createSendHandler(
  settings: SendFunctionSettings,
  clients: Pick<AwsClients, 'db' | 'ledgerDb' | 'ses' | 'bulkSes' | 'secrets'>,
  observability = lambdaObservability('send'),
): LambdaHandler<SQSEvent, SQSBatchResponse> {
  const { log, metrics } = observability;
  // This instance's share of the account's rate, set at cold start; the bucket then lives as long as the instance.
  let rate = perSenderRate(settings.maxSendRate, settings.sendConcurrency);
  let deps: Promise<SendDeps> | undefined;

  const dependencies = (): Promise<SendDeps> => {
    deps ??= Promise.all([
      loadTokenSigner(settings, clients.secrets),
      accountSendRate(clients.ses, settings.maxSendRate, log),
    ]).then(([tokens, accountRate]) => {
      rate = perSenderRate(accountRate, settings.sendConcurrency);
      return {
        editions: new EditionStore(clients.db, settings.table, clients.ledgerDb),
        subscribers: new SubscriberStore(clients.db, settings.table),
        ses: clients.bulkSes,
        // A tenth of a second's worth of tokens may be saved: it makes up for the pause between batches.
        limiter: new TokenBucket({ rate, capacity: Math.max(1, rate / 10) }),
        tokens,
        // Lives as long as the instance: its next batches of the same edition neither read nor compose it again.
        copies: new EditionCopies(),
        clock: systemClock,
        log,
        settings: {
          ...mailHeaders(settings),
          // Enough sends in flight to keep this pace while each SES call takes up to ~100 ms.
          parallel: Math.min(16, Math.max(1, Math.ceil(rate / 10))),
        },
      };
    });
    return deps;
  };

  const consume = sendQueueConsumer(dependencies, log, {
    perSenderRate: () => rate,
    onBatch: (outcome) => recordSendMetrics(metrics, outcome),
  });
  return observed((event: SQSEvent, context) => consume(event, context), observability);
}

export const handler = lambdaEntry('send', () => fromEnvironment(process.env), createSendHandler);
