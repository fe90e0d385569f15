import path from 'node:path';
import { type EditionRun, startLocalStack } from '../../infra/local/local-stack';
import { callControl } from '../../infra/local/control';
import { accessDataFolder } from './local-data';
import { commonOptions, dateOption, editionOption, loadCliConfig, parseCommandArgs, UsageError } from './usage';
import { invokeFunction, stackOutputs } from './deployed-stack';
import { incompleteExitCode } from './incomplete';
import { progressLine } from './progress';
import type { DigestSummary } from '../../functions/digest/digest';
import { usageLine } from '../help';

const USAGE = `${usageLine('run')}
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

  const dataDir = path.resolve(values.data);
  const request = { date: values.date, edition: values.edition, resume: values.resume || undefined };
  const access = await accessDataFolder(dataDir, `daybreak run ${job}`);
  if (access.kind === 'stack') {
    // The running stack owns the send queue: it runs the job, after any digest it is running already.
    const { control } = access.stack.endpoints;
    if (values['live-sources'])
      process.stderr.write(
        'daybreak: --live-sources ignored: the running stack collects the sources it was started with (`daybreak start --live-sources` for yours)\n',
      );
    const reply = await callControl(control, access.stack.token, job, job === 'digest' ? request : {});
    if (job === 'collect') return printLine(reply);
    return digestDone((reply as { editions: EditionRun[] }).editions, dataDir);
  }
  try {
    const stack = await startLocalStack({
      config,
      dataDir,
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
        return printLine(summary);
      }
      const line = progressLine('digest');
      const runs = await stack.digest(values.date, {
        ...request,
        progress: (edition, { enqueued, sent }) =>
          line.update(`${edition}: recipients enqueued ${enqueued}, sent ${sent}`),
      });
      line.done();
      return digestDone(runs, dataDir);
    } finally {
      await stack.close();
    }
  } finally {
    access.release();
  }
}

function printLine(value: unknown): number {
  process.stdout.write(`${JSON.stringify(value)}\n`);
  return 0;
}

/** The summary line, and a word on stderr when an edition went to nobody because nobody is subscribed. */
function digestDone(runs: EditionRun[], dataDir: string): number {
  for (const run of runs.filter((r) => r.status === 'enqueued' && r.recipients === 0))
    process.stderr.write(
      `daybreak: ${run.edition}: no active subscriber, so nobody was sent the edition; add one with \`daybreak subscribers add you@example.com --editions ${run.edition} --data ${dataDir}\`\n`,
    );
  printLine({ editions: runs });
  return incompleteExitCode(runs);
}
