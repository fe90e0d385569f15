import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESClient } from '@aws-sdk/client-ses';
import { SQSClient } from '@aws-sdk/client-sqs';
import { documentClient } from '../functions/core/aws-clients';
import { silentLogger } from '../functions/core/log';
import { PLACEHOLDERS } from '../functions/core/personalize';
import { sendBatchSize, SqsRecipientQueue, toSendBatches } from '../functions/core/send-queue';
import { putAll } from '../functions/core/store/batch-write';
import { EditionStore } from '../functions/core/store/edition-store';
import { SubscriberStore } from '../functions/core/store/subscriber-store';
import { TokenSigner } from '../functions/core/tokens';
import { perSenderRate, TokenBucket } from '../functions/core/token-bucket';
import { sendQueueConsumer } from '../functions/send/consume';
import { ensureTable, startDynamoDb } from '../infra/local/dynamodb';
import { startRateLimitedSes } from '../infra/local/rate-limited-ses';
import { LocalQueue } from '../infra/local/sqs';
import { report } from './report';

const credentials = { accessKeyId: 'bench', secretAccessKey: 'bench' };
const TABLE = 'daybreak-bench';
const DATE = '2026-11-26';

/**
 * The real send path (SQS batches → the send handler's consumer → ledger on dynalite → SES) against
 * a local SES endpoint that throttles above R messages a second, with C concurrent senders each
 * pacing itself at R/C. Reports the achieved rate over R, duplicates, lost, throttles and CPU time.
 * DAYBREAK_BENCH_SEND_RATE (R, default 200), DAYBREAK_BENCH_SEND_RECIPIENTS (default 2000) and
 * DAYBREAK_BENCH_SEND_CONCURRENCY (C, default 4) change the run.
 */
export async function benchSend(): Promise<void> {
  const rate = Number(process.env.DAYBREAK_BENCH_SEND_RATE ?? 200);
  const count = Number(process.env.DAYBREAK_BENCH_SEND_RECIPIENTS ?? 2000);
  const concurrency = Number(process.env.DAYBREAK_BENCH_SEND_CONCURRENCY ?? 4);
  const dynamo = await startDynamoDb();
  const client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'us-east-1', credentials });
  await ensureTable(client, TABLE);
  const db = documentClient(client);
  const ses = await startRateLimitedSes(rate);
  // Batches sized as the CDK construct sizes them (a 2-minute timeout).
  const queue = new LocalQueue('bench-send', { batchSize: sendBatchSize(perSenderRate(rate, concurrency), 120), maxReceiveCount: 5 });
  const queueEndpoint = await queue.start();
  try {
    const emails = await seed(db, count);
    await new SqsRecipientQueue(new SQSClient({ endpoint: queueEndpoint, region: 'us-east-1', credentials }), queue.queueUrl).enqueue(toSendBatches(DATE, 'global', emails));

    const senderRate = perSenderRate(rate, concurrency);
    const cpu = process.cpuUsage();
    const started = performance.now();
    for (let i = 0; i < concurrency; i++) {
      // Each consumer is one Lambda instance: its own clients, its own bucket.
      const deps = {
        editions: new EditionStore(db, TABLE),
        subscribers: new SubscriberStore(db, TABLE),
        ses: new SESClient({ endpoint: ses.endpoint, region: 'us-east-1', credentials, maxAttempts: 1 }),
        tokens: new TokenSigner('b'.repeat(40)),
        clock: () => new Date(),
        log: silentLogger,
        limiter: new TokenBucket({ rate: senderRate, capacity: Math.max(1, senderRate / 10) }),
        settings: { from: 'Daybreak <digest@news.example.com>', publicUrl: 'https://news.example.com', unsubscribeMailto: 'unsubscribe@news.example.com', parallel: Math.max(1, Math.ceil(senderRate / 10)) },
      };
      queue.consume(sendQueueConsumer(async () => deps, silentLogger));
    }
    await queue.drained();
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);

    const times = ses.acceptedAt;
    const achieved = times.length > 1 ? (times.length - 1) / (((times[times.length - 1] ?? 0) - (times[0] ?? 0)) / 1000) : 0;
    const ledger = await new EditionStore(db, TABLE).report(DATE, 'global');
    const duplicates = [...ses.accepted.values()].reduce((n, c) => n + Math.max(0, c - 1), 0);
    const accounted = ses.accepted.size + ledger.failed + ledger.unknown;
    report('send', 'configured rate', rate, 'msg/s');
    report('send', 'achieved rate', achieved, 'msg/s');
    report('send', 'achieved / configured', achieved / rate, 'ratio');
    report('send', 'recipients', count, 'count');
    report('send', 'sent', ses.accepted.size, 'count');
    report('send', 'duplicates', duplicates, 'count');
    report('send', 'lost', count - accounted, 'count');
    report('send', 'throttled by SES', ses.throttled, 'count');
    report('send', 'dead letters', queue.deadLetters.length, 'count');
    report('send', 'wall time', seconds, 's');
    // Everything runs in this process (dynalite, the SES endpoint, the queue): an upper bound.
    report('send', 'CPU per recipient (incl. the in-process stand-ins)', (used.user + used.system) / 1000 / count, 'ms');
  } finally {
    await queue.close();
    await ses.close();
    await dynamo.close();
  }
}

async function seed(db: ReturnType<typeof documentClient>, count: number): Promise<string[]> {
  const at = new Date().toISOString();
  const emails = Array.from({ length: count }, (_, i) => `reader${i}@example.com`);
  await putAll(db, TABLE, emails.map((email) => ({ pk: `SUBSCRIBER#${email}`, sk: 'PROFILE', type: 'subscriber', email, status: 'active', editions: ['global'], createdAt: at, updatedAt: at })));
  const story = `<tr><td><h3>A story headline of ordinary length for a morning digest</h3><p>${'A teaser of two lines. '.repeat(6)}</p></td></tr>`;
  await new EditionStore(db, TABLE).saveRendered({
    date: DATE,
    edition: 'global',
    subject: 'Daybreak: the morning digest',
    html: `<html><body><table>${story.repeat(25)}</table><a href="${PLACEHOLDERS.unsubscribeUrl}">Unsubscribe</a> <a href="${PLACEHOLDERS.preferencesUrl}">Preferences</a></body></html>`,
    text: `${'A story headline\nA teaser of two lines.\n\n'.repeat(25)}Unsubscribe: ${PLACEHOLDERS.unsubscribeUrl}`,
    stories: 25,
    trending: 0,
    storyUrls: [],
    renderedAt: at,
  });
  return emails;
}
