import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { BatchWriteItemCommand, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { putAll, putAllMarshalled } from '../../../../functions/core/store/batch-write';
import { mockedDocumentClient, noSleep } from '../../../helpers/dynamo-mock';

describe('putAll', () => {
  const { db, mock } = mockedDocumentClient();

  it('writes in batches of 25', async () => {
    mock.on(BatchWriteCommand).resolves({});
    await putAll(
      db,
      't',
      Array.from({ length: 60 }, (_, i) => ({ pk: String(i) })),
      noSleep,
    );
    expect(mock.commandCalls(BatchWriteCommand).map((c) => c.args[0].input.RequestItems?.t?.length)).toEqual([
      25, 25, 10,
    ]);
  });

  it('retries the items DynamoDB leaves unprocessed until none are left', async () => {
    const left = [{ PutRequest: { Item: { pk: '3' } } }];
    mock
      .on(BatchWriteCommand)
      .resolvesOnce({ UnprocessedItems: { t: left } })
      .resolves({});
    await putAll(db, 't', [{ pk: '1' }, { pk: '2' }, { pk: '3' }], noSleep);
    const calls = mock.commandCalls(BatchWriteCommand);
    expect(calls).toHaveLength(2);
    expect(calls[1]?.args[0].input.RequestItems?.t).toEqual(left);
  });

  it('gives up with a clear error rather than losing items silently', async () => {
    mock.on(BatchWriteCommand).resolves({ UnprocessedItems: { t: [{ PutRequest: { Item: { pk: '1' } } }] } });
    await expect(putAll(db, 't', [{ pk: '1' }], noSleep)).rejects.toThrow(
      'DynamoDB left 1 items unprocessed after 8 attempts',
    );
  });

  it('lets a throughput error reach the caller (the SDK has retried it already)', async () => {
    mock
      .on(BatchWriteCommand)
      .rejects(new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} }));
    await expect(putAll(db, 't', [{ pk: '1' }], noSleep)).rejects.toThrow('slow down');
  });
});

describe('putAllMarshalled', () => {
  const { db, mock } = mockedDocumentClient();
  const item = (pk: string) => ({ pk: { S: pk } });

  it('writes items already marshalled in batches of 25, passed through unchanged', async () => {
    mock.on(BatchWriteItemCommand).resolves({});
    await putAllMarshalled(
      db,
      't',
      Array.from({ length: 30 }, (_, i) => item(String(i))),
      noSleep,
    );
    const batches = mock.commandCalls(BatchWriteItemCommand).map((c) => c.args[0].input.RequestItems?.t);
    expect(batches.map((b) => b?.length)).toEqual([25, 5]);
    expect(batches[1]?.[0]).toEqual({ PutRequest: { Item: { pk: { S: '25' } } } });
  });

  it('retries the items DynamoDB leaves unprocessed until none are left', async () => {
    const left = [{ PutRequest: { Item: item('2') } }];
    mock
      .on(BatchWriteItemCommand)
      .resolvesOnce({ UnprocessedItems: { t: left } })
      .resolves({});
    await putAllMarshalled(db, 't', [item('1'), item('2')], noSleep);
    const calls = mock.commandCalls(BatchWriteItemCommand);
    expect(calls).toHaveLength(2);
    expect(calls[1]?.args[0].input.RequestItems?.t).toEqual(left);
  });

  it('keeps at most four batches in flight, and starts none after one has failed', async () => {
    let inFlight = 0;
    let most = 0;
    let calls = 0;
    mock.on(BatchWriteItemCommand).callsFake(async () => {
      const first = ++calls === 1;
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight--;
      if (first) throw new Error('table gone');
      return {};
    });
    const items = Array.from({ length: 200 }, (_, i) => item(String(i)));
    await expect(putAllMarshalled(db, 't', items, noSleep)).rejects.toThrow('table gone');
    expect(most).toBe(4);
    expect(calls).toBe(4);
  });

  it('gives up with a clear error rather than losing items silently', async () => {
    mock.on(BatchWriteItemCommand).resolves({ UnprocessedItems: { t: [{ PutRequest: { Item: item('1') } }] } });
    await expect(putAllMarshalled(db, 't', [item('1')], noSleep)).rejects.toThrow(
      'DynamoDB left 1 items unprocessed after 8 attempts',
    );
  });
});
