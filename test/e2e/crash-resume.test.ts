import { execFile, spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { documentClient } from '../../functions/core/aws-clients';
import { EDITION_PK, EditionStore } from '../../functions/core/store/edition-store';
import { completeReport } from '../../functions/digest/completeness';
import { queryAll } from '../../functions/core/store/query-all';
import { SubscriberStore } from '../../functions/core/store/subscriber-store';
import { TokenSigner } from '../../functions/core/tokens';
import { localTokenSecret } from '../../infra/local/token-secret';
import { EnqueueProgressStore } from '../../functions/digest/enqueue-progress';
import { ACTIVE_SUBSCRIBER_SHARDS } from '../../functions/core/table';
import { dateIn } from '../../functions/core/dates';
import { ensureTable, startDynamoDb } from '../../infra/local/dynamodb';
import { LOCAL_TABLE } from '../../infra/local/local-stack';
import { tempDir } from '../helpers/stand-ins';

const exec = promisify(execFile);
const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'bin', 'daybreak.js');
// What the issue asks for (≥ 2,000): each kill lands mid-work with hundreds of recipients on either side of it.
const SUBSCRIBERS = 2000;
/** The send handler's SES calls in flight at most (its `parallel` at this rate). */
const IN_FLIGHT = 16;

/**
 * The operator's nightmare, on the local stack (dynalite, the local SES, the durable queue):
 * `daybreak run digest` killed with SIGKILL during the fan-out, again at ~40% of the send and again
 * at ~90%, then run once more. Kill points are chosen by counting files (queue messages, .eml in the
 * outbox), never by the clock. The local SES writes a message's .eml before it answers, so the outbox
 * is what "SES" accepted, whether or not the killed sender heard the answer.
 */
