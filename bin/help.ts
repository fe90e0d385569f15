/** What `daybreak help <command>` and `daybreak <command> --help` print: the form, what it does, an example. */
export interface CommandHelp {
  usage: string;
  about: string;
  examples: string[];
}

const HELP = {
  start: {
    usage:
      'daybreak start [--port N] [--inbox-port N] [--data DIR] [--once] [--in-memory] [--live-sources] [--config FILE]',
    about: `Runs the local stack: the signup form, the API, the stand-ins of DynamoDB, SES and SQS, and the
schedules. --once collects, builds today's edition, sends it, prints a JSON summary and exits;
--in-memory keeps DynamoDB in memory (the outbox and the token key still go to the data folder);
--live-sources collects the configured sources instead of the samples; the inbox listens on 8005
(--inbox-port N). Other commands with the same --data use the running stack.`,
    examples: [
      'npm start',
      'npx daybreak start --port 3001 --inbox-port 8006 --data /tmp/daybreak',
      'npx daybreak start --live-sources --config my-daybreak.json',
      'npx daybreak start --once',
    ],
  },
  run: {
    usage:
      'daybreak run collect|digest [--date YYYY-MM-DD] [--edition ID] [--resume] [--data DIR] [--live-sources] [--stack NAME]',
    about: `Runs one job against the local stack's data (or, with --stack, the deployed stack's function, with
AWS credentials from the environment) and prints its JSON summary as the last line.
digest --resume --edition ID --date D resumes an edition that complaints paused.`,
    examples: ['npx daybreak run collect', 'npx daybreak run digest --date 2026-12-01 --edition global'],
  },
  report: {
    usage: 'daybreak report [--date YYYY-MM-DD] [--edition ID] [--data DIR | --stack NAME]',
    about: `Prints each edition's delivery report (sent, failed, skipped and why, unknown, bounces,
complaints, paused). Read only: it never builds or sends.`,
    examples: ['npx daybreak report', 'npx daybreak report --date 2026-12-01 --stack Daybreak'],
  },
  feed: {
    usage: 'daybreak feed FILE|URL [--url URL] [--timezone ZONE]',
    about: `Parses one feed (RSS, Atom, RDF, JSON Feed; for an HTML page, the feed it advertises) and prints
{"feed": {...}, "items": [...], "skipped": [{"item", "reason", and what was read}]}, also when no
item is usable (exit 0); skipped items are warned about on stderr too. Exits 1 only when the
document itself cannot be read.`,
    examples: [
      'npx daybreak feed saved.xml --url https://example.com/rss',
      'npx daybreak feed https://example.com/rss',
    ],
  },
  extract: {
    usage: 'daybreak extract FILE|URL [--url URL] [--timezone ZONE]',
    about: `Extracts one article or section page (headline, summary, byline, dates, image, body, trending
list) and prints its JSON.`,
    examples: ['npx daybreak extract page.html --url https://example.com/news/story --timezone Asia/Kolkata'],
  },
  preview: {
    usage: 'daybreak preview [--date YYYY-MM-DD] [--edition ID] [--from FILE] [--text] --out FILE.html',
    about: `Renders an edition without sending it, from the data folder or from the JSON of \`daybreak feed\`
or \`daybreak extract\`, and prints the path and the size in bytes. --text writes the plain-text part.`,
    examples: [
      'npx daybreak preview --out /tmp/today.html',
      'npx daybreak feed saved.xml > items.json && npx daybreak preview --from items.json --out /tmp/p.html',
    ],
  },
  subscribers: {
    usage: 'daybreak subscribers add|list|remove|unsuppress|import|export [ARGS] [--data DIR | --stack NAME]',
    about: `Manages subscribers; prints one JSON line per subscriber (email, status, editions, createdAt;
export adds consent). import FILE.csv never re-activates an unsubscribed, suppressed or deleted
address, and a rerun completes an import that was cut short; unsuppress EMAIL [--resume] lifts a
bounce or complaint suppression (the address is pending until its owner confirms again; --resume
makes it active at once).`,
    examples: [
      'npx daybreak subscribers add ann@example.com --editions global',
      'npx daybreak subscribers list',
      'npx daybreak subscribers import readers.csv',
      'npx daybreak subscribers unsuppress ann@example.com',
    ],
  },
} satisfies Record<string, CommandHelp>;

export type CommandName = keyof typeof HELP;

/** Every command's help, by the name typed on the command line. */
export const COMMAND_HELP: Readonly<Record<string, CommandHelp>> = HELP;

/** The form a command's own error messages quote: the same line its --help prints. */
export function usageLine(command: CommandName): string {
  return `usage: ${HELP[command].usage}`;
}

const COMMON = `Common options:
  --config FILE   the configuration file (default: config/daybreak.json)
  --data DIR      the data folder (default: .daybreak)
  -h, --help      this help`;

export function commandHelp(help: CommandHelp): string {
  return `Usage: ${help.usage}\n\n${help.about}\n\nExamples:\n${help.examples.map((e) => `  ${e}`).join('\n')}\n\n${COMMON}\n`;
}

export function overview(): string {
  const rows = Object.entries(COMMAND_HELP).map(([name, help]) => `  ${name.padEnd(12)}${help.about.split('\n')[0]}`);
  return `Usage: daybreak <command> [options]\n\nCommands:\n${rows.join('\n')}\n\n${COMMON}\n\nRun \`daybreak help <command>\` (or \`daybreak <command> --help\`) for a command's options and examples.\n`;
}
