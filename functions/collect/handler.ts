import { loadConfig } from '../core/config';
import { documentClient } from '../core/aws-clients';
import { systemClock } from '../core/clock';
import { jsonLogger } from '../core/log';
import { ArticleStore } from '../core/store/article-store';
import { collect, type CollectSummary } from './collect';
import { httpFetcher } from './fetch-source';

const config = loadConfig(['DAYBREAK_TABLE', 'DAYBREAK_SOURCES', 'DAYBREAK_RETENTION_DAYS']);
const articles = new ArticleStore(documentClient(), config.DAYBREAK_TABLE);
const log = jsonLogger('collect');

/** Scheduled: reads every configured source into the table. */
export async function handler(): Promise<CollectSummary> {
  return collect({ sources: config.DAYBREAK_SOURCES, fetch: httpFetcher(), articles, clock: systemClock, log, retentionDays: config.DAYBREAK_RETENTION_DAYS });
}
