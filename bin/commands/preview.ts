import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Edition } from '../../functions/core/daybreak-config';
import { dateIn } from '../../functions/core/dates';
import { personalize } from '../../functions/mail/personalize';
import { publicUrls } from '../../functions/mail/public-urls';
import { ArticleStore } from '../../functions/core/store/article-store';
import { rankEdition, readWindow, renderEdition } from '../../functions/digest/digest';
import { identityOf } from '../../functions/mail/identity';
import { readPreviewInput } from './preview-input';
import { withTable } from './table-access';
import { commonOptions, dateOption, editionOption, loadCliConfig, parseCommandArgs, UsageError } from './usage';
import { usageLine } from '../help';

const USAGE = usageLine('preview');

/**
 * `daybreak preview`: renders an edition without sending it, from the local stack's store (the
 * data folder) or from a JSON file printed by `daybreak feed` / `daybreak extract`. Prints the
 * path and the size in bytes.
 */
export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs({
    args: argv,
    options: {
      ...commonOptions,
      date: { type: 'string' },
      edition: { type: 'string' },
      from: { type: 'string' },
      out: { type: 'string' },
      text: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (!values.out) throw new UsageError(`--out is required\n${USAGE}`);
  dateOption(values.date);
  const config = loadCliConfig(values.config);
  // The first edition unless another is named.
  const [edition] = editionOption(config, values.edition ?? config.editions[0]?.id);
  if (!edition) throw new UsageError('the configuration has no edition to preview');

  const now = new Date();
  const day = values.date ?? dateIn(edition.timezone, now);
  const { articles, trending } = values.from
    ? await fromFile(values.from, edition, now)
    : await fromStore(path.resolve(values.data), edition, day);
  // The local store holds what the local stack collected, whose sample pictures are on 127.0.0.1.
  const images = { allowLoopbackHttp: !values.from || config.fetch.allowPrivateAddresses };
  const ranked = rankEdition(edition, articles, trending, now, images);
  if (ranked.length === 0)
    throw new Error(
      `nothing to preview: no stories for ${edition.id} on ${day}${values.from ? ` in ${values.from}` : ` in ${values.data} (run \`daybreak run collect\` first)`}`,
    );
  const rendered = await renderEdition(edition, day, ranked, trending, {
    publicUrl: config.publicUrl,
    identity: identityOf(config),
    now,
  });
  // No one's tokens: the links lead to the pages, which say the link is incomplete.
  const urls = publicUrls(config.publicUrl);
  const personal = personalize(rendered, { unsubscribeUrl: urls.unsubscribe(), preferencesUrl: urls.preferences() });
  const output = values.text ? personal.text : personal.html;
  await writeFile(values.out, output);
  process.stdout.write(
    `${JSON.stringify({ path: path.resolve(values.out), bytes: Buffer.byteLength(output), stories: rendered.stories, trending: rendered.trending })}\n`,
  );
  return 0;
}

async function fromFile(file: string, edition: Edition, now: Date) {
  const input = await readPreviewInput(file, edition.id, now);
  for (const reason of input.skipped) process.stderr.write(`warning: skipped ${reason}\n`);
  return input;
}

async function fromStore(dataDir: string, edition: Edition, day: string) {
  const where = { dataDir, readOnly: true, command: 'daybreak preview' };
  return withTable(where, (db, table) => readWindow(edition, day, new ArticleStore(db, table)));
}
