import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { readOutbox, rawHeader, recipientOf } from '../helpers/mail';
import { tempDir } from '../helpers/stand-ins';

const run = promisify(execFile);
const CLI = path.join(__dirname, '..', '..', 'bin', 'daybreak.js');

async function startOnce(dataDir: string, ...flags: string[]) {
  const { stdout } = await run(process.execPath, [CLI, 'start', '--once', '--data', dataDir, ...flags], {
    cwd: path.join(__dirname, '..', '..'),
    timeout: 120000,
  });
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1] ?? '') as Record<string, unknown>;
}

function only<T>(items: T[]): T {
  expect(items).toHaveLength(1);
  return items[0] as T;
}

describe('daybreak start --once', () => {
  const dataDir = tempDir('once-');
  let summary: Record<string, unknown>;

  beforeAll(async () => {
    summary = await startOnce(dataDir, '--in-memory');
  });

  it('collects the sample sources, builds today’s edition and sends it to the demo subscriber', () => {
    expect(summary).toMatchObject({
      editions: ['global'],
      recipients: 1,
      sent: 1,
      failed: 0,
      unknown: 0,
      failedSources: [],
    });
    expect(summary.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(summary.collected).toBeGreaterThanOrEqual(10);
    expect(summary.stories).toBeGreaterThanOrEqual(8);
    expect(summary.trending).toBeGreaterThanOrEqual(5);
    expect(summary.emailBytes).toBeGreaterThan(5000);
    expect(summary.emailBytes).toBeLessThan(90 * 1024);
  });

  it('records the sent message byte for byte as a real digest', async () => {
    const outbox = await readOutbox(path.join(dataDir, 'outbox'));
    expect(outbox).toHaveLength(1);
    const { raw, mail } = only(outbox);
    expect(raw.toString()).toMatch(/^Content-Type: multipart\/alternative;/m);
    expect(recipientOf(mail)).toBe('reader@example.com');
    for (const headline of [
      'Harbour bridge reopens after two-year rebuild',
      'Lighthouse keepers return to the northern isles',
      'Regulators approve new chip plant on the northern coast',
    ]) {
      expect(mail.html).toContain(headline);
      expect(mail.text).toContain(headline);
    }
    expect(mail.html).toMatch(/>Trending now</);
    expect(mail.text).toContain('TRENDING');
    expect(mail.text).toContain('Summer festival announces its headliners (Europe · Trending at the sources)');
  });

  it('carries the https one-click unsubscribe link (RFC 8058), and no mailto that nobody reads', async () => {
    const { mail } = only(await readOutbox(path.join(dataDir, 'outbox')));
    const listUnsubscribe = rawHeader(mail, 'List-Unsubscribe') ?? '';
    expect(listUnsubscribe).toMatch(/^<https:\/\/[^>]+\/unsubscribe\?token=[\w-]+\.[\w-]+>$/);
    expect(rawHeader(mail, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(mail.headers.get('list')).toMatchObject({ unsubscribe: expect.anything() });
  });

  it('keeps the edition’s page in the archive folder, the stories in it and no one’s links', () => {
    const page = readFileSync(path.join(dataDir, 'archive', String(summary.date), 'global.html'), 'utf8');
    expect(page).toContain('Harbour bridge reopens');
    expect(page).not.toMatch(/token=|%%[A-Z_]+%%|daybreak-[0-9a-f]{32}-/);
  });
});

describe('daybreak start --once on a data folder kept on disk', () => {
  it('keeps the send ledger across restarts, so a second run mails nobody twice', async () => {
    const dataDir = tempDir('persist-');
    const first = await startOnce(dataDir);
    const second = await startOnce(dataDir);
    expect(first).toMatchObject({ sent: 1 });
    expect(second).toMatchObject({ sent: 1, recipients: 1 });
    expect(await readOutbox(path.join(dataDir, 'outbox'))).toHaveLength(1);
  });
});
