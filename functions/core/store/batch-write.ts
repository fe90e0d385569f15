import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { realSleep, retryUnprocessed, type Sleep } from './retry-unprocessed';

const BATCH_LIMIT = 25;

/**
 * Writes items in batches of 25 and retries what DynamoDB leaves unprocessed, with backoff.
 * Throws, naming how many items were left, rather than silently losing any.
 */
export async function putAll(
  db: DynamoDBDocumentClient,
  tableName: string,
  items: Record<string, unknown>[],
  sleep: Sleep = realSleep,
): Promise<void> {
  for (let i = 0; i < items.length; i += BATCH_LIMIT) {
    const requests = items.slice(i, i + BATCH_LIMIT).map((Item) => ({ PutRequest: { Item } }));
    await retryUnprocessed(
      requests,
      async (pending) => {
        const result = await db.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
        return (result.UnprocessedItems?.[tableName] ?? []) as typeof requests;
      },
      (n) => `${n} items unprocessed`,
      sleep,
    );
  }
}
