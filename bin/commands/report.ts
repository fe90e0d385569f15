import path from 'node:path';
import { dateIn } from '../../functions/core/dates';
import { EditionStore } from '../../functions/core/store/edition-store';
import { EnqueueProgressStore } from '../../functions/core/store/enqueue-progress';
import { ACTIVE_SUBSCRIBER_SHARDS } from '../../functions/core/table';
import { withTable } from './table-access';
import { commonOptions, loadCliConfig, parseCommandArgs, UsageError } from './usage';

const USAGE = 'usage: daybreak report [--date YYYY-MM-DD] [--edition ID] [--data DIR | --stack NAME]';

/**
 * `daybreak report [--date D] [--edition ID] [--data DIR | --stack NAME]`: each edition's delivery
 * report for the day (today in the edition's zone by default), one JSON line each. It only reads:
 * unlike `run digest`, it never builds or sends an edition.
 */
export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs({
    args: argv,
    options: { ...commonOptions, date: { type: 'string' }, edition: { type: 'string' }, stack: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length > 0) throw new UsageError(USAGE);
  if (values.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.date)) throw new UsageError(`--date: expected a date as YYYY-MM-DD, got "${values.date}"`);
  const config = loadCliConfig(values.config);
  if (values.edition !== undefined && !config.editions.some((e) => e.id === values.edition)) {
    throw new UsageError(`--edition: "${values.edition}" is not configured (${config.editions.map((e) => e.id).join(', ')})`);
  }
  const editions = config.editions.filter((e) => values.edition === undefined || e.id === values.edition);
  const now = new Date();

  return withTable({ dataDir: path.resolve(values.data), stack: values.stack }, async (db, table) => {
    const store = new EditionStore(db, table);
    const progress = new EnqueueProgressStore(db, table);
    for (const edition of editions) {
      const date = values.date ?? dateIn(edition.timezone, now);
      const rendered = await store.getRendered(date, edition.id);
      const line = rendered
        ? {
            date,
            edition: edition.id,
            built: true,
            subject: rendered.subject,
            stories: rendered.stories,
            trending: rendered.trending,
            emailBytes: Buffer.byteLength(rendered.html),
            enqueued: await progress.total(date, edition.id, ACTIVE_SUBSCRIBER_SHARDS),
            ...(await store.report(date, edition.id)),
          }
        : { date, edition: edition.id, built: false };
      process.stdout.write(`${JSON.stringify(line)}\n`);
    }
    return 0;
  });
}
