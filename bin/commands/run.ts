import path from 'node:path';
import { startLocalStack } from '../../infra/local/local-stack';
import { commonOptions, dateOption, editionOption, loadCliConfig, parseCommandArgs, UsageError } from './usage';
import { invokeFunction, stackOutputs } from './deployed-stack';
import { incompleteExitCode } from './incomplete';
import { progressLine } from './progress';
import type { DigestSummary } from '../../functions/digest/digest';

const USAGE = `usage: daybreak run collect|digest [--date YYYY-MM-DD] [--edition ID] [--resume] [--data DIR] [--live-sources] [--stack NAME]
  --resume (digest, with --edition and --date): lift a complaint pause and send the edition to those it skipped`;

/**
 * `daybreak run collect|digest [--date YYYY-MM-DD] [--edition ID] [--resume] [--data DIR] [--live-sources] [--stack NAME]`:
 * one job against the local stack's data folder, or with `--stack` the deployed stack's own
 * function (AWS credentials from the environment); its JSON summary is the last line of stdout.
 */
export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs({
    args: argv,
    options: {
      ...commonOptions,
      date: { type: 'string' },
      edition: { type: 'string' },
      resume: { type: 'boolean', default: false },
      'live-sources': { type: 'boolean', default: false },
      stack: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  const [job, extra] = positionals;
  if ((job !== 'collect' && job !== 'digest') || extra) throw new UsageError(USAGE);
  dateOption(values.date);
  if (job === 'collect' && (values.date !== undefined || values.edition !== undefined || values.resume)) {
    throw new UsageError(
      '--date, --edition and --resume apply to digest only: collect reads the sources as they are now',
    );
  }
  if (values.resume && (values.edition === undefined || values.date === undefined)) {
    throw new UsageError(
      '--resume needs --edition and --date: name the paused edition, as `daybreak run digest` printed it',
    );
  }
  const config = loadCliConfig(values.config);
  const editions = editionOption(config, values.edition);

  if (values.stack !== undefined) {
    const outputs = await stackOutputs(values.stack);
    const event = (edition: string) => ({ edition, date: values.date, ...(values.resume ? { resume: true } : {}) });
    if (job === 'collect') {
      process.stdout.write(`${JSON.stringify(await invokeFunction(outputs.CollectFunctionName, {}))}\n`);
      return 0;
    }
    // The deployed digest only enqueues (the senders work on): what it can tell is which shards it left.
    const runs = (await Promise.all(
      editions.map((e) => invokeFunction(outputs.DigestFunctionName, event(e.id))),
    )) as DigestSummary[];
    process.stdout.write(`${JSON.stringify({ editions: runs })}\n`);
    return incompleteExitCode(runs);
  }

  const stack = await startLocalStack({
    config,
    dataDir: path.resolve(values.data),
    persist: true,
    sources: values['live-sources'] ? 'configured' : 'samples',
  });
  try {
    if (job === 'collect') {
      const line = progressLine('collect');
      const summary = await stack.collect({
        progress: (done, total) => line.update(`sources fetched ${done}/${total}`),
      });
      line.done();
      process.stdout.write(`${JSON.stringify(summary)}\n`);
      return 0;
    }
    const line = progressLine('digest');
    const runs = await stack.digest(values.date, {
      edition: values.edition,
      resume: values.resume,
      progress: (edition, { enqueued, sent }) =>
        line.update(`${edition}: recipients enqueued ${enqueued}, sent ${sent}`),
    });
    line.done();
    process.stdout.write(`${JSON.stringify({ editions: runs })}\n`);
    return incompleteExitCode(runs);
  } finally {
    await stack.close();
  }
}
