import { putIfAbsent } from './conditional';
import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getAll } from './batch-get';
import { conditionalUpdate } from './conditional';
import { queryPages } from './query-all';
import { SubscriberSchema, type Subscriber } from '../model';
import { ACTIVE_SUBSCRIBER_SHARDS, subscriberPk, tableDefinition } from '../table';
import { hashEmail } from '../hash';

const KEY = (email: string) => ({ pk: subscriberPk(email), sk: 'PROFILE' });
const ACTIVE_INDEX = tableDefinition.indexes[0].name;

/** An active subscriber as the fan-out reads it: with its `key`, the name its ledger item and the cursor use. */
export type ActiveSubscriber = Subscriber & { key: string };

/** Subscribers, keyed by address; active ones also sit in a sparse, sharded index for fan-out. */
export class SubscriberStore {
  /**
   * @param fingerprint the keyed name of an address (`TokenSigner.fingerprint`), which sorts the
   *   active index: needed only to write a subscriber (the stages holding the link key do); one that
   *   only reads the index or updates a status (digest, feedback) goes without.
   */
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly fingerprint?: (email: string) => string,
  ) {}

  async get(email: string): Promise<Subscriber | undefined> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: KEY(email), ConsistentRead: true }),
    );
    return result.Item ? SubscriberSchema.parse(result.Item) : undefined;
  }

  /** Several subscribers in one BatchGetItem (strongly consistent: their status decides a send), by address. */
  /** The subscribers of `emails` that exist, found by address in any case. */
  async getMany(emails: string[]): Promise<{ get(email: string): Subscriber | undefined }> {
    const items = await getAll(
      this.db,
      this.tableName,
      [...new Set(emails.map((e) => e.trim().toLowerCase()))].map(KEY),
      { consistent: true },
    );
    const found = new Map<string, Subscriber>();
    for (const item of items) {
      const parsed = SubscriberSchema.safeParse(item);
      if (parsed.success) found.set(parsed.data.email.toLowerCase(), parsed.data);
    }
    return { get: (email) => found.get(email.trim().toLowerCase()) };
  }

  /**
   * Suppresses an address at once: status, reason and time, and out of the active index. Returns
   * false when there is no such subscriber (nothing to suppress).
   */
  async suppress(email: string, reason: string, now: Date): Promise<boolean> {
    const update = await conditionalUpdate(this.db, {
      TableName: this.tableName,
      Key: KEY(email),
      UpdateExpression:
        'SET #status = :suppressed, suppressedReason = :reason, suppressedAt = :now, updatedAt = :now REMOVE activeShard',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':suppressed': 'suppressed', ':reason': reason, ':now': now.toISOString() },
    });
    return update.written;
  }

  /** Counts one transient bounce; returns the new count, or undefined when there is no such subscriber. */
  async countTransientBounce(email: string, now: Date): Promise<number | undefined> {
    const update = await conditionalUpdate(this.db, {
      TableName: this.tableName,
      Key: KEY(email),
      UpdateExpression: 'ADD transientBounces :one SET updatedAt = :now',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':one': 1, ':now': now.toISOString() },
      ReturnValues: 'UPDATED_NEW',
    });
    return update.written ? Number(update.output.Attributes?.transientBounces ?? 0) : undefined;
  }

  /**
   * One page of a shard of the active index, after the key `after` (the index sorts by each
   * subscriber's keyed fingerprint), so a run can resume where an earlier one stopped. `last` is the
   * last key read, whatever its editions: a cursor that holds no address.
   */
  async activePage(
    edition: string,
    shard: number,
    after: string | undefined,
    pageSize: number,
  ): Promise<{ subscribers: ActiveSubscriber[]; last?: string; more: boolean }> {
    const page = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: ACTIVE_INDEX,
        KeyConditionExpression:
          after === undefined ? 'activeShard = :shard' : 'activeShard = :shard AND activeKey > :after',
        ExpressionAttributeValues: { ':shard': String(shard), ...(after === undefined ? {} : { ':after': after }) },
        Limit: pageSize,
      }),
    );
    const items = page.Items ?? [];
    const subscribers = items.flatMap((item) => {
      const parsed = SubscriberSchema.safeParse(item);
      return parsed.success && parsed.data.status === 'active' && parsed.data.editions.includes(edition)
        ? [{ ...parsed.data, key: String(item.activeKey) }]
        : [];
    });
    const last = items.length > 0 ? String(items[items.length - 1]?.activeKey) : undefined;
    return { subscribers, last, more: page.LastEvaluatedKey !== undefined };
  }

  async put(subscriber: Subscriber): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.tableName, Item: this.itemOf(subscriber) }));
  }

  /**
   * Writes a subscriber only where the address has no profile yet (a conditional put): of two
   * writers racing for one address, one wins. Returns false when a profile was already there.
   */
  async create(subscriber: Subscriber): Promise<boolean> {
    return putIfAbsent(this.db, this.tableName, this.itemOf(subscriber));
  }

  /** Active subscribers of `edition`, one page at a time across the shards: the list never sits in memory whole. */
  async *activePages(edition: string, pageSize = 500): AsyncGenerator<Subscriber[]> {
    for (let shard = 0; shard < ACTIVE_SUBSCRIBER_SHARDS; shard++) {
      const pages = queryPages(this.db, {
        TableName: this.tableName,
        IndexName: ACTIVE_INDEX,
        KeyConditionExpression: 'activeShard = :shard',
        ExpressionAttributeValues: { ':shard': String(shard) },
        Limit: pageSize,
      });
      for await (const page of pages) {
        const subscribers = page
          .map((item) => SubscriberSchema.safeParse(item))
          .flatMap((parsed) => (parsed.success && parsed.data.editions.includes(edition) ? [parsed.data] : []));
        if (subscribers.length > 0) yield subscribers;
      }
    }
  }

  /** The stored item: active subscribers also carry their shard and key of the sparse active index. */
  itemOf(subscriber: Subscriber): Record<string, unknown> {
    if (subscriber.status !== 'active') return { ...KEY(subscriber.email), type: 'subscriber', ...subscriber };
    if (!this.fingerprint)
      throw new Error('this subscriber store has no link key: it cannot write an active subscriber');
    const index = { activeShard: activeShardOf(subscriber.email), activeKey: this.fingerprint(subscriber.email) };
    return { ...KEY(subscriber.email), type: 'subscriber', ...subscriber, ...index };
  }
}

/** The shard of the active index an address lands in. */
export function activeShardOf(email: string): string {
  return String(parseInt(hashEmail(email).slice(0, 8), 16) % ACTIVE_SUBSCRIBER_SHARDS);
}
