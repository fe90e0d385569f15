import type { Metrics } from '@aws-lambda-powertools/metrics';
import { MetricUnit } from '../core/observability';
import { Metric } from '../core/metric-names';
import type { FeedbackOutcome } from './feedback';

/**
 * Bounces and complaints, for the dashboard and the rate alarms (an SNS redelivery counts once),
 * and the editions these events paused, which the stack alarms on.
 */
export function recordFeedbackMetrics(metrics: Metrics, outcomes: FeedbackOutcome[]): void {
  const fresh = outcomes.filter((o) => !o.duplicate);
  metrics.addMetric(Metric.Bounces, MetricUnit.Count, fresh.filter((o) => o.kind === 'Bounce').length);
  metrics.addMetric(Metric.Complaints, MetricUnit.Count, fresh.filter((o) => o.kind === 'Complaint').length);
  metrics.addMetric(Metric.EditionsPaused, MetricUnit.Count, outcomes.filter((o) => o.paused !== undefined).length);
}
