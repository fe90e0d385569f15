import type { Metrics } from '@aws-lambda-powertools/metrics';
import { MetricUnit } from '../core/observability';
import { Metric } from '../core/metric-names';
import type { CollectSummary } from './collect';

/** What a collect run tells the dashboard and the "most sources failing" alarm. */
export function recordCollectMetrics(metrics: Metrics, summary: CollectSummary): void {
  metrics.addMetric(
    Metric.Collected,
    MetricUnit.Count,
    summary.items.new + summary.items.updated + summary.items.unchanged,
  );
  metrics.addMetric(Metric.SourcesRead, MetricUnit.Count, summary.read + summary.notModified + summary.unchanged);
  metrics.addMetric(Metric.SourcesFailed, MetricUnit.Count, summary.failed.length);
  metrics.addMetric(Metric.Stories, MetricUnit.Count, summary.stories);
}
