import { createServer } from 'node:http';
import path from 'node:path';
import { closeServer, listenLocal } from '../../infra/local/http';
import type { DaybreakConfig } from '../../functions/core/daybreak-config';
import { randomBytes } from 'node:crypto';
import { type EditionRun, type LocalStack, type ScheduleLog, startLocalStack } from '../../infra/local/local-stack';
import { serveControl } from '../../infra/local/control';
import { updateHolder } from '../../infra/local/data-folder';
import { accessDataFolder } from './local-data';
import { incompleteExitCode } from './incomplete';
import type { CollectSummary } from '../../functions/collect/collect';
import { commonOptions, loadCliConfig, parseCommandArgs, UsageError } from './usage';

/** `daybreak start [--port N] [--inbox-port N] [--data DIR] [--once] [--in-memory] [--live-sources] [--config FILE]` */
export async function run(argv: string[]): Promise<number> {
  return startCommand(startOptions(argv));
}

/** What the command line asks of the stack: the ports, the folder and which sources it collects. */
export function startOptions(argv: string[]): StartOptions {
  const { values } = parseCommandArgs({
    args: argv,
    options: {
      ...commonOptions,
      port: { type: 'string', default: '3000' },
      once: { type: 'boolean', default: false },
      'in-memory': { type: 'boolean', default: false },
      'live-sources': { type: 'boolean', default: false },
      'inbox-port': { type: 'string' },
    },
    strict: true,
  });
  const port = portOption('--port', values.port);
  return {
    config: loadCliConfig(values.config),
    dataDir: path.resolve(values.data),
    port,
    // aws-ses-v2-local's own port, so a bookmarked inbox keeps working; any free one beside a stack on a free port.
    inboxPort:
      values['inbox-port'] === undefined
        ? port === 0
          ? 0
          : DEFAULT_INBOX_PORT
        : portOption('--inbox-port', values['inbox-port']),
    once: values.once,
    persist: !values['in-memory'],
    sources: values['live-sources'] ? 'configured' : 'samples',
  };
}

export const DEFAULT_INBOX_PORT = 8005;

function portOption(option: string, value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535)
    throw new UsageError(`${option} ${value}: expected a port number (0 to 65535)`);
  return port;
}

export interface StartOptions {
  config: DaybreakConfig;
  dataDir: string;
  port: number;
  /** The web inbox's port; with --once, any free one. */
  inboxPort?: number;
  once: boolean;
  persist: boolean;
  sources?: 'samples' | 'configured';
}

/** The one-line summary of a `--once` run. */
export interface OnceSummary {
  date: string;
  editions: string[];
  collected: number;
  failedSources: { source: string; error: string }[];
  stories: number;
  trending: number;
  recipients: number;
  sent: number;
  failed: number;
  unknown: number;
  /** Active subscribers with nothing in the ledger: 0 unless the send was cut short. */
  missing: number;
  emailBytes: number;
  /** Editions not sent, each with the reason. */
  skipped: { edition: string; reason: string }[];
  outbox: string;
}

export function summarize(collect: CollectSummary, runs: EditionRun[], outbox: string): OnceSummary {
  const collected = collect.items.new + collect.items.updated + collect.items.unchanged;
  const failedSources = collect.failed.map(({ source, error }) => ({ source, error }));
  const sum = (key: 'stories' | 'trending' | 'recipients' | 'sent' | 'failed' | 'unknown' | 'missing') =>
    runs.reduce((n, run) => n + run[key], 0);
  return {
    date: runs[0]?.date ?? '',
    editions: runs.map((run) => run.edition),
    collected,
    failedSources,
    stories: sum('stories'),
    trending: sum('trending'),
    recipients: sum('recipients'),
    sent: sum('sent'),
    failed: sum('failed'),
    unknown: sum('unknown'),
    missing: sum('missing'),
    emailBytes: Math.max(0, ...runs.map((run) => run.emailBytes)),
    skipped: runs.flatMap((run) =>
      run.status === 'skipped' ? [{ edition: run.edition, reason: run.reason ?? '' }] : [],
    ),
    outbox,
  };
}

export async function startCommand(options: StartOptions): Promise<number> {
  // Checked before anything else listens: a busy port must not leave the stand-ins running.
  if (!options.once) {
    await ensurePortFree(options.port, '--port');
    if (options.inboxPort) await ensurePortFree(options.inboxPort, '--inbox-port');
  }
  const folder = await holdForStack(options.dataDir);
  try {
    return await serve(options);
  } finally {
    folder.release();
  }
}

