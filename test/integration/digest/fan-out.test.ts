import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { fanOut, LEASE_MS, type FanOutDeps } from '../../../functions/digest/fan-out';
import { EnqueueProgressStore } from '../../../functions/digest/enqueue-progress';
import { activeShardOf, SubscriberStore } from '../../../functions/core/store/subscriber-store';
import { EditionStore } from '../../../functions/core/store/edition-store';
import { silentLogger } from '../../../functions/core/log';
import type { SendBatch } from '../../../functions/core/model';
import { putAll } from '../../../functions/core/store/batch-write';
import { dynamoStandIn, TEST_TABLE } from '../../helpers/stand-ins';
import { testFingerprint } from '../../helpers/link-key';

const at = '2026-11-26T06:00:00.000Z';
const COUNT = 600;
const emails = Array.from({ length: COUNT }, (_, i) => `reader${i}@example.com`);
const shardOf = (email: string) => Number(activeShardOf(email));

/** Every address active for the global edition, written as the store writes it (in its shard of the active index). */
function seedActive(db: DynamoDBDocumentClient): Promise<void> {
  const store = new SubscriberStore(db, TEST_TABLE, testFingerprint);
  return putAll(
    db,
    TEST_TABLE,
    emails.map((email) =>
      store.itemOf({ email, status: 'active', editions: ['global'], createdAt: at, updatedAt: at }),
    ),
  );
}

describe('fanOut on dynalite: enqueueing an edition twice enqueues nobody twice', () => {
  let db: DynamoDBDocumentClient;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ db, close } = await dynamoStandIn());
    await seedActive(db);
  });
  afterAll(() => close());

  /**
   * A fan-out's dependencies whose queue stands for queue and sender at once: what it takes reaches
   * the ledger at once (recorded sent), unless `lose` says the queue loses it (a crash's lost messages).
   */
  function deps(
    date: string,
    sink: SendBatch[],
    options: {
      failOnCall?: number;
      lose?: boolean;
      clock?: () => Date;
      sleep?: (ms: number) => Promise<void>;
      leaseWaitMs?: number;
    } = {},
  ): FanOutDeps {
    let calls = 0;
    const editions = new EditionStore(db, TEST_TABLE);
    return {
      subscribers: new SubscriberStore(db, TEST_TABLE, testFingerprint),
      editions,
      progress: new EnqueueProgressStore(db, TEST_TABLE),
      queue: {
        enqueue: async (batches) => {
          if (++calls === options.failOnCall) throw new Error('SQS is unavailable');
          const mine = batches.filter((b) => b.date === date);
          sink.push(...mine);
          if (options.lose) return;
          for (const email of mine.flatMap((b) => b.recipients))
            if (await editions.claim(date, 'global', testFingerprint(email), new Date(at)))
              await editions.record(
                date,
                'global',
                testFingerprint(email),
                { status: 'sent', messageId: 'm' },
                new Date(at),
              );
        },
      },
      clock: options.clock ?? (() => new Date(at)),
      log: silentLogger,
      sleep: options.sleep,
      leaseWaitMs: options.leaseWaitMs,
    };
  }
  const recipientsOf = (batches: SendBatch[]) => batches.flatMap((b) => b.recipients);

  it('enqueues every active subscriber once, and a rerun enqueues nobody', async () => {
    const sink: SendBatch[] = [];
    expect(await fanOut('2026-11-26', 'global', deps('2026-11-26', sink), 25)).toEqual({
      recipients: COUNT,
      enqueued: COUNT,
      reconciled: 0,
      busyShards: 0,
    });
    expect(await fanOut('2026-11-26', 'global', deps('2026-11-26', sink), 25)).toEqual({
      recipients: COUNT,
      enqueued: 0,
      reconciled: 0,
      busyShards: 0,
    });
    expect(recipientsOf(sink).sort()).toEqual([...emails].sort());
  });

  it('resumes after a run that failed mid-way, enqueueing only what was missing', async () => {
    const sink: SendBatch[] = [];
    await expect(fanOut('2026-11-27', 'global', deps('2026-11-27', sink, { failOnCall: 7 }), 25)).rejects.toThrow(
      'SQS is unavailable',
    );
    const before = recipientsOf(sink).length;
    expect(before).toBeGreaterThan(0);
    const rerun = await fanOut('2026-11-27', 'global', deps('2026-11-27', sink), 25);
    expect(rerun).toMatchObject({ recipients: COUNT, enqueued: COUNT - before });
    expect(new Set(recipientsOf(sink)).size).toBe(COUNT);
    expect(recipientsOf(sink)).toHaveLength(COUNT);
  });

  it('lets two runs at once share the work without overlap', async () => {
    const sink: SendBatch[] = [];
    const [a, b] = await Promise.all([
      fanOut('2026-11-28', 'global', deps('2026-11-28', sink), 10),
      fanOut('2026-11-28', 'global', deps('2026-11-28', sink), 10),
    ]);
    expect(a.enqueued + b.enqueued).toBe(COUNT);
    expect(recipientsOf(sink)).toHaveLength(COUNT);
    expect(new Set(recipientsOf(sink)).size).toBe(COUNT);
  });

  it('does not trust the cursor: a rerun enqueues again whoever an earlier run enqueued but the ledger never saw', async () => {
    const sink: SendBatch[] = [];
    // The first run's queue loses everything (a local queue killed with its messages, say).
    expect(await fanOut('2026-11-29', 'global', deps('2026-11-29', sink, { lose: true }), 25)).toMatchObject({
      enqueued: COUNT,
      reconciled: 0,
    });
    const rerun = await fanOut('2026-11-29', 'global', deps('2026-11-29', sink), 25);
    expect(rerun).toEqual({ recipients: COUNT, enqueued: COUNT, reconciled: COUNT, busyShards: 0 });
    const editions = new EditionStore(db, TEST_TABLE);
    expect(
      await editions.notInLedger(
        '2026-11-29',
        'global',
        emails.map((email) => ({ key: testFingerprint(email) })),
      ),
    ).toEqual([]);
    // And now that everyone is in the ledger, a third run enqueues nobody.
    expect(await fanOut('2026-11-29', 'global', deps('2026-11-29', sink), 25)).toMatchObject({ enqueued: 0 });
  });
});

