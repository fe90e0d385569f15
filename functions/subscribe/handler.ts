import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { archiveFromConfig } from '../core/archive/from-config';
import { documentClient, sesClient } from '../core/aws-clients';
import { systemClock } from '../core/clock';
import { loadConfig, MAILING_SETTINGS, mailingSettings } from '../core/config';
import { lambdaObservability } from '../core/observability';
import { EditionStore } from '../core/store/edition-store';
import { SignupStore } from './signup-store';
import { SubscriberStore } from '../core/store/subscriber-store';
import { loadTokenSigner } from '../core/token-key';
import { DEFAULT_LIMITS, type SubscribeDeps } from './deps';
import { HttpApiEventSchema, requestFromEvent, resultFromResponse } from './event';
import { html } from './http';
import { messagePage } from './pages';
import { route } from './router';

const config = loadConfig([
  ...MAILING_SETTINGS,
  'DAYBREAK_EDITIONS',
  'DAYBREAK_ARCHIVE_BUCKET',
  'DAYBREAK_ARCHIVE_DIR',
  'DAYBREAK_SIGNUPS_PER_NETWORK_PER_HOUR',
  'DAYBREAK_CONFIRMATIONS_PER_ADDRESS_PER_HOUR',
]);
const { log, tracer } = lambdaObservability('subscribe');
const db = documentClient(tracer.captureAWSv3Client(new DynamoDBClient({})));
let deps: Promise<SubscribeDeps> | undefined;

function dependencies(): Promise<SubscribeDeps> {
  deps ??= loadTokenSigner(config).then((tokens) => ({
    subscribers: new SubscriberStore(db, config.DAYBREAK_TABLE),
    signups: new SignupStore(db, config.DAYBREAK_TABLE, (email) => tokens.fingerprint(email)),
    editions: new EditionStore(db, config.DAYBREAK_TABLE),
    archive: archiveFromConfig(config, () => tracer.captureAWSv3Client(new S3Client({}))),
    ses: tracer.captureAWSv3Client(sesClient()),
    tokens,
    clock: systemClock,
    log,
    settings: {
      ...mailingSettings(config),
      messageIdDomain: config.DAYBREAK_UNSUBSCRIBE_MAILTO.split('@')[1] ?? 'daybreak.invalid',
      editions: config.DAYBREAK_EDITIONS,
      ...DEFAULT_LIMITS,
      maxSignupsPerNetworkPerHour: config.DAYBREAK_SIGNUPS_PER_NETWORK_PER_HOUR,
      maxConfirmationsPerHour: config.DAYBREAK_CONFIRMATIONS_PER_ADDRESS_PER_HOUR,
    },
  }));
  return deps;
}

/** The subscribe API behind an HTTP API (payload 2.0): parse the event, route, return. */
export async function handler(event: unknown): Promise<APIGatewayProxyStructuredResultV2> {
  const parsed = HttpApiEventSchema.safeParse(event);
  if (!parsed.success) {
    log.error('not an HTTP API event', {});
    return resultFromResponse(
      html(400, messagePage({ heading: 'Bad request', paragraphs: ['The request could not be read.'], alert: true })),
    );
  }
  return resultFromResponse(await route(requestFromEvent(parsed.data), await dependencies()));
}
