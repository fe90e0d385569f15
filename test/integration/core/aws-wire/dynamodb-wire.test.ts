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
import { getAllMarshalled } from '../../../../functions/core/store/batch-get';
import { type MarshalledItem, putAllMarshalled } from '../../../../functions/core/store/batch-write';
import { putItemIfAbsent } from '../../../../functions/core/store/conditional';
import { queryMarshalledPages } from '../../../../functions/core/store/query-all';
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
const article = (n: number): MarshalledItem => ({
  pk: { S: 'DAY#global#2026-11-26' },
  sk: { S: `ARTICLE#story-${String(n).padStart(3, '0')}` },
  headline: { S: `Story ${n}: the council's "plan" — résumé` },
  weight: { N: '1.5' },
});
const ok = (body: object = {}): CannedAnswer => ({
  status: 200,
  body: JSON.stringify(body),
  contentType: 'application/x-amz-json-1.0',
});
/** The items each BatchWriteItem request carried, by sort key. */
const batchesSent = (requests: { body: string }[]) =>
  requests.map((r) =>
    (JSON.parse(r.body) as { RequestItems: Record<string, { PutRequest: { Item: MarshalledItem } }[]> }).RequestItems[
      TEST_TABLE
    ]?.map((w) => w.PutRequest.Item.sk?.S),
  );
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

  it('writes items in batches, which the document client reads back as written', async () => {
    const items = Array.from({ length: 60 }, (_, i) => article(i));
    await putAllMarshalled(wireAt(endpoint), TEST_TABLE, items);

    const { Item } = await db.send(
      new GetCommand({ TableName: TEST_TABLE, Key: { pk: 'DAY#global#2026-11-26', sk: 'ARTICLE#story-042' } }),
    );
    expect(Item).toEqual({
      pk: 'DAY#global#2026-11-26',
      sk: 'ARTICLE#story-042',
      headline: `Story 42: the council's "plan" — résumé`,
      weight: 1.5,
    });
  });

  it('reads items by key, with a projection, and leaves out the keys that hold nothing', async () => {
    const keys = [5, 17, 999].map((n) => ({ pk: article(n).pk, sk: article(n).sk })) as MarshalledItem[];
    const found = await getAllMarshalled(wireAt(endpoint), TEST_TABLE, keys, {
      projection: 'sk, #h',
      names: { '#h': 'headline' },
    });
    expect(found.sort((a, b) => (a.sk?.S ?? '').localeCompare(b.sk?.S ?? ''))).toEqual(
      [5, 17].map((n) => ({ sk: article(n).sk, headline: article(n).headline })),
    );
  });

  it('reads a partition page after page, as the SDK does', async () => {
    const pages: MarshalledItem[][] = [];
    for await (const page of queryMarshalledPages(wireAt(endpoint), {
      TableName: TEST_TABLE,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': { S: 'DAY#global#2026-11-26' } },
      Limit: 25,
    }))
      pages.push(page);
    expect(pages[0]).toHaveLength(25);
    expect(pages.flat()).toHaveLength(60);
    expect(pages.flat()).toContainEqual(article(59));
  });
});

