import { TokenSigner } from '../../functions/core/tokens';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { documentClient } from '../../functions/core/aws-clients';
import { SubscriberStore } from '../../functions/core/store/subscriber-store';
import { ensureTable, startDynamoDb } from '../../infra/local/dynamodb';
import { startSes, type LocalSes } from '../../infra/local/ses';
import { LocalQueue } from '../../infra/local/sqs';
import { startSampleSources, type SampleSources } from '../../infra/local/sample-sources';
import { loadConfigFile } from '../../functions/core/load-config-file';
import { DEFAULT_IDENTITY } from '../../functions/mail/identity';
import { readOutbox } from '../helpers/mail';
import { deployedEnvironment } from '../helpers/deployed-environment';
import { tempDir } from '../helpers/stand-ins';
import { bundledFiles as collectFiles, toEnvironment as collectEnvironment } from '../../functions/collect/settings';
import { toEnvironment as digestEnvironment } from '../../functions/digest/settings';
import { toEnvironment as sendEnvironment } from '../../functions/send/settings';
import { toEnvironment as subscribeEnvironment } from '../../functions/subscribe/settings';
import { toEnvironment as feedbackEnvironment } from '../../functions/feedback/settings';

const run = promisify(execFile);
const ROOT = path.join(__dirname, '..', '..');
const TABLE = 'daybreak-bundles';
/** A table of its own for a run of feeds alone, so that its feeds are new to it and parsed. */
const FEEDS_TABLE = 'daybreak-bundles-feeds';

interface Template {
  Resources: Record<string, { Type: string; Metadata?: Record<string, string> }>;
}

/**
 * The bundles as `cdk synth` builds them (esbuild, minified, SDK external, templates copied) are
 * loaded by plain Node and their handlers invoked against the stand-ins: mjml, linkedom and the
 * rest must work bundled, not only from node_modules.
 */
