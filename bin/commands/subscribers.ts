import { ClickStore } from '../../functions/core/clicks/click-store';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { DaybreakConfig } from '../../functions/core/daybreak-config';
import { SignupStore } from '../../functions/subscribe/signup-store';
import { SubscriberStore } from '../../functions/core/store/subscriber-store';
import { SubscriberStatusSchema } from '../../functions/core/model';
import { checkEmailAddress } from '../../functions/subscribe/email-address';
import { checkEditions } from '../../functions/subscribe/form';
import { addByOperator, exportLine, liftSuppression, type OperatorStores } from '../../functions/subscribe/operator';
import { parseCsv } from './csv';
import { progressLine } from './progress';
import { tokenSignerFor, withTable } from './table-access';
import { commonOptions, loadCliConfig, noSuchEdition, parseCommandArgs, UsageError } from './usage';
import { existingDataFolder } from './local-data';
import { fileProblem } from '../../functions/core/file-problem';
import { usageLine } from '../help';

const USAGE = `${usageLine('subscribers')}
  add EMAIL [--editions a,b] [--pending]     add an address (active unless --pending)
  list [--status S] [--edition E]            one JSON line per subscriber
  remove EMAIL [--erase]                     unsubscribe it (--erase: delete its data, keep a hash)
  unsuppress EMAIL [--resume]                lift a bounce or complaint suppression: pending until its
                                             owner signs up and confirms again (--resume: active again)
  import FILE.csv [--source LABEL] [--editions a,b] [--pending]
                                             columns: email, and optionally editions (a;b); safe to
                                             rerun after a crash: it completes what was cut short
  export                                     every subscriber with consent, and erased hashes`;

