import type { Metrics } from '@aws-lambda-powertools/metrics';
import { MetricUnit } from '../core/observability';
import { Metric } from '../core/metric-names';
import type { DigestSummary } from './digest';

/** An enqueued edition (watched per edition by the "not sent" alarm) and the size of its email. */
export function recordDigestMetrics(metrics: Metrics, summary: DigestSummary): void {
  if (summary.status !== 'enqueued') return;
  const single = metrics.singleMetric();
  single.addDimension('edition', summary.edition);
  single.addMetric(Metric.EditionsEnqueued, MetricUnit.Count, 1);
  metrics.addMetric(Metric.EmailBytes, MetricUnit.Bytes, summary.emailBytes);
}
