import { mailbox } from '../../functions/mail/mailbox';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import type { LogLevel } from '@aws-lambda-powertools/logger/types';
import { Cron } from 'croner';
import { completeReport, type CompleteReport } from '../../functions/digest/completeness';
import { EnqueueProgressStore } from '../../functions/digest/enqueue-progress';
import { ACTIVE_SUBSCRIBER_SHARDS } from '../../functions/core/table';
import type { CollectSummary } from '../../functions/collect/collect';
import { createCollectHandler } from '../../functions/collect/handler';
import type { CollectFunctionSettings } from '../../functions/collect/settings';
import { awsClients } from '../../functions/core/aws-clients';
import { dateIn } from '../../functions/core/dates';
import type { DaybreakConfig, ResolvedSource } from '../../functions/core/daybreak-config';
import { lambdaObservability } from '../../functions/core/observability';
import { EditionStore } from '../../functions/core/store/edition-store';
import { SubscriberStore } from '../../functions/core/store/subscriber-store';
import type { DigestSummary } from '../../functions/digest/digest';
import { createDigestHandler } from '../../functions/digest/handler';
import type { DigestFunctionSettings } from '../../functions/digest/settings';
import { createSendHandler } from '../../functions/send/handler';
import type { SendFunctionSettings } from '../../functions/send/settings';
import { createSubscribeHandler } from '../../functions/subscribe/handler';
import type { SubscribeFunctionSettings } from '../../functions/subscribe/settings';
import { ensureTable, startDynamoDb } from './dynamodb';
import { closeServer, listenLocal } from './http';
import { startSes } from './ses';
import { LocalQueue } from './sqs';
import { localTokenSecret } from './token-secret';
import { startSampleSources } from './sample-sources';
import { webApp } from './web';
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

/**
 * The local stack: the same handlers as in AWS, built by their factories from settings objects and
 * clients pointed at embedded stand-ins (dynalite, aws-ses-v2-local, a local send queue).
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

  const clients = awsClients({
    region: 'us-east-1',
    credentials: localCredentials,
    endpoints: {
      dynamodb: dynamo.endpoint,
      ses: ses.endpoint,
      sqs: queue.queueUrl.replace(/\/\d+\/.*$/, ''),
    },
  });
  await ensureTable(clients.dynamodb, LOCAL_TABLE);
  const editionStore = new EditionStore(clients.db, LOCAL_TABLE);
  const subscriberStore = new SubscriberStore(clients.db, LOCAL_TABLE);
  const progressStore = new EnqueueProgressStore(clients.db, LOCAL_TABLE);
  const today = () => dateIn(config.editions[0]?.timezone ?? 'UTC', new Date());
  // The web server listens first: its URL is the public URL the subscribe function's links point to.
  const webServer = options.port === undefined ? undefined : createServer();
  const webUrl = webServer ? await listenLocal(webServer, options.port) : undefined;
  if (webServer) closers.push(() => closeServer(webServer));

  const settings = localSettings(options, {
    publicUrl: webUrl ?? config.publicUrl,
    sendQueueUrl: queue.queueUrl,
    sources: options.sources === 'configured' ? config.sources : samples.sources,
  });
  // No CloudWatch here: metrics would only be EMF lines on stdout, and logs would drown the CLI's output.
  const observe = (service: string) =>
    lambdaObservability(service, {
      publishMetrics: false,
      logLevel: (process.env.POWERTOOLS_LOG_LEVEL as LogLevel | undefined) ?? 'WARN',
    });
  const collectHandler = createCollectHandler(settings.collect, clients, observe('collect'));
  const digestHandler = createDigestHandler(settings.digest, clients, observe('digest'));
  queue.consume(createSendHandler(settings.send, clients, observe('send')));
  webServer?.on('request', webApp(createSubscribeHandler(settings.subscribe, clients, observe('subscribe'))));

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
      web: webUrl,
      inbox: ses.inboxUrl,
      sources: samples.url,
      archive: webUrl ? publicUrls(webUrl).archivePage(today(), config.editions[0]?.id ?? 'global') : undefined,
    },
    outboxDir: ses.outboxDir,
    collect: () => collectHandler({}),
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
      crons.push(new Cron(`*/${config.collectEveryMinutes} * * * *`, () => void collectHandler({}).catch(onError)));
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

/**
 * Each function's settings, as the constructs give them in AWS but from the configuration file:
 * the key from the data folder, and the data folder standing for the archive bucket (the
 * editions' pages land in <data>/archive/DATE/EDITION.html).
 */
function localSettings(
  options: LocalStackOptions,
  local: { publicUrl: string; sendQueueUrl: string; sources: ResolvedSource[] },
) {
  const { config } = options;
  const table = LOCAL_TABLE;
  const archive = { archiveDir: options.dataDir };
  const mailing = {
    table,
    sender: mailbox(config.sender.name, config.sender.address),
    publicUrl: local.publicUrl,
    configurationSet: config.ses.configurationSet,
    tokenSecret: localTokenSecret(options.dataDir),
  };
  return {
    collect: {
      table,
      sources: local.sources,
      editions: config.editions,
      retentionDays: config.retentionDays,
      collectEveryMinutes: config.collectEveryMinutes,
      // The sample sources are served on 127.0.0.1, which the collector otherwise refuses.
      allowPrivateAddresses: options.sources !== 'configured' || config.fetch.allowPrivateAddresses,
    },
    digest: {
      table,
      sendQueueUrl: local.sendQueueUrl,
      editions: config.editions,
      publicUrl: local.publicUrl,
      ...archive,
      clickTracking: config.tracking.clicks,
      readersMinClicks: config.tracking.readersMinClicks,
      tokenSecret: mailing.tokenSecret,
    },
    // The local queue hands the send handler one batch at a time: one sender has the whole rate.
    send: { ...mailing, maxSendRate: config.ses.maxSendRate, sendConcurrency: 1 },
    subscribe: {
      ...mailing,
      clickTracking: config.tracking.clicks,
      clickBotSeconds: config.tracking.botSeconds,
      editions: config.editions,
      ...archive,
      signupsPerNetworkPerHour: config.signups.perNetworkPerHour,
      confirmationsPerAddressPerHour: config.signups.confirmationsPerAddressPerHour,
    },
  } satisfies {
    collect: CollectFunctionSettings;
    digest: DigestFunctionSettings;
    send: SendFunctionSettings;
    subscribe: SubscribeFunctionSettings;
  };
}
