import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { SourceStateStore } from '../../../functions/collect/source-state-store';
import { collectorItemsDb, dynamoStandIn, TEST_TABLE } from '../../helpers/stand-ins';

describe('SourceStateStore through the wire client, on dynalite', () => {
  let db: DynamoDBDocumentClient;
  let close: () => Promise<void>;
  let states: SourceStateStore;
  beforeAll(async () => {
    let endpoint: string;
    ({ db, endpoint, close } = await dynamoStandIn());
    states = new SourceStateStore(collectorItemsDb(endpoint), TEST_TABLE);
  });
  afterAll(() => close());

  it('remembers each source between runs; a source never read has a fresh state', async () => {
    const names = Array.from({ length: 30 }, (_, i) => `Desk ${i}`);
    await states.putMany(
      names.map((source, i) => ({
        source,
        etag: `"v${i}"`,
        bodyHash: 'h',
        consecutiveFailures: 0,
        lastError: undefined,
      })),
    );
    await states.put({
      source: 'Down',
      consecutiveFailures: 3,
      lastError: 'timed out',
      nextAttemptAt: '2026-11-26T21:00:00.000Z',
    });

    const read = await states.getMany([...names, 'Down', 'Never read']);
    expect(read.get('Desk 29')).toEqual({ source: 'Desk 29', etag: '"v29"', bodyHash: 'h', consecutiveFailures: 0 });
    expect(read.get('Down')).toEqual({
      source: 'Down',
      consecutiveFailures: 3,
      lastError: 'timed out',
      nextAttemptAt: '2026-11-26T21:00:00.000Z',
    });
    expect(read.get('Never read')).toEqual({ source: 'Never read', consecutiveFailures: 0 });
    expect(read.size).toBe(32);
  });

  it('stores a state as the document client stored it, undefined fields left out', async () => {
    await states.put({
      source: 'Harbour',
      etag: undefined,
      lastModified: 'Thu, 26 Nov 2026 18:00:00 GMT',
      consecutiveFailures: 0,
    });
    const { Item } = await db.send(
      new GetCommand({ TableName: TEST_TABLE, Key: { pk: 'SOURCE#Harbour', sk: 'STATE' } }),
    );
    expect(Item).toEqual({
      pk: 'SOURCE#Harbour',
      sk: 'STATE',
      type: 'source-state',
      source: 'Harbour',
      lastModified: 'Thu, 26 Nov 2026 18:00:00 GMT',
      consecutiveFailures: 0,
    });
  });

  it('starts afresh with a source whose stored state it cannot read', async () => {
    await db.send(
      new PutCommand({
        TableName: TEST_TABLE,
        Item: { pk: 'SOURCE#Odd', sk: 'STATE', source: 'Odd', consecutiveFailures: 4, etag: ['not', 'a', 'string'] },
      }),
    );
    const read = await states.getMany(['Odd']);
    expect(read.get('Odd')).toEqual({ source: 'Odd', consecutiveFailures: 0 });
  });
});
