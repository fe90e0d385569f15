import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { fanOut, type FanOutDeps } from '../../../functions/digest/fan-out';
import { EnqueueProgressStore } from '../../../functions/digest/enqueue-progress';
import { SubscriberStore } from '../../../functions/core/store/subscriber-store';
import { silentLogger } from '../../../functions/core/log';
import type { SendBatch } from '../../../functions/core/model';
import { putAll } from '../../../functions/core/store/batch-write';
import { ACTIVE_SUBSCRIBER_SHARDS } from '../../../functions/core/table';
import { dynamoStandIn, TEST_TABLE } from '../../helpers/stand-ins';
import { hashEmail } from '../../../functions/core/hash';

const at = '2026-11-26T06:00:00.000Z';
const COUNT = 600;
const emails = Array.from({ length: COUNT }, (_, i) => `reader${i}@example.com`);

describe('fanOut on dynalite: enqueueing an edition twice enqueues nobody twice', () => {
  let db: DynamoDBDocumentClient;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ db, close } = await dynamoStandIn());
    const shard = (email: string) => String(parseInt(hashEmail(email).slice(0, 8), 16) % ACTIVE_SUBSCRIBER_SHARDS);
    await putAll(
      db,
      TEST_TABLE,
      emails.map((email) => ({
        pk: `SUBSCRIBER#${email}`,
        sk: 'PROFILE',
        type: 'subscriber',
        email,
        status: 'active',
        editions: ['global'],
        createdAt: at,
        updatedAt: at,
        activeShard: shard(email),
      })),
    );
  });
  afterAll(() => close());

  function deps(date: string, sink: SendBatch[], failOnCall?: number): FanOutDeps {
    let calls = 0;
    return {
      subscribers: new SubscriberStore(db, TEST_TABLE),
      progress: new EnqueueProgressStore(db, TEST_TABLE),
      queue: {
        enqueue: async (batches) => {
          if (++calls === failOnCall) throw new Error('SQS is unavailable');
          sink.push(...batches.filter((b) => b.date === date));
        },
      },
      clock: () => new Date(at),
      log: silentLogger,
    };
  }
  const recipientsOf = (batches: SendBatch[]) => batches.flatMap((b) => b.recipients);

  it('enqueues every active subscriber once, and a rerun enqueues nobody', async () => {
    const sink: SendBatch[] = [];
    expect(await fanOut('2026-11-26', 'global', deps('2026-11-26', sink), 25)).toEqual({
      recipients: COUNT,
      enqueued: COUNT,
      busyShards: 0,
    });
    expect(await fanOut('2026-11-26', 'global', deps('2026-11-26', sink), 25)).toEqual({
      recipients: COUNT,
      enqueued: 0,
      busyShards: 0,
    });
    expect(recipientsOf(sink).sort()).toEqual([...emails].sort());
  });

  it('resumes after a run that failed mid-way, enqueueing only what was missing', async () => {
    const sink: SendBatch[] = [];
    await expect(fanOut('2026-11-27', 'global', deps('2026-11-27', sink, 7), 25)).rejects.toThrow('SQS is unavailable');
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
});
