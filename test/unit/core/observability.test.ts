import { lambdaObservability } from '../../../functions/core/observability';
import { recordDigestMetrics } from '../../../functions/digest/metrics';
import type { DigestSummary } from '../../../functions/digest/digest';

describe('Powertools set up for a function', () => {
  let written: string[];
  beforeEach(() => {
    written = [];
    const keep = (chunk: unknown) => Boolean(written.push(String(chunk)));
    jest.spyOn(process.stdout, 'write').mockImplementation(keep);
    jest.spyOn(process.stderr, 'write').mockImplementation(keep);
  });
  afterEach(() => jest.restoreAllMocks());

  const enqueued = {
    status: 'enqueued',
    edition: 'global',
    emailBytes: 20000,
    reconciled: 0,
    busyShards: 0,
  } as DigestSummary;

  it('prints every metric, single ones with their own dimensions included, when publishing', () => {
    const { metrics } = lambdaObservability('digest');
    recordDigestMetrics(metrics, enqueued);
    metrics.publishStoredMetrics();
    const lines = written
      .join('')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toContainEqual(
      expect.objectContaining({ EditionsEnqueued: 1, edition: 'global', service: 'digest' }),
    );
    expect(lines).toContainEqual(expect.objectContaining({ EmailBytes: 20000, service: 'digest' }));
  });

  it('prints no metric at all where there is no CloudWatch to read them (the local stack)', () => {
    const { metrics } = lambdaObservability('digest', { publishMetrics: false });
    recordDigestMetrics(metrics, enqueued);
    metrics.publishStoredMetrics();
    expect(written).toEqual([]);
  });
});
