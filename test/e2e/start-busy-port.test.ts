import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { closeServer, listenLocal } from '../../infra/local/http';
import { tempDir } from '../helpers/stand-ins';

const run = promisify(execFile);
const ROOT = path.join(__dirname, '..', '..');

describe('daybreak start on a port another program holds', () => {
  const dir = tempDir('busy-port-');

  it('exits 1 at once with the command that picks another port, and leaves nothing running', async () => {
    const holder = createServer();
    const port = Number(new URL(await listenLocal(holder)).port);
    try {
      const failed = await run(
        process.execPath,
        [path.join(ROOT, 'bin/daybreak.js'), 'start', '--port', String(port), '--data', path.join(dir, 'data')],
        {
          cwd: ROOT,
          timeout: 120000,
        },
      ).then(
        () => undefined,
        (error: { code?: number; stderr?: string }) => error,
      );
      expect(failed?.code).toBe(1);
      expect(failed?.stderr).toBe(`daybreak: port ${port} is in use: try \`npm start -- --port ${port + 1}\`\n`);
      // Nothing was started: the stand-ins never made their data folder.
      expect(existsSync(path.join(dir, 'data'))).toBe(false);
    } finally {
      await closeServer(holder);
    }
  });
});
