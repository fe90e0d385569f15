import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SubscriberSchema, type Subscriber } from '../model';
import { ACTIVE_SUBSCRIBER_SHARDS, tableDefinition } from '../table';
import { hashEmail } from '../hash';

const KEY = (email: string) => ({ pk: `SUBSCRIBER#${email}`, sk: 'PROFILE' });
const ACTIVE_INDEX = tableDefinition.indexes[0].name;

/** Subscribers, keyed by address; active ones also sit in a sparse, sharded index for fan-out. */
export class SubscriberStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(email: string): Promise<Subscriber | undefined> {
    const result = await this.db.send(new GetCommand({ TableName: this.tableName, Key: KEY(email), ConsistentRead: true }));
    return result.Item ? SubscriberSchema.parse(result.Item) : undefined;
  }

  async put(subscriber: Subscriber): Promise<void> {
    const activeShard = subscriber.status === 'active' ? activeShardOf(subscriber.email) : undefined;
    await this.db.send(new PutCommand({ TableName: this.tableName, Item: { ...KEY(subscriber.email), type: 'subscriber', ...subscriber, activeShard } }));
  }

  /** Active subscribers of `edition`, one page at a time across the shards: the list never sits in memory whole. */
  async *activePages(edition: string, pageSize = 500): AsyncGenerator<Subscriber[]> {
    for (let shard = 0; shard < ACTIVE_SUBSCRIBER_SHARDS; shard++) {
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await this.db.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: ACTIVE_INDEX,
            KeyConditionExpression: 'activeShard = :shard',
            ExpressionAttributeValues: { ':shard': String(shard) },
            Limit: pageSize,
            ExclusiveStartKey,
          }),
        );
        const subscribers = (page.Items ?? [])
          .map((item) => SubscriberSchema.safeParse(item))
          .flatMap((parsed) => (parsed.success && parsed.data.editions.includes(edition) ? [parsed.data] : []));
        if (subscribers.length > 0) yield subscribers;
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
    }
  }
}

function activeShardOf(email: string): string {
  return String(parseInt(hashEmail(email).slice(0, 8), 16) % ACTIVE_SUBSCRIBER_SHARDS);
}
