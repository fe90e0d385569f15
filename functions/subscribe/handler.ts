import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { archiveFromConfig } from '../core/archive/from-config';
import type { AwsClients } from '../core/aws-clients';
import { ClickStore } from '../core/clicks/click-store';
import { systemClock } from '../core/clock';
import { lambdaEntry } from '../core/lambda-entry';
import { type LambdaHandler, lambdaObservability, observed } from '../core/observability';
import { EditionStore } from '../core/store/edition-store';
import { SubscriberStore } from '../core/store/subscriber-store';
import { loadTokenSigner } from '../core/token-key';
import { mailHeaders } from '../mail/mailing-settings';
import { DEFAULT_LIMITS, type SubscribeDeps } from './deps';
import { HttpApiEventSchema, requestFromEvent, resultFromResponse } from './event';
import { html } from './http';
import { messagePage } from './pages';
import { recordClickMetric } from './metrics';
import { route } from './router';
import { fromEnvironment, type SubscribeFunctionSettings } from './settings';
import { SignupStore } from './signup-store';

/** The subscribe API behind an HTTP API (payload 2.0): parse the event, route, return. */
export function createSubscribeHandler(
  settings: SubscribeFunctionSettings,
  clients: Pick<AwsClients, 'db' | 'ses' | 's3' | 'secrets'>,
  observability = lambdaObservability('subscribe'),
): LambdaHandler<unknown, APIGatewayProxyStructuredResultV2> {
  const { log } = observability;
  let deps: Promise<SubscribeDeps> | undefined;
  const dependencies = (): Promise<SubscribeDeps> => {
    deps ??= loadTokenSigner(settings, clients.secrets).then((tokens) => ({
      subscribers: new SubscriberStore(clients.db, settings.table, (email) => tokens.fingerprint(email)),
      signups: new SignupStore(clients.db, settings.table, (email) => tokens.fingerprint(email)),
      editions: new EditionStore(clients.db, settings.table),
      archive: archiveFromConfig(settings, () => clients.s3),
      ses: clients.ses,
      tokens,
      clicks: new ClickStore(clients.db, settings.table),
      recordClick: (edition, filtered) => recordClickMetric(observability.metrics, edition, filtered),
      clock: systemClock,
      log,
      settings: {
        ...mailHeaders(settings),
        editions: settings.editions,
        identity: settings.identity,
        ...DEFAULT_LIMITS,
        maxSignupsPerNetworkPerHour: settings.signupsPerNetworkPerHour,
        maxConfirmationsPerHour: settings.confirmationsPerAddressPerHour,
        clickTracking: settings.clickTracking,
        clickBotSeconds: settings.clickBotSeconds,
      },
    }));
    return deps;
  };

  // Its one metric (clicks) is published as a single metric: publishing at the end would warn on every other request.
  return observed(
    async (event: unknown) => {
      const parsed = HttpApiEventSchema.safeParse(event);
      if (!parsed.success) {
        log.error('not an HTTP API event', {});
        return resultFromResponse(
          html(
            400,
            messagePage(
              { heading: 'Bad request', paragraphs: ['The request could not be read.'], alert: true },
              settings.identity?.brand,
            ),
          ),
        );
      }
      return resultFromResponse(await route(requestFromEvent(parsed.data), await dependencies()));
    },
    observability,
    { publishMetrics: false },
  );
}

export const handler = lambdaEntry('subscribe', () => fromEnvironment(process.env), createSubscribeHandler);
