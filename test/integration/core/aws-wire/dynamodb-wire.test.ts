import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  DynamoDBServiceException,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDBWire } from '../../../../functions/core/aws-wire/dynamodb-wire';
import { SignedPost } from '../../../../functions/core/aws-wire/signed-post';
import { putItemIfAbsent } from '../../../../functions/core/store/conditional';
import { type CannedAnswer, withCannedServer } from '../../../helpers/canned-http';
import { dynamoStandIn, TEST_TABLE } from '../../../helpers/stand-ins';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const wireAt = (endpoint: string, sleeps: number[] = []) =>
  new DynamoDBWire(
    new SignedPost(new DynamoDBClient({ region: 'us-east-1', credentials, endpoint }).config, 'dynamodb'),
    { sleep: async (ms) => void sleeps.push(ms), random: () => 0.5 },
  );
const item = (sk: string) => ({ pk: { S: 'EDITION#2026-11-26#global' }, sk: { S: sk }, status: { S: 'claimed' } });
const jsonError = (status: number, type: string, message: string): CannedAnswer => ({
  status,
  body: JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, message }),
  contentType: 'application/x-amz-json-1.0',
});
const put = () =>
  new PutItemCommand({ TableName: TEST_TABLE, Item: item('TO#a'), ConditionExpression: 'attribute_not_exists(pk)' });

describe('DynamoDBWire against dynalite', () => {
  let db: DynamoDBDocumentClient;
  let endpoint: string;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ db, endpoint, close } = await dynamoStandIn());
  });
  afterAll(() => close());

  it('claims an item once: a second conditional put is refused, as the SDK refuses it', async () => {
    const wire = wireAt(endpoint);

    expect(await putItemIfAbsent(wire, TEST_TABLE, item('TO#ann'))).toBe(true);
    expect(await putItemIfAbsent(wire, TEST_TABLE, item('TO#ann'))).toBe(false);
    await expect(
      wire.send(
        new PutItemCommand({
          TableName: TEST_TABLE,
          Item: item('TO#ann'),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    ).rejects.toBeInstanceOf(ConditionalCheckFailedException);
  });

  it('updates an item, which the document client then reads', async () => {
    const wire = wireAt(endpoint);
    await wire.send(
      new UpdateItemCommand({
        TableName: TEST_TABLE,
        Key: { pk: { S: 'EDITION#2026-11-26#global' }, sk: { S: 'TO#ann' } },
        UpdateExpression: 'SET #status = :status, messageId = :id, reason = :reason',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':status': { S: 'sent' }, ':id': { S: 'm-1' }, ':reason': { NULL: true } },
      }),
    );

    const { Item } = await db.send(
      new GetCommand({ TableName: TEST_TABLE, Key: { pk: 'EDITION#2026-11-26#global', sk: 'TO#ann' } }),
    );
    expect(Item).toMatchObject({ status: 'sent', messageId: 'm-1', reason: null });
  });
});

describe('DynamoDBWire on the wire', () => {
  it('tries a throttled write again, three times in all, backing off', async () => {
    const sleeps: number[] = [];
    await withCannedServer(
      [
        jsonError(400, 'ProvisionedThroughputExceededException', 'Slow down'),
        jsonError(500, 'InternalServerError', 'Oops'),
        { status: 200, body: '{}', contentType: 'application/x-amz-json-1.0' },
      ],
      async (server) => {
        expect(await wireAt(server.endpoint, sleeps).send(put())).toMatchObject({
          $metadata: { httpStatusCode: 200, attempts: 3 },
        });
        expect(sleeps).toEqual([100, 200]);
        expect(server.requests.map((r) => r.headers['x-amz-target'])).toEqual(
          Array(3).fill('DynamoDB_20120810.PutItem'),
        );
      },
    );
  });

  it('gives up after three tries with the last error, named as DynamoDB named it', async () => {
    await withCannedServer([jsonError(400, 'ThrottlingException', 'Rate exceeded')], async (server) => {
      const error = await wireAt(server.endpoint)
        .send(put())
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DynamoDBServiceException);
      expect(error).toMatchObject({ name: 'ThrottlingException', message: 'Rate exceeded' });
      expect(server.requests).toHaveLength(3);
    });
  });

  it('does not retry what retrying cannot mend: a refused condition, a bad request', async () => {
    await withCannedServer(
      [
        jsonError(400, 'ConditionalCheckFailedException', 'The conditional request failed'),
        jsonError(400, 'ValidationException', 'One or more parameter values were invalid'),
      ],
      async (server) => {
        const wire = wireAt(server.endpoint);
        await expect(wire.send(put())).rejects.toBeInstanceOf(ConditionalCheckFailedException);
        await expect(wire.send(put())).rejects.toMatchObject({ name: 'ValidationException' });
        expect(server.requests).toHaveLength(2);
      },
    );
  });

  it('tries again when the connection is cut, as the SDK does', async () => {
    await withCannedServer(['cut', { status: 200, body: '{}' }], async (server) => {
      await wireAt(server.endpoint).send(put());
      expect(server.requests).toHaveLength(2);
    });
  });
});
