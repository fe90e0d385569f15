import {
  type AttributeValue,
  ConditionalCheckFailedException,
  PutItemCommand,
  type PutItemCommandOutput,
  type UpdateItemCommand,
  type UpdateItemCommandOutput,
} from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  PutCommand,
  UpdateCommand,
  type DeleteCommandInput,
  type DeleteCommandOutput,
  type DynamoDBDocumentClient,
  type PutCommandInput,
  type PutCommandOutput,
  type UpdateCommandInput,
  type UpdateCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import { tableDefinition } from '../table';

/**
 * What a conditional write came to: done (with DynamoDB's answer), or refused because its
 * condition did not hold. A refusal is an expected answer (someone else claimed the item first,
 * the lease is held, the counter is full), not an error; every other error reaches the caller.
 */
export type Conditional<T> = { written: true; output: T } | { written: false };

async function unlessRefused<T>(write: Promise<T>): Promise<Conditional<T>> {
  try {
    return { written: true, output: await write };
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return { written: false };
    throw error;
  }
}

/**
 * A Put with a `ConditionExpression`.
 *
 * @example
 *   const put = await conditionalPut(db, { TableName, Item, ConditionExpression: 'contentHash <> :hash', ... });
 *   if (!put.written) return 'unchanged';
 */
export function conditionalPut(
  db: DynamoDBDocumentClient,
  input: PutCommandInput,
): Promise<Conditional<PutCommandOutput>> {
  return unlessRefused(db.send(new PutCommand(input)));
}

/** An Update with a `ConditionExpression`; `output.Attributes` holds what `ReturnValues` asked for. */
export function conditionalUpdate(
  db: DynamoDBDocumentClient,
  input: UpdateCommandInput,
): Promise<Conditional<UpdateCommandOutput>> {
  return unlessRefused(db.send(new UpdateCommand(input)));
}

/** A Delete with a `ConditionExpression`: only the item still in the expected state goes. */
export function conditionalDelete(
  db: DynamoDBDocumentClient,
  input: DeleteCommandInput,
): Promise<Conditional<DeleteCommandOutput>> {
  return unlessRefused(db.send(new DeleteCommand(input)));
}

/**
 * Writes the item only if no item with its key exists: the first writer wins, and a retry or a
 * second writer learns it came second. Returns whether this call wrote it.
 *
 * @example
 *   if (!(await putIfAbsent(db, TableName, { pk, sk: `TO#${hash}`, status: 'claimed' }))) return 'already';
 */
export async function putIfAbsent(
  db: DynamoDBDocumentClient,
  tableName: string,
  item: Record<string, unknown>,
): Promise<boolean> {
  const put = await conditionalPut(db, { TableName: tableName, Item: item, ConditionExpression: IF_ABSENT });
  return put.written;
}

/**
 * Plain (marshalled) item writes: the SDK's clients take them (the document client passes them
 * through), and so does `DynamoDBWire`, which the sender's ledger writes through.
 */
export interface PlainItemWriter {
  send(command: PutItemCommand): Promise<PutItemCommandOutput>;
  send(command: UpdateItemCommand): Promise<UpdateItemCommandOutput>;
}

/** `putIfAbsent` for an item already marshalled, on a `PlainItemWriter` (the sender's ledger claims). */
export async function putItemIfAbsent(
  db: PlainItemWriter,
  tableName: string,
  item: Record<string, AttributeValue>,
): Promise<boolean> {
  const put = await unlessRefused(
    db.send(new PutItemCommand({ TableName: tableName, Item: item, ConditionExpression: IF_ABSENT })),
  );
  return put.written;
}

const IF_ABSENT = `attribute_not_exists(${tableDefinition.partitionKey})`;
