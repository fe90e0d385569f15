import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { tempDir } from '../../helpers/stand-ins';

const exec = promisify(execFile);
const ROOT = path.join(__dirname, '..', '..', '..');

/**
 * bin/daybreak.js in a package of its own (a temp copy: the real tree is never touched), with a
 * build and a source that each say which of them ran.
 */
function packageWithBuild(): { dir: string; run: () => Promise<string> } {
  const dir = tempDir('stale-build-');
  mkdirSync(path.join(dir, 'bin'));
  mkdirSync(path.join(dir, 'dist', 'cli'), { recursive: true });
  copyFileSync(path.join(ROOT, 'bin', 'daybreak.js'), path.join(dir, 'bin', 'daybreak.js'));
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  const says = (who: string) => `exports.run = async () => { process.stdout.write('${who}'); return 0; };\n`;
  writeFileSync(path.join(dir, 'bin', 'cli.ts'), says('source'));
  writeFileSync(path.join(dir, 'dist', 'cli', 'cli.js'), says('build'));
  const builtAt = Date.now();
  // The source as it was when the build was made: older than the build.
  const before = new Date(builtAt - 60_000);
  utimesSync(path.join(dir, 'bin', 'cli.ts'), before, before);
  writeFileSync(path.join(dir, 'dist', 'cli', 'manifest.json'), JSON.stringify({ builtAt, inputs: ['bin/cli.ts'] }));
  const env = { ...process.env, DAYBREAK_FROM_SOURCE: '' };
  return {
    dir,
    run: async () =>
      (await exec(process.execPath, [path.join(dir, 'bin', 'daybreak.js')], { cwd: dir, env, timeout: 120000 })).stdout,
  };
}

describe('bin/daybreak.js', () => {
  it('runs the build while it is fresh, and a source edited after the build as soon as it is saved', async () => {
    const pkg = packageWithBuild();
    expect(await pkg.run()).toBe('build');
    writeFileSync(
      path.join(pkg.dir, 'bin', 'cli.ts'),
      "export const run = async (): Promise<number> => { process.stdout.write('edited source'); return 0; };\n",
    );
    expect(await pkg.run()).toBe('edited source');
  });
});
