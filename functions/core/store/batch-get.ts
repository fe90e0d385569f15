import { type AttributeValue, BatchGetItemCommand, type BatchGetItemCommandOutput } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { realSleep, retryUnprocessed, type Sleep } from './retry-unprocessed';

const GET_LIMIT = 100;

/** Where marshalled keys can be read: the SDK's clients, and `DynamoDBWire` (`AwsClients.itemsDb`). */
export interface BatchItemReader {
  send(command: BatchGetItemCommand): Promise<BatchGetItemCommandOutput>;
}

export interface GetAllOptions {
  projection?: string;
  names?: Record<string, string>;
  consistent?: boolean;
  sleep?: Sleep;
}

/** Reads items by key in batches of 100, retrying what DynamoDB leaves unprocessed, with backoff. */
export async function getAll(
  db: DynamoDBDocumentClient,
  tableName: string,
  keys: Record<string, string>[],
  options: GetAllOptions = {},
): Promise<Record<string, unknown>[]> {
  return inBatches(
    keys as Record<string, unknown>[],
    async (request) => {
      const result = await db.send(new BatchGetCommand(request));
      return { found: result.Responses?.[tableName] ?? [], left: result.UnprocessedKeys?.[tableName]?.Keys ?? [] };
    },
    tableName,
    options,
  );
}

/**
 * `getAll` on a plain client, keys and items in DynamoDB's attribute-value form: no marshalling
 * either way. The document client passes such a command through as well.
 *
 * @example
 *   const found = await getAllMarshalled(db, TableName, [{ pk: { S: 'ARTICLE#…' }, sk: { S: 'LOCATION' } }]);
 */
export async function getAllMarshalled(
  db: BatchItemReader,
  tableName: string,
  keys: Record<string, AttributeValue>[],
  options: GetAllOptions = {},
): Promise<Record<string, AttributeValue>[]> {
  return inBatches(
    keys,
    async (request) => {
      const result = await db.send(new BatchGetItemCommand(request));
      return { found: result.Responses?.[tableName] ?? [], left: result.UnprocessedKeys?.[tableName]?.Keys ?? [] };
    },
    tableName,
    options,
  );
}

type BatchGetRequest<K> = {
  RequestItems: Record<
    string,
    {
      Keys: K[];
      ProjectionExpression?: string;
      ExpressionAttributeNames?: Record<string, string>;
      ConsistentRead?: boolean;
    }
  >;
};

async function inBatches<K, I>(
  keys: K[],
  read: (request: BatchGetRequest<K>) => Promise<{ found: I[]; left: K[] }>,
  tableName: string,
  { projection, names, consistent, sleep = realSleep }: GetAllOptions,
): Promise<I[]> {
  const found: I[] = [];
  for (let i = 0; i < keys.length; i += GET_LIMIT) {
    await retryUnprocessed(
      keys.slice(i, i + GET_LIMIT),
      async (pending) => {
        const result = await read({
          RequestItems: {
            [tableName]: {
              Keys: pending,
              ...(projection ? { ProjectionExpression: projection } : {}),
              ...(names ? { ExpressionAttributeNames: names } : {}),
              ...(consistent ? { ConsistentRead: true } : {}),
            },
          },
        });
        found.push(...result.found);
        return result.left;
      },
      (n) => `${n} keys unread`,
      sleep,
    );
  }
  return found;
}
