import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ArticleSchema, TrendingItemSchema, type Article, type TrendingItem } from '../model';
import { shortHash } from '../hash';
import { BATCH_WRITE_LIMIT, type BatchItemWriter, type MarshalledItem, putAllMarshalled } from './batch-write';
import { type BatchItemReader, getAllMarshalled } from './batch-get';
import { marshalFlat } from './marshal-flat';
import { conditionalPut } from './conditional';
import { type PlainQuerier, queryAll, queryMarshalledPages } from './query-all';
import * as z from 'zod/mini';

/**
 * Articles and trending lists, in day partitions of their edition's time zone
 * (`DAY#<edition>#<yyyy-mm-dd>`), read back with one Query per day. An article is one item per
 * (canonical URL, source); a small pointer item (`ARTICLE#…`) remembers which day holds it and a
 * hash of its content, so an unchanged article costs no write and an updated one replaces
 * itself in place, never appearing twice.
 */

const DAY = (edition: string, date: string) => `DAY#${edition}#${date}`;
const sourceKey = (source: string) => shortHash(source).slice(0, 10);
const POINTER = (ref: string) => `ARTICLE#${ref}`;

export interface DayContents {
  articles: Article[];
  trending: TrendingItem[];
  /** Stored items that no longer match the schema: counted, never thrown. */
  skipped: number;
}

export interface SaveCounts {
  new: number;
  updated: number;
  unchanged: number;
  /** DynamoDB write requests made (two per new or updated article: the article and its pointer). */
  writes: number;
}

export type SaveOutcome = 'new' | 'updated' | 'unchanged';

/** What telling stories apart reads of an article (`clusterArticles`). */
export type StoryFields = Pick<Article, 'id' | 'headline' | 'summary'>;

const StoredTrendingSchema = z.object({ items: z.array(TrendingItemSchema) });

export class ArticleStore {
  /** Source keys by source name: every article of a source has the same. */
  private readonly sourceKeys = new Map<string, string>();