describe('fanOut and a lease left behind by a run that died', () => {
  let db: DynamoDBDocumentClient;
  let close: () => Promise<void>;
  const date = '2026-11-30';
  const shard = shardOf;

  beforeEach(async () => {
    ({ db, close } = await dynamoStandIn());
    await seedActive(db);
    // A run leased shard 3's first page, then died before enqueueing it.
    const leased = await new EnqueueProgressStore(db, TEST_TABLE).lease(
      date,
      'global',
      3,
      undefined,
      'the-run-that-died',
      new Date(at),
      new Date(Date.parse(at) + LEASE_MS),
    );
    expect(leased).toBe(true);
  });
  afterEach(() => close());

  function deps(sink: SendBatch[], clock: { now: number }, leaseWaitMs: number): FanOutDeps {
    return {
      subscribers: new SubscriberStore(db, TEST_TABLE, testFingerprint),
      editions: new EditionStore(db, TEST_TABLE),
      progress: new EnqueueProgressStore(db, TEST_TABLE),
      queue: { enqueue: async (batches) => void sink.push(...batches) },
      clock: () => new Date(clock.now),
      log: silentLogger,
      sleep: async (ms) => {
        clock.now += ms;
      },
      leaseWaitMs,
    };
  }
  const inShard3 = emails.filter((e) => shard(e) === 3);

  it('reports the shard busy, never done, while the lease is live and the run stops waiting', async () => {
    const sink: SendBatch[] = [];
    const clock = { now: Date.parse(at) + 1000 };
    const result = await fanOut(date, 'global', deps(sink, clock, 30_000), 25);
    expect(result.busyShards).toBe(1);
    expect(result.recipients).toBe(COUNT - inShard3.length);
    const enqueued = sink.flatMap((b) => b.recipients);
    expect(enqueued.filter((e) => shard(e) === 3)).toEqual([]);
    // It waited, within its bound, before giving up.
    expect(clock.now).toBeGreaterThanOrEqual(Date.parse(at) + 1000 + 30_000);
  });

  it('takes the shard over once the lease expires, within its wait, and enqueues everyone once', async () => {
    const sink: SendBatch[] = [];
    const clock = { now: Date.parse(at) + 1000 };
    const result = await fanOut(date, 'global', deps(sink, clock, LEASE_MS + 10_000), 25);
    expect(result).toEqual({ recipients: COUNT, enqueued: COUNT, reconciled: 0, busyShards: 0 });
    const enqueued = sink.flatMap((b) => b.recipients);
    expect(enqueued).toHaveLength(COUNT);
    expect(new Set(enqueued).size).toBe(COUNT);
  });

  it('takes an expired lease over at once on a later run', async () => {
    const sink: SendBatch[] = [];
    const clock = { now: Date.parse(at) + LEASE_MS + 1 };
    expect(await fanOut(date, 'global', deps(sink, clock, 0), 25)).toMatchObject({ recipients: COUNT, busyShards: 0 });
    expect(clock.now).toBe(Date.parse(at) + LEASE_MS + 1);
  });
});
