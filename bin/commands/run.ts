import path from 'node:path';
import { startLocalStack } from '../../infra/local/local-stack';
import { commonOptions, loadCliConfig, parseCommandArgs, UsageError } from './usage';
import { invokeFunction, stackOutputs } from './deployed-stack';

const USAGE = 'usage: daybreak run collect|digest [--date YYYY-MM-DD] [--data DIR] [--live-sources] [--stack NAME]';

/**
 * `daybreak run collect|digest [--date YYYY-MM-DD] [--data DIR] [--live-sources] [--stack NAME]`:
 * one job against the local stack's data folder, or with `--stack` the deployed stack's own
 * function (AWS credentials from the environment); its JSON summary is the last line of stdout.
 */
export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs({
    args: argv,
    options: { ...commonOptions, date: { type: 'string' }, 'live-sources': { type: 'boolean', default: false }, stack: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const [job, extra] = positionals;
  if ((job !== 'collect' && job !== 'digest') || extra) throw new UsageError(USAGE);
  if (values.date !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(values.date) || Number.isNaN(Date.parse(values.date)))) {
    throw new UsageError(`--date: expected a date as YYYY-MM-DD, got "${values.date}"`);
  }
  if (values.date !== undefined && job === 'collect') throw new UsageError('--date applies to digest only: collect reads the sources as they are now');

  if (values.stack !== undefined) {
    const outputs = await stackOutputs(values.stack);
    const config = loadCliConfig(values.config);
    const summary =
      job === 'collect'
        ? await invokeFunction(outputs.CollectFunctionName, {})
        : { editions: await Promise.all(config.editions.map((e) => invokeFunction(outputs.DigestFunctionName, { edition: e.id, date: values.date }))) };
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    return 0;
  }

  const stack = await startLocalStack({
    config: loadCliConfig(values.config),
    dataDir: path.resolve(values.data),
    persist: true,
    sources: values['live-sources'] ? 'configured' : 'samples',
  });
  try {
    const summary = job === 'collect' ? await stack.collect() : { editions: await stack.digest(values.date) };
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    return 0;
  } finally {
    await stack.close();
  }
}
