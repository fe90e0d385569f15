import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { withTable } from '../../bin/commands/table-access';
import { TokenSigner } from '../../functions/core/tokens';
import { localTokenSecret } from '../../infra/local/token-secret';
import { SubscriberStore } from '../../functions/core/store/subscriber-store';
import { SignupStore } from '../../functions/subscribe/signup-store';
import { daybreak, daybreakProcess, jsonLines } from '../helpers/cli';
import { tempDir } from '../helpers/stand-ins';

async function cli(...args: string[]): Promise<{ lines: Record<string, unknown>[]; stderr: string; code: number }> {
  const { stdout, stderr, code } = await daybreak('subscribers', ...args);
  return { lines: jsonLines(stdout), stderr, code };
}

describe('daybreak subscribers', () => {
  const data = tempDir('subscribers-');
  const csv = path.join(data, 'list.csv');

  it('adds, imports with a consent source, removes, erases, refuses to bring anyone back, and exports everything', async () => {
    expect((await cli('add', 'ann@example.com', '--data', data)).lines).toEqual([
      expect.objectContaining({ email: 'ann@example.com', status: 'active', editions: ['global'] }),
    ]);
    writeFileSync(
      csv,
      'email,editions\r\nbob@example.com,global\r\n"carol@example.com",\r\nnot an address,\r\nann@example.com,\r\n',
    );
    const imported = await cli('import', csv, '--source', 'newsletter-2025', '--data', data);
    expect(imported.lines.map((l) => l.email)).toEqual(['bob@example.com', 'carol@example.com']);
    expect(imported.stderr).toMatch(/list\.csv:4: skipped: Enter an email address/);
    expect(imported.stderr).toMatch(/imported 2, already there 1, refused 0, invalid 1/);
    expect(imported.stderr).toMatch(/^import: rows done 4\/4$/m);

    expect((await cli('remove', 'bob@example.com', '--data', data)).lines).toEqual([
      expect.objectContaining({ email: 'bob@example.com', status: 'unsubscribed' }),
    ]);
    const erased = (await cli('remove', 'carol@example.com', '--erase', '--data', data)).lines;
    expect(erased).toEqual([expect.objectContaining({ email: null, status: 'deleted' })]);
    const again = await cli('import', csv, '--data', data);
    expect(again.lines).toEqual([]);
    expect(again.stderr).toMatch(/list\.csv:2: skipped: the address is unsubscribed/);
    expect(again.stderr).toMatch(/list\.csv:3: skipped: the address was deleted/);

    const exported = (await cli('export', '--data', data)).lines;
    expect(exported).toHaveLength(3);
    expect(exported).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          email: 'ann@example.com',
          status: 'active',
          consent: expect.objectContaining({ source: 'cli' }),
          createdAt: expect.any(String),
        }),
        expect.objectContaining({
          email: 'bob@example.com',
          status: 'unsubscribed',
          consent: expect.objectContaining({ source: 'import:newsletter-2025' }),
        }),
        // The hash `remove --erase` printed is the one stored: the keyed fingerprint.
        expect.objectContaining({ email: null, status: 'deleted', emailHash: erased[0]?.emailHash }),
      ]),
    );
    expect(JSON.stringify(exported)).not.toContain('carol');
    expect((await cli('list', '--status', 'active', '--data', data)).lines.map((l) => l.email)).toEqual([
      'ann@example.com',
    ]);
  });

  it('lifts a suppression: pending until its owner confirms again, or active at once with --resume', async () => {
    const suppressed = tempDir('unsuppress-');
    await withTable({ dataDir: suppressed }, async (db, table) => {
      const linkKey = new TokenSigner(localTokenSecret(suppressed));
      const store = new SubscriberStore(db, table, (email) => linkKey.fingerprint(email));
      const at = '2026-11-01T00:00:00.000Z';
      for (const email of ['bounced@example.com', 'complained@example.com', 'full-mailbox@example.com']) {
        await store.put({ email, status: 'active', editions: ['global'], createdAt: at, updatedAt: at });
        await store.suppress(email, 'complaint', new Date());
      }
      await new SignupStore(db, table, (e) => e).putConsent('full-mailbox@example.com', { source: 'form', at });
    });
    await cli('add', 'kept@example.com', '--data', suppressed);
    const lifted = await cli('unsuppress', 'Complained@example.com', '--data', suppressed);
    expect(lifted.code).toBe(0);
    expect(lifted.lines).toEqual([expect.objectContaining({ email: 'complained@example.com', status: 'pending' })]);
    expect(lifted.lines[0]).not.toHaveProperty('suppressedReason');
    // --resume needs a consent record: this address has none, so its owner must sign up again.
    const refused = await cli('unsuppress', 'bounced@example.com', '--resume', '--data', suppressed);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/not lifted: no consent record/);
    expect((await cli('unsuppress', 'full-mailbox@example.com', '--resume', '--data', suppressed)).lines).toEqual([
      expect.objectContaining({ email: 'full-mailbox@example.com', status: 'active', editions: ['global'] }),
    ]);
    const unchanged = await cli('unsuppress', 'kept@example.com', '--data', suppressed);
    expect(unchanged.lines).toEqual([expect.objectContaining({ status: 'active' })]);
    expect(unchanged.stderr).toMatch(/unchanged, not suppressed \(active\)/);
    expect((await cli('unsuppress', 'nobody@example.com', '--data', suppressed)).stderr).toMatch(
      /no subscriber nobody@example\.com/,
    );
    expect((await cli('list', '--status', 'suppressed', '--data', suppressed)).lines.map((l) => l.email)).toEqual([
      'bounced@example.com',
    ]);
  }, 240000);

  it('explains mistakes on stderr with a non-zero exit', async () => {
    // As the operator's shell sees it: the binary, its exit status, one line and no stack trace.
    const wrong = await daybreakProcess(['subscribers', 'add', 'ann@@example.com', '--data', data]);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stdout).toBe('');
    expect(wrong.stderr).toMatch(/^daybreak: .*ann@@example\.com.*name@example\.com.*\n$/);
    expect(wrong.stderr).not.toMatch(/\n\s+at /);
    expect((await cli('add', 'dan@example.com', '--editions', 'sports', '--data', data)).stderr).toMatch(
      /--editions sports: no such edition; offered: global/,
    );
    expect((await cli('frobnicate', '--data', data)).stderr).toMatch(/usage: daybreak subscribers/);
  });
});
