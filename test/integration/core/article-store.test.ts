import { type AttributeValue, QueryCommand } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Article } from '../../../functions/core/model';
import { ArticleStore } from '../../../functions/core/store/article-store';
import { article } from '../../helpers/articles';
import { collectorItemsDb, dynamoStandIn, TEST_TABLE } from '../../helpers/stand-ins';

type RawItem = Record<string, AttributeValue>;

const DAY = '2026-11-26';
/** The day's midnight plus retention and one day, in epoch seconds. */
const EXPIRES = Date.parse(`${DAY}T00:00:00Z`) / 1000 + 31 * 86400;

const full: Article = {
  ...article({ headline: 'Harbour bridge reopens', summary: 'Traffic resumed at dawn.' }),
  updatedAt: '2026-11-26T07:00:00.000Z',
  byline: 'A. Reporter',
  image: 'https://news.example.com/bridge.jpg',
  imageWidth: 1200,
  imageHeight: 675,
  imageAlt: 'The bridge at dawn',
  weight: 1.5,
};
/** As the collector hands it over: optional fields present but undefined. */
const sparse: Article = { ...article({ headline: 'Museum returns artefacts' }), byline: undefined, image: undefined };

// The same behaviour whichever client carries the articles: the document client (passing plain
// commands through), or the SDK-less wire client the collect handler gives the store.
describe.each([
  ['through the document client', false],
  ['through the wire client', true],
])('ArticleStore, on dynalite, %s', (_, wire) => {
  let db: DynamoDBDocumentClient;
  let close: () => Promise<void>;
  let store: ArticleStore;
  beforeAll(async () => {
    let endpoint: string;
    ({ db, endpoint, close } = await dynamoStandIn());
    store = wire ? new ArticleStore(db, TEST_TABLE, collectorItemsDb(endpoint)) : new ArticleStore(db, TEST_TABLE);
  });
  afterAll(() => close());

  const partition = async (pk: string): Promise<RawItem[]> =>
    (
      await db.send(
        new QueryCommand({
          TableName: TEST_TABLE,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': { S: pk } },
        }),
      )
    ).Items ?? [];
  const withoutKey = ({ pk: _pk, sk: _sk, ...attributes }: RawItem) => attributes;
  /** The same attributes as the document client stores them, under a key of their own. */
  const asDocumentClientStores = async (item: Record<string, unknown>) => {
    await db.send(new PutCommand({ TableName: TEST_TABLE, Item: { ...item, pk: 'EXPECTED', sk: 'EXPECTED' } }));
    const [stored] = await partition('EXPECTED');
    return withoutKey(stored ?? {});
  };

  it('stores each article and its pointer as the document client would, undefined fields left out', async () => {
    const counts = await store.saveArticles(
      [full, sparse].map((a) => ({ article: a, day: DAY })),
      30,
    );
    expect(counts).toEqual({ new: 2, updated: 0, unchanged: 0, writes: 4 });

    const day = await partition(`DAY#global#${DAY}`);
    // The content hashes earlier versions stored: a change to them would rewrite every article once.
    for (const [saved, hash] of [
      [full, '4AgDt3dKu6hVwAwigmtl0X'],
      [sparse, 'rj9Nwb9-jAC2uF77p1JuQ0'],
    ] as const) {
      const stored = day.find((item) => item.id?.S === saved.id);
      expect(stored?.sk?.S).toMatch(new RegExp(`^ARTICLE#${saved.id}#[\\w-]{10}$`));
      const fields = { contentHash: hash, expiresAt: EXPIRES };
      expect(withoutKey(stored ?? {})).toEqual(await asDocumentClientStores({ type: 'article', ...saved, ...fields }));
      const [pointer] = await partition(stored?.sk?.S ?? '');
      expect(pointer?.sk).toEqual({ S: 'LOCATION' });
      expect(withoutKey(pointer ?? {})).toEqual(
        await asDocumentClientStores({ type: 'article-pointer', day: DAY, ...fields }),
      );
    }
  });

  it('reads back the story fields of the day, without the trending lists beside them', async () => {
    await store.saveTrending(
      'global',
      DAY,
      'Example News',
      [
        {
          rank: 1,
          headline: 'Most read',
          url: 'https://news.example.com/most-read',
          region: 'Global',
          source: 'Example News',
        },
      ],
      30,
    );
    const fields = await store.readStoryFields('global', DAY);
    expect(fields).toEqual(
      expect.arrayContaining([
        { id: full.id, headline: full.headline, summary: full.summary },
        { id: sparse.id, headline: sparse.headline, summary: '' },
      ]),
    );
    expect(fields).toHaveLength(2);
  });

  it('writes nothing for an unchanged article, and replaces a changed one in the day it was first stored', async () => {
    const again = await store.saveArticles([{ article: full, day: DAY }], 30);
    expect(again).toEqual({ new: 0, updated: 0, unchanged: 1, writes: 0 });

    const revised = { ...full, summary: 'Traffic resumed at dawn; the ferry still runs.' };
    const next = await store.saveArticles([{ article: revised, day: '2026-11-27' }], 30);
    expect(next).toEqual({ new: 0, updated: 1, unchanged: 0, writes: 2 });
    const day = await store.readStoryFields('global', DAY);
    expect(day.filter((f) => f.id === full.id)).toEqual([
      { id: full.id, headline: full.headline, summary: revised.summary },
    ]);
    expect(await store.readStoryFields('global', '2026-11-27')).toEqual([]);
  });

  it('stores a source of many articles, beyond one batch, and knows every one of them the next time', async () => {
    const many = Array.from({ length: 60 }, (_, i) => ({
      article: article({ headline: `Council story ${i}`, url: `https://news.example.com/council/${i}` }),
      day: '2026-11-25',
    }));
    expect(await store.saveArticles(many, 30)).toEqual({ new: 60, updated: 0, unchanged: 0, writes: 120 });
    expect(await store.readStoryFields('global', '2026-11-25')).toHaveLength(60);
    expect(await store.saveArticles(many, 30)).toEqual({ new: 0, updated: 0, unchanged: 60, writes: 0 });
  });
});
