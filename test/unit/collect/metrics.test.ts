import { Metrics } from '@aws-lambda-powertools/metrics';
import { recordCollectMetrics } from '../../../functions/collect/metrics';
import { recordDigestMetrics } from '../../../functions/digest/metrics';
import type { CollectSummary } from '../../../functions/collect/collect';

/** The EMF document Powertools would print, as CloudWatch reads it. */
function emf(metrics: Metrics): Record<string, unknown> {
  return metrics.serializeMetrics() as unknown as Record<string, unknown>;
}

describe('metrics of a collect run', () => {
  it('publishes collected items, sources read (304 and unchanged bodies included) and failed, and stories in the Daybreak namespace', () => {
    const metrics = new Metrics({ namespace: 'Daybreak', serviceName: 'collect' });
    const summary = {
      read: 3,
      notModified: 2,
      unchanged: 1,
      failed: [{ source: 'x', error: 'e', failures: 1 }],
      stories: 7,
      items: { new: 4, updated: 1, unchanged: 5, skipped: 2 },
    } as unknown as CollectSummary;
    recordCollectMetrics(metrics, summary);
    const doc = emf(metrics);
    expect(doc).toMatchObject({ Collected: 10, SourcesRead: 6, SourcesFailed: 1, Stories: 7 });
    expect(JSON.stringify(doc._aws)).toContain('"Namespace":"Daybreak"');
  });
});

describe('metrics of a digest run', () => {
  it('publishes the email size of an enqueued edition, and nothing for a skipped one', () => {
    const metrics = new Metrics({ namespace: 'Daybreak', serviceName: 'digest' });
    recordDigestMetrics(metrics, {
      date: '2026-11-26',
      edition: 'global',
      status: 'skipped',
      reused: false,
      collected: 0,
      stories: 0,
      trending: 0,
      recipients: 0,
      enqueued: 0,
      reconciled: 0,
      busyShards: 0,
      emailBytes: 0,
    });
    expect(emf(metrics)).not.toHaveProperty('EmailBytes');
    recordDigestMetrics(metrics, {
      date: '2026-11-26',
      edition: 'global',
      status: 'enqueued',
      reused: false,
      collected: 9,
      stories: 9,
      trending: 3,
      recipients: 4,
      enqueued: 4,
      reconciled: 0,
      busyShards: 0,
      emailBytes: 21000,
    });
    expect(emf(metrics)).toMatchObject({ EmailBytes: 21000 });
  });

  it('publishes EditionIncomplete for the edition when a rerun found recipients lost or shards still held, or a scheduled retry had anyone to enqueue', () => {
    const metrics = new Metrics({ namespace: 'Daybreak', serviceName: 'digest' });
    const singles: Metrics[] = [];
    jest.spyOn(metrics, 'singleMetric').mockImplementation(() => {
      const single = new Metrics({ namespace: 'Daybreak', serviceName: 'digest' });
      jest.spyOn(single, 'publishStoredMetrics').mockImplementation(() => single as never);
      singles.push(single);
      return single;
    });
    const summary = {
      date: '2026-11-26',
      edition: 'global',
      status: 'enqueued' as const,
      reused: true,
      collected: 9,
      stories: 9,
      trending: 3,
      recipients: 40,
      enqueued: 0,
      reconciled: 0,
      busyShards: 0,
      emailBytes: 21000,
    };
    recordDigestMetrics(metrics, summary);
    expect(singles.map((s) => Object.keys(emf(s)))).not.toContainEqual(expect.arrayContaining(['EditionIncomplete']));
    recordDigestMetrics(metrics, { ...summary, enqueued: 7, reconciled: 7 });
    recordDigestMetrics(metrics, { ...summary, busyShards: 2 });
    const incomplete = singles.map(emf).filter((doc) => 'EditionIncomplete' in doc);
    expect(incomplete).toHaveLength(2);
    expect(incomplete[0]).toMatchObject({ EditionIncomplete: 1, edition: 'global' });
    // A send-time run enqueues everyone as a matter of course; a scheduled retry that still had anyone
    // to enqueue found the edition incomplete within its window.
    recordDigestMetrics(metrics, { ...summary, enqueued: 5 });
    expect(singles.map(emf).filter((doc) => 'EditionIncomplete' in doc)).toHaveLength(2);
    recordDigestMetrics(metrics, { ...summary, enqueued: 5 }, { retry: true });
    recordDigestMetrics(metrics, summary, { retry: true });
    expect(singles.map(emf).filter((doc) => 'EditionIncomplete' in doc)).toHaveLength(3);
  });
});
