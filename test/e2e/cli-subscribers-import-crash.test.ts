import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { withTable } from '../../bin/commands/table-access';
import { SubscriberStore } from '../../functions/core/store/subscriber-store';
import { TokenSigner } from '../../functions/core/tokens';
import { localTokenSecret } from '../../infra/local/token-secret';
import { daybreak } from '../helpers/cli';
import { tempDir } from '../helpers/stand-ins';

const exec = promisify(execFile);
const ROOT = path.join(__dirname, '..', '..');
const KILLER = path.join(ROOT, 'test', 'helpers', 'kill-at-write.ts');

/** 30 addresses, one of them twice in another case: a list as operators really have them. */
const ADDRESSES = Array.from({ length: 30 }, (_, i) => `reader${String(i).padStart(2, '0')}@example.com`);
const CSV = `email,editions\n${ADDRESSES.map((a, i) => `${a},${i % 3 === 0 ? 'global' : ''}`).join('\n')}\nREADER07@example.com,\n`;

interface Run {
  stdout: string;
  stderr: string;
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Node with these arguments; a killed or failing process is a result, not an exception. */
async function node(args: string[], env: Record<string, string> = {}): Promise<Run> {
  try {
    const { stdout, stderr } = await exec(process.execPath, args, {
      cwd: ROOT,
      timeout: 120000,
      env: { ...process.env, ...env },
    });
    return { stdout, stderr, code: 0, signal: null };
  } catch (error) {
    const failed = error as { stdout: string; stderr: string; code: number | null; signal: NodeJS.Signals | null };
    return { stdout: failed.stdout, stderr: failed.stderr, code: failed.code, signal: failed.signal };
  }
}

const importArgs = (csv: string, data: string) => ['subscribers', 'import', csv, '--source', 'crash', '--data', data];

/** What the data folder holds: subscriber profiles and consent records, by address. */
async function stored(
  data: string,
): Promise<{ profiles: Record<string, unknown>[]; consents: Record<string, unknown>[] }> {
  return withTable({ dataDir: data }, async (db, table) => {
    const items: Record<string, unknown>[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await db.send(new ScanCommand({ TableName: table, ExclusiveStartKey }));
      items.push(...(page.Items ?? []));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    const subscriberItems = items.filter((i) => String(i.pk).startsWith('SUBSCRIBER#'));
    return {
      profiles: subscriberItems.filter((i) => i.sk === 'PROFILE'),
      consents: subscriberItems.filter((i) => i.sk === 'CONSENT'),
    };
  });
}

/** Every active (or pending) subscriber has its consent record beside it. */
function withoutConsent(state: Awaited<ReturnType<typeof stored>>): string[] {
  const consented = new Set(state.consents.map((c) => c.pk));
  return state.profiles.filter((p) => p.status === 'active' && !consented.has(p.pk)).map((p) => String(p.email));
}

/** The rerun an operator makes after the crash (in this process: only the killed run needs one of its own). */
const cli = (args: string[]) => daybreak(...args);
const killedAtWrite = (n: number, args: string[]) =>
  node(['--require', 'tsx/cjs', KILLER, ...args], { DAYBREAK_TEST_KILL_AT_WRITE: String(n) });

describe('daybreak subscribers import, killed with SIGKILL and run again', () => {
  // Before the first write, between a consent and its profile, and further on at both kinds of boundary.
  it.each([1, 2, 17, 30, 45])(
    'killed before its write #%i: no active subscriber without consent, and one rerun completes the list, nobody twice',
    async (killAt) => {
      const data = tempDir('import-crash-');
      const csv = path.join(data, 'list.csv');
      writeFileSync(csv, CSV);

      const killed = await killedAtWrite(killAt, importArgs(csv, data));
      expect(killed.signal).toBe('SIGKILL');
      const afterKill = await stored(data);
      expect(afterKill.profiles.length).toBeLessThan(ADDRESSES.length);
      expect(withoutConsent(afterKill)).toEqual([]);

      const rerun = await cli(importArgs(csv, data));
      expect(rerun.code).toBe(0);
      const counts = /imported (\d+), already there (\d+), refused 0, invalid 0, repaired 0/.exec(rerun.stderr);
      expect(counts).not.toBeNull();
      // Every address of the file, its duplicate row included: new now, or there from the killed run.
      expect(Number(counts?.[1]) + Number(counts?.[2])).toBe(ADDRESSES.length + 1);

      const final = await stored(data);
      expect(withoutConsent(final)).toEqual([]);
      expect(final.profiles.map((p) => String(p.email).toLowerCase()).sort()).toEqual(ADDRESSES);
      expect(final.consents).toHaveLength(ADDRESSES.length);
      expect(final.profiles.every((p) => p.status === 'active' && p.activeShard !== undefined)).toBe(true);
      expect(final.consents.every((c) => c.source === 'import:crash')).toBe(true);
    },
    240000,
  );

  it('gives an active subscriber left without consent (by an older version) its record on the next import', async () => {
    const data = tempDir('import-repair-');
    const csv = path.join(data, 'list.csv');
    writeFileSync(csv, 'email\nold@example.com\nnew@example.com\n');
    await withTable({ dataDir: data }, (db, table) =>
      new SubscriberStore(db, table, (email) => new TokenSigner(localTokenSecret(data)).fingerprint(email)).put({
        email: 'old@example.com',
        status: 'active',
        editions: ['global'],
        createdAt: '2026-11-01T00:00:00.000Z',
        updatedAt: '2026-11-01T00:00:00.000Z',
      }),
    );
    const repaired = await cli(importArgs(csv, data));
    expect(repaired.code).toBe(0);
    expect(repaired.stderr).toMatch(/list\.csv:2: already active, consent record restored/);
    expect(repaired.stderr).toMatch(/imported 1, already there 0, refused 0, invalid 0, repaired 1/);
    expect(
      repaired.stdout
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { email: string }).email),
    ).toEqual(['old@example.com', 'new@example.com']);
    const state = await stored(data);
    expect(withoutConsent(state)).toEqual([]);
    expect(state.profiles.find((p) => p.email === 'old@example.com')).toMatchObject({
      createdAt: '2026-11-01T00:00:00.000Z',
    });
  }, 120000);
});
