import { loadConfig, loadSources } from '../core/config';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { documentClient } from '../core/aws-clients';
import { systemClock } from '../core/clock';
import { lambdaObservability } from '../core/observability';
import { ArticleStore } from '../core/store/article-store';
import { SourceStateStore } from './source-state-store';
import { collect, type CollectSummary } from './collect';
import { recordCollectMetrics } from './metrics';
import { httpFetcher } from './fetch-source';

const config = loadConfig([
  'DAYBREAK_TABLE',
  'DAYBREAK_SOURCES',
  'DAYBREAK_SOURCES_FILE',
  'DAYBREAK_EDITIONS',
  'DAYBREAK_RETENTION_DAYS',
  'DAYBREAK_COLLECT_EVERY_MINUTES',
  'DAYBREAK_ALLOW_PRIVATE_ADDRESSES',
]);
const { log, metrics, tracer } = lambdaObservability('collect');
const db = documentClient(tracer.captureAWSv3Client(new DynamoDBClient({})));
const deps = {
  sources: loadSources(config),
  editions: config.DAYBREAK_EDITIONS,
  fetch: httpFetcher({ allowPrivateAddresses: config.DAYBREAK_ALLOW_PRIVATE_ADDRESSES }),
  articles: new ArticleStore(db, config.DAYBREAK_TABLE),
  states: new SourceStateStore(db, config.DAYBREAK_TABLE),
  clock: systemClock,
  log,
  retentionDays: config.DAYBREAK_RETENTION_DAYS,
  intervalMinutes: config.DAYBREAK_COLLECT_EVERY_MINUTES,
};

/** Scheduled: reads every configured source into the table. */
export async function handler(): Promise<CollectSummary> {
  try {
    const summary = await collect(deps);
    recordCollectMetrics(metrics, summary);
    return summary;
  } finally {
    metrics.publishStoredMetrics();
  }
}
