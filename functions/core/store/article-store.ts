import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ArticleSchema, TrendingItemSchema, type Article, type TrendingItem } from '../model';
import { shortHash } from '../hash';
import { putAll } from './batch-write';
import { getAll } from './batch-get';
import { conditionalPut } from './conditional';
import { queryAll } from './query-all';
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
const articleRef = (article: Article) => `${article.id}#${sourceKey(article.source)}`;

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

const StoredTrendingSchema = z.object({ items: z.array(TrendingItemSchema) });

export class ArticleStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * Stores articles, each under `day` (its edition-local date) the first time it is seen, and
   * under that same day ever after; unchanged articles are not written at all.
   */
  async saveArticles(entries: { article: Article; day: string }[], retentionDays: number): Promise<SaveCounts> {
    const counts: SaveCounts = { new: 0, updated: 0, unchanged: 0, writes: 0 };
    const unique = new Map(entries.map((entry) => [articleRef(entry.article), entry]));
    const pointers = await getAll(
      this.db,
      this.tableName,
      [...unique.keys()].map((ref) => ({ pk: `ARTICLE#${ref}`, sk: 'LOCATION' })),
      { projection: 'pk, #day, contentHash', names: { '#day': 'day' } },
    );
    const known = new Map(
      pointers.map((p) => [String(p.pk).slice('ARTICLE#'.length), p as { day?: string; contentHash?: string }]),
    );
    const writes: Record<string, unknown>[] = [];
    for (const [ref, { article, day }] of unique) {
      const hash = contentHash(article);
      const pointer = known.get(ref);
      if (pointer?.contentHash === hash) {
        counts.unchanged++;
        continue;
      }
      const storedDay = pointer?.day ?? day;
      const expiresAt = expiry(storedDay, retentionDays);
      writes.push(
        {
          pk: DAY(article.edition, storedDay),
          sk: `ARTICLE#${ref}`,
          type: 'article',
          ...article,
          contentHash: hash,
          expiresAt,
        },
        { pk: `ARTICLE#${ref}`, sk: 'LOCATION', type: 'article-pointer', day: storedDay, contentHash: hash, expiresAt },
      );
      if (pointer) counts.updated++;
      else counts.new++;
    }
    await putAll(this.db, this.tableName, writes);
    counts.writes = writes.length;
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
        sk: `TRENDING#${sourceKey(source)}`,
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
}

/** What makes an article "changed": its content, not when it was fetched. */
function contentHash(article: Article): string {
  return shortHash(JSON.stringify(Object.entries(article).sort(([a], [b]) => a.localeCompare(b))));
}

function expiry(day: string, retentionDays: number): number {
  return Math.floor(Date.parse(`${day}T00:00:00Z`) / 1000) + (retentionDays + 1) * 86400;
}
