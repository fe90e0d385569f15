import { execFile } from 'node:child_process';
import path from 'node:path';
import { run } from '../../bin/cli';

const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'bin', 'daybreak.js');

/** What one `daybreak` call printed, and its exit code. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * `daybreak ARGV` run inside the test's process, as the binary runs it (same entry point, same
 * error wording), keeping what it prints. A test calls it dozens of times for the cost of loading
 * the CLI once; `daybreakProcess` proves the binary itself.
 */
export async function daybreak(...argv: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => out.push(String(chunk)) > 0);
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => err.push(String(chunk)) > 0);
  try {
    const code = await run(argv);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

/** `daybreak ARGV` as its own process, from the build an operator runs; a failing exit is a result, not an exception. */
export function daybreakProcess(
  argv: string[],
  options: { env?: NodeJS.ProcessEnv; timeout?: number } = {},
): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...argv],
      { cwd: ROOT, env: options.env ?? process.env, timeout: options.timeout ?? 180000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** stdout's JSON lines, parsed. */
export function jsonLines(stdout: string): Record<string, unknown>[] {
  return stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** The last line of stdout, the command's summary. */
export function summary(stdout: string): Record<string, unknown> {
  return jsonLines(stdout).at(-1) ?? {};
}
