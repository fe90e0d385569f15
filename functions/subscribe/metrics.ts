import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { FilterReason } from '../core/clicks/bot-filter';
import { Metric } from '../core/metric-names';
import { MetricUnit } from '../core/observability';

/**
 * One click of an edition, as its own EMF line (a single metric: the subscribe function publishes
 * nothing else, so no request ends with an empty-metrics warning): `Clicks`, or `ClicksFiltered`
 * for a link scanner's.
 */
export function recordClickMetric(metrics: Metrics, edition: string, filtered: FilterReason | undefined): void {
  const single = metrics.singleMetric();
  single.addDimension('edition', edition);
  single.addMetric(filtered ? Metric.ClicksFiltered : Metric.Clicks, MetricUnit.Count, 1);
}