describe('Lambda bundles, as the stack builds them', () => {
  const out = tempDir('cdk-out-');
  const assets = new Map<string, string>();
  /** What Lambda's runtime gives every function here: a region, credentials, the stand-ins' endpoints. */
  let runtime: Record<string, string>;
  /** Each function's own settings, written as its construct writes them. */
  let settings: {
    collect: Record<string, string>;
    collectFeeds: Record<string, string>;
    digest: Record<string, string>;
    send: Record<string, string>;
    subscribe: (extra: { configurationSet?: string }) => Record<string, string>;
    feedback: Record<string, string>;
  };
  let closers: (() => Promise<void>)[] = [];
  let ses: LocalSes;
  let queue: LocalQueue;
  let samples: SampleSources;
  let subscribers: SubscriberStore;

  beforeAll(async () => {
    await run('npx', ['cdk', 'synth', '--quiet', '-o', out], {
      cwd: ROOT,
      env: { ...process.env, CDK_HOME: path.join(ROOT, '.cdk-home') },
      timeout: 240000,
    });
    const template = JSON.parse(readFileSync(path.join(out, 'Daybreak.template.json'), 'utf8')) as Template;
    for (const [id, resource] of Object.entries(template.Resources)) {
      const asset = resource.Metadata?.['aws:asset:path'];
      if (resource.Type === 'AWS::Lambda::Function' && asset) assets.set(id, path.join(out, asset));
    }
    const dynamo = await startDynamoDb();
    const credentials = { accessKeyId: 'b', secretAccessKey: 'b' };
    for (const table of [TABLE, FEEDS_TABLE])
      await ensureTable(new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'us-east-1', credentials }), table);
    const now = new Date().toISOString();
    subscribers = new SubscriberStore(
      documentClient(new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'us-east-1', credentials })),
      TABLE,
      // The key the bundled functions are given below: the active index is sorted by its fingerprints.
      (email) => new TokenSigner('bundle-test-secret-of-at-least-32-characters').fingerprint(email),
    );
    await subscribers.put({
      email: 'reader@example.com',
      status: 'active',
      editions: ['global'],
      createdAt: now,
      updatedAt: now,
    });
    ses = await startSes(path.join(tempDir('bundle-outbox-'), 'outbox'));
    queue = new LocalQueue('bundle-send');
    await queue.start();
    samples = await startSampleSources();
    closers = [dynamo.close, ses.close, () => queue.close(), samples.close];
    const config = loadConfigFile(path.join(ROOT, 'config/daybreak.json'));
    runtime = {
      PATH: process.env.PATH ?? '',
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'b',
      AWS_SECRET_ACCESS_KEY: 'b',
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_ENDPOINT_URL_SES: ses.endpoint,
      AWS_ENDPOINT_URL_SQS: queue.queueUrl.replace(/\/\d+\/.*$/, ''),
      POWERTOOLS_METRICS_DISABLED: 'true',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
    };
    const editions = config.editions;
    const publicUrl = 'https://news.example.com';
    const archiveDir = tempDir('bundle-archive-');
    const mailing = {
      table: TABLE,
      sender: 'Daybreak <digest@news.example.com>',
      publicUrl,
      tokenSecret: 'bundle-test-secret-of-at-least-32-characters',
    };
    // The sample sources are on 127.0.0.1, which the collector refuses unless told otherwise, as the local stack tells it.
    const collect = { table: TABLE, sources: samples.sources, editions, allowPrivateAddresses: true };
    const feeds = samples.sources.filter((source) => source.kind === 'feed');
    const collectContract = { toEnvironment: collectEnvironment, bundledFiles: collectFiles };
    // The bundle ships the configured sources; this run reads the samples from files of its own.
    settings = {
      collect: deployedEnvironment(collectContract, collect),
      collectFeeds: deployedEnvironment(collectContract, { ...collect, table: FEEDS_TABLE, sources: feeds }),
      digest: digestEnvironment({
        table: TABLE,
        sendQueueUrl: queue.queueUrl,
        editions,
        publicUrl,
        identity: DEFAULT_IDENTITY,
        archiveDir,
        // Click links are signed with the link key (aggregate click tracking is the default).
        tokenSecret: mailing.tokenSecret,
      }),
      send: sendEnvironment(mailing),
      subscribe: (extra) =>
        subscribeEnvironment({ ...mailing, editions, identity: DEFAULT_IDENTITY, archiveDir, ...extra }),
      feedback: feedbackEnvironment({ table: TABLE }),
    };
  }, 300000);
  afterAll(async () => {
    for (const close of closers) await close();
  });

  function assetOf(name: RegExp): string {
    const entry = [...assets].find(([id]) => name.test(id));
    if (!entry) throw new Error(`no bundled function matches ${name}: ${[...assets.keys()].join(', ')}`);
    return entry[1];
  }

  /**
   * Loads a bundle in a fresh Node process, as Lambda does, with the function's environment, and
   * invokes its handler with `event`. Also says which files the process loaded to answer.
   */
  async function invokeTracing(
    name: RegExp,
    event: unknown,
    env: Record<string, string>,
  ): Promise<{ result: unknown; loaded: string[] }> {
    const asset = assetOf(name);
    const script = `require(${JSON.stringify(path.join(asset, 'index.js'))}).handler(${JSON.stringify(event)}).then((r) => process.stdout.write(JSON.stringify({ result: r ?? null, loaded: Object.keys(require.cache) })), (e) => { process.stderr.write(String(e && e.stack || e)); process.exit(1); })`;
    const { stdout } = await run(process.execPath, ['-e', script], {
      env: { ...runtime, ...env },
      cwd: asset,
      timeout: 60000,
    });
    return JSON.parse(stdout) as { result: unknown; loaded: string[] };
  }

  async function invoke(name: RegExp, event: unknown, env: Record<string, string>): Promise<unknown> {
    return (await invokeTracing(name, event, env)).result;
  }

  const mjmlFiles = (loaded: string[]) => loaded.filter((file) => file.includes(`${path.sep}mjml${path.sep}`));

  // What a cold start reads and parses (index.js; the source map is read only for a stack trace).
  it.each([
    ['send', 500, /SendFunction/],
    ['feedback', 500, /FeedbackFunction/],
    // linkedom and Readability, which only pages need, are bundled beside index.js.
    ['collect', 500, /CollectFunction/],
    ['subscribe', 1000, /SubscribeFunction/],
    ['digest', 3000, /DigestFunction/],
  ])('keeps the %s bundle within %d KB, minified with its source map beside it', (_name, kilobytes, id) => {
    const asset = assetOf(id);
    expect(statSync(path.join(asset, 'index.js')).size).toBeLessThanOrEqual(kilobytes * 1000);
    expect(existsSync(path.join(asset, 'index.js.map'))).toBe(true);
  });

  it('leaves mjml out of every bundle that does not render it', () => {
    for (const id of [/SendFunction/, /FeedbackFunction/, /CollectFunction/, /SubscribeFunction/]) {
      expect(readFileSync(path.join(assetOf(id), 'index.js'), 'utf8')).not.toContain('mj-column');
    }
  });

  it('ships the configured sources beside the collect bundle, and the editions beside each bundle that reads them', () => {
    const config = loadConfigFile(path.join(ROOT, 'config/daybreak.json'));
    const shipped = (fn: RegExp, file: string) =>
      JSON.parse(readFileSync(path.join(assetOf(fn), file), 'utf8')) as {
        name?: string;
        id?: string;
      }[];
    expect(shipped(/CollectFunction/, 'sources.json').map((s) => s.name)).toEqual(config.sources.map((s) => s.name));
    for (const fn of [/CollectFunction/, /DigestFunction/, /SubscribeFunction/])
      expect(shipped(fn, 'editions.json').map((e) => e.id)).toEqual(config.editions.map((e) => e.id));
  });

  /** The files a bundled function loaded from beside its index.js (its lazily loaded packages). */
  const besideFiles = (name: RegExp, loaded: string[]) =>
    loaded.filter((file) => file.startsWith(path.join(assetOf(name), 'node_modules')));

  it('collects the sample sources with the bundled collect function, the page readers loaded from beside it', async () => {
    const { result, loaded } = await invokeTracing(/CollectFunction/, {}, settings.collect);
    const summary = result as { read: number; items: { new: number } };
    expect(summary.read).toBe(3);
    expect(summary.items.new).toBeGreaterThanOrEqual(10);
    // The sample article is a page: it is read with linkedom and Readability, shipped beside index.js.
    expect(
      besideFiles(/CollectFunction/, loaded).map((file) => path.relative(assetOf(/CollectFunction/), file)),
    ).toEqual(
      expect.arrayContaining([
        path.join('node_modules', 'linkedom', 'index.js'),
        path.join('node_modules', '@mozilla', 'readability', 'index.js'),
      ]),
    );
  });

  it('collects feeds alone with the bundled collect function without loading the page readers', async () => {
    const { result, loaded } = await invokeTracing(/CollectFunction/, {}, settings.collectFeeds);
    const summary = result as { read: number; failed: unknown[]; items: { new: number } };
    expect(summary).toMatchObject({ read: 2, failed: [] });
    expect(summary.items.new).toBeGreaterThanOrEqual(5);
    // A scheduled run of feeds, cold after an idle half hour, reads and parses no HTML parser.
    expect(besideFiles(/CollectFunction/, loaded)).toEqual([]);
  });

  it('renders with mjml and enqueues with the bundled digest function (templates beside the bundle)', async () => {
    const summary = (await invoke(/DigestFunction/, { edition: 'global' }, settings.digest)) as {
      status: string;
      recipients: number;
      emailBytes: number;
    };
    expect(summary).toMatchObject({ status: 'enqueued', recipients: 1 });
    expect(summary.emailBytes).toBeGreaterThan(5000);
    expect(queue.depth).toBe(1);
  });

  it('mails the recipient with the bundled send function', async () => {
    const messages: { body: string }[] = [];
    queue.consume(async (event) => {
      messages.push(...event.Records);
      return { batchItemFailures: [] };
    });
    await queue.drained();
    const event = {
      Records: messages.map((m, i) => ({
        messageId: String(i),
        body: m.body,
        attributes: { ApproximateReceiveCount: '1' },
        eventSource: 'aws:sqs',
      })),
    };
    const reply = (await invoke(/SendFunction/, event, settings.send)) as { batchItemFailures: unknown[] };
    expect(reply.batchItemFailures).toEqual([]);
    const outbox = await readOutbox(ses.outboxDir);
    expect(outbox).toHaveLength(1);
    expect(outbox[0]?.mail.html).toContain('Harbour bridge reopens');
  });

  it('serves the signup form with the bundled subscribe function', async () => {
    const event = {
      rawPath: '/',
      rawQueryString: '',
      headers: { accept: 'text/html' },
      isBase64Encoded: false,
      requestContext: { http: { method: 'GET', sourceIp: '127.0.0.1' } },
    };
    const { result, loaded } = await invokeTracing(/SubscribeFunction/, event, settings.subscribe({}));
    const reply = result as { statusCode: number; body: string; headers: Record<string, string> };
    expect(reply.statusCode).toBe(200);
    expect(reply.body).toMatch(/<form[^>]+method="post"/i);
    expect(reply.headers['content-security-policy']).toBeDefined();
    // A visitor after an idle period waits for no email renderer.
    expect(mjmlFiles(loaded)).toEqual([]);
  });

  it('mails a confirmation, rendered with mjml loaded on first use, with the bundled subscribe function', async () => {
    const before = (await readOutbox(ses.outboxDir)).length;
    const body = 'email=newcomer%40example.com&editions=global';
    const event = {
      rawPath: '/subscribe',
      rawQueryString: '',
      headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      body,
      isBase64Encoded: false,
      requestContext: { http: { method: 'POST', sourceIp: '127.0.0.1' } },
    };
    const { result, loaded } = await invokeTracing(
      /SubscribeFunction/,
      event,
      settings.subscribe({ configurationSet: 'daybreak' }),
    );
    const reply = result as { statusCode: number; body: string };
    expect(reply.statusCode).toBe(200);
    expect(mjmlFiles(loaded)).not.toEqual([]);
    const mails = await readOutbox(ses.outboxDir);
    expect(mails).toHaveLength(before + 1);
    expect(mails.at(-1)?.mail.html).toContain('Confirm my subscription');
  });

  it('suppresses a bounced address with the bundled feedback function', async () => {
    const bounce = {
      eventType: 'Bounce',
      mail: { messageId: 'ses-bundle-1', destination: ['reader@example.com'], tags: { edition: ['global'] } },
      bounce: {
        bounceType: 'Permanent',
        bounceSubType: 'General',
        bouncedRecipients: [{ emailAddress: 'reader@example.com' }],
      },
    };
    const event = {
      Records: [
        {
          EventSource: 'aws:sns',
          Sns: { MessageId: 'sns-1', Message: JSON.stringify(bounce), Timestamp: new Date().toISOString() },
        },
      ],
    };
    const outcomes = (await invoke(/FeedbackFunction/, event, settings.feedback)) as { suppressed: number }[];
    expect(outcomes).toEqual([expect.objectContaining({ kind: 'Bounce', suppressed: 1 })]);
    expect((await subscribers.get('reader@example.com'))?.status).toBe('suppressed');
  });
});
