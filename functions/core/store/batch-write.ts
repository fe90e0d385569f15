import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

const BATCH_LIMIT = 25;
const MAX_ATTEMPTS = 8;

/**
 * Writes items in batches of 25 and retries what DynamoDB leaves unprocessed, with backoff.
 * Throws, naming how many items were left, rather than silently losing any.
 */
export async function putAll(
  db: DynamoDBDocumentClient,
  tableName: string,
  items: Record<string, unknown>[],
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<void> {
  for (let i = 0; i < items.length; i += BATCH_LIMIT) {
    let requests = items.slice(i, i + BATCH_LIMIT).map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 1; requests.length > 0; attempt++) {
      if (attempt > MAX_ATTEMPTS)
        throw new Error(`DynamoDB left ${requests.length} items unprocessed after ${MAX_ATTEMPTS} attempts`);
      const result = await db.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
      requests = (result.UnprocessedItems?.[tableName] ?? []) as typeof requests;
      if (requests.length > 0) await sleep(Math.min(2000, 25 * 2 ** attempt) * Math.random());
    }
  }
}
