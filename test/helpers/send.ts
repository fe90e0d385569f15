import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SESClient } from '@aws-sdk/client-ses';
import { EditionStore } from '../../functions/core/store/edition-store';
import { SubscriberStore } from '../../functions/core/store/subscriber-store';
import { TokenSigner } from '../../functions/core/tokens';
import { silentLogger } from '../../functions/core/log';
import type { SendDeps, SenderSettings } from '../../functions/send/send';

/**
 * A sender's dependencies on clients that aws-sdk-client-mock intercepts (mock DynamoDBDocumentClient
 * and SESClient in the test): no pacing, no real waiting, a fixed clock.
 */
export function mockedSendDeps(now: Date, options: { sleep?: SendDeps['sleep']; random?: () => number; settings?: Partial<SenderSettings> } = {}): SendDeps {
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
  return {
    editions: new EditionStore(db, 't'),
    subscribers: new SubscriberStore(db, 't'),
    ses: new SESClient({ region: 'us-east-1' }),
    tokens: new TokenSigner('k'.repeat(40)),
    clock: () => now,
    log: silentLogger,
    limiter: { take: async () => {} },
    sleep: options.sleep ?? (async () => {}),
    random: options.random,
    settings: { from: 'Daybreak <d@news.example.com>', publicUrl: 'https://news.example.com', unsubscribeMailto: 'unsubscribe@news.example.com', ...options.settings },
  };
}
