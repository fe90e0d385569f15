import { UsageError } from './commands/usage';

const USAGE = `Usage: daybreak <command> [options]

Commands:
  start [--port N] [--data DIR] [--once] [--in-memory]
        run the local stack (form, inbox, archive, schedules); --once collects, builds today's
        edition, sends it, prints a JSON summary and exits; --in-memory keeps DynamoDB in memory
        (the outbox and the token key still go to the data folder)
  run collect|digest [--date YYYY-MM-DD] [--edition ID] [--resume] [--data DIR] [--live-sources] [--stack NAME]
        run one job against the local stack's data (or, with --stack, the deployed stack's
        function, with AWS credentials from the environment) and print its JSON summary;
        digest --resume --edition ID --date D resumes an edition that complaints paused
  report [--date YYYY-MM-DD] [--edition ID] [--data DIR | --stack NAME]
        each edition's delivery report (sent, failed, skipped and why, unknown, bounces,
        complaints, paused), read only: it never builds or sends
  feed FILE|URL [--url URL] [--timezone ZONE]
        parse one feed (for an HTML page, the feed it advertises); prints {"feed": {...},
        "items": [...]}; skipped items go to stderr as warnings
  extract FILE|URL [--url URL] [--timezone ZONE]
        extract one article or section page; prints its JSON
  preview [--date YYYY-MM-DD] [--edition ID] [--from FILE] [--text] --out FILE.html
        render an edition without sending it, from the data folder or from the JSON of
        \`daybreak feed\` / \`daybreak extract\`; prints the path and the size in bytes
  subscribers add|list|remove|unsuppress|import|export [--data DIR | --stack NAME]
        manage subscribers; prints one JSON line per subscriber (email, status, editions,
        createdAt; export adds consent). import FILE.csv never re-activates an unsubscribed,
        suppressed or deleted address, and a rerun completes an import that was cut short;
        unsuppress EMAIL [--resume] lifts a bounce or complaint suppression (the address is
        pending until its owner confirms again; --resume makes it active at once)

Common options:
  --config FILE   the configuration file (default: config/daybreak.json)
  --data DIR      the data folder (default: .daybreak)
`;

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
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(USAGE);
    return command ? 0 : 1;
  }
  const load = COMMANDS[command];
  if (!load) throw new UsageError(`unknown command "${command}"\n\n${USAGE}`);
  return load()(rest);
}
