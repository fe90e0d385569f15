import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESClient } from '@aws-sdk/client-ses';
import { SQSClient } from '@aws-sdk/client-sqs';
import { awsClients, documentClient } from '../functions/core/aws-clients';
import { silentLogger } from '../functions/core/log';
import { drawPersonalMarkers } from '../functions/mail/personalize';
import { sendBatchSize, SqsRecipientQueue, toSendBatches } from '../functions/core/send-queue';
import { putAll } from '../functions/core/store/batch-write';
import { EditionStore } from '../functions/core/store/edition-store';
import { SubscriberStore } from '../functions/core/store/subscriber-store';
import { TokenSigner } from '../functions/core/tokens';
import { perSenderRate, TokenBucket } from '../functions/send/token-bucket';
import { sendQueueConsumer } from '../functions/send/consume';
import { sendBatch, type SendDeps } from '../functions/send/send';
import { EditionCopies } from '../functions/send/edition-copies';
import os from 'node:os';
import type { SesStats } from '../infra/local/rate-limited-ses';
import { LocalQueue } from '../infra/local/sqs';
import { report } from './report';
import { type StandIns, startStandInsProcess } from './stand-ins';

const credentials = { accessKeyId: 'bench', secretAccessKey: 'bench' };
const TABLE = 'daybreak-bench';
const DATE = '2026-11-26';

/**
 * The real send path (SQS batches → the send handler's consumer → ledger on dynalite → SES) against
 * a local SES endpoint that throttles above R messages a second, with C concurrent senders each
 * pacing itself at R/C. Reports the achieved rate over R, duplicates, lost, throttles and CPU time.
 * DAYBREAK_BENCH_SEND_RATE (R, default 200), DAYBREAK_BENCH_SEND_RECIPIENTS (default 10,000) and
 * DAYBREAK_BENCH_SEND_CONCURRENCY (C, default 4) change the run. dynalite and the SES endpoint run
 * in a child process, as DynamoDB and SES are elsewhere in AWS; the CPU time is the senders' own.
 */
export async function benchSend(): Promise<void> {
  const rate = Number(process.env.DAYBREAK_BENCH_SEND_RATE ?? 200);
  const count = Number(process.env.DAYBREAK_BENCH_SEND_RECIPIENTS ?? 10_000);
  const concurrency = Number(process.env.DAYBREAK_BENCH_SEND_CONCURRENCY ?? 4);
  const standIns = await startStandInsProcess(TABLE, rate);
  const client = new DynamoDBClient({ endpoint: standIns.dynamo, region: 'us-east-1', credentials });
  const db = documentClient(client);
  // Batches sized as the CDK construct sizes them (a 2-minute timeout).
  const queue = new LocalQueue('bench-send', {
    batchSize: sendBatchSize(perSenderRate(rate, concurrency), 120),
    maxReceiveCount: 5,
  });
  const queueEndpoint = await queue.start();
  try {
    const emails = await seed(db, count);
    await new SqsRecipientQueue(
      new SQSClient({ endpoint: queueEndpoint, region: 'us-east-1', credentials }),
      queue.queueUrl,
    ).enqueue(toSendBatches(DATE, 'global', emails));

    const senderRate = perSenderRate(rate, concurrency);
    const cpu = process.cpuUsage();
    const started = performance.now();
    const load = os.loadavg()[0] ?? 0;
    for (let i = 0; i < concurrency; i++) {
      // Each consumer is one Lambda instance: its own clients (made as the send handler's are), its own bucket.
      const deps = senderDeps(standIns, senderRate, 'handler');
      queue.consume(sendQueueConsumer(async () => deps, silentLogger));
    }
    await queue.drained();
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);

    const stats = (await (await fetch(`${standIns.ses}/stats`)).json()) as SesStats;
    const achieved = stats.rate;
    const ledger = await new EditionStore(db, TABLE).report(DATE, 'global');
    const duplicates = stats.duplicates;
    const accounted = stats.recipients + ledger.failed + ledger.unknown;
    report('send', 'configured rate', rate, 'msg/s');
    report('send', 'achieved rate', achieved, 'msg/s');
    report('send', 'achieved / configured', achieved / rate, 'ratio');
    report('send', 'recipients', count, 'count');
    report('send', 'sent', stats.recipients, 'count');
    report('send', 'duplicates', duplicates, 'count');
    report('send', 'lost', count - accounted, 'count');
    report('send', 'throttled by SES', stats.throttled, 'count');
    report('send', 'dead letters', queue.deadLetters.length, 'count');
    report('send', 'wall time', seconds, 's');
    // The senders' process: the handler, the SDK clients, MIME composition, and the local queue.
    report('send', 'CPU per recipient (senders)', (used.user + used.system) / 1000 / count, 'ms');
    // The machine may be shared: CPU time grows with contention, so a comparison states the load it ran under.
    report('send', 'load average (1 min) at start', load, 'load');
    report('send', 'load average (1 min) at end', os.loadavg()[0] ?? 0, 'load');
  } finally {
    await queue.close();
    standIns.close();
  }
}

/**
 * The sender's dependencies as the send handler makes them (`handler`: the wire clients for the
 * per-recipient calls, `AwsClients.ledgerDb` and `bulkSes`, and each edition read and composed once
 * per sender), or as it made them before (`sdk`: the SDK's plain DynamoDB and SES clients, middleware
 * cached, SES kept alive, and the edition read and composed for every batch).
 */
