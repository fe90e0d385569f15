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
import { sweepExpired } from './ttl-sweeper';
import { TokenSigner } from '../../functions/core/tokens';
import { startSampleSources } from './sample-sources';
import { webApp } from './web';
import { identityOf } from '../../functions/mail/identity';
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
  /** The web inbox's port (0 or undefined: any free one). */
  inboxPort?: number;
}

/** What a scheduled run tells the operator: one line per job. */
export interface ScheduleLog {
  collected(summary: CollectSummary): void;
  digested(runs: EditionRun[]): void;
  failed(job: 'collect' | 'digest' | 'sweep', error: unknown): void;
}

/** A digest run's summary with its edition's report; `recipients` is the report's: everyone accounted for. */
export interface EditionRun extends Omit<DigestSummary, 'recipients'>, CompleteReport {}

/** Sources done of all (`daybreak run collect` shows it). */
export type CollectProgress = (done: number, total: number) => void;
/** Recipients of one edition handed to the queue and through the send stage (`daybreak run digest`). */
export type DigestProgress = (edition: string, recipients: { enqueued: number; sent: number }) => void;

interface DigestOptions {
  edition?: string;
  resume?: boolean;
  progress?: DigestProgress;
}

export interface LocalStack {
  urls: { web?: string; inbox: string; sources: string; archive?: string };
  /** Where the stand-ins listen: what `<data>/stack.json` gives other commands. */
  endpoints: { dynamodb: string; ses: string; sqs: string };
  outboxDir: string;
  collect(options?: { progress?: CollectProgress }): Promise<CollectSummary>;
  /**
   * Builds and sends the editions (or the one named), as their schedules would, waiting until the
   * queue is drained; `resume` lifts a pause first. One digest at a time: a second waits for the first.
   */
  digest(date?: string, options?: DigestOptions): Promise<EditionRun[]>;
  ensureDemoSubscriber(): Promise<boolean>;
  /** Starts the cron schedules: collect every 30 minutes, each edition at its local send time. */
  startSchedules(log: ScheduleLog): void;
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
  // The web inbox only where someone can browse it: a one-shot run exits before anyone looks.
  const ses = await startSes(path.join(options.dataDir, 'outbox'), {
    inbox: options.port !== undefined,
    inboxPort: options.inboxPort,
  });
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

  const sqsEndpoint = queue.queueUrl.replace(/\/\d+\/.*$/, '');
  const clients = awsClients({
    region: 'us-east-1',
    credentials: localCredentials,
    endpoints: {
      dynamodb: dynamo.endpoint,
      ses: ses.endpoint,
      sqs: sqsEndpoint,
    },
  });
  await ensureTable(clients.dynamodb, LOCAL_TABLE);
  await sweepExpired(clients.db, LOCAL_TABLE, new Date());
  const editionStore = new EditionStore(clients.db, LOCAL_TABLE);
  const linkKey = new TokenSigner(localTokenSecret(options.dataDir));
  const subscriberStore = new SubscriberStore(clients.db, LOCAL_TABLE, (email) => linkKey.fingerprint(email));
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
  // What the CLI's progress line is told of while one of its calls runs; nobody listens otherwise.
  let collectProgress: CollectProgress | undefined;
  const recipients = { enqueued: 0, sent: 0 };
  let recipientsMoved: (() => void) | undefined;
  const collectHandler = createCollectHandler(settings.collect, clients, observe('collect'), {
    onSourceDone: (done, total) => collectProgress?.(done, total),
  });
  const digestHandler = createDigestHandler(settings.digest, clients, observe('digest'));
  queue.onEnqueue((body) => {
    recipients.enqueued += recipientsIn(body);
    recipientsMoved?.();
  });
  const sendHandler = createSendHandler(settings.send, clients, observe('send'));
  queue.consume(async (event) => {
    const response = await sendHandler(event);
    const retried = new Set(response?.batchItemFailures.map((f) => f.itemIdentifier));
    for (const record of event.Records)
      if (!retried.has(record.messageId)) recipients.sent += recipientsIn(record.body);
    recipientsMoved?.();
    return response;
  });
  webServer?.on('request', webApp(createSubscribeHandler(settings.subscribe, clients, observe('subscribe'))));

  const digestNow = async (date?: string, only: DigestOptions = {}): Promise<EditionRun[]> => {
    const runs: EditionRun[] = [];
    for (const edition of config.editions.filter((e) => only.edition === undefined || e.id === only.edition)) {
      recipients.enqueued = recipients.sent = 0;
      const progress = only.progress;
      recipientsMoved = progress ? () => progress(edition.id, { ...recipients }) : undefined;
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
      recipientsMoved = undefined;
    }
    return runs;
  };

  // The leases broken above assume no other digest is enqueueing: digests run one after another.
  let digests: Promise<unknown> = Promise.resolve();
  const digest: LocalStack['digest'] = (date, only) => {
    const next = digests.then(() => digestNow(date, only));
    digests = next.catch(() => undefined);
    return next;
  };

  const crons: Cron[] = [];
  return {
    urls: {
      web: webUrl,
      inbox: ses.inboxUrl,
      sources: samples.url,
      archive: webUrl ? publicUrls(webUrl).archivePage(today(), config.editions[0]?.id ?? 'global') : undefined,
    },
    endpoints: { dynamodb: dynamo.endpoint, ses: ses.endpoint, sqs: sqsEndpoint },
    outboxDir: ses.outboxDir,
    async collect(options = {}) {
      collectProgress = options.progress;
      try {
        return await collectHandler({});
      } finally {
        collectProgress = undefined;
      }
    },
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
    startSchedules(log) {
      crons.push(
        new Cron(
          '*/10 * * * *',
          () => void sweepExpired(clients.db, LOCAL_TABLE, new Date()).catch((error) => log.failed('sweep', error)),
        ),
      );
      crons.push(
        new Cron(
          `*/${config.collectEveryMinutes} * * * *`,
          () =>
            void collectHandler({}).then(
              (summary) => log.collected(summary),
              (error) => log.failed('collect', error),
            ),
        ),
      );
      for (const edition of config.editions) {
        const [hour, minute] = edition.sendAt.split(':');
        crons.push(
          new Cron(
            `${Number(minute)} ${Number(hour)} * * *`,
            { timezone: edition.timezone },
            () =>
              void digest(undefined, { edition: edition.id }).then(
                (runs) => log.digested(runs),
                (error) => log.failed('digest', error),
              ),
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
  // The sample sources are served on 127.0.0.1, which the collector otherwise refuses; their
  // pictures are served there too, over http, which the email otherwise omits.
  const allowPrivateAddresses = options.sources !== 'configured' || config.fetch.allowPrivateAddresses;
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
      allowPrivateAddresses,
    },
    digest: {
      table,
      sendQueueUrl: local.sendQueueUrl,
      editions: config.editions,
      publicUrl: local.publicUrl,
      identity: identityOf(config),
      allowLoopbackImages: allowPrivateAddresses,
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
      identity: identityOf(config),
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

/** How many recipients a send-queue message carries (0 for a body that is not one). */
function recipientsIn(body: string): number {
  try {
    const parsed: unknown = JSON.parse(body);
    const list =
      typeof parsed === 'object' && parsed !== null ? (parsed as { recipients?: unknown }).recipients : undefined;
    return Array.isArray(list) ? list.length : 0;
  } catch {
    return 0;
  }
}
