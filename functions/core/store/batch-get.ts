import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

const GET_LIMIT = 100;
const MAX_ATTEMPTS = 8;

/** Reads items by key in batches of 100, retrying what DynamoDB leaves unprocessed, with backoff. */
export async function getAll(
  db: DynamoDBDocumentClient,
  tableName: string,
  keys: Record<string, string>[],
  options: {
    projection?: string;
    names?: Record<string, string>;
    consistent?: boolean;
    sleep?: (ms: number) => Promise<void>;
  } = {},
): Promise<Record<string, unknown>[]> {
  const {
    projection,
    names,
    consistent,
    sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms)),
  } = options;
  const found: Record<string, unknown>[] = [];
  for (let i = 0; i < keys.length; i += GET_LIMIT) {
    let pending: Record<string, unknown>[] = keys.slice(i, i + GET_LIMIT);
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > MAX_ATTEMPTS)
        throw new Error(`DynamoDB left ${pending.length} keys unread after ${MAX_ATTEMPTS} attempts`);
      const result = await db.send(
        new BatchGetCommand({
          RequestItems: {
            [tableName]: {
              Keys: pending,
              ...(projection ? { ProjectionExpression: projection } : {}),
              ...(names ? { ExpressionAttributeNames: names } : {}),
              ...(consistent ? { ConsistentRead: true } : {}),
            },
          },
        }),
      );
      found.push(...(result.Responses?.[tableName] ?? []));
      pending = result.UnprocessedKeys?.[tableName]?.Keys ?? [];
      if (pending.length > 0) await sleep(Math.min(2000, 25 * 2 ** attempt) * Math.random());
    }
  }
  return found;
}
