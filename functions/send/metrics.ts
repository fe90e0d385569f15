import type { Metrics } from '@aws-lambda-powertools/metrics';
import { MetricUnit } from '../core/observability';
import { Metric } from '../core/metric-names';
import type { BatchOutcome } from './send';

/** What each batch adds to the dashboard (sent, failed, throttled) and to the bounce and complaint rates' denominator. */
export function recordSendMetrics(metrics: Metrics, outcome: BatchOutcome): void {
  metrics.addMetric(Metric.Sent, MetricUnit.Count, outcome.sent);
  metrics.addMetric(Metric.Failed, MetricUnit.Count, outcome.failed);
  metrics.addMetric(Metric.Throttled, MetricUnit.Count, outcome.throttled);
}
