import { testFingerprint, testTokens } from './link-key';
import { DynamoDBClient, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import { SESClient } from '@aws-sdk/client-ses';
import { EditionStore } from '../../functions/core/store/edition-store';
import { SubscriberStore } from '../../functions/core/store/subscriber-store';
import { silentLogger } from '../../functions/core/log';
import type { SendDeps, SenderSettings } from '../../functions/send/send';

/**
 * A sender's dependencies on clients that aws-sdk-client-mock intercepts (mock DynamoDBDocumentClient
 * and SESClient in the test): no pacing, no real waiting, a fixed clock.
 */
export function mockedSendDeps(
  now: Date,
  options: { sleep?: SendDeps['sleep']; random?: () => number; settings?: Partial<SenderSettings> } = {},
): SendDeps {
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
  return {
    editions: new EditionStore(db, 't'),
    subscribers: new SubscriberStore(db, 't', testFingerprint),
    ses: new SESClient({ region: 'us-east-1' }),
    tokens: testTokens,
    clock: () => now,
    log: silentLogger,
    limiter: { take: async () => {} },
    sleep: options.sleep ?? (async () => {}),
    random: options.random,
    settings: {
      from: 'Daybreak <d@news.example.com>',
      publicUrl: 'https://news.example.com',
      ...options.settings,
    },
  };
}

/**
 * The table as a sender meets it, on a mocked document client: the 2026-11-26 global edition
 * rendered and not paused, and every write accepted. Each test answers BatchGet (who the
 * recipients are) itself.
 */
export function mockSendTable(ddb: AwsClientStub<DynamoDBDocumentClient>, now: Date): void {
  ddb.on(GetCommand, { Key: { pk: 'EDITION#2026-11-26#global', sk: 'EDITION' } }).resolves({
    Item: {
      date: '2026-11-26',
      edition: 'global',
      subject: 'S',
      html: '<p>x</p>',
      text: 'x',
      stories: 1,
      trending: 0,
      renderedAt: now.toISOString(),
    },
  });
  ddb.on(GetCommand, { Key: { pk: 'EDITION#2026-11-26#global', sk: 'STATS' } }).resolves({});
  ddb.on(PutCommand).resolves({});
  ddb.on(UpdateCommand).resolves({ Attributes: {} });
  ddb.on(DeleteCommand).resolves({});
  // The ledger's claim and record: plain commands, which the document client passes through.
  ddb.on(PutItemCommand).resolves({});
  ddb.on(UpdateItemCommand).resolves({});
}
