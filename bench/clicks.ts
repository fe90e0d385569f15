import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESClient } from '@aws-sdk/client-ses';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FolderArchive } from '../functions/core/archive/folder-archive';
import { documentClient } from '../functions/core/aws-clients';
import { ClickStore } from '../functions/core/clicks/click-store';
import { EditionSchema } from '../functions/core/daybreak-config';
import { silentLogger } from '../functions/core/log';
import { EditionStore } from '../functions/core/store/edition-store';
import { SubscriberStore } from '../functions/core/store/subscriber-store';
import { TokenSigner } from '../functions/core/tokens';
import { ClickLinks, clickEdition } from '../functions/mail/click-links';
import { DEFAULT_LIMITS, type SubscribeDeps } from '../functions/subscribe/deps';
import type { HttpRequest } from '../functions/subscribe/http';
import { route } from '../functions/subscribe/router';
import { SignupStore } from '../functions/subscribe/signup-store';
import { report } from './report';
import { startStandInsProcess } from './stand-ins';

const credentials = { accessKeyId: 'bench', secretAccessKey: 'bench' };
const TABLE = 'daybreak-bench';
const DATE = '2026-11-26';
const EDITION = 'global';
const LINKS = 25;
const READER = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148';

/**
 * A burst of clicks on one edition through the subscribe function's click route (signature check,
 * bot filter, keyed HyperLogLog, one sharded counter update per click) against dynalite on
 * 127.0.0.1 in a process of its own. Reports clicks a second, whether every click was counted
 * (lost), and the error of the unique-clicker estimate. DAYBREAK_BENCH_CLICKS (default 50,000),
 * DAYBREAK_BENCH_CLICK_VISITORS (distinct clickers, default 20,000) and
 * DAYBREAK_BENCH_CLICK_CONCURRENCY (requests in flight, default 64) change the run.
 */
export async function benchClicks(): Promise<void> {
  const count = Number(process.env.DAYBREAK_BENCH_CLICKS ?? 50_000);
  const visitors = Number(process.env.DAYBREAK_BENCH_CLICK_VISITORS ?? 20_000);
  const concurrency = Number(process.env.DAYBREAK_BENCH_CLICK_CONCURRENCY ?? 64);
  const endpoints = await startStandInsProcess(TABLE, 1);
  try {
    const db = documentClient(new DynamoDBClient({ endpoint: endpoints.dynamo, region: 'us-east-1', credentials }));
    const tokens = new TokenSigner('b'.repeat(40));
    const clicks = new ClickStore(db, TABLE);
    const name = clickEdition(DATE, EDITION);
    const links = new ClickLinks('https://news.example.com', name, (id) => tokens.clickSignature(name, id), '');
    const targets = Array.from({ length: LINKS }, (_, i) =>
      links.track(`https://paper.example/story-${i}`, `Story ${i}`),
    );
    await clicks.saveLinks(DATE, EDITION, links.map);
    const deps = benchDeps(db, tokens, clicks);

    // Delivered an hour before: no click falls in the link scanners' window.
    const delivered = Math.floor(Date.now() / 1000) - 3600;
    const cpu = process.cpuUsage();
    const started = performance.now();
    let next = 0;
    let failed = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < count) {
          const i = next++;
          const url = new URL(`${targets[i % LINKS]}&d=${delivered}`);
          const request: HttpRequest = {
            method: 'GET',
            path: url.pathname,
            query: url.searchParams,
            headers: { 'user-agent': READER },
            body: Buffer.alloc(0),
            sourceIp: `10.${(i % visitors) >> 16}.${((i % visitors) >> 8) & 255}.${(i % visitors) & 255}`,
          };
          const response = await route(request, deps);
          if (response.status !== 302 || !response.headers.location?.startsWith('https://paper.example/')) failed++;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const stats = await clicks.stats(DATE, EDITION);
    const distinct = Math.min(count, visitors);
    report('clicks', 'clicks', count, 'count');
    report('clicks', 'clicks per second', count / seconds, 'clicks/s');
    report('clicks', 'counted', stats.clicks, 'count');
    report('clicks', 'lost', count - stats.clicks, 'count');
    report('clicks', 'not redirected to the article', failed, 'count');
    report('clicks', 'distinct clickers', distinct, 'count');
    report('clicks', 'unique clickers (HyperLogLog)', stats.uniqueClickers, 'count');
    report('clicks', 'unique estimate error', Math.abs(stats.uniqueClickers - distinct) / distinct, 'ratio');
    report('clicks', 'wall time', seconds, 's');
    report('clicks', 'CPU per click (route)', (used.user + used.system) / 1000 / count, 'ms');
  } finally {
    endpoints.close();
  }
}

/** The subscribe routes' dependencies, as the handler builds them; only the click route is exercised. */
function benchDeps(db: ReturnType<typeof documentClient>, tokens: TokenSigner, clicks: ClickStore): SubscribeDeps {
  const fingerprint = (email: string) => tokens.fingerprint(email);
  return {
    subscribers: new SubscriberStore(db, TABLE, fingerprint),
    signups: new SignupStore(db, TABLE, fingerprint),
    editions: new EditionStore(db, TABLE),
    archive: new FolderArchive(mkdtempSync(path.join(os.tmpdir(), 'daybreak-bench-'))),
    ses: new SESClient({ region: 'us-east-1', credentials, endpoint: 'http://127.0.0.1:9' }),
    tokens,
    clicks,
    clock: () => new Date(),
    log: silentLogger,
    settings: {
      from: 'Daybreak <digest@news.example.com>',
      publicUrl: 'https://news.example.com',
      editions: [EditionSchema.parse({ id: EDITION, title: 'Daybreak', timezone: 'UTC', sendAt: '07:00' })],
      ...DEFAULT_LIMITS,
      clickTracking: 'aggregate',
      clickBotSeconds: 30,
    },
  };
}
