import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfigFile } from '../functions/core/load-config-file';
import { startCommand } from './commands/start';

const USAGE = `Usage: daybreak <command> [options]

Commands:
  start [--port N] [--data DIR] [--once] [--in-memory]
        run the local stack (form, inbox, archive, schedules); --once collects, builds today's
        edition, sends it, prints a JSON summary and exits; --in-memory keeps DynamoDB in memory
        (the outbox and the token key still go to the data folder)

Common options:
  --config FILE   the configuration file (default: config/daybreak.json)
  --data DIR      the data folder (default: .daybreak)
`;

export class UsageError extends Error {}

/** Runs one CLI command; resolves to the exit code. User mistakes reject with a message, never a stack trace. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(USAGE);
    return command ? 0 : 1;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      port: { type: 'string' },
      data: { type: 'string', default: '.daybreak' },
      config: { type: 'string', default: 'config/daybreak.json' },
      once: { type: 'boolean', default: false },
      'in-memory': { type: 'boolean', default: false },
    },
    allowPositionals: false,
    strict: true,
  });
  const config = loadConfigFile(path.resolve(values.config));
  switch (command) {
    case 'start': {
      const port = values.port === undefined ? 3000 : Number(values.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port: expected a port number, got "${values.port}"`);
      return startCommand({ config, dataDir: path.resolve(values.data), port, once: values.once, persist: !values['in-memory'] });
    }
    default:
      throw new UsageError(`unknown command "${command}"\n${USAGE}`);
  }
}