/** Takes the data folder for this stack; another stack serving it is a mistake, a one-off command is waited for. */
async function holdForStack(dataDir: string) {
  const access = await accessDataFolder(dataDir, 'daybreak start');
  if (access.kind === 'own') return access;
  const { pid, endpoints } = access.stack;
  throw new UsageError(
    `${dataDir} is in use by another \`daybreak start\` (pid ${pid}${endpoints.web ? `, form at ${endpoints.web}/` : ''}): stop it, or pass another --data`,
  );
}

async function serve(options: StartOptions): Promise<number> {
  const stack = await startLocalStack({
    config: options.config,
    dataDir: options.dataDir,
    persist: options.persist,
    port: options.once ? undefined : options.port,
    inboxPort: options.once ? 0 : options.inboxPort,
    sources: options.sources,
  });
  // From here on, other commands on this folder go through this stack.
  const token = randomBytes(24).toString('base64url');
  // A job asked for by `daybreak run` beside the stack is logged like a scheduled one; --once prints its JSON alone.
  const note = (line: string) => !options.once && log(line);
  const control = await serveControl(
    {
      async collect() {
        const summary = await stack.collect();
        note(`run collect: ${collectLine(summary)}`);
        return summary;
      },
      async digest(request) {
        const runs = await stack.digest(request.date, request);
        note(`run digest: ${digestLine(runs)}`);
        return { editions: runs };
      },
    },
    token,
  );
  updateHolder(options.dataDir, {
    pid: process.pid,
    command: 'daybreak start',
    startedAt: new Date().toISOString(),
    endpoints: { ...stack.endpoints, inbox: stack.urls.inbox, control: control.url, web: stack.urls.web },
    token,
  });
  try {
    return await (options.once ? once(stack) : serveUntilStopped(stack));
  } finally {
    await closeServer(control.server);
    await stack.close();
  }
}

async function once(stack: LocalStack): Promise<number> {
  const collected = await stack.collect();
  await stack.ensureDemoSubscriber();
  const runs = await stack.digest();
  process.stdout.write(`${JSON.stringify(summarize(collected, runs, stack.outboxDir))}\n`);
  return incompleteExitCode(runs);
}

async function serveUntilStopped(stack: LocalStack): Promise<number> {
  const collected = await stack.collect();
  if (await stack.ensureDemoSubscriber()) process.stdout.write('Added the demo subscriber reader@example.com\n');
  await stack.digest();
  stack.startSchedules(scheduleLog());
  process.stdout.write(
    [
      `Daybreak is running (collected ${collected.items.new} new articles; today's edition sent).`,
      `  Form:     ${stack.urls.web}/`,
      `  Inbox:    ${stack.urls.inbox}/`,
      `  Archive:  ${stack.urls.archive}`,
      `  Outbox:   ${stack.outboxDir}`,
      `  Sources:  ${stack.urls.sources}/feeds/world.rss`,
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  return 0;
}

/** What a serving stack prints for its scheduled jobs: one line each, on stdout, failures on stderr. */
export function scheduleLog(): ScheduleLog {
  return {
    collected: (summary) => log(`scheduled collect: ${collectLine(summary)}`),
    digested: (runs) => log(`scheduled send: ${digestLine(runs)}`),
    failed: (job, error) =>
      process.stderr.write(
        `${stamp()} daybreak: scheduled ${job} failed: ${error instanceof Error ? error.message : String(error)}\n`,
      ),
  };
}

/** One line on stdout for each job the stack runs, scheduled or asked for: stdout of a serving stack is its log. */
function log(line: string): void {
  process.stdout.write(`${stamp()} ${line}\n`);
}

const stamp = () => new Date().toISOString().slice(0, 19).replace('T', ' ');

export function collectLine(summary: CollectSummary): string {
  const { items, failed } = summary;
  return `${items.new} new, ${items.updated} updated, ${items.unchanged} unchanged articles; ${failed.length} source(s) failed${failed.length ? ` (${failed.map((f) => f.source).join(', ')})` : ''}`;
}

export function digestLine(runs: EditionRun[]): string {
  return runs
    .map((run) =>
      run.status === 'skipped'
        ? `${run.date}/${run.edition} skipped (${run.reason ?? 'no reason given'})`
        : `${run.date}/${run.edition} sent ${run.sent} of ${run.recipients} (failed ${run.failed}, unknown ${run.unknown}, missing ${run.missing})`,
    )
    .join('; ');
}

/** Refuses a port another program holds, with the command that picks another. */
async function ensurePortFree(port: number, option: string): Promise<void> {
  const probe = createServer();
  try {
    await listenLocal(probe, port);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      throw new UsageError(`port ${port} is in use: try \`npm start -- ${option} ${port + 1}\``);
    if (code === 'EACCES')
      throw new UsageError(
        `port ${port} needs privileges: try \`npm start -- ${option} ${option === '--port' ? 3000 : DEFAULT_INBOX_PORT}\``,
      );
    throw error;
  }
  await closeServer(probe);
}