describe('daybreak run digest killed three times, then run again', () => {
  const dataDir = tempDir('crash-');
  const configFile = path.join(dataDir, 'daybreak.json');
  const outbox = path.join(dataDir, 'outbox');
  const date = dateIn('Europe/London', new Date());
  const emails = Array.from({ length: SUBSCRIBERS }, (_, i) => `reader${String(i).padStart(4, '0')}@example.com`);
  // The ledger names a recipient by the keyed fingerprint (the data folder's link key), never the address.
  let byLedgerKey: Map<string, string> | undefined;
  const ledgerKeys = () => {
    const linkKey = new TokenSigner(localTokenSecret(dataDir));
    byLedgerKey ??= new Map(emails.map((e) => [`TO#${linkKey.fingerprint(e)}`, e]));
    return byLedgerKey;
  };
  const files = (dir: string, suffix: string) => {
    try {
      return readdirSync(dir).filter((f) => f.endsWith(suffix));
    } catch {
      return [];
    }
  };
  /** Messages the local SES accepted, per recipient (the To header: no MIME parsing of 2,000 mails). */
  const messagesPerRecipient = () => {
    const counts = new Map<string, number>();
    for (const file of files(outbox, '.eml')) {
      const head = readFileSync(path.join(outbox, file), 'utf8').split(/\r?\n\r?\n/, 1)[0] ?? '';
      const to = /^To: (?:.*<)?([^\s<>]+@[^\s<>]+?)>?\r?$/m.exec(head)?.[1] ?? '(none)';
      counts.set(to, (counts.get(to) ?? 0) + 1);
    }
    return counts;
  };
  type Db = ReturnType<typeof documentClient>;

  /** Opens the data folder (the killed process's lock is gone) for a look, and closes it again. */
  async function inspect<T>(look: (db: Db) => Promise<T>): Promise<T> {
    const dynamo = await startDynamoDb(path.join(dataDir, 'dynamodb'));
    try {
      const client = new DynamoDBClient({
        endpoint: dynamo.endpoint,
        region: 'us-east-1',
        credentials: { accessKeyId: 'l', secretAccessKey: 'l' },
      });
      await ensureTable(client, LOCAL_TABLE);
      return await look(documentClient(client));
    } finally {
      await dynamo.close();
    }
  }

  /** Recipients whose ledger item is still a claim: their SES call was in flight when the process died. */
  async function claimed(db: Db): Promise<string[]> {
    const left: string[] = [];
    for await (const item of queryAll(db, {
      TableName: LOCAL_TABLE,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :to)',
      ExpressionAttributeValues: { ':pk': EDITION_PK(date, 'global'), ':to': 'TO#' },
      ProjectionExpression: 'sk, #status',
      ExpressionAttributeNames: { '#status': 'status' },
    }))
      if (item.status === 'claimed') left.push(ledgerKeys().get(String(item.sk)) ?? String(item.sk));
    return left;
  }

  /** Starts `daybreak run digest` and SIGKILLs it once `when()` holds; resolves when it is dead. */
  async function runAndKill(when: () => boolean): Promise<void> {
    const child = spawn(process.execPath, [CLI, 'run', 'digest', '--data', dataDir, '--config', configFile], {
      cwd: ROOT,
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    let done = false;
    void exited.then(() => {
      done = true;
    });
    while (!done && !when()) await new Promise((r) => setTimeout(r, 5));
    if (done) throw new Error('the run ended before the kill point');
    child.kill('SIGKILL');
    await exited;
  }

  beforeAll(async () => {
    const config = JSON.parse(readFileSync(path.join(ROOT, 'config', 'daybreak.json'), 'utf8'));
    // A fast local SES, so the test is about crashes rather than pacing.
    writeFileSync(configFile, JSON.stringify({ ...config, ses: { ...config.ses, maxSendRate: 1000 } }));
    await exec(process.execPath, [CLI, 'run', 'collect', '--data', dataDir, '--config', configFile], {
      cwd: ROOT,
      timeout: 120000,
    });
    await inspect(async (db) => {
      const linkKey = new TokenSigner(localTokenSecret(dataDir));
      const subscribers = new SubscriberStore(db, LOCAL_TABLE, (email) => linkKey.fingerprint(email));
      const at = new Date().toISOString();
      for (let i = 0; i < emails.length; i += 50)
        await Promise.all(
          emails
            .slice(i, i + 50)
            .map((email) =>
              subscribers.put({ email, status: 'active', editions: ['global'], createdAt: at, updatedAt: at }),
            ),
        );
    });
  }, 300000);

  it('mails everyone not reported unknown exactly once, nobody twice, missing = 0, unknown only for SES calls in flight at the kills', async () => {
    /** The claims each kill left behind (a later kill's list leaves out the earlier ones). */
    const leftAtKill: string[][] = [];
    /** What the data folder holds after a kill, with one summary line on stderr so the numbers can be quoted. */
    const afterKill = async (point: string) => {
      const { left, enqueued, report } = await inspect(async (db) => {
        const linkKey = new TokenSigner(localTokenSecret(dataDir));
        return {
          left: await claimed(db),
          enqueued: await new EnqueueProgressStore(db, LOCAL_TABLE).total(date, 'global', ACTIVE_SUBSCRIBER_SHARDS),
          report: await completeReport(date, 'global', {
            editions: new EditionStore(db, LOCAL_TABLE),
            subscribers: new SubscriberStore(db, LOCAL_TABLE, (email) => linkKey.fingerprint(email)),
          }),
        };
      });
      const earlier = new Set(leftAtKill.flat());
      const newClaims = left.filter((email) => !earlier.has(email));
      leftAtKill.push(newClaims);
      process.stderr.write(
        `crash test, killed ${point}: ${JSON.stringify({ subscribers: SUBSCRIBERS, enqueued, outboxMessages: files(outbox, '.eml').length, recipients: report.recipients, sent: report.sent, unknown: report.unknown, unknownFromThisKill: newClaims.length, inFlightBound: IN_FLIGHT, missing: report.missing })}\n`,
      );
      return enqueued;
    };

    // Killed during the fan-out: a few shards' messages are on disk (three a shard at this size), the rest
    // of the edition is not enqueued yet.
    await runAndKill(() => files(path.join(dataDir, 'queue'), '.json').length >= 15);
    const enqueuedAtKill = await afterKill('during the fan-out');
    // Fifteen messages on disk means at least four shards were enqueued, and a shard's cursor moves
    // before the next shard starts: the kill landed between shards, with progress on either side.
    expect(enqueuedAtKill).toBeGreaterThan(0);
    expect(enqueuedAtKill).toBeLessThan(SUBSCRIBERS);

    // Killed at ~40% of the send, then at ~90%: counted in .eml files in the outbox.
    await runAndKill(() => files(outbox, '.eml').length >= SUBSCRIBERS * 0.4);
    await afterKill('at ~40% of the send');
    await runAndKill(() => files(outbox, '.eml').length >= SUBSCRIBERS * 0.9);
    await afterKill('at ~90% of the send');

    // One more run: it finishes the queue the kills left, reconciles, and exits 0.
    const { stdout } = await exec(process.execPath, [CLI, 'run', 'digest', '--data', dataDir, '--config', configFile], {
      cwd: ROOT,
      timeout: 300000,
    });
    const run = (JSON.parse(stdout.trim().split('\n').pop() ?? '') as { editions: Record<string, number>[] })
      .editions[0];
    const { stdout: reportOut } = await exec(
      process.execPath,
      [CLI, 'report', '--data', dataDir, '--config', configFile, '--date', date],
      { cwd: ROOT, timeout: 120000 },
    );
    const report = JSON.parse(reportOut.trim().split('\n').pop() ?? '') as {
      recipients: number;
      sent: number;
      unknown: number;
      missing: number;
    };
    const unknown = new Set(await inspect(claimed));

    const perRecipient = messagesPerRecipient();
    const twice = [...perRecipient].filter(([, n]) => n > 1);
    const unknownMailed = [...unknown].filter((e) => perRecipient.has(e));
    // The numbers, for the record.
    process.stderr.write(
      `crash test, after one rerun: enqueued at the first kill ${enqueuedAtKill}; claims left at the kills ${leftAtKill.map((l) => l.length).join(', ')}; final ${JSON.stringify({ recipients: report.recipients, sent: report.sent, unknown: report.unknown, unknownWithAMessage: unknownMailed.length, missing: report.missing, runMissing: run?.missing, busyShards: run?.busyShards, reconciled: run?.reconciled, mailed: perRecipient.size, twice: twice.length })}\n`,
    );

    // Nobody twice.
    expect(twice).toEqual([]);
    // Everyone accounted for, nobody missing.
    expect(report).toMatchObject({ recipients: SUBSCRIBERS, missing: 0, failed: 0, skipped: 0 });
    expect(report.sent + report.unknown).toBe(SUBSCRIBERS);
    expect(run).toMatchObject({ recipients: SUBSCRIBERS, missing: 0, busyShards: 0 });
    // Unknown means "SES may have taken it": exactly the claims the kills left, each kill at most the
    // SES calls in flight; the last run, which nobody killed, adds none.
    for (const left of leftAtKill) expect(left.length).toBeLessThanOrEqual(IN_FLIGHT);
    expect([...unknown].sort()).toEqual(leftAtKill.flat().sort());
    // Everyone not reported unknown has exactly one message; an unknown one has none or one.
    expect(emails.filter((e) => !unknown.has(e) && perRecipient.get(e) !== 1)).toEqual([]);
    expect(perRecipient.size).toBe(SUBSCRIBERS - unknown.size + unknownMailed.length);
  }, 900000);
});
