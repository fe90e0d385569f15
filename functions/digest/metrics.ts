import type { Metrics } from '@aws-lambda-powertools/metrics';
import { MetricUnit } from '../core/observability';
import { Metric } from '../core/metric-names';
import type { DigestSummary } from './digest';

/**
 * An enqueued edition (watched per edition by the "not sent" alarm), the size of its email, and,
 * when the run found the edition incomplete (recipients lost from the queue, shards another run
 * still held, or, on a scheduled retry, anyone at all still to enqueue), one `EditionIncomplete`
 * per edition for its alarm.
 */
export function recordDigestMetrics(metrics: Metrics, summary: DigestSummary, run: { retry?: boolean } = {}): void {
  if (summary.status !== 'enqueued') return;
  const single = metrics.singleMetric();
  single.addDimension('edition', summary.edition);
  single.addMetric(Metric.EditionsEnqueued, MetricUnit.Count, 1);
  metrics.addMetric(Metric.EmailBytes, MetricUnit.Bytes, summary.emailBytes);
  metrics.addMetric(Metric.RecipientsReconciled, MetricUnit.Count, summary.reconciled);
  // A retry runs a while after the send time: whoever it still had to enqueue (a shard the send-time
  // run never reached, say) was not on the way within the edition's window.
  if (summary.reconciled > 0 || summary.busyShards > 0 || (run.retry === true && summary.enqueued > 0)) {
    const incomplete = metrics.singleMetric();
    incomplete.addDimension('edition', summary.edition);
    incomplete.addMetric(Metric.EditionIncomplete, MetricUnit.Count, 1);
  }
}
