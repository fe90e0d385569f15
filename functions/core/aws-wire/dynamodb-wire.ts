import {
  BatchGetItemCommand,
  type BatchGetItemCommandOutput,
  BatchWriteItemCommand,
  type BatchWriteItemCommandOutput,
  ConditionalCheckFailedException,
  DynamoDBServiceException,
  PutItemCommand,
  type PutItemCommandOutput,
  QueryCommand,
  type QueryCommandOutput,
  UpdateItemCommand,
  type UpdateItemCommandOutput,
} from '@aws-sdk/client-dynamodb';
import { responseMetadata, type SignedPost, type WireResponse } from './signed-post';

const JSON_1_0 = 'application/x-amz-json-1.0';
/** The SDK's default: three tries in all for throttling, a 5xx or a lost connection. */
const ATTEMPTS = 3;
const BACKOFF_BASE_MS = 100;
const RETRYABLE = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
]);
const CONNECTION_LOST = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNREFUSED']);

export interface DynamoDBWireOptions {
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/** The commands the wire speaks, each with the operation named in its `x-amz-target`. */
const OPERATIONS = [
  [PutItemCommand, 'PutItem'],
  [UpdateItemCommand, 'UpdateItem'],
  [BatchWriteItemCommand, 'BatchWriteItem'],
  [BatchGetItemCommand, 'BatchGetItem'],
  [QueryCommand, 'Query'],
] as const;

type WireCommand = InstanceType<(typeof OPERATIONS)[number][0]>;

/**
 * DynamoDB's PutItem, UpdateItem, BatchWriteItem, BatchGetItem and Query as the SDK's plain client
 * takes them (marshalled items, the same commands, the same answers, the same exceptions: a
 * refused condition is a `ConditionalCheckFailedException`), sent as JSON over a `SignedPost`
 * instead of through the SDK's middleware: the sender's ledger writes two items per recipient, and
 * a collect run makes a thousand batch requests. What a batch leaves unprocessed is in its answer,
 * as from the SDK, for the caller to send again. Binary (`B`, `BS`) attributes are not supported.
 *
 * @example
 *   const ledger = new DynamoDBWire(new SignedPost(dynamodb.config, 'dynamodb'));
 *   await ledger.send(new PutItemCommand({ TableName, Item, ConditionExpression }));
 */
export class DynamoDBWire {
  constructor(
    private readonly post: Pick<SignedPost, 'post'>,
    private readonly options: DynamoDBWireOptions = {},
  ) {}

  send(command: PutItemCommand): Promise<PutItemCommandOutput>;
  send(command: UpdateItemCommand): Promise<UpdateItemCommandOutput>;
  send(command: BatchWriteItemCommand): Promise<BatchWriteItemCommandOutput>;
  send(command: BatchGetItemCommand): Promise<BatchGetItemCommandOutput>;
  send(command: QueryCommand): Promise<QueryCommandOutput>;
  async send(command: WireCommand): Promise<{ $metadata: ReturnType<typeof responseMetadata> }> {
    const operation = OPERATIONS.find(([type]) => command instanceof type)?.[1];
    if (!operation) throw new Error(`DynamoDBWire: ${command.constructor.name} is not supported`);
    const headers = { 'content-type': JSON_1_0, 'x-amz-target': `DynamoDB_20120810.${operation}` };
    const body = JSON.stringify(command.input);
    for (let attempt = 1; ; attempt++) {
      try {
        const response = await this.post.post(headers, body);
        if (response.status === 200)
          return { ...(JSON.parse(response.body) as object), $metadata: responseMetadata(response, attempt) };
        throw exceptionOf(response, attempt);
      } catch (error) {
        if (attempt >= ATTEMPTS || !retryable(error)) throw error;
        const sleep = this.options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
        await sleep((this.options.random ?? Math.random)() * BACKOFF_BASE_MS * 2 ** attempt);
      }
    }
  }
}

function retryable(error: unknown): boolean {
  if (error instanceof DynamoDBServiceException)
    return RETRYABLE.has(error.name) || (error.$metadata.httpStatusCode ?? 0) >= 500;
  return CONNECTION_LOST.has((error as { code?: string }).code ?? '');
}

/** DynamoDB's error answer (`{"__type": "com.amazonaws.dynamodb.v20120810#Name", "message": "…"}`) as the SDK's exception. */
function exceptionOf(response: WireResponse, attempts: number): DynamoDBServiceException {
  let said: { __type?: unknown; message?: unknown; Message?: unknown } = {};
  try {
    said = JSON.parse(response.body) as typeof said;
  } catch {
    // Not JSON (a proxy's page): the status alone says what happened.
  }
  const type = typeof said.__type === 'string' ? said.__type : String(response.headers['x-amzn-errortype'] ?? '');
  const name = type.split('#').pop()?.split(':')[0] || `HTTP${response.status}`;
  const message = String(said.message ?? said.Message ?? name);
  const $metadata = responseMetadata(response, attempts);
  if (name === 'ConditionalCheckFailedException') return new ConditionalCheckFailedException({ message, $metadata });
  return new DynamoDBServiceException({
    name,
    message,
    $fault: response.status >= 500 ? 'server' : 'client',
    $metadata,
  });
}
