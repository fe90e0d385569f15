import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { parseDaybreakConfig } from '../../functions/core/daybreak-config';
import { checkedApp } from '../../infra/checked-app';
import { DaybreakStack } from '../../infra/daybreak-stack';

/** Lambda refuses a function whose variables, names and values together, exceed 4 KB. */
const LAMBDA_ENVIRONMENT_LIMIT = 4096;
/**
 * What a value CDK resolves only at deploy time (a table name, a queue URL, a secret's ARN) may
 * grow to: more than any of them does, so the sum below is an upper bound.
 */
const DEPLOY_TIME_VALUE_BYTES = 256;

const shipped = JSON.parse(readFileSync(path.join(__dirname, '../../config/daybreak.json'), 'utf8')) as {
  editions: unknown[];
  sources: unknown[];
};
/** Forty editions, each with a title as long as a title may be, and a source each. */
const editions = Array.from({ length: 40 }, (_, i) => ({
  id: `regional-edition-${String(i).padStart(2, '0')}`,
  title: `Daybreak regional morning briefing number ${i}: the day's headlines, what is trending, and more`
    .padEnd(100, '.')
    .slice(0, 100),
  sendAt: `0${i % 10}:${String((i * 7) % 60).padStart(2, '0')}`,
  timezone: ['Europe/London', 'America/New_York', 'Asia/Kolkata', 'Australia/Sydney'][i % 4],
  maxStories: 25,
}));
const config = parseDaybreakConfig({
  ...shipped,
  editions,
  sources: editions.map((edition, i) => ({
    name: `A regional wire service with a rather long name, serving edition number ${i}`,
    url: `https://wire-${i}.example.com/rss`,
    kind: 'feed',
    edition: edition.id,
  })),
});

interface LambdaResource {
  Properties: { Environment?: { Variables?: Record<string, unknown> } };
  Metadata?: Record<string, string>;
}

/** The variables' size as Lambda counts it: every name and value, in bytes. */
function environmentBytes(variables: Record<string, unknown>): number {
  return Object.entries(variables).reduce(
    (sum, [name, value]) =>
      sum +
      Buffer.byteLength(name) +
      (typeof value === 'string'
        ? Buffer.byteLength(value)
        : Math.max(DEPLOY_TIME_VALUE_BYTES, JSON.stringify(value).length)),
    0,
  );
}

/**
 * Forty editions with long titles: in the environment they would overflow Lambda's 4 KB only at
 * deploy. Shipped as files beside the bundles, every function's environment stays small. This
 * synthesizes with bundling, to read the files the bundles carry.
 */
describe('a stack with forty editions', () => {
  const app = checkedApp({ context: { 'aws:cdk:enable-asset-metadata': true } });
  const template = Template.fromStack(new DaybreakStack(app, 'ManyEditions', { config }));
  const functions = Object.entries(template.findResources('AWS::Lambda::Function')) as [string, LambdaResource][];
  const bundleOf = (id: RegExp): string => {
    const asset = functions.find(([logicalId]) => id.test(logicalId))?.[1].Metadata?.['aws:asset:path'];
    if (!asset) throw new Error(`no bundled function matches ${id}`);
    return path.join(app.outdir, asset);
  };
  const shippedFile = (id: RegExp, name: string): unknown =>
    JSON.parse(readFileSync(path.join(bundleOf(id), name), 'utf8'));

  it('would not fit the environment as JSON', () => {
    expect(Buffer.byteLength(JSON.stringify(config.editions))).toBeGreaterThan(LAMBDA_ENVIRONMENT_LIMIT);
  });

  it('keeps every function’s environment under Lambda’s 4 KB', () => {
    const daybreakFunctions = functions.filter(([id]) => /(Collect|Digest|Send|Subscribe|Feedback)Function/.test(id));
    expect(daybreakFunctions).toHaveLength(5);
    for (const [id, resource] of functions) {
      const bytes = environmentBytes(resource.Properties.Environment?.Variables ?? {});
      expect({ id, bytes, fits: bytes < LAMBDA_ENVIRONMENT_LIMIT }).toEqual({ id, bytes, fits: true });
    }
  });

  it('names the editions file in the environment of each function that reads editions, and nothing more of them', () => {
    for (const id of [/CollectFunction/, /DigestFunction/, /SubscribeFunction/]) {
      const variables = functions.find(([logicalId]) => id.test(logicalId))?.[1].Properties.Environment?.Variables;
      expect(variables).toMatchObject({ DAYBREAK_EDITIONS_FILE: 'editions.json' });
      expect(JSON.stringify(variables)).not.toContain(editions[0]?.title);
    }
  });

  it('ships the configured editions beside each of those bundles, and the sources beside the collector', () => {
    for (const id of [/CollectFunction/, /DigestFunction/, /SubscribeFunction/])
      expect(shippedFile(id, 'editions.json')).toEqual(config.editions);
    expect(shippedFile(/CollectFunction/, 'sources.json')).toEqual(config.sources);
  });
});
