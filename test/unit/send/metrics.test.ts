import { Metrics } from '@aws-lambda-powertools/metrics';
import { recordSendMetrics } from '../../../functions/send/metrics';
import { recordFeedbackMetrics } from '../../../functions/feedback/metrics';

const emf = (metrics: Metrics) => metrics.serializeMetrics() as unknown as Record<string, unknown>;

describe('metrics of sending and of feedback', () => {
  it('adds up sent, failed and throttled over the batches of one invocation', () => {
    const metrics = new Metrics({ namespace: 'Daybreak', serviceName: 'send' });
    recordSendMetrics(metrics, {
      sent: 40,
      skipped: 2,
      failed: 1,
      unknown: 0,
      already: 0,
      throttled: 3,
      emailBytes: 30000,
    });
    recordSendMetrics(metrics, {
      sent: 50,
      skipped: 0,
      failed: 0,
      unknown: 0,
      already: 0,
      throttled: 0,
      emailBytes: 30000,
    });
    const doc = emf(metrics);
    expect(doc.Sent).toEqual([40, 50]);
    expect(doc.Failed).toEqual([1, 0]);
    expect(doc.Throttled).toEqual([3, 0]);
  });

  it('counts bounces and complaints once, whatever SNS redelivers', () => {
    const metrics = new Metrics({ namespace: 'Daybreak', serviceName: 'feedback' });
    recordFeedbackMetrics(metrics, [
      { kind: 'Bounce', suppressed: 1, transient: 0 },
      { kind: 'Bounce', suppressed: 1, transient: 0, duplicate: true },
      { kind: 'Complaint', suppressed: 1, transient: 0 },
      { kind: 'Delivery', suppressed: 0, transient: 0 },
    ]);
    expect(emf(metrics)).toMatchObject({ Bounces: 1, Complaints: 1, EditionsPaused: 0 });
  });
});
