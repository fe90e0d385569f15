import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { tempDir } from '../helpers/stand-ins';

const exec = promisify(execFile);
const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'bin', 'daybreak.js');

async function cli(...args: string[]): Promise<{ lines: Record<string, unknown>[]; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [CLI, 'subscribers', ...args], {
      cwd: ROOT,
      timeout: 60000,
    });
    return {
      lines: stdout
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
      stderr,
      code: 0,
    };
  } catch (error) {
    const failed = error as { stderr: string; code: number };
    return { lines: [], stderr: failed.stderr, code: failed.code };
  }
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

    expect((await cli('remove', 'bob@example.com', '--data', data)).lines).toEqual([
      expect.objectContaining({ email: 'bob@example.com', status: 'unsubscribed' }),
    ]);
    expect((await cli('remove', 'carol@example.com', '--erase', '--data', data)).lines).toEqual([
      expect.objectContaining({ email: null, status: 'deleted' }),
    ]);
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
        expect.objectContaining({ email: null, status: 'deleted', emailHash: expect.stringMatching(/^[0-9a-f]{32}$/) }),
      ]),
    );
    expect(JSON.stringify(exported)).not.toContain('carol');
    expect((await cli('list', '--status', 'active', '--data', data)).lines.map((l) => l.email)).toEqual([
      'ann@example.com',
    ]);
  });

  it('explains mistakes on stderr with a non-zero exit', async () => {
    const wrong = await cli('add', 'ann@@example.com', '--data', data);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toMatch(/ann@@example\.com.*name@example\.com/);
    expect((await cli('add', 'dan@example.com', '--editions', 'sports', '--data', data)).stderr).toMatch(
      /--editions: Choose among the editions offered/,
    );
    expect((await cli('frobnicate', '--data', data)).stderr).toMatch(/usage: daybreak subscribers/);
  });
});