describe('DynamoDBWire batches on the wire', () => {
  it('sends again only what a batch left unprocessed, backing off, until nothing is left', async () => {
    const sleeps: number[] = [];
    await withCannedServer(
      [
        ok({ UnprocessedItems: { [TEST_TABLE]: [{ PutRequest: { Item: article(2) } }] } }),
        ok({ UnprocessedItems: {} }),
      ],
      async (server) => {
        await putAllMarshalled(wireAt(server.endpoint), TEST_TABLE, [article(1), article(2)], async (ms) => {
          sleeps.push(ms);
        });
        expect(batchesSent(server.requests)).toEqual([
          ['ARTICLE#story-001', 'ARTICLE#story-002'],
          ['ARTICLE#story-002'],
        ]);
        expect(sleeps).toHaveLength(1);
        expect(server.requests.map((r) => r.headers['x-amz-target'])).toEqual(
          Array(2).fill('DynamoDB_20120810.BatchWriteItem'),
        );
      },
    );
  });

  it('tries a throttled batch again, then goes on with what that try left unprocessed', async () => {
    await withCannedServer(
      [
        jsonError(400, 'ProvisionedThroughputExceededException', 'Slow down'),
        ok({ UnprocessedItems: { [TEST_TABLE]: [{ PutRequest: { Item: article(1) } }] } }),
        ok({}),
      ],
      async (server) => {
        await putAllMarshalled(wireAt(server.endpoint), TEST_TABLE, [article(1), article(2)], async () => {});
        expect(batchesSent(server.requests)).toEqual([
          ['ARTICLE#story-001', 'ARTICLE#story-002'],
          ['ARTICLE#story-001', 'ARTICLE#story-002'],
          ['ARTICLE#story-001'],
        ]);
      },
    );
  });

  it('lets a batch throttled three times in a row reach the caller, named as DynamoDB named it', async () => {
    await withCannedServer([jsonError(400, 'ThrottlingException', 'Rate exceeded')], async (server) => {
      const error = await putAllMarshalled(wireAt(server.endpoint), TEST_TABLE, [article(1)]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DynamoDBServiceException);
      expect(error).toMatchObject({ name: 'ThrottlingException', message: 'Rate exceeded' });
      expect(server.requests).toHaveLength(3);
    });
  });

  it('does not send a refused batch again', async () => {
    await withCannedServer(
      [jsonError(400, 'ValidationException', 'Item size has exceeded the maximum allowed size')],
      async (server) => {
        await expect(
          putAllMarshalled(wireAt(server.endpoint), TEST_TABLE, [article(1), article(2)]),
        ).rejects.toMatchObject({ name: 'ValidationException' });
        expect(server.requests).toHaveLength(1);
      },
    );
  });

  it('reads again only the keys a batch left unread, keeping what each try found', async () => {
    const [one, two] = [article(1), article(2)];
    await withCannedServer(
      [
        ok({
          Responses: { [TEST_TABLE]: [one] },
          UnprocessedKeys: { [TEST_TABLE]: { Keys: [{ pk: two.pk, sk: two.sk }] } },
        }),
        jsonError(500, 'InternalServerError', 'Oops'),
        ok({ Responses: { [TEST_TABLE]: [two] } }),
      ],
      async (server) => {
        const keys = [one, two].map(({ pk, sk }) => ({ pk, sk })) as MarshalledItem[];
        const found = await getAllMarshalled(wireAt(server.endpoint), TEST_TABLE, keys, { sleep: async () => {} });
        expect(found).toEqual([one, two]);
        const asked = server.requests.map(
          (r) =>
            (JSON.parse(r.body) as { RequestItems: Record<string, { Keys: MarshalledItem[] }> }).RequestItems[
              TEST_TABLE
            ]?.Keys.length,
        );
        expect(asked).toEqual([2, 1, 1]);
        expect(server.requests[0]?.headers['x-amz-target']).toBe('DynamoDB_20120810.BatchGetItem');
      },
    );
  });

  it('gives up on keys left unread eight times rather than report them missing', async () => {
    const left = { pk: article(1).pk, sk: article(1).sk } as MarshalledItem;
    await withCannedServer([ok({ UnprocessedKeys: { [TEST_TABLE]: { Keys: [left] } } })], async (server) => {
      await expect(
        getAllMarshalled(wireAt(server.endpoint), TEST_TABLE, [left], { sleep: async () => {} }),
      ).rejects.toThrow('DynamoDB left 1 keys unread after 8 attempts');
      expect(server.requests).toHaveLength(8);
    });
  });

  it('refuses a command it does not speak rather than send it under another name', async () => {
    const wire = wireAt('http://127.0.0.1:9');
    await expect(
      (wire as unknown as { send: (c: object) => Promise<unknown> }).send(new GetCommand({ TableName: 't', Key: {} })),
    ).rejects.toThrow('DynamoDBWire: GetCommand is not supported');
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