type SenderVariant = 'handler' | 'sdk';

function senderDeps(standIns: StandIns, senderRate: number, variant: SenderVariant): SendDeps {
  const clients = awsClients({
    region: 'us-east-1',
    credentials,
    endpoints: { dynamodb: standIns.dynamo, ses: standIns.ses },
  });
  const sdk = { region: 'us-east-1', credentials, cacheMiddleware: true };
  return {
    editions: new EditionStore(
      clients.db,
      TABLE,
      variant === 'handler' ? clients.ledgerDb : new DynamoDBClient({ ...sdk, endpoint: standIns.dynamo }),
    ),
    subscribers: new SubscriberStore(clients.db, TABLE),
    ses:
      variant === 'handler'
        ? clients.bulkSes
        : new SESClient({
            ...sdk,
            endpoint: standIns.ses,
            maxAttempts: 1,
            requestHandler: { httpAgent: { keepAlive: true }, httpsAgent: { keepAlive: true } },
          }),
    ...(variant === 'handler' ? { copies: new EditionCopies() } : {}),
    tokens: new TokenSigner('b'.repeat(40)),
    clock: () => new Date(),
    log: silentLogger,
    limiter: new TokenBucket({ rate: senderRate, capacity: Math.max(1, senderRate / 10) }),
    settings: {
      from: 'Daybreak <digest@news.example.com>',
      publicUrl: 'https://news.example.com',
      parallel: Math.max(1, Math.ceil(senderRate / 10)),
    },
  };
}

/**
 * `npm run bench -- send-ledger`: the sender's CPU per recipient as the send handler makes it now
 * and as it made it before (see `SenderVariant`), in alternating rounds of one run (one sender,
 * paced at the configured rate), so a loaded machine weighs on both alike.
 */
export async function benchSendLedger(): Promise<void> {
  const rate = Number(process.env.DAYBREAK_BENCH_SEND_RATE ?? 200);
  const perRound = Number(process.env.DAYBREAK_BENCH_SEND_RECIPIENTS ?? 1_000);
  const rounds = 6;
  const standIns = await startStandInsProcess(TABLE, rate);
  const db = documentClient(new DynamoDBClient({ endpoint: standIns.dynamo, region: 'us-east-1', credentials }));
  try {
    const emails = await seed(db, perRound);
    const cpu: Record<SenderVariant, number> = { handler: 0, sdk: 0 };
    const load = os.loadavg()[0] ?? 0;
    const variants: SenderVariant[] = ['sdk', 'handler'];
    // A warm-up round each, then the measured ones; each round mails the same readers a new day's edition.
    for (let round = 0; round < rounds + 2; round++) {
      const variant = variants[round % 2] as SenderVariant;
      const date = `2026-12-${String(round + 1).padStart(2, '0')}`;
      await saveEdition(db, date);
      const deps = senderDeps(standIns, rate, variant);
      const before = process.cpuUsage();
      for (const batch of toSendBatches(date, 'global', emails)) await sendBatch(batch, deps);
      const used = process.cpuUsage(before);
      if (round >= 2) cpu[variant] += (used.user + used.system) / 1000 / perRound / (rounds / 2);
    }
    report('send-ledger', 'CPU per recipient, before (SDK clients, edition composed per batch)', cpu.sdk, 'ms');
    report('send-ledger', 'CPU per recipient, as the send handler (wire clients, edition kept)', cpu.handler, 'ms');
    report('send-ledger', 'handler / before', cpu.handler / cpu.sdk, 'ratio');
    report('send-ledger', 'load average (1 min) at start', load, 'load');
    report('send-ledger', 'load average (1 min) at end', os.loadavg()[0] ?? 0, 'load');
  } finally {
    standIns.close();
  }
}

async function seed(db: ReturnType<typeof documentClient>, count: number): Promise<string[]> {
  const at = new Date().toISOString();
  const emails = Array.from({ length: count }, (_, i) => `reader${i}@example.com`);
  await putAll(
    db,
    TABLE,
    emails.map((email) => ({
      pk: `SUBSCRIBER#${email}`,
      sk: 'PROFILE',
      type: 'subscriber',
      email,
      status: 'active',
      editions: ['global'],
      createdAt: at,
      updatedAt: at,
    })),
  );
  await saveEdition(db, DATE);
  return emails;
}

async function saveEdition(db: ReturnType<typeof documentClient>, date: string): Promise<void> {
  const at = new Date().toISOString();
  const story = `<tr><td><h3>A story headline of ordinary length for a morning digest</h3><p>${'A teaser of two lines. '.repeat(6)}</p></td></tr>`;
  const markers = drawPersonalMarkers();
  await new EditionStore(db, TABLE).saveRendered({
    date,
    edition: 'global',
    subject: 'Daybreak: the morning digest',
    html: `<html><body><table>${story.repeat(25)}</table><a href="${markers.unsubscribeUrl}">Unsubscribe</a> <a href="${markers.preferencesUrl}">Preferences</a></body></html>`,
    text: `${'A story headline\nA teaser of two lines.\n\n'.repeat(25)}Unsubscribe: ${markers.unsubscribeUrl}`,
    stories: 25,
    trending: 0,
    storyUrls: [],
    renderedAt: at,
    personalMarkers: markers,
  });
}
