import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { silentLogger } from '../../functions/core/log';
import { ArticleStore } from '../../functions/core/store/article-store';
import type { DigestDeps } from '../../functions/digest/digest';
import { EnqueueProgressStore } from '../../functions/digest/enqueue-progress';
import type { SubscribeDeps } from '../../functions/subscribe/deps';
import { TEST_TABLE } from './stand-ins';

/**
 * The digest's dependencies on the same table as the subscribe stand-ins, so the pages the subscribe
 * function serves read what the digest kept; nothing is enqueued.
 */
export function digestBesideSubscribe(
  db: DynamoDBDocumentClient,
  deps: SubscribeDeps,
  own: Pick<DigestDeps, 'clock' | 'archive'> & Partial<DigestDeps>,
): DigestDeps {
  return {
    articles: new ArticleStore(db, TEST_TABLE),
    editions: deps.editions,
    subscribers: deps.subscribers,
    progress: new EnqueueProgressStore(db, TEST_TABLE),
    queue: { enqueue: async () => {} },
    log: silentLogger,
    publicUrl: 'https://news.example.com',
    ...own,
  };
}
