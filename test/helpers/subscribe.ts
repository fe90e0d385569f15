import { testFingerprint, testTokens } from './link-key';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { SESClient } from '@aws-sdk/client-ses';
import { EditionStore } from '../../functions/core/store/edition-store';
import { SignupStore } from '../../functions/subscribe/signup-store';
import { SubscriberStore } from '../../functions/core/store/subscriber-store';
import type { Logger } from '../../functions/core/log';
import { DEFAULT_LIMITS, type SubscribeDeps } from '../../functions/subscribe/deps';
import type { HttpRequest } from '../../functions/subscribe/http';
import { dynamoStandIn, sesStandIn, tempDir, TEST_TABLE } from './stand-ins';
import type { LocalSes } from '../../infra/local/ses';
import { FolderArchive } from '../../functions/core/archive/folder-archive';

export const EDITIONS = [
  {
    id: 'global',
    title: 'Daybreak',
    sendAt: '07:00',
    timezone: 'Europe/London',
    maxStories: 25,
    topStories: 5,
    onlyWhenNew: true,
  },
  {
    id: 'asia',
    title: 'Daybreak Asia',
    sendAt: '07:00',
    timezone: 'Asia/Kolkata',
    maxStories: 25,
    topStories: 5,
    onlyWhenNew: true,
  },
];

/** A logger that keeps every line, so tests can check that no address reaches the logs. */
export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const log =
    (level: string) =>
    (message: string, fields = {}) =>
      void lines.push(JSON.stringify({ level, message, ...fields }));
  return { lines, info: log('info'), warn: log('warn'), error: log('error') };
}

export function subscribeDeps(
  db: DynamoDBDocumentClient,
  ses: SESClient,
  clock: () => Date,
  log: Logger,
): SubscribeDeps {
  const tokens = testTokens;
  return {
    subscribers: new SubscriberStore(db, TEST_TABLE, testFingerprint),
    signups: new SignupStore(db, TEST_TABLE, (email) => tokens.fingerprint(email)),
    editions: new EditionStore(db, TEST_TABLE),
    archive: new FolderArchive(tempDir('archive-')),
    ses,
    tokens,
    clock,
    log,
    settings: {
      from: 'Daybreak <digest@news.example.com>',
      publicUrl: 'https://news.example.com',
      configurationSet: 'daybreak',
      editions: EDITIONS,
      ...DEFAULT_LIMITS,
    },
  };
}

export function request(
  method: string,
  target: string,
  options: { body?: string | Buffer; type?: string; accept?: string; ip?: string } = {},
): HttpRequest {
  const url = new URL(target, 'https://news.example.com');
  const headers: Record<string, string> = {};
  if (options.type) headers['content-type'] = options.type;
  if (options.accept) headers.accept = options.accept;
  return {
    method,
    path: url.pathname,
    query: url.searchParams,
    headers,
    body: Buffer.from(options.body ?? ''),
    sourceIp: options.ip ?? '203.0.113.9',
  };
}

export const form = (fields: Record<string, string | string[]>): string => {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields))
    for (const v of Array.isArray(value) ? value : [value]) params.append(name, v);
  return params.toString();
};

/** Every item of the table, sorted: "stored data unchanged" is a comparison of two snapshots. */
export async function snapshot(db: DynamoDBDocumentClient): Promise<string> {
  const items = (await db.send(new ScanCommand({ TableName: TEST_TABLE }))).Items ?? [];
  return JSON.stringify(items.map((item) => JSON.stringify(item, Object.keys(item).sort())).sort());
}

/** dynalite, aws-ses-v2-local and the subscribe routes' dependencies on them, for one test file. */
export async function subscribeStandIns(
  clock: () => Date,
  log: Logger = recordingLogger(),
): Promise<{ db: DynamoDBDocumentClient; deps: SubscribeDeps; localSes: LocalSes; close: () => Promise<void> }> {
  const dynamo = await dynamoStandIn();
  const { ses, local } = await sesStandIn();
  return {
    db: dynamo.db,
    deps: subscribeDeps(dynamo.db, ses, clock, log),
    localSes: local,
    close: async () => {
      await local.close();
      await dynamo.close();
    },
  };
}
