import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { scanAll } from '../../functions/core/store/query-all';
import { conditionalDelete } from '../../functions/core/store/conditional';
import { tableDefinition } from '../../functions/core/table';

/**
 * What DynamoDB's TTL does in AWS, for dynalite, which has none: deletes every item whose
 * `expiresAt` (epoch seconds) has passed, so what the README promises expires does so locally too.
 * A conditional delete: an item rewritten with a later expiry meanwhile stays. Returns how many went.
 */
export async function sweepExpired(db: DynamoDBDocumentClient, tableName: string, now: Date): Promise<number> {
  const ttl = tableDefinition.timeToLiveAttribute;
  const nowSeconds = Math.floor(now.getTime() / 1000);
  let swept = 0;
  const expired = scanAll(db, {
    TableName: tableName,
    FilterExpression: '#ttl < :now',
    ExpressionAttributeNames: { '#ttl': ttl },
    ExpressionAttributeValues: { ':now': nowSeconds },
    ProjectionExpression: 'pk, sk',
  });
  for await (const item of expired) {
    const key = { [tableDefinition.partitionKey]: item.pk, [tableDefinition.sortKey]: item.sk };
    const deleted = await conditionalDelete(db, {
      TableName: tableName,
      Key: key,
      ConditionExpression: '#ttl < :now',
      ExpressionAttributeNames: { '#ttl': ttl },
      ExpressionAttributeValues: { ':now': nowSeconds },
    });
    if (deleted.written) swept++;
  }
  return swept;
}
