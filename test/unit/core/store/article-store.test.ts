import {
  type AttributeValue,
  BatchGetItemCommand,
  BatchWriteItemCommand,
  type BatchWriteItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import { ArticleStore } from '../../../../functions/core/store/article-store';
import { article } from '../../../helpers/articles';
import { mockedDocumentClient } from '../../../helpers/dynamo-mock';

describe('ArticleStore.saveArticles when DynamoDB fails part way', () => {
  const { db, mock } = mockedDocumentClient();
  const entries = Array.from({ length: 30 }, (_, i) => ({
    article: article({ headline: `Story ${i}`, url: `https://news.example.com/${i}` }),
    day: '2026-11-26',
  }));

  it('leaves no pointer to an article it did not write: the next run finds that article new', async () => {
    const stored: Record<string, AttributeValue>[] = [];
    let articleBatches = 0;
    mock.on(BatchGetItemCommand).resolves({});
    mock.on(BatchWriteItemCommand).callsFake(async (input: BatchWriteItemCommandInput) => {
      const items = (input.RequestItems?.t ?? []).map((request) => request.PutRequest?.Item ?? {});
      await new Promise((resolve) => setImmediate(resolve));
      if (items.some((item) => item.type?.S === 'article') && ++articleBatches === 1)
        throw new Error('connection reset');
      stored.push(...items);
      return {};
    });
    await expect(new ArticleStore(db, 't').saveArticles(entries, 30)).rejects.toThrow('connection reset');
    // Batches already sent when the failure came still land.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const articles = new Set(stored.filter((item) => item.type?.S === 'article').map((item) => item.sk?.S));
    const pointers = stored.filter((item) => item.type?.S === 'article-pointer').map((item) => item.pk?.S);
    expect(pointers.filter((pointer) => !articles.has(pointer))).toEqual([]);
  });
});
