import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { SendBatch } from '../../../functions/core/model';
import { SubscriberStore } from '../../../functions/core/store/subscriber-store';
import { daybreak, summary } from '../../helpers/cli';
import { readOutbox, recipientOf } from '../../helpers/mail';
import { tempDir } from '../../helpers/stand-ins';

const READERS = ['ann@example.com', 'bob@example.com', 'cy@example.com'];

/**
 * The operator's view of an edition that did not reach everyone, on the local stack (dynalite, the
 * local SES, the durable queue): the senders cannot read the table, so each queue message fails
 * at every delivery and ends as a dead letter, their recipients never in the ledger.
 */
describe('daybreak run digest when sends keep failing', () => {
  const dataDir = tempDir('run-incomplete-');
  const outbox = path.join(dataDir, 'outbox');

  beforeAll(async () => {
    expect((await daybreak('run', 'collect', '--data', dataDir)).code).toBe(0);
    for (const email of READERS) expect((await daybreak('subscribers', 'add', email, '--data', dataDir)).code).toBe(0);
  }, 120000);
  afterEach(() => jest.restoreAllMocks());

  it('names the edition and its missing recipients on stderr and exits 1; report shows them missing; one rerun sends exactly them', async () => {
    // Only the senders read subscribers by address: the fan-out and the report page through the index.
    jest
      .spyOn(SubscriberStore.prototype, 'getMany')
      .mockRejectedValue(new Error('ProvisionedThroughputExceededException: the table is throttled'));
    const failed = await daybreak('run', 'digest', '--data', dataDir);
    const run = (summary(failed.stdout).editions as Record<string, unknown>[])[0];
    expect(failed.code).toBe(1);
    expect(run).toMatchObject({ recipients: 3, enqueued: 3, sent: 0, unknown: 0, missing: 3, busyShards: 0 });
    const date = String(run?.date);
    expect(failed.stderr).toContain(
      `daybreak: edition ${date}/global is not complete: 3 recipient(s) missing from the ledger; run \`daybreak run digest --edition global --date ${date}\` again to send it to them`,
    );
    // Their queue messages are dead letters, as SQS's redrive policy leaves them.
    const dead = path.join(dataDir, 'queue', 'dead');
    const buried = readdirSync(dead).flatMap(
      (file) => (JSON.parse(JSON.parse(readFileSync(path.join(dead, file), 'utf8')).body) as SendBatch).recipients,
    );
    expect(buried.sort()).toEqual(READERS);
    jest.restoreAllMocks();

    // report only reads: it shows the gap and leaves it as it is.
    const report = await daybreak('report', '--date', date, '--data', dataDir);
    expect(report.code).toBe(0);
    expect(summary(report.stdout)).toMatchObject({ recipients: 3, sent: 0, missing: 3 });

    const rerun = await daybreak('run', 'digest', '--edition', 'global', '--date', date, '--data', dataDir);
    expect(rerun.code).toBe(0);
    expect((summary(rerun.stdout).editions as Record<string, unknown>[])[0]).toMatchObject({
      recipients: 3,
      reconciled: 3,
      sent: 3,
      unknown: 0,
      missing: 0,
      busyShards: 0,
    });
    expect(rerun.stderr).not.toContain('is not complete');
    const mailed = (await readOutbox(outbox)).map(({ mail }) => recipientOf(mail));
    expect(mailed.sort()).toEqual(READERS);
  }, 180000);
});
