import { mailbox } from '../../functions/mail/mailbox';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Cron } from 'croner';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SQSEvent, SQSBatchResponse } from 'aws-lambda';
import type { DaybreakConfig } from '../../functions/core/daybreak-config';
import { senderDomain } from '../../functions/core/daybreak-config';
import { documentClient } from '../../functions/core/aws-clients';
import { EditionStore } from '../../functions/core/store/edition-store';
import { completeReport, type CompleteReport } from '../../functions/digest/completeness';
import { EnqueueProgressStore } from '../../functions/digest/enqueue-progress';
import { ACTIVE_SUBSCRIBER_SHARDS } from '../../functions/core/table';
import { SubscriberStore } from '../../functions/core/store/subscriber-store';
import { dateIn } from '../../functions/core/dates';
import type { CollectSummary } from '../../functions/collect/collect';
import type { DigestSummary } from '../../functions/digest/digest';
import { ensureTable, startDynamoDb } from './dynamodb';
import { startSes } from './ses';
import { LocalQueue } from './sqs';
import { localTokenSecret } from './token-secret';
import { startSampleSources } from './sample-sources';
import { closeServer, serveLocal } from './http';
import { webApp, type HttpApiHandler } from './web';
import { publicUrls } from '../../functions/mail/public-urls';

export const LOCAL_TABLE = 'daybreak-local';
export const DEMO_SUBSCRIBER = 'reader@example.com';

export interface LocalStackOptions {
  config: DaybreakConfig;
  /** Holds the outbox, the token key and (with `persist`) the DynamoDB data. */
  dataDir: string;
  /** Keep DynamoDB on disk under the data folder; otherwise it lives in memory. */
  persist: boolean;
  /** Serve the web pages (and run the schedules) on this port; undefined serves nothing. */
  port?: number;
  /** Collect the sample sources served on 127.0.0.1 (the default), or the configured ones (needs network). */
  sources?: 'samples' | 'configured';
}

/** A digest run's summary with its edition's report; `recipients` is the report's: everyone accounted for. */
export interface EditionRun extends Omit<DigestSummary, 'recipients'>, CompleteReport {}

export interface LocalStack {
  urls: { web?: string; inbox: string; sources: string; archive?: string };
  outboxDir: string;
  collect(): Promise<CollectSummary>;
  /** Builds and sends every edition for `date` (today by default), waiting until the queue is drained. */
  /** Builds and sends the editions (or the one named), as their schedules would; `resume` lifts a pause first. */
  digest(date?: string, options?: { edition?: string; resume?: boolean }): Promise<EditionRun[]>;
  ensureDemoSubscriber(): Promise<boolean>;
  /** Starts the cron schedules: collect every 30 minutes, each edition at its local send time. */
  startSchedules(onError: (error: unknown) => void): void;
  close(): Promise<void>;
}

type CollectHandler = () => Promise<CollectSummary>;
type DigestHandler = (event: unknown) => Promise<DigestSummary>;
type SendHandler = (event: SQSEvent) => Promise<SQSBatchResponse>;

