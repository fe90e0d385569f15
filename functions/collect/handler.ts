import { loadConfig } from '../core/config';
import { documentClient } from '../core/aws-clients';
import { systemClock } from '../core/clock';
import { jsonLogger } from '../core/log';
import { ArticleStore } from '../core/store/article-store';
import { SourceStateStore } from '../core/store/source-state-store';
import { collect, type CollectSummary } from './collect';
import { httpFetcher } from './fetch-source';

const config = loadConfig(['DAYBREAK_TABLE', 'DAYBREAK_SOURCES', 'DAYBREAK_EDITIONS', 'DAYBREAK_RETENTION_DAYS', 'DAYBREAK_COLLECT_EVERY_MINUTES']);
const db = documentClient();
const deps = {
  sources: config.DAYBREAK_SOURCES,
  editions: config.DAYBREAK_EDITIONS,
  fetch: httpFetcher(),
  articles: new ArticleStore(db, config.DAYBREAK_TABLE),
  states: new SourceStateStore(db, config.DAYBREAK_TABLE),
  clock: systemClock,
  log: jsonLogger('collect'),
  retentionDays: config.DAYBREAK_RETENTION_DAYS,
  intervalMinutes: config.DAYBREAK_COLLECT_EVERY_MINUTES,
};

/** Scheduled: reads every configured source into the table. */
export async function handler(): Promise<CollectSummary> {
  return collect(deps);
}