  /**
   * @param itemsDb where articles and their pointers are read and written, as plain (hand-marshalled)
   *   batch commands and queries: the SDK-less `AwsClients.itemsDb` spends least CPU on a run's
   *   thousand requests; by default the document client, which passes plain commands through.
   */
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly itemsDb: BatchItemWriter & BatchItemReader & PlainQuerier = db,
  ) {}

  /**
   * Stores articles, each under `day` (its edition-local date) the first time it is seen, and
   * under that same day ever after; unchanged articles are not written at all.
   */
  async saveArticles(entries: { article: Article; day: string }[], retentionDays: number): Promise<SaveCounts> {
    const counts: SaveCounts = { new: 0, updated: 0, unchanged: 0, writes: 0 };
    const unique = new Map(entries.map((entry) => [this.articleRef(entry.article), entry]));
    const pointers = await getAllMarshalled(
      this.itemsDb,
      this.tableName,
      [...unique.keys()].map((ref) => ({ pk: { S: POINTER(ref) }, sk: { S: 'LOCATION' } })),
      { projection: 'pk, #day, contentHash', names: { '#day': 'day' } },
    );
    const known = new Map(
      pointers.map((p) => [p.pk?.S?.slice(POINTER('').length), { day: p.day?.S, contentHash: p.contentHash?.S }]),
    );
    const articles: MarshalledItem[] = [];
    const locations: MarshalledItem[] = [];
    for (const [ref, { article, day }] of unique) {
      const hash = contentHash(article);
      const pointer = known.get(ref);
      if (pointer?.contentHash === hash) {
        counts.unchanged++;
        continue;
      }
      const storedDay = pointer?.day ?? day;
      const expiresAt = expiry(storedDay, retentionDays);
      articles.push(
        marshalFlat({
          pk: DAY(article.edition, storedDay),
          sk: POINTER(ref),
          type: 'article',
          ...article,
          contentHash: hash,
          expiresAt,
        }),
      );
      locations.push(
        marshalFlat({
          pk: POINTER(ref),
          sk: 'LOCATION',
          type: 'article-pointer',
          day: storedDay,
          contentHash: hash,
          expiresAt,
        }),
      );
      if (pointer) counts.updated++;
      else counts.new++;
    }
    // A pointer says its article is stored (and unchanged ever after): beyond one batch, where the
    // batches go out several at once, the pointers wait until every article is written.
    if (articles.length + locations.length <= BATCH_WRITE_LIMIT) {
      await putAllMarshalled(this.itemsDb, this.tableName, [...articles, ...locations]);
    } else {
      await putAllMarshalled(this.itemsDb, this.tableName, articles);
      await putAllMarshalled(this.itemsDb, this.tableName, locations);
    }
    counts.writes = articles.length + locations.length;
    return counts;
  }

  /** Replaces one source's trending list for an edition's day; an unchanged list is not written. */
  async saveTrending(
    edition: string,
    day: string,
    source: string,
    items: TrendingItem[],
    retentionDays: number,
  ): Promise<SaveOutcome> {
    const hash = shortHash(JSON.stringify(items));
    const put = await conditionalPut(this.db, {
      TableName: this.tableName,
      Item: {
        pk: DAY(edition, day),
        sk: `TRENDING#${this.sourceKey(source)}`,
        type: 'trending',
        source,
        items,
        contentHash: hash,
        expiresAt: expiry(day, retentionDays),
      },
      ConditionExpression: 'attribute_not_exists(pk) OR contentHash <> :hash',
      ExpressionAttributeValues: { ':hash': hash },
      ReturnValues: 'ALL_OLD',
    });
    if (!put.written) return 'unchanged';
    return put.output.Attributes ? 'updated' : 'new';
  }

  /** One Query (paged) over one edition-day partition: never a Scan. */
  async readDay(edition: string, day: string): Promise<DayContents> {
    const contents: DayContents = { articles: [], trending: [], skipped: 0 };
    const items = queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': DAY(edition, day) },
    });
    for await (const item of items) {
      if (item.type === 'trending') {
        const parsed = StoredTrendingSchema.safeParse(item);
        if (parsed.success) contents.trending.push(...parsed.data.items);
        else contents.skipped++;
      } else {
        const parsed = ArticleSchema.safeParse(item);
        if (parsed.success) contents.articles.push(parsed.data);
        else contents.skipped++;
      }
    }
    return contents;
  }

  /**
   * The story fields of one edition-day's articles, in one Query (paged) that projects only them:
   * what counting the day's stories needs, at a fraction of `readDay`'s bytes and CPU. An article
   * counts when it has an id and a headline, whatever its other attributes hold.
   */
  async readStoryFields(edition: string, day: string): Promise<StoryFields[]> {
    const fields: StoryFields[] = [];
    const pages = queryMarshalledPages(this.itemsDb, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': { S: DAY(edition, day) } },
      ProjectionExpression: '#type, #id, #headline, #summary',
      ExpressionAttributeNames: { '#type': 'type', '#id': 'id', '#headline': 'headline', '#summary': 'summary' },
    });
    for await (const page of pages) {
      for (const item of page) {
        const [id, headline] = [item.id?.S, item.headline?.S];
        if (item.type?.S !== 'trending' && id && headline)
          fields.push({ id, headline, summary: item.summary?.S ?? '' });
      }
    }
    return fields;
  }

  private sourceKey(source: string): string {
    const known = this.sourceKeys.get(source);
    if (known !== undefined) return known;
    const key = sourceKey(source);
    this.sourceKeys.set(source, key);
    return key;
  }

  private articleRef(article: Article): string {
    return `${article.id}#${this.sourceKey(article.source)}`;
  }
}

/**
 * What makes an article "changed": its content, not when it was fetched. Its entries in
 * `localeCompare` order of their names, as stored hashes were made; the order is sorted once for
 * each set of names, not once for each of a run's ten thousand articles.
 */
function contentHash(article: Article): string {
  const names = Object.keys(article) as (keyof Article)[];
  const signature = names.join(',');
  let order = SORTED_NAMES.get(signature);
  if (!order) {
    order = [...names].sort((a, b) => a.localeCompare(b));
    SORTED_NAMES.set(signature, order);
  }
  return shortHash(JSON.stringify(order.map((name) => [name, article[name]])));
}

/** A handful of entries: articles differ only in which optional fields they carry. */
const SORTED_NAMES = new Map<string, (keyof Article)[]>();

function expiry(day: string, retentionDays: number): number {
  return Math.floor(Date.parse(`${day}T00:00:00Z`) / 1000) + (retentionDays + 1) * 86400;
}
