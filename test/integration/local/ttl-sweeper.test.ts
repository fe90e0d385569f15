import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { sweepExpired } from '../../../infra/local/ttl-sweeper';
import { dynamoStandIn, TEST_TABLE } from '../../helpers/stand-ins';
import { snapshot } from '../../helpers/subscribe';

describe('sweepExpired: the local stack honours TTL, which dynalite lacks', () => {
  let db: DynamoDBDocumentClient;
  let close: () => Promise<void>;
  beforeAll(async () => ({ db, close } = await dynamoStandIn()));
  afterAll(() => close());

  it('deletes the items whose expiresAt has passed and keeps the rest', async () => {
    const now = new Date('2026-11-27T08:00:00Z');
    const seconds = now.getTime() / 1000;
    const put = (pk: string, expiresAt?: number) =>
      db.send(new PutCommand({ TableName: TEST_TABLE, Item: { pk, sk: 'X', ...(expiresAt ? { expiresAt } : {}) } }));
    await put('RATE#gone', seconds - 1);
    await put('CONFIRM#live', seconds + 3600);
    await put('ERASED#kept');
    expect(await sweepExpired(db, TEST_TABLE, now)).toBe(1);
    const table = await snapshot(db);
    expect(table).not.toContain('RATE#gone');
    expect(table).toContain('CONFIRM#live');
    expect(table).toContain('ERASED#kept');
  });
});
