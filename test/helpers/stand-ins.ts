import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESClient } from '@aws-sdk/client-ses';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type AwsClients, awsClients, documentClient } from '../../functions/core/aws-clients';
import { ensureTable, startDynamoDb } from '../../infra/local/dynamodb';
import { startSes, type LocalSes } from '../../infra/local/ses';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
export const TEST_TABLE = 'daybreak-test';

export function tempDir(prefix = 'daybreak-test-'): string {
  const base = path.join(__dirname, '..', '..', '.tmp');
  require('node:fs').mkdirSync(base, { recursive: true });
  return mkdtempSync(path.join(base, prefix));
}

/** dynalite in memory, with Daybreak's table created from the shared definition. */
export async function dynamoStandIn(): Promise<{
  db: DynamoDBDocumentClient;
  endpoint: string;
  close: () => Promise<void>;
}> {
  const dynamo = await startDynamoDb();
  const client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'us-east-1', credentials });
  await ensureTable(client, TEST_TABLE);
  return { db: documentClient(client), endpoint: dynamo.endpoint, close: dynamo.close };
}

/** aws-ses-v2-local with the outbox recorder in front, writing .eml files into a fresh folder. */
export async function sesStandIn(): Promise<{ ses: SESClient; local: LocalSes }> {
  const local = await startSes(path.join(tempDir('outbox-'), 'outbox'));
  return { ses: new SESClient({ endpoint: local.endpoint, region: 'us-east-1', credentials }), local };
}

/** The client the collect handler writes articles and source states with (the wire client), on dynalite. */
export function collectorItemsDb(dynamodb: string): AwsClients['itemsDb'] {
  return awsClients({ region: 'us-east-1', credentials, endpoints: { dynamodb } }).itemsDb;
}

/** The clients the send handler makes its per-recipient calls with (the wire clients), on the stand-ins. */
export function senderClients(endpoints: { dynamodb: string; ses: string }): Pick<AwsClients, 'ledgerDb' | 'bulkSes'> {
  const { ledgerDb, bulkSes } = awsClients({ region: 'us-east-1', credentials, endpoints });
  return { ledgerDb, bulkSes };
}
