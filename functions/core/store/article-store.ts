import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ArticleSchema, TrendingItemSchema, type Article, type TrendingItem } from '../model';
import { putAll } from './batch-write';

const DAY = (date: string) => `DAY#${date}`;

export interface DayContents {
  articles: Article[];
  trending: TrendingItem[];
  skipped: number;
}

/** Articles and trending lists, partitioned by the UTC day of publication; they expire by TTL. */
export class ArticleStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Stores articles under their day; an article seen again overwrites itself (its id is its URL). */
  async putArticles(articles: Article[], retentionDays: number): Promise<void> {
    await putAll(
      this.db,
      this.tableName,
      articles.map((article) => ({
        pk: DAY(article.publishedAt.slice(0, 10)),
        sk: `ARTICLE#${article.id}`,
        type: 'article',
        ...article,
        expiresAt: expiry(article.publishedAt, retentionDays),
      })),
    );
  }

  async putTrending(date: string, items: TrendingItem[], retentionDays: number): Promise<void> {
    await putAll(
      this.db,
      this.tableName,
      items.map((item) => ({
        pk: DAY(date),
        sk: `TRENDING#${item.source}#${String(item.rank).padStart(3, '0')}`,
        type: 'trending',
        ...item,
        expiresAt: expiry(`${date}T00:00:00Z`, retentionDays),
      })),
    );
  }

  /** One Query (paged) over one day's partition: never a Scan. Unreadable items are counted, not thrown. */
  async readDay(date: string): Promise<DayContents> {
    const contents: DayContents = { articles: [], trending: [], skipped: 0 };
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({ TableName: this.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': DAY(date) }, ExclusiveStartKey }),
      );
      for (const item of page.Items ?? []) {
        const schema = item.type === 'trending' ? TrendingItemSchema : ArticleSchema;
        const parsed = schema.safeParse(item);
        if (!parsed.success) contents.skipped++;
        else if (item.type === 'trending') contents.trending.push(parsed.data as TrendingItem);
        else contents.articles.push(parsed.data as Article);
      }
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return contents;
  }
}

function expiry(isoDate: string, retentionDays: number): number {
  return Math.floor(new Date(isoDate).getTime() / 1000) + retentionDays * 86400;
}
