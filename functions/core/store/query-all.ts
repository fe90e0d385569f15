import {
  type AttributeValue,
  QueryCommand as PlainQueryCommand,
  type QueryCommandOutput as PlainQueryCommandOutput,
  type QueryInput,
} from '@aws-sdk/client-dynamodb';
import {
  QueryCommand,
  ScanCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
  type ScanCommandInput,
} from '@aws-sdk/lib-dynamodb';

type Item = Record<string, unknown>;
type Page<I> = { Items?: I[]; LastEvaluatedKey?: I };

/** Where a marshalled Query can go: the SDK's clients, and `DynamoDBWire` (`AwsClients.itemsDb`). */
export interface PlainQuerier {
  send(command: PlainQueryCommand): Promise<PlainQueryCommandOutput>;
}

/** Reads page after page, each from where the last one stopped, until DynamoDB says there is no more. */
async function* pagesOf<I>(read: (start: I | undefined) => Promise<Page<I>>): AsyncGenerator<I[]> {
  let start: I | undefined;
  do {
    const page = await read(start);
    yield page.Items ?? [];
    start = page.LastEvaluatedKey;
  } while (start);
}

/**
 * Every page of a Query (`Limit` sizes the pages), one at a time: a long partition never sits
 * in memory whole. A page may be empty (a filter left nothing of it) while more follow.
 *
 * @example
 *   for await (const page of queryPages(db, { TableName, IndexName, KeyConditionExpression, Limit: 500 })) …
 */
export function queryPages(db: DynamoDBDocumentClient, input: QueryCommandInput): AsyncGenerator<Item[]> {
  return pagesOf<Item>((ExclusiveStartKey) => db.send(new QueryCommand({ ...input, ExclusiveStartKey })));
}

/**
 * `queryPages` on a plain client, items in DynamoDB's attribute-value form: for reads of thousands
 * of items whose few attributes are read by hand, without the document client's unmarshalling.
 *
 * @example
 *   for await (const page of queryMarshalledPages(db, { TableName, KeyConditionExpression, ExpressionAttributeValues: { ':pk': { S: pk } } })) …
 */
export function queryMarshalledPages(
  db: PlainQuerier,
  input: QueryInput,
): AsyncGenerator<Record<string, AttributeValue>[]> {
  return pagesOf((ExclusiveStartKey) => db.send(new PlainQueryCommand({ ...input, ExclusiveStartKey })));
}

/**
 * Every item a Query finds, across all its pages.
 *
 * @example
 *   for await (const item of queryAll(db, { TableName, KeyConditionExpression: 'pk = :pk', … })) …
 */
export async function* queryAll(db: DynamoDBDocumentClient, input: QueryCommandInput): AsyncGenerator<Item> {
  for await (const page of queryPages(db, input)) yield* page;
}

/** Every item a Scan finds, across all its pages: for offline operator tasks, never a request path. */
export async function* scanAll(db: DynamoDBDocumentClient, input: ScanCommandInput): AsyncGenerator<Item> {
  for await (const page of pagesOf<Item>((ExclusiveStartKey) =>
    db.send(new ScanCommand({ ...input, ExclusiveStartKey })),
  ))
    yield* page;
}
