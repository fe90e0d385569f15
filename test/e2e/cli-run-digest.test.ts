import path from 'node:path';
import { daybreak as cli, daybreakProcess, summary } from '../helpers/cli';
import { readOutbox } from '../helpers/mail';
import { tempDir } from '../helpers/stand-ins';

/** The command's summary, its last line of stdout; the stderr of the last call is kept in `lastStderr`. */
let lastStderr = '';
async function daybreak(...args: string[]): Promise<Record<string, unknown>> {
  const { stdout, stderr, code } = await cli(...args);
  lastStderr = stderr;
  if (code !== 0) throw new Error(`daybreak ${args.join(' ')} exited ${code}: ${stderr}`);
  return summary(stdout);
}

describe('daybreak run digest', () => {
  const dataDir = tempDir('run-digest-');
  let collectStderr = '';

  beforeAll(async () => {
    await daybreak('run', 'collect', '--data', dataDir);
    collectStderr = lastStderr;
    await daybreak('subscribers', 'add', 'ann@example.com', '--data', dataDir);
    await daybreak('subscribers', 'add', 'bob@example.com', '--data', dataDir);
  });

  it('prints the edition report: recipients, sent, skipped and failed by reason, unknown, bounces, complaints', async () => {
    const { editions } = (await daybreak('run', 'digest', '--data', dataDir)) as {
      editions: Record<string, unknown>[];
    };
    expect(editions[0]).toMatchObject({
      edition: 'global',
      recipients: 2,
      enqueued: 2,
      sent: 2,
      failed: 0,
      failures: {},
      skipped: 0,
      skips: {},
      unknown: 0,
      bounces: 0,
      complaints: 0,
    });
    // Progress goes to stderr (plain lines: no terminal here), so stdout stays the JSON summary.
    expect(lastStderr).toMatch(/^digest: global: recipients enqueued 2, sent 2$/m);
    expect(collectStderr).toMatch(/^collect: sources fetched 3\/3$/m);
  });

  it('a second run enqueues nobody again, sends nobody a second copy, and reports the same counts', async () => {
    const { editions } = (await daybreak('run', 'digest', '--data', dataDir)) as {
      editions: Record<string, unknown>[];
    };
    expect(editions[0]).toMatchObject({ recipients: 2, enqueued: 0, sent: 2, unknown: 0 });
    expect(await readOutbox(path.join(dataDir, 'outbox'))).toHaveLength(2);
  });

  it('--resume lifts a pause and starts the fan-out over; with nothing paused it sends nobody a second copy', async () => {
    const first = (await daybreak('run', 'digest', '--data', dataDir)) as { editions: { date: string }[] };
    const date = first.editions[0]?.date ?? '';
    const { editions } = (await daybreak(
      'run',
      'digest',
      '--resume',
      '--edition',
      'global',
      '--date',
      date,
      '--data',
      dataDir,
    )) as { editions: Record<string, unknown>[] };
    expect(editions).toHaveLength(1);
    expect(editions[0]).toMatchObject({
      edition: 'global',
      resumed: { released: 0 },
      recipients: 2,
      enqueued: 2,
      sent: 2,
      unknown: 0,
    });
    expect(await readOutbox(path.join(dataDir, 'outbox'))).toHaveLength(2);
  });

  it('refuses --resume without the edition and date, and an edition that is not configured, saying what is wrong', async () => {
    // As the operator's shell sees it: the binary's exit status and its one line.
    const missing = await daybreakProcess(['run', 'digest', '--resume', '--data', dataDir]);
    expect(missing).toMatchObject({ code: 1, stderr: expect.stringContaining('--resume needs --edition and --date') });
    const unknown = await cli('run', 'digest', '--edition', 'mars', '--data', dataDir);
    expect(unknown).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('--edition mars: no such edition; offered: global'),
    });
  });

  it('`daybreak report` prints the same report read-only: it builds and sends nothing', async () => {
    const before = (await readOutbox(path.join(dataDir, 'outbox'))).length;
    const report = await daybreak('report', '--data', dataDir);
    expect(report).toMatchObject({
      edition: 'global',
      built: true,
      enqueued: 2,
      sent: 2,
      failed: 0,
      skipped: 0,
      unknown: 0,
      bounces: 0,
      complaints: 0,
    });
    expect(report.stories).toBeGreaterThan(0);
    expect(await daybreak('report', '--date', '2026-01-01', '--data', dataDir)).toEqual({
      date: '2026-01-01',
      edition: 'global',
      built: false,
    });
    expect(await readOutbox(path.join(dataDir, 'outbox'))).toHaveLength(before);
  });
});
