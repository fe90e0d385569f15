import type { AwsClients } from '../core/aws-clients';
import { systemClock } from '../core/clock';
import { lambdaEntry } from '../core/lambda-entry';
import { type LambdaHandler, lambdaObservability, observed } from '../core/observability';
import { ArticleStore } from '../core/store/article-store';
import { type CollectDeps, type CollectSummary, collect } from './collect';
import { httpFetcher } from './fetch-source';
import { recordCollectMetrics } from './metrics';
import { type CollectFunctionSettings, fromEnvironment } from './settings';
import { SourceStateStore } from './source-state-store';

/** Scheduled: reads every configured source into the table; `hooks` let the local CLI show progress. */
export function createCollectHandler(
  settings: CollectFunctionSettings,
  clients: Pick<AwsClients, 'db' | 'itemsDb'>,
  observability = lambdaObservability('collect'),
  hooks: Pick<CollectDeps, 'onSourceDone'> = {},
): LambdaHandler<unknown, CollectSummary> {
  const deps = {
    ...hooks,
    sources: settings.sources,
    editions: settings.editions,
    fetch: httpFetcher({ allowPrivateAddresses: settings.allowPrivateAddresses }),
    articles: new ArticleStore(clients.db, settings.table, clients.itemsDb),
    states: new SourceStateStore(clients.itemsDb, settings.table),
    clock: systemClock,
    log: observability.log,
    retentionDays: settings.retentionDays,
    intervalMinutes: settings.collectEveryMinutes,
  };
  return observed(async () => {
    const summary = await collect(deps);
    recordCollectMetrics(observability.metrics, summary);
    return summary;
  }, observability);
}

export const handler = lambdaEntry('collect', () => fromEnvironment(process.env), createCollectHandler);
