import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { realSleep, retryUnprocessed, type Sleep } from './retry-unprocessed';

const GET_LIMIT = 100;

/** Reads items by key in batches of 100, retrying what DynamoDB leaves unprocessed, with backoff. */
export async function getAll(
  db: DynamoDBDocumentClient,
  tableName: string,
  keys: Record<string, string>[],
  options: {
    projection?: string;
    names?: Record<string, string>;
    consistent?: boolean;
    sleep?: Sleep;
  } = {},
): Promise<Record<string, unknown>[]> {
  const { projection, names, consistent, sleep = realSleep } = options;
  const found: Record<string, unknown>[] = [];
  for (let i = 0; i < keys.length; i += GET_LIMIT) {
    const batch: Record<string, unknown>[] = keys.slice(i, i + GET_LIMIT);
    await retryUnprocessed(
      batch,
      async (pending) => {
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
        return result.UnprocessedKeys?.[tableName]?.Keys ?? [];
      },
      (n) => `${n} keys unread`,
      sleep,
    );
  }
  return found;
}
