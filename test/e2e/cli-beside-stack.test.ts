import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { readOutbox } from '../helpers/mail';
import { tempDir } from '../helpers/stand-ins';

const exec = promisify(execFile);
const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'bin', 'daybreak.js');

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

function daybreak(...args: string[]): Promise<Result> {
  return exec(process.execPath, [CLI, ...args], { cwd: ROOT, timeout: 240000 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: Result) => error,
  );
}

const lastLine = (result: Result) =>
  JSON.parse(result.stdout.trim().split('\n').pop() ?? '') as Record<string, unknown>;
const jsonLines = (result: Result) =>
  result.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

/** `daybreak start` as an operator runs it in another terminal; resolves once it says it is running. */
function startStack(dataDir: string): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, [CLI, 'start', '--port', '0', '--data', dataDir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', () => {
      if (output.includes('Press Ctrl+C to stop.')) resolve({ child, output: () => output });
    });
    child.once('exit', (code) => reject(new Error(`daybreak start exited (${code}):\n${output}`)));
  });
}

describe('the CLI beside a running `daybreak start` on the same data folder', () => {
  const dataDir = path.join(tempDir('beside-stack-'), 'data');
  let stack: Awaited<ReturnType<typeof startStack>>;

  beforeAll(async () => {
    stack = await startStack(dataDir);
  });
  afterAll(() => {
    if (stack.child.exitCode === null) stack.child.kill('SIGKILL');
  });

  it('records where the stack listens in the data folder', () => {
    expect(existsSync(path.join(dataDir, 'stack.json'))).toBe(true);
  });

  it('lists subscribers and reports from the running stack, with no lock error', async () => {
    const list = await daybreak('subscribers', 'list', '--data', dataDir);
    expect(list).toMatchObject({ code: 0 });
    expect(jsonLines(list)).toEqual([expect.objectContaining({ email: 'reader@example.com', status: 'active' })]);
    const report = await daybreak('report', '--data', dataDir);
    expect(report.code).toBe(0);
    expect(jsonLines(report)).toEqual([expect.objectContaining({ edition: 'global', built: true, sent: 1 })]);
  });

  it('runs collect in the stack, which logs it', async () => {
    const collect = await daybreak('run', 'collect', '--data', dataDir);
    expect(collect.code).toBe(0);
    expect(lastLine(collect)).toMatchObject({ sources: 3, failed: [] });
    expect(stack.output()).toMatch(/run collect: \d+ new, \d+ updated, \d+ unchanged articles; 0 source\(s\) failed/);
  });

  it('two `run digest` at once: both answer, one after the other, and nobody is mailed twice', async () => {
    await daybreak('subscribers', 'add', 'ann@example.com', '--data', dataDir);
    const [first, second] = await Promise.all([
      daybreak('run', 'digest', '--data', dataDir),
      daybreak('run', 'digest', '--data', dataDir),
    ]);
    for (const run of [first, second]) {
      expect(run.code).toBe(0);
      expect(lastLine(run)).toMatchObject({ editions: [expect.objectContaining({ recipients: 2, sent: 2 })] });
    }
    // The stack sent the demo reader today's edition when it started; ann got hers once.
    expect(await readOutbox(path.join(dataDir, 'outbox'))).toHaveLength(2);
    expect(stack.output().match(/run digest: \S+\/global sent 2 of 2/g)).toHaveLength(2);
  });

  it('after the stack is killed, its folder is recovered: two `run digest` at once open it in turn', async () => {
    stack.child.kill('SIGKILL');
    await new Promise((resolve) => stack.child.once('exit', resolve));
    const [first, second] = await Promise.all([
      daybreak('run', 'digest', '--data', dataDir),
      daybreak('run', 'digest', '--data', dataDir),
    ]);
    for (const run of [first, second]) {
      expect(run.stderr).not.toMatch(/Database is closed|\n\s+at /);
      expect(run.code).toBe(0);
      expect(lastLine(run)).toMatchObject({ editions: [expect.objectContaining({ recipients: 2, sent: 2 })] });
    }
    // One of them waited for the other, and said for whom.
    expect(`${first.stderr}${second.stderr}`).toMatch(/waiting for `daybreak run digest` \(pid \d+\) to finish with /);
    expect(existsSync(path.join(dataDir, 'stack.json'))).toBe(false);
    expect(await readOutbox(path.join(dataDir, 'outbox'))).toHaveLength(2);
  });
});
