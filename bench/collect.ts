import { collect, toArticles } from '../functions/collect/collect';
import { readDocument } from '../functions/collect/read-document';
import { clusterArticles } from '../functions/core/stories';
import { dateIn } from '../functions/core/dates';
import { defaultFetchOptions, httpFetcher } from '../functions/collect/fetch-source';
import { awsClients } from '../functions/core/aws-clients';
import type { Edition, ResolvedSource } from '../functions/core/daybreak-config';
import { silentLogger } from '../functions/core/log';
import { ArticleStore } from '../functions/core/store/article-store';
import { SourceStateStore } from '../functions/collect/source-state-store';
import { closeServer, serveLocal } from '../infra/local/http';
import os from 'node:os';
import { report, timed } from './report';
import { startStandInsProcess } from './stand-ins';

const FEEDS = 200;
const ITEMS = 50;
const CONCURRENCY = 8;

function feed(n: number, now: Date): string {
  const items = Array.from({ length: ITEMS }, (_, i) => {
    const at = new Date(now.getTime() - (i * 7 + n) * 60000).toUTCString();
    return `<item><title>Feed ${n} story ${i}: council weighs plan for district ${n * ITEMS + i}</title><link>https://feed${n}.example.com/story/${i}?utm_source=rss</link><description><![CDATA[<p>Summary of story ${i} from feed ${n}, with <b>markup</b> &amp; entities.</p>]]></description><pubDate>${at}</pubDate></item>`;
  }).join('');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Feed ${n}</title>${items}</channel></rss>`;
}

/** What `run` returned, with the CPU time (user + system) this process spent meanwhile. */
async function cpu<T>(run: () => T | Promise<T>): Promise<{ result: T; ms: number }> {
  const before = process.cpuUsage();
  const result = await run();
  const used = process.cpuUsage(before);
  return { result, ms: (used.user + used.system) / 1000 };
}

async function withCpu<T extends object>(run: () => Promise<T>): Promise<T & { cpuMs: number }> {
  const { result, ms } = await cpu(run);
  return { ...result, cpuMs: ms };
}

/**
 * 200 feeds of 50 items on 127.0.0.1 (no ETag: the second run must re-read and recognise every
 * item as unchanged), collected into dynalite.
 */
export async function benchCollect(): Promise<void> {
  // Noon UTC, whatever the hour of the run: the 9 hours of items all fall in one day, so the day's
  // read and clustering cost the same at 00:30 as at 15:00.
  const now = new Date(`${new Date().toISOString().slice(0, 10)}T12:00:00Z`);
  const bodies = Array.from({ length: FEEDS }, (_, n) => feed(n, now));
  const server = await serveLocal((req, res) => {
    const n = Number(/^\/feed\/(\d+)\.xml$/.exec(req.url ?? '')?.[1] ?? -1);
    const body = bodies[n];
    if (body === undefined) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(body);
  });
  // dynalite in a process of its own: its CPU is DynamoDB's, not the collector's.
  const dynamo = await startStandInsProcess('bench');
  try {
    // The clients as the collect Lambda has them: the document client, and the wire client for articles and states.
    const clients = awsClients({
      region: 'us-east-1',
      credentials: { accessKeyId: 'b', secretAccessKey: 'b' },
      endpoints: { dynamodb: dynamo.dynamo },
    });
    const db = clients.db;
    const edition: Edition = {
      id: 'global',
      title: 'Bench',
      sendAt: '07:00',
      timezone: 'UTC',
      maxStories: 25,
      topStories: 5,
      onlyWhenNew: true,
    };
    const sources: ResolvedSource[] = bodies.map((_, n) => ({
      name: `Feed ${n}`,
      url: `${server.url}/feed/${n}.xml`,
      kind: 'feed',
      edition: 'global',
      category: 'news',
      region: 'Global',
      timezone: 'UTC',
      weight: 1,
    }));
    // The bench's own feed server is on 127.0.0.1, which the collector refuses unless told otherwise.
    const fetch = httpFetcher({ ...defaultFetchOptions, exemptAddresses: ['127.0.0.1'] });
    const deps = {
      sources,
      editions: [edition],
      fetch,
      articles: new ArticleStore(db, 'bench', clients.itemsDb),
      states: new SourceStateStore(clients.itemsDb, 'bench'),
      clock: () => now,
      log: silentLogger,
      retentionDays: 30,
      concurrency: CONCURRENCY,
    };

    const fetchesAlone = await withCpu(() =>
      timed(async () => {
        let next = 0;
        await Promise.all(
          Array.from({ length: CONCURRENCY }, async () => {
            while (next < sources.length) await fetch((sources[next++] as ResolvedSource).url);
          }),
        );
      }),
    );
    const first = await withCpu(() => timed(() => collect(deps)));
    const second = await withCpu(() => timed(() => collect(deps)));
    const items = first.result.items.new + first.result.items.updated + first.result.items.unchanged;

    report('collect', 'items', items, 'items');
    report('collect', 'first_run_items_per_s', items / first.seconds, 'items/s');
    report('collect', 'first_run_seconds', first.seconds, 's');
    report('collect', 'fetches_alone_seconds', fetchesAlone.seconds, 's');
    report('collect', 'total_to_fetch_ratio', first.seconds / fetchesAlone.seconds, 'ratio');
    report('collect', 'first_run_writes', first.result.writes, 'writes');
    report('collect', 'second_run_items_per_s', items / second.seconds, 'items/s');
    report('collect', 'second_run_writes', second.result.writes, 'writes');
    report('collect', 'second_run_unchanged', second.result.items.unchanged, 'items');
    report('collect', 'second_run_unchanged_sources', second.result.unchanged, 'sources');
    report('collect', 'second_run_seconds', second.seconds, 's');
    report('collect', 'rerun_total_to_fetch_ratio', second.seconds / fetchesAlone.seconds, 'ratio');
    // CPU, which contention on a shared machine disturbs less than wall time. The process holds the
    // feed server and dynalite too: their share is in every figure, the fetch-only one included.
    report('collect', 'fetches_alone_cpu_ms', fetchesAlone.cpuMs, 'ms');
    report('collect', 'first_run_cpu_ms', first.cpuMs, 'ms');
    report('collect', 'first_run_cpu_to_fetch_ratio', first.cpuMs / fetchesAlone.cpuMs, 'ratio');
    report('collect', 'second_run_cpu_ms', second.cpuMs, 'ms');
    report('collect', 'second_run_cpu_to_fetch_ratio', second.cpuMs / fetchesAlone.cpuMs, 'ratio');
    await reportBreakdown(deps, bodies, edition, now, fetchesAlone.cpuMs, first.cpuMs);
    report('collect', 'load average (1 min)', os.loadavg()[0] ?? 0, 'load');
  } finally {
    dynamo.close();
    await closeServer(server.server);
  }
}

/**
 * Where a first run's CPU goes: each phase of the collector called on its own on the first run's
 * inputs (the fetches are the fetch-only pass). Writes go under other source names, so they are
 * first writes as in the first run; `other` is the rest (pool, state reads, summary).
 */
async function reportBreakdown(
  deps: Parameters<typeof collect>[0],
  bodies: string[],
  edition: Edition,
  now: Date,
  fetchCpuMs: number,
  firstRunCpuMs: number,
): Promise<void> {
  const contentType = 'application/rss+xml; charset=utf-8';
  const parse = await cpu(() =>
    deps.sources.map((source, n) => readDocument(source, bodies[n] ?? '', source.url, contentType)),
  );
  const normalize = await cpu(() =>
    parse.result.flatMap(
      (document, n) =>
        toArticles(deps.sources[n] as ResolvedSource, edition, document, now, deps.retentionDays).entries,
    ),
  );
  const read = await cpu(() => deps.articles.readStoryFields(edition.id, dateIn(edition.timezone, now)));
  const cluster = await cpu(() => clusterArticles(read.result));
  const write = await cpu(() =>
    deps.articles.saveArticles(
      normalize.result.map(({ article, day }) => ({ article: { ...article, source: `${article.source} again` }, day })),
      deps.retentionDays,
    ),
  );
  const phases = {
    fetch: fetchCpuMs,
    parse: parse.ms,
    normalize: normalize.ms,
    write: write.ms,
    read_day: read.ms,
    cluster: cluster.ms,
  };
  for (const [phase, ms] of Object.entries(phases)) report('collect', `first_run_cpu_ms_${phase}`, ms, 'ms');
  const named = Object.values(phases).reduce((a, b) => a + b, 0);
  report('collect', 'first_run_cpu_ms_other', firstRunCpuMs - named, 'ms');
}
