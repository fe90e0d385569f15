import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { BatchGetItemCommand } from '@aws-sdk/client-dynamodb';
import { getAll, getAllMarshalled } from '../../../../functions/core/store/batch-get';
import { mockedDocumentClient, noSleep } from '../../../helpers/dynamo-mock';

describe('getAll', () => {
  const { db, mock } = mockedDocumentClient();

  it('reads in batches of 100, with the projection and consistency asked for', async () => {
    mock.on(BatchGetCommand).resolves({ Responses: { t: [{ pk: 'x' }] } });
    const found = await getAll(
      db,
      't',
      Array.from({ length: 150 }, (_, i) => ({ pk: String(i), sk: 'S' })),
      { projection: 'pk, #day', names: { '#day': 'day' }, consistent: true, sleep: noSleep },
    );
    expect(found).toHaveLength(2);
    const requests = mock.commandCalls(BatchGetCommand).map((c) => c.args[0].input.RequestItems?.t);
    expect(requests.map((r) => r?.Keys?.length)).toEqual([100, 50]);
    expect(requests[0]).toMatchObject({
      ProjectionExpression: 'pk, #day',
      ExpressionAttributeNames: { '#day': 'day' },
      ConsistentRead: true,
    });
  });

  it('reads again the keys DynamoDB leaves unprocessed, and keeps what each attempt found', async () => {
    mock
      .on(BatchGetCommand)
      .resolvesOnce({ Responses: { t: [{ pk: '1' }] }, UnprocessedKeys: { t: { Keys: [{ pk: '2' }] } } })
      .resolves({ Responses: { t: [{ pk: '2' }] } });
    const found = await getAll(db, 't', [{ pk: '1' }, { pk: '2' }], { sleep: noSleep });
    expect(found).toEqual([{ pk: '1' }, { pk: '2' }]);
    expect(mock.commandCalls(BatchGetCommand)[1]?.args[0].input.RequestItems?.t?.Keys).toEqual([{ pk: '2' }]);
  });

  it('gives up with a clear error rather than reporting keys it never read as missing', async () => {
    mock.on(BatchGetCommand).resolves({ UnprocessedKeys: { t: { Keys: [{ pk: '1' }] } } });
    await expect(getAll(db, 't', [{ pk: '1' }], { sleep: noSleep })).rejects.toThrow(
      'DynamoDB left 1 keys unread after 8 attempts',
    );
  });
});

describe('getAllMarshalled', () => {
  const { db, mock } = mockedDocumentClient();

  it('reads keys already marshalled in batches of 100 and keeps what each attempt found', async () => {
    mock
      .on(BatchGetItemCommand)
      .resolvesOnce({ Responses: { t: [{ pk: { S: '1' } }] }, UnprocessedKeys: { t: { Keys: [{ pk: { S: '2' } }] } } })
      .resolves({ Responses: { t: [{ pk: { S: '2' } }] } });
    const found = await getAllMarshalled(
      db,
      't',
      Array.from({ length: 101 }, (_, i) => ({ pk: { S: String(i) } })),
      { projection: 'pk, #day', names: { '#day': 'day' }, sleep: noSleep },
    );
    expect(found).toEqual([{ pk: { S: '1' } }, { pk: { S: '2' } }, { pk: { S: '2' } }]);
    const requests = mock.commandCalls(BatchGetItemCommand).map((c) => c.args[0].input.RequestItems?.t);
    expect(requests.map((r) => r?.Keys?.length)).toEqual([100, 1, 1]);
    expect(requests[1]?.Keys).toEqual([{ pk: { S: '2' } }]);
    expect(requests[0]).toMatchObject({
      ProjectionExpression: 'pk, #day',
      ExpressionAttributeNames: { '#day': 'day' },
    });
  });

  it('gives up with a clear error rather than reporting keys it never read as missing', async () => {
    mock.on(BatchGetItemCommand).resolves({ UnprocessedKeys: { t: { Keys: [{ pk: { S: '1' } }] } } });
    await expect(getAllMarshalled(db, 't', [{ pk: { S: '1' } }], { sleep: noSleep })).rejects.toThrow(
      'DynamoDB left 1 keys unread after 8 attempts',
    );
  });
});