/**
 * The local stack: the same handlers as in AWS, on embedded stand-ins (dynalite, aws-ses-v2-local,
 * a local send queue), reached through the AWS SDK's standard endpoint settings.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const { config } = options;
  mkdirSync(options.dataDir, { recursive: true });
  const closers: (() => Promise<void>)[] = [];
  const dynamo = await startDynamoDb(options.persist ? path.join(options.dataDir, 'dynamodb') : undefined);
  closers.push(dynamo.close);
  const ses = await startSes(path.join(options.dataDir, 'outbox'));
  closers.push(ses.close);
  // On disk with the data: a killed run's messages are delivered when the stack starts again.
  const queue = new LocalQueue('daybreak-send', {
    batchSize: 10,
    maxReceiveCount: 3,
    ...(options.persist ? { dir: path.join(options.dataDir, 'queue') } : {}),
  });
  await queue.start();
  closers.push(() => queue.close());
  const samples = await startSampleSources();
  closers.push(samples.close);

  const db = documentClient(
    new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'us-east-1', credentials: localCredentials }),
  );
  const editionStore = new EditionStore(db, LOCAL_TABLE);
  const subscriberStore = new SubscriberStore(db, LOCAL_TABLE);
  const progressStore = new EnqueueProgressStore(db, LOCAL_TABLE);
  const today = () => dateIn(config.editions[0]?.timezone ?? 'UTC', new Date());
  // The web server starts first (its URL is the public URL links point to); the subscribe handler it
  // serves is loaded below, once the settings are in the environment.
  let subscribeHandler: HttpApiHandler | undefined;
  const servePages = () => {
    if (!subscribeHandler) throw new Error('the subscribe handler is not loaded yet');
    return subscribeHandler;
  };
  const web = options.port === undefined ? undefined : await serveLocal(webApp(servePages), options.port);
  if (web) closers.push(() => closeServer(web.server));

  Object.assign(process.env, {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_ENDPOINT_URL_SES: ses.endpoint,
    AWS_ENDPOINT_URL_SQS: queue.queueUrl.replace(/\/\d+\/.*$/, ''),
    DAYBREAK_TABLE: LOCAL_TABLE,
    DAYBREAK_SEND_QUEUE_URL: queue.queueUrl,
    DAYBREAK_SENDER: mailbox(config.sender.name, config.sender.address),
    DAYBREAK_PUBLIC_URL: web?.url ?? config.publicUrl,
    DAYBREAK_UNSUBSCRIBE_MAILTO: `unsubscribe@${senderDomain(config)}`,
    DAYBREAK_CONFIGURATION_SET: config.ses.configurationSet,
    DAYBREAK_TOKEN_SECRET: localTokenSecret(options.dataDir),
    DAYBREAK_SOURCES: JSON.stringify(options.sources === 'configured' ? config.sources : samples.sources),
    DAYBREAK_COLLECT_EVERY_MINUTES: String(config.collectEveryMinutes),
    // The sample sources are served on 127.0.0.1, which the collector otherwise refuses.
    DAYBREAK_ALLOW_PRIVATE_ADDRESSES: String(options.sources !== 'configured' || config.fetch.allowPrivateAddresses),
    DAYBREAK_EDITIONS: JSON.stringify(config.editions),
    DAYBREAK_SIGNUPS_PER_NETWORK_PER_HOUR: String(config.signups.perNetworkPerHour),
    DAYBREAK_CONFIRMATIONS_PER_ADDRESS_PER_HOUR: String(config.signups.confirmationsPerAddressPerHour),
    // The data folder stands for the archive bucket: the editions' pages land in <data>/archive/DATE/EDITION.html.
    DAYBREAK_ARCHIVE_DIR: options.dataDir,
    DAYBREAK_RETENTION_DAYS: String(config.retentionDays),
    // No CloudWatch here: metrics would only be EMF lines on stdout, and logs would drown the CLI's output.
    POWERTOOLS_METRICS_DISABLED: 'true',
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
    DAYBREAK_MAX_SEND_RATE: String(config.ses.maxSendRate),
    // The local queue hands the send handler one batch at a time: one sender has the whole rate.
    DAYBREAK_SEND_CONCURRENCY: '1',
  });
  await ensureTable(new DynamoDBClient({}), LOCAL_TABLE);

  // Loaded only now: handlers read their validated settings once, when first loaded.
  const collectHandler = (require('../../functions/collect/handler') as { handler: CollectHandler }).handler;
  const digestHandler = (require('../../functions/digest/handler') as { handler: DigestHandler }).handler;
  const sendHandler = (require('../../functions/send/handler') as { handler: SendHandler }).handler;
  queue.consume(sendHandler);
  subscribeHandler = (require('../../functions/subscribe/handler') as { handler: HttpApiHandler }).handler;

  const digest = async (date?: string, only: { edition?: string; resume?: boolean } = {}): Promise<EditionRun[]> => {
    const runs: EditionRun[] = [];
    for (const edition of config.editions.filter((e) => only.edition === undefined || e.id === only.edition)) {
      // What a killed run left on the queue is sent first, so the rerun's reconcile sees the ledger as it is.
      await queue.drained();
      // dynalite locks the data folder, so no other process can be enqueueing: a lease in it was left by a killed run.
      await progressStore.breakLeases(
        date ?? dateIn(edition.timezone, new Date()),
        edition.id,
        ACTIVE_SUBSCRIBER_SHARDS,
      );
      const summary = await digestHandler({ edition: edition.id, date, ...(only.resume ? { resume: true } : {}) });
      await queue.drained();
      // An edition skipped for want of news has no recipients, so nobody is missing from it.
      const report =
        summary.status === 'enqueued'
          ? await completeReport(summary.date, summary.edition, {
              editions: editionStore,
              subscribers: subscriberStore,
            })
          : { ...(await editionStore.report(summary.date, summary.edition)), recipients: 0, missing: 0 };
      runs.push({ ...summary, ...report });
    }
    return runs;
  };

  const crons: Cron[] = [];
  return {
    urls: {
      web: web?.url,
      inbox: ses.inboxUrl,
      sources: samples.url,
      archive: web ? publicUrls(web.url).archivePage(today(), config.editions[0]?.id ?? 'global') : undefined,
    },
    outboxDir: ses.outboxDir,
    collect: () => collectHandler(),
    digest,
    async ensureDemoSubscriber() {
      for await (const page of subscriberStore.activePages(config.editions[0]?.id ?? 'global', 1))
        if (page.length > 0) return false;
      const now = new Date().toISOString();
      await subscriberStore.put({
        email: DEMO_SUBSCRIBER,
        status: 'active',
        editions: config.editions.map((e) => e.id),
        createdAt: now,
        updatedAt: now,
      });
      return true;
    },
    startSchedules(onError) {
      crons.push(new Cron(`*/${config.collectEveryMinutes} * * * *`, () => void collectHandler().catch(onError)));
      for (const edition of config.editions) {
        const [hour, minute] = edition.sendAt.split(':');
        crons.push(
          new Cron(
            `${Number(minute)} ${Number(hour)} * * *`,
            { timezone: edition.timezone },
            () => void digest().catch(onError),
          ),
        );
      }
    },
    async close() {
      crons.forEach((cron) => cron.stop());
      for (const close of closers.reverse()) await close();
    },
  };
}

const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };
