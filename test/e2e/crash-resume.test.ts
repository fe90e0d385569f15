import { execFile, spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { documentClient } from '../../functions/core/aws-clients';
import { EditionStore } from '../../functions/core/store/edition-store';
import { SubscriberStore } from '../../functions/core/store/subscriber-store';
import { TokenSigner } from '../../functions/core/tokens';
import { localTokenSecret } from '../../infra/local/token-secret';
import { EnqueueProgressStore } from '../../functions/digest/enqueue-progress';
import { ACTIVE_SUBSCRIBER_SHARDS } from '../../functions/core/table';
import { dateIn } from '../../functions/core/dates';
import { ensureTable, startDynamoDb } from '../../infra/local/dynamodb';
import { LOCAL_TABLE } from '../../infra/local/local-stack';
import { readOutbox, recipientOf } from '../helpers/mail';
import { tempDir } from '../helpers/stand-ins';

const exec = promisify(execFile);
const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'bin', 'daybreak.js');
const SUBSCRIBERS = 2000;
/** The send handler's SES calls in flight at most (its `parallel` at this rate). */
const IN_FLIGHT = 16;

/**
 * The operator's nightmare, on the local stack (dynalite, aws-ses-v2-local, the durable queue):
 * `daybreak run digest` killed with SIGKILL during the fan-out, again at ~40% of the send and again
 * at ~90%, then run once more. Kill points are chosen by counting files (queue messages, .eml in the
 * outbox), never by the clock.
 */
describe('daybreak run digest killed three times, then run again', () => {
  const dataDir = tempDir('crash-');
  const configFile = path.join(dataDir, 'daybreak.json');
  const date = dateIn('Europe/London', new Date());
  const emails = Array.from({ length: SUBSCRIBERS }, (_, i) => `reader${String(i).padStart(4, '0')}@example.com`);
  const files = (dir: string, suffix: string) => {
    try {
      return readdirSync(dir).filter((f) => f.endsWith(suffix)).length;
    } catch {
      return 0;
    }
  };
  const outboxCount = () => files(path.join(dataDir, 'outbox'), '.eml');

  /** Opens the data folder (the killed process's lock is gone) for a look, and closes it again. */
  async function inspect<T>(
    look: (stores: {
      editions: EditionStore;
      progress: EnqueueProgressStore;
      db: ReturnType<typeof documentClient>;
    }) => Promise<T>,
  ): Promise<T> {
    const dynamo = await startDynamoDb(path.join(dataDir, 'dynamodb'));
    try {
      const client = new DynamoDBClient({
        endpoint: dynamo.endpoint,
        region: 'us-east-1',
        credentials: { accessKeyId: 'l', secretAccessKey: 'l' },
      });
      await ensureTable(client, LOCAL_TABLE);
      const db = documentClient(client);
      return await look({
        editions: new EditionStore(db, LOCAL_TABLE),
        progress: new EnqueueProgressStore(db, LOCAL_TABLE),
        db,
      });
    } finally {
      await dynamo.close();
    }
  }

  /** Claims left in the ledger: SES calls that were in flight when the process died. */
  const claimsLeft = () => inspect(async ({ editions }) => (await editions.report(date, 'global')).unknown);

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
    await inspect(async ({ db }) => {
      const linkKey = new TokenSigner(localTokenSecret(dataDir));
      const subscribers = new SubscriberStore(db, LOCAL_TABLE, (email) => linkKey.fingerprint(email));
      const at = new Date().toISOString();
      for (const email of emails)
        await subscribers.put({ email, status: 'active', editions: ['global'], createdAt: at, updatedAt: at });
    });
  }, 300000);

  it('mails every subscriber once, reports missing = 0, and leaves unknown only for SES calls in flight at the kills', async () => {
    const inFlight: number[] = [];

    // Killed during the fan-out: a few queue messages are on disk, the rest of the edition is not enqueued yet.
    await runAndKill(() => files(path.join(dataDir, 'queue'), '.json') >= 3);
    const enqueuedAtKill = await inspect(({ progress }) => progress.total(date, 'global', ACTIVE_SUBSCRIBER_SHARDS));
    expect(enqueuedAtKill).toBeLessThan(SUBSCRIBERS);
    inFlight.push(await claimsLeft());

    // Killed at ~40% of the send, then at ~90%: counted in .eml files in the outbox.
    await runAndKill(() => outboxCount() >= SUBSCRIBERS * 0.4);
    inFlight.push((await claimsLeft()) - inFlight.reduce((a, b) => a + b, 0));
    await runAndKill(() => outboxCount() >= SUBSCRIBERS * 0.9);
    inFlight.push((await claimsLeft()) - inFlight.reduce((a, b) => a + b, 0));

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

    const perRecipient = new Map<string, number>();
    for (const { mail } of await readOutbox(path.join(dataDir, 'outbox')))
      perRecipient.set(recipientOf(mail), (perRecipient.get(recipientOf(mail)) ?? 0) + 1);
    const unmailed = emails.filter((e) => !perRecipient.has(e));
    const twice = [...perRecipient].filter(([, n]) => n > 1);
    // The numbers, for the record.
    process.stderr.write(
      `crash test: enqueued at the first kill ${enqueuedAtKill}; claims in flight at the kills ${inFlight.join(', ')}; final ${JSON.stringify({ recipients: report.recipients, sent: report.sent, unknown: report.unknown, missing: report.missing, reconciled: run?.reconciled, unmailed: unmailed.length, twice: twice.length })}\n`,
    );

    expect(twice).toEqual([]);
    expect(report).toMatchObject({ recipients: SUBSCRIBERS, missing: 0, failed: 0, skipped: 0 });
    expect(report.sent + report.unknown).toBe(SUBSCRIBERS);
    expect(run).toMatchObject({ recipients: SUBSCRIBERS, missing: 0, busyShards: 0 });
    // Unknown means "SES may have taken it": only calls in flight at a kill, never more.
    for (const n of inFlight) expect(n).toBeLessThanOrEqual(IN_FLIGHT);
    // The claims the kills left are among them; an SES call with no answer in the last run may add one.
    expect(report.unknown).toBeGreaterThanOrEqual(inFlight.reduce((a, b) => a + b, 0));
    expect(report.unknown).toBeLessThanOrEqual(inFlight.length * IN_FLIGHT);
    // Everyone not unknown has exactly one message; an unknown one has at most one.
    expect(unmailed.length).toBeLessThanOrEqual(report.unknown);
    expect(perRecipient.size + unmailed.length).toBe(SUBSCRIBERS);
  }, 600000);
});
