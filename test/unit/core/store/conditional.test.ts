import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import {
  conditionalDelete,
  conditionalPut,
  conditionalUpdate,
  putIfAbsent,
} from '../../../../functions/core/store/conditional';
import { mockedDocumentClient } from '../../../helpers/dynamo-mock';

const refused = () => new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
const slowDown = () => new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} });

describe('conditional writes', () => {
  const { db, mock } = mockedDocumentClient();

  describe('putIfAbsent', () => {
    it('writes the item only where no item with its key exists, and says it wrote it', async () => {
      mock.on(PutCommand).resolves({});
      await expect(putIfAbsent(db, 't', { pk: 'a', sk: 'b' })).resolves.toBe(true);
      expect(mock.commandCalls(PutCommand)[0]?.args[0].input).toEqual({
        TableName: 't',
        Item: { pk: 'a', sk: 'b' },
        ConditionExpression: 'attribute_not_exists(pk)',
      });
    });

    it('says false, without throwing, when the item is there already', async () => {
      mock.on(PutCommand).rejects(refused());
      await expect(putIfAbsent(db, 't', { pk: 'a', sk: 'b' })).resolves.toBe(false);
    });

    it('lets any other error reach the caller', async () => {
      mock.on(PutCommand).rejects(slowDown());
      await expect(putIfAbsent(db, 't', { pk: 'a', sk: 'b' })).rejects.toThrow('slow down');
    });
  });

  it('conditionalPut hands back DynamoDB’s answer when the condition holds', async () => {
    mock.on(PutCommand).resolves({ Attributes: { pk: 'a', contentHash: 'old' } });
    const put = await conditionalPut(db, {
      TableName: 't',
      Item: { pk: 'a', contentHash: 'new' },
      ConditionExpression: 'contentHash <> :hash',
      ExpressionAttributeValues: { ':hash': 'new' },
      ReturnValues: 'ALL_OLD',
    });
    expect(put).toEqual({ written: true, output: { Attributes: { pk: 'a', contentHash: 'old' } } });
  });

  it('conditionalUpdate says not written when the condition does not hold', async () => {
    mock.on(UpdateCommand).rejects(refused());
    const update = await conditionalUpdate(db, {
      TableName: 't',
      Key: { pk: 'a', sk: 'b' },
      UpdateExpression: 'ADD sent :one',
      ConditionExpression: 'sent < :max',
      ExpressionAttributeValues: { ':one': 1, ':max': 3 },
    });
    expect(update).toEqual({ written: false });
  });

  it('conditionalUpdate lets a throughput error reach the caller (the SDK has retried it already)', async () => {
    mock.on(UpdateCommand).rejects(slowDown());
    await expect(
      conditionalUpdate(db, { TableName: 't', Key: { pk: 'a', sk: 'b' }, UpdateExpression: 'REMOVE x' }),
    ).rejects.toThrow('slow down');
  });

  it('conditionalDelete tells a deleted item from one no longer in the expected state', async () => {
    mock.on(DeleteCommand).resolvesOnce({}).rejectsOnce(refused());
    const input = {
      TableName: 't',
      Key: { pk: 'a', sk: 'b' },
      ConditionExpression: '#status = :claimed',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':claimed': 'claimed' },
    };
    await expect(conditionalDelete(db, input)).resolves.toMatchObject({ written: true });
    await expect(conditionalDelete(db, input)).resolves.toEqual({ written: false });
  });
});
