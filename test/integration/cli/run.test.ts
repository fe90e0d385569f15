import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { run } from '../../../bin/commands/run';
import { closeServer, serveLocal } from '../../../infra/local/http';
import { tempDir } from '../../helpers/stand-ins';
import { fixture } from '../../helpers/fixtures';

/** Runs `daybreak run ...` in this process; resolves to its exit code and what it wrote. */
async function daybreakRun(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => (stdout += String(chunk)).length > 0);
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => (stderr += String(chunk)).length > 0);
  try {
    return { code: await run(argv), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

const lastLine = (text: string) => JSON.parse(text.trim().split('\n').pop() ?? '') as Record<string, unknown>;

describe('daybreak run digest with nobody subscribed', () => {
  it('says the edition went to nobody, and how to add a subscriber', async () => {
    const dataDir = tempDir('run-nobody-');
    expect((await daybreakRun('collect', '--data', dataDir)).code).toBe(0);
    const digest = await daybreakRun('digest', '--data', dataDir);
    expect(digest.code).toBe(0);
    expect(lastLine(digest.stdout)).toMatchObject({
      editions: [expect.objectContaining({ edition: 'global', recipients: 0 })],
    });
    expect(digest.stderr).toContain(
      `daybreak: global: no active subscriber, so nobody was sent the edition; add one with \`daybreak subscribers add you@example.com --editions global --data ${dataDir}\``,
    );
  });
});

describe('daybreak run collect --live-sources', () => {
  it('collects the configured sources, not the samples (a feed served here stands for the network)', async () => {
    const requests: string[] = [];
    const { url, server } = await serveLocal((request, response) => {
      requests.push(request.url ?? '');
      response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(fixture('feeds/rss2.xml'));
    });
    try {
      const dir = tempDir('run-live-');
      const config = JSON.parse(readFileSync(path.join(__dirname, '../../../config/daybreak.json'), 'utf8'));
      const configFile = path.join(dir, 'daybreak.json');
      writeFileSync(
        configFile,
        JSON.stringify({
          ...config,
          sources: [{ name: 'Harbour Gazette', url: `${url}/rss`, kind: 'feed', category: 'world', timezone: 'UTC' }],
          fetch: { allowPrivateAddresses: true },
        }),
      );
      const collect = await daybreakRun(
        'collect',
        '--live-sources',
        '--config',
        configFile,
        '--data',
        path.join(dir, 'data'),
      );
      expect(collect.code).toBe(0);
      expect(lastLine(collect.stdout)).toMatchObject({
        sources: 1,
        failed: [],
        items: expect.objectContaining({ new: 2 }),
      });
      expect(requests).toEqual(['/rss']);
    } finally {
      await closeServer(server);
    }
  });
});
