import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { tempDir } from '../helpers/stand-ins';

const run = promisify(execFile);
const ROOT = path.join(__dirname, '..', '..');

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function outcome(file: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(file, args, { cwd: ROOT, timeout: 120000, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** The shipped configuration with a typo in a key and an edition listed twice. */
function badConfig(dir: string): string {
  const config = JSON.parse(readFileSync(path.join(ROOT, 'config/daybreak.json'), 'utf8'));
  config.ses.maxSendrate = 50;
  config.editions.push(config.editions[0]);
  const file = path.join(dir, 'daybreak.json');
  writeFileSync(file, JSON.stringify(config));
  return file;
}

const PROBLEMS = [
  /ses\.maxSendrate: unknown key \(did you mean "maxSendRate"\?\)/,
  /editions\[1\]\.id: two editions have the id "global"/,
];

describe('a configuration with a typo key and a duplicate edition', () => {
  const dir = tempDir('config-refusal-');
  const config = badConfig(dir);

  it('fails `cdk synth` before any bundling, naming both problems', async () => {
    const result = await outcome(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'infra/app.ts'], {
      ...process.env,
      CDK_CONTEXT_JSON: JSON.stringify({ config }),
      CDK_OUTDIR: path.join(dir, 'cdk.out'),
    });
    expect(result.code).toBe(1);
    for (const problem of PROBLEMS) expect(result.stderr).toMatch(problem);
    expect(result.stderr).not.toMatch(/Bundling|esbuild|\n\s+at /);
  });

  it.each([
    ['report', '--data', 'DATA'],
    ['preview', '--out', 'OUT'],
    ['run', 'digest', '--data', 'DATA'],
  ])('is refused the same way by `daybreak %s`', async (...args) => {
    const argv = args.map((a) => (a === 'DATA' ? path.join(dir, 'data') : a === 'OUT' ? path.join(dir, 'p.html') : a));
    const result = await outcome(process.execPath, [path.join(ROOT, 'bin/daybreak.js'), ...argv, '--config', config]);
    expect(result.code).not.toBe(0);
    for (const problem of PROBLEMS) expect(result.stderr).toMatch(problem);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
