import { closest } from '../functions/core/closest';
import { UsageError } from './commands/usage-error';
import { COMMAND_HELP, commandHelp, overview } from './help';

type Command = (argv: string[]) => Promise<number>;

/** Each command parses its own arguments; loaded on demand so `daybreak feed` does not load the stack. */
const COMMANDS: Record<string, () => Command> = {
  start: () => (require('./commands/start') as { run: Command }).run,
  run: () => (require('./commands/run') as { run: Command }).run,
  feed: () => (require('./commands/feed') as { run: Command }).run,
  extract: () => (require('./commands/extract') as { run: Command }).run,
  preview: () => (require('./commands/preview') as { run: Command }).run,
  subscribers: () => (require('./commands/subscribers') as { run: Command }).run,
  report: () => (require('./commands/report') as { run: Command }).run,
};

/** Runs one CLI command; resolves to the exit code. User mistakes reject with a message, never a stack trace. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command) {
    process.stderr.write(overview());
    return 1;
  }
  if (command === 'help' || command === '--help' || command === '-h') {
    const topic = command === 'help' ? rest[0] : undefined;
    process.stdout.write(topic === undefined ? overview() : commandHelp(helpFor(topic)));
    return 0;
  }
  const load = COMMANDS[command];
  if (!load) throw unknownCommand(command);
  const options = rest.slice(0, rest.includes('--') ? rest.indexOf('--') : rest.length);
  if (options.includes('--help') || options.includes('-h')) {
    process.stdout.write(commandHelp(helpFor(command)));
    return 0;
  }
  return load()(rest);
}

/**
 * `daybreak ARGV` as the binary runs it: resolves to the exit code, and a failure's message goes to
 * stderr after `daybreak: ` (its stack only with `debug`), never as an unhandled rejection.
 */
export async function run(argv: string[], debug = false): Promise<number> {
  try {
    return await main(argv);
  } catch (error) {
    const detail = error instanceof Error ? (debug && error.stack) || error.message : String(error);
    process.stderr.write(`daybreak: ${detail}\n`);
    return 1;
  }
}

function helpFor(command: string) {
  const help = COMMAND_HELP[command];
  if (!help) throw unknownCommand(command);
  return help;
}

function unknownCommand(command: string): UsageError {
  const nearest = closest(command, Object.keys(COMMANDS));
  const hint = nearest ? ` (did you mean \`${nearest}\`?)` : '';
  return new UsageError(`unknown command "${command}"${hint}; \`daybreak --help\` lists the commands`);
}
