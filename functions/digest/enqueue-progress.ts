import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { conditionalDelete, conditionalUpdate } from '../core/store/conditional';
import { EDITION_PK } from '../core/store/edition-store';

/**
 * How far the fan-out of an edition has got, one item per shard of the active index:
 * `after` is the index key (a keyed fingerprint, never an address: the index sorts by it) of the last
 * subscriber whose batch is on the queue, `count`
 * how many recipients were enqueued in all. A page in flight is leased first (`flight*`), so two
 * runs at once never enqueue the same page, and a run that died mid-page leaves a lease that
 * expires: only that page is enqueued again (the send ledger then mails nobody twice).
 */
export interface ShardProgress {
  after?: string;
  count: number;
  /** Another run holds this shard until then. */
  leasedUntil?: Date;
  leaseOwner?: string;
}

const SK = (shard: number) => `ENQUEUE#${String(shard).padStart(3, '0')}`;

export class EnqueueProgressStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(date: string, edition: string, shard: number): Promise<ShardProgress> {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: EDITION_PK(date, edition), sk: SK(shard) },
        ConsistentRead: true,
      }),
    );
    return {
      after: typeof Item?.after === 'string' ? Item.after : undefined,
      count: Number(Item?.count ?? 0),
      leasedUntil: typeof Item?.leasedUntil === 'string' ? new Date(Item.leasedUntil) : undefined,
      leaseOwner: typeof Item?.leaseOwner === 'string' ? Item.leaseOwner : undefined,
    };
  }

  /** Recipients enqueued for the edition so far, over all its shards. */
  async total(date: string, edition: string, shards: number): Promise<number> {
    let count = 0;
    for (let shard = 0; shard < shards; shard++) count += (await this.get(date, edition, shard)).count;
    return count;
  }

  /** Leases the page after `after`, if the shard is still where the caller read it and no live lease holds it. */
  async lease(
    date: string,
    edition: string,
    shard: number,
    after: string | undefined,
    owner: string,
    now: Date,
    until: Date,
  ): Promise<boolean> {
    const update = await conditionalUpdate(this.db, {
      TableName: this.tableName,
      Key: { pk: EDITION_PK(date, edition), sk: SK(shard) },
      UpdateExpression: 'SET leaseOwner = :owner, leasedUntil = :until',
      ConditionExpression: `${after === undefined ? 'attribute_not_exists(#after)' : '#after = :after'} AND (attribute_not_exists(leasedUntil) OR leasedUntil < :now OR leaseOwner = :owner)`,
      ExpressionAttributeNames: { '#after': 'after' },
      ExpressionAttributeValues: {
        ':owner': owner,
        ':until': until.toISOString(),
        ':now': now.toISOString(),
        ...(after === undefined ? {} : { ':after': after }),
      },
    });
    return update.written;
  }

  /** Gives a lease back without moving (the page could not be enqueued): the next run takes it at once. */
  unlease(date: string, edition: string, shard: number, owner: string): Promise<void> {
    return this.dropLease(date, edition, shard, 'leaseOwner = :owner', { ':owner': owner });
  }

  /** Removes the shard's lease if `condition` holds; a shard it does not hold is left as it is. */
  private async dropLease(
    date: string,
    edition: string,
    shard: number,
    condition: string,
    values?: Record<string, string>,
  ): Promise<void> {
    await conditionalUpdate(this.db, {
      TableName: this.tableName,
      Key: { pk: EDITION_PK(date, edition), sk: SK(shard) },
      UpdateExpression: 'REMOVE leaseOwner, leasedUntil',
      ConditionExpression: condition,
      ExpressionAttributeValues: values,
    });
  }

  /** Moves the shard past the page just enqueued and gives the lease back. */
  async advance(
    date: string,
    edition: string,
    shard: number,
    upTo: string,
    enqueued: number,
    owner: string,
  ): Promise<number> {
    const result = await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: EDITION_PK(date, edition), sk: SK(shard) },
        UpdateExpression: 'SET #after = :upTo ADD #count :n REMOVE leaseOwner, leasedUntil',
        ConditionExpression: 'leaseOwner = :owner',
        ExpressionAttributeNames: { '#after': 'after', '#count': 'count' },
        ExpressionAttributeValues: { ':upTo': upTo, ':n': enqueued, ':owner': owner },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return Number(result.Attributes?.count ?? 0);
  }

  /**
   * Drops every shard's lease, live or not, keeping the progress: only for a caller that knows no
   * other run can hold one (the local stack, whose data folder only one process can open).
   */
  async breakLeases(date: string, edition: string, shards: number): Promise<void> {
    for (let shard = 0; shard < shards; shard++)
      await this.dropLease(date, edition, shard, 'attribute_exists(leasedUntil)');
  }

  /**
   * Starts the edition's fan-out over (for a resumed edition): every shard's progress is deleted,
   * unless another run holds a live lease on it. The send ledger then keeps anyone from being
   * mailed twice. Throws, naming the shard, when a fan-out is running.
   */
  async reset(date: string, edition: string, shards: number, now: Date): Promise<void> {
    for (let shard = 0; shard < shards; shard++) {
      const deleted = await conditionalDelete(this.db, {
        TableName: this.tableName,
        Key: { pk: EDITION_PK(date, edition), sk: SK(shard) },
        ConditionExpression: 'attribute_not_exists(leasedUntil) OR leasedUntil < :now',
        ExpressionAttributeValues: { ':now': now.toISOString() },
      });
      if (!deleted.written)
        throw new Error(
          `the edition ${date}/${edition} is being enqueued right now (shard ${shard}); try again when that run ends`,
        );
    }
  }
}
