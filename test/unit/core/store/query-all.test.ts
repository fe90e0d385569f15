import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { queryAll, queryPages, scanAll } from '../../../../functions/core/store/query-all';
import { mockedDocumentClient } from '../../../helpers/dynamo-mock';

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const value of iterable) all.push(value);
  return all;
}

describe('paged reads', () => {
  const { db, mock } = mockedDocumentClient();
  const input = { TableName: 't', KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'DAY#1' } };

  it('queryAll reads every page, each from where the last one stopped, and yields every item', async () => {
    mock
      .on(QueryCommand)
      .resolvesOnce({ Items: [{ sk: '1' }, { sk: '2' }], LastEvaluatedKey: { pk: 'DAY#1', sk: '2' } })
      .resolvesOnce({ Items: [], LastEvaluatedKey: { pk: 'DAY#1', sk: '2' } })
      .resolvesOnce({ Items: [{ sk: '3' }] });
    await expect(collect(queryAll(db, input))).resolves.toEqual([{ sk: '1' }, { sk: '2' }, { sk: '3' }]);
    const starts = mock.commandCalls(QueryCommand).map((c) => c.args[0].input.ExclusiveStartKey);
    expect(starts).toEqual([undefined, { pk: 'DAY#1', sk: '2' }, { pk: 'DAY#1', sk: '2' }]);
    expect(mock.commandCalls(QueryCommand)[2]?.args[0].input).toMatchObject(input);
  });

  it('queryPages yields the pages as DynamoDB returns them, with the Limit asked for', async () => {
    mock
      .on(QueryCommand)
      .resolvesOnce({ Items: [{ sk: '1' }], LastEvaluatedKey: { sk: '1' } })
      .resolvesOnce({});
    await expect(collect(queryPages(db, { ...input, Limit: 1 }))).resolves.toEqual([[{ sk: '1' }], []]);
    expect(mock.commandCalls(QueryCommand).map((c) => c.args[0].input.Limit)).toEqual([1, 1]);
  });

  it('reads no further page than the caller takes', async () => {
    mock.on(QueryCommand).resolves({ Items: [{ sk: '1' }], LastEvaluatedKey: { sk: '1' } });
    for await (const _ of queryAll(db, input)) break;
    expect(mock.commandCalls(QueryCommand)).toHaveLength(1);
  });

  it('scanAll pages a Scan the same way', async () => {
    mock
      .on(ScanCommand)
      .resolvesOnce({ Items: [{ pk: 'a' }], LastEvaluatedKey: { pk: 'a' } })
      .resolvesOnce({ Items: [{ pk: 'b' }] });
    await expect(collect(scanAll(db, { TableName: 't' }))).resolves.toEqual([{ pk: 'a' }, { pk: 'b' }]);
    expect(mock.commandCalls(ScanCommand)[1]?.args[0].input).toEqual({
      TableName: 't',
      ExclusiveStartKey: { pk: 'a' },
    });
  });

  it('lets an error of a later page reach the caller', async () => {
    mock
      .on(QueryCommand)
      .resolvesOnce({ Items: [{ sk: '1' }], LastEvaluatedKey: { sk: '1' } })
      .rejects(new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} }));
    await expect(collect(queryAll(db, input))).rejects.toThrow('slow down');
  });
});
