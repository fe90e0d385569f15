import path from 'node:path';
import { dateIn } from '../../functions/core/dates';
import { EditionStore } from '../../functions/core/store/edition-store';
import { SubscriberStore } from '../../functions/core/store/subscriber-store';
import { completeReport } from '../../functions/digest/completeness';
import { EnqueueProgressStore } from '../../functions/digest/enqueue-progress';
import { ACTIVE_SUBSCRIBER_SHARDS } from '../../functions/core/table';
import { withTable } from './table-access';
import { ClickStore } from '../../functions/core/clicks/click-store';

/** Clicks of an edition: readers' clicks, estimated unique clickers, link scanners filtered out, the top 5 links. */
async function clickReport(store: ClickStore, date: string, edition: string) {
  const [stats, links] = await Promise.all([store.stats(date, edition), store.links(date, edition)]);
  const top = Object.entries(stats.links)
    .sort(([, a], [, b]) => b - a)
    .slice(0, 5)
    .map(([id, clicks]) => ({ id, url: links?.[id]?.url ?? '', clicks }));
  return {
    total: stats.clicks,
    uniqueClickers: stats.uniqueClickers,
    filtered: stats.filtered.timing + stats.filtered.agent,
    filteredBy: stats.filtered,
    topLinks: top,
  };
}
import { commonOptions, dateOption, editionOption, loadCliConfig, parseCommandArgs, UsageError } from './usage';
import { usageLine } from '../help';

const USAGE = usageLine('report');

/**
 * `daybreak report [--date D] [--edition ID] [--data DIR | --stack NAME]`: each edition's delivery
 * report for the day, with its clicks (total, unique clickers, filtered, top links), (today in the edition's zone by default), one JSON line each, where
 * recipients = sent + failed + skipped + unknown + missing. It only reads: unlike `run digest`, it
 * never builds or sends an edition. While a send is under way, `missing` counts those still queued.
 */
export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs({
    args: argv,
    options: { ...commonOptions, date: { type: 'string' }, edition: { type: 'string' }, stack: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length > 0) throw new UsageError(USAGE);
  const date = dateOption(values.date);
  const editions = editionOption(loadCliConfig(values.config), values.edition);
  const now = new Date();

  const where = { dataDir: path.resolve(values.data), stack: values.stack, readOnly: true, command: 'daybreak report' };
  return withTable(where, async (db, table) => {
    const store = new EditionStore(db, table);
    const subscribers = new SubscriberStore(db, table);
    const progress = new EnqueueProgressStore(db, table);
    const clicks = new ClickStore(db, table);
    for (const edition of editions) {
      const day = date ?? dateIn(edition.timezone, now);
      const rendered = await store.getRendered(day, edition.id);
      const line = rendered
        ? {
            date: day,
            edition: edition.id,
            built: true,
            subject: rendered.subject,
            stories: rendered.stories,
            trending: rendered.trending,
            emailBytes: Buffer.byteLength(rendered.html),
            enqueued: await progress.total(day, edition.id, ACTIVE_SUBSCRIBER_SHARDS),
            ...(await completeReport(day, edition.id, { editions: store, subscribers })),
            clicks: await clickReport(clicks, day, edition.id),
          }
        : { date: day, edition: edition.id, built: false };
      process.stdout.write(`${JSON.stringify(line)}\n`);
    }
    return 0;
  });
}