/** `daybreak subscribers add|list|remove|unsuppress|import|export [--data DIR]`: JSON lines on stdout, problems on stderr. */
export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs({
    args: argv,
    options: {
      ...commonOptions,
      editions: { type: 'string' },
      pending: { type: 'boolean', default: false },
      status: { type: 'string' },
      edition: { type: 'string' },
      erase: { type: 'boolean', default: false },
      resume: { type: 'boolean', default: false },
      source: { type: 'string' },
      stack: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  const [action, target, extra] = positionals;
  const needsTarget = action === 'add' || action === 'remove' || action === 'unsuppress' || action === 'import';
  if (
    !action ||
    !['add', 'list', 'remove', 'unsuppress', 'import', 'export'].includes(action) ||
    (needsTarget ? !target || extra : target)
  )
    throw new UsageError(USAGE);
  if (values.status !== undefined && !SubscriberStatusSchema.safeParse(values.status).success) {
    throw new UsageError(
      `--status: expected one of ${SubscriberStatusSchema.options.join(', ')}, got "${values.status}"`,
    );
  }
  const config = loadCliConfig(values.config);
  const editions = values.editions === undefined ? undefined : editionsOption(values.editions, config);
  const dataDir = path.resolve(values.data);
  const csv = action === 'import' ? readCsv(target ?? '') : undefined;

  const readOnly = action === 'list' || action === 'export';
  if (readOnly && values.stack === undefined) existingDataFolder(dataDir);
  const where = { dataDir, stack: values.stack, readOnly, command: `daybreak subscribers ${action}` };
  const open = async (work: Work) => {
    const tokens = await tokenSignerFor(where);
    return withTable(where, (db, table) =>
      work({
        subscribers: new SubscriberStore(db, table, (email) => tokens.fingerprint(email)),
        signups: new SignupStore(db, table, (email) => tokens.fingerprint(email)),
        // Clicks kept by reader id (editions sent with per-subscriber tracking) go with the address.
        forgetClicks: (email: string) => new ClickStore(db, table).forgetReader(tokens.readerId(email)),
      }),
    );
  };
  return open(async (stores) => {
    const now = new Date();
    const out = (line: unknown) => process.stdout.write(`${JSON.stringify(line)}\n`);
    if (action === 'list' || action === 'export') {
      for await (const entry of stores.signups.all()) {
        const line = exportLine(entry);
        if (action === 'list' && values.status !== undefined && line.status !== values.status) continue;
        if (action === 'list' && values.edition !== undefined && !(line.editions as string[]).includes(values.edition))
          continue;
        if (action === 'list') delete line.consent;
        out(line);
      }
      return 0;
    }
    if (action === 'remove') {
      const email = address(target ?? '');
      const existing = await stores.subscribers.get(email);
      if (!existing) throw new UsageError(`no subscriber ${email}`);
      if (values.erase) {
        const tombstone = await stores.signups.erase(email, now);
        await stores.forgetClicks(email);
        out(exportLine({ kind: 'erased', tombstone }));
        return 0;
      }
      const updated =
        existing.status === 'active' || existing.status === 'pending'
          ? { ...existing, status: 'unsubscribed' as const, updatedAt: now.toISOString() }
          : existing;
      if (updated !== existing) await stores.subscribers.put(updated);
      out(updated);
      return 0;
    }
    if (action === 'unsuppress') {
      const outcome = await liftSuppression(stores, address(target ?? ''), { resume: values.resume }, now);
      if (outcome.result === 'refused') throw new UsageError(`not lifted: ${outcome.reason}`);
      if (outcome.result === 'kept') process.stderr.write(`daybreak: unchanged, ${outcome.reason}\n`);
      out(outcome.subscriber);
      return 0;
    }
    const status = values.pending ? 'pending' : 'active';
    if (action === 'add') {
      const outcome = await addByOperator(
        stores,
        {
          email: address(target ?? ''),
          editions: editions ?? config.editions.map((e) => e.id),
          status,
          consent: { source: 'cli', at: now.toISOString() },
        },
        now,
      );
      if (outcome.result === 'refused') throw new UsageError(`not added: ${outcome.reason}`);
      if (outcome.result === 'kept') process.stderr.write(`daybreak: unchanged, ${outcome.reason}\n`);
      if (outcome.result === 'repaired') process.stderr.write(`daybreak: ${outcome.reason}\n`);
      out(outcome.subscriber);
      return 0;
    }
    // import
    const rows = csv ?? [];
    const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
    const hasHeader = header.includes('email');
    const emailColumn = hasHeader ? header.indexOf('email') : 0;
    const editionsColumn = hasHeader ? header.indexOf('editions') : -1;
    const source = `import:${values.source ?? path.basename(target ?? '')}`;
    const counts = { added: 0, repaired: 0, kept: 0, refused: 0, invalid: 0 };
    const total = rows.length - (hasHeader ? 1 : 0);
    const progress = progressLine('import');
    for (const [index, row] of rows.entries()) {
      if (hasHeader && index === 0) continue;
      const line = index + 1;
      progress.update(`rows done ${index - (hasHeader ? 1 : 0)}/${total}`);
      const checked = checkEmailAddress(row[emailColumn]);
      const rowEditions =
        editionsColumn >= 0 && row[editionsColumn]?.trim()
          ? checkEditions(row[editionsColumn]?.split(/[;\s]+/).filter(Boolean), config.editions)
          : undefined;
      if (!checked.ok || rowEditions?.error) {
        counts.invalid++;
        progress.note(`daybreak: ${target}:${line}: skipped: ${checked.ok ? rowEditions?.error : checked.message}\n`);
        continue;
      }
      const outcome = await addByOperator(
        stores,
        {
          email: checked.email,
          editions: rowEditions?.editions ?? editions ?? config.editions.map((e) => e.id),
          status,
          consent: { source, at: now.toISOString() },
        },
        now,
      );
      counts[outcome.result]++;
      if (outcome.result === 'added' || outcome.result === 'repaired') out(outcome.subscriber);
      if (outcome.result === 'repaired') progress.note(`daybreak: ${target}:${line}: ${outcome.reason}\n`);
      else if (outcome.result !== 'added') progress.note(`daybreak: ${target}:${line}: skipped: ${outcome.reason}\n`);
    }
    progress.update(`rows done ${total}/${total}`);
    progress.done();
    process.stderr.write(
      `daybreak: imported ${counts.added}, already there ${counts.kept}, refused ${counts.refused}, invalid ${counts.invalid}, repaired ${counts.repaired}\n`,
    );
    return 0;
  });
}

function address(input: string): string {
  const checked = checkEmailAddress(input);
  if (!checked.ok) throw new UsageError(`"${input}": ${checked.message}`);
  return checked.email;
}

function editionsOption(value: string, config: DaybreakConfig): string[] {
  const given = value
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  const checked = checkEditions(given, config.editions);
  const unknown = given.find((id) => !config.editions.some((e) => e.id === id));
  if (unknown !== undefined) throw new UsageError(noSuchEdition('--editions', unknown, config));
  if (checked.error) throw new UsageError(noSuchEdition('--editions', value, config));
  return checked.editions;
}

function readCsv(file: string): string[][] {
  try {
    return parseCsv(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(fileProblem(file, error));
  }
}

type Work = (stores: OperatorStores & { forgetClicks: (email: string) => Promise<number> }) => Promise<number>;

/** The deployed stack's table, found through its outputs (AWS credentials from the environment). */
