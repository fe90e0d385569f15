import { createServer } from 'node:http';
import path from 'node:path';
import { closeServer, listenLocal } from '../../infra/local/http';
import type { DaybreakConfig } from '../../functions/core/daybreak-config';
import { startLocalStack, type EditionRun } from '../../infra/local/local-stack';
import { incompleteExitCode } from './incomplete';
import type { CollectSummary } from '../../functions/collect/collect';
import { commonOptions, loadCliConfig, parseCommandArgs, UsageError } from './usage';

/** `daybreak start [--port N] [--data DIR] [--once] [--in-memory] [--config FILE]` */
export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs({
    args: argv,
    options: {
      ...commonOptions,
      port: { type: 'string', default: '3000' },
      once: { type: 'boolean', default: false },
      'in-memory': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port: expected a port number, got "${values.port}"`);
  return startCommand({
    config: loadCliConfig(values.config),
    dataDir: path.resolve(values.data),
    port,
    once: values.once,
    persist: !values['in-memory'],
  });
}

export interface StartOptions {
  config: DaybreakConfig;
  dataDir: string;
  port: number;
  once: boolean;
  persist: boolean;
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
  if (!options.once) await ensurePortFree(options.port);
  const stack = await startLocalStack({
    config: options.config,
    dataDir: options.dataDir,
    persist: options.persist,
    port: options.once ? undefined : options.port,
  });
  if (options.once) {
    try {
      const collected = await stack.collect();
      await stack.ensureDemoSubscriber();
      const runs = await stack.digest();
      process.stdout.write(`${JSON.stringify(summarize(collected, runs, stack.outboxDir))}\n`);
      return incompleteExitCode(runs);
    } finally {
      await stack.close();
    }
  }

  const collected = await stack.collect();
  if (await stack.ensureDemoSubscriber()) process.stdout.write('Added the demo subscriber reader@example.com\n');
  await stack.digest();
  stack.startSchedules((error) =>
    process.stderr.write(`daybreak: scheduled run failed: ${error instanceof Error ? error.message : String(error)}\n`),
  );
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
  await stack.close();
  return 0;
}

/** Refuses a port another program holds, with the command that picks another. */
async function ensurePortFree(port: number): Promise<void> {
  const probe = createServer();
  try {
    await listenLocal(probe, port);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UsageError(`port ${port} is in use: try \`npm start -- --port ${port + 1}\``);
    if (code === 'EACCES') throw new UsageError(`port ${port} needs privileges: try \`npm start -- --port 3000\``);
    throw error;
  }
  await closeServer(probe);
}
