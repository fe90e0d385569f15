import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  claimDataFolder,
  type Holder,
  readHolder,
  releaseDataFolder,
  updateHolder,
} from '../../../infra/local/data-folder';
import { existingDataFolder } from '../../../bin/commands/local-data';
import { tempDir } from '../../helpers/stand-ins';

const me = (command = 'daybreak run digest'): Holder => ({
  pid: process.pid,
  command,
  startedAt: new Date().toISOString(),
});

/** The pid of a process that has ended. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

describe('who holds a data folder (<data>/stack.json)', () => {
  it('one process takes it; another is told who holds it until it is given back', () => {
    const dir = tempDir('folder-');
    expect(claimDataFolder(dir, me())).toEqual({ claimed: true });
    const other = { ...me('daybreak report'), pid: process.ppid };
    expect(claimDataFolder(dir, other)).toEqual({
      claimed: false,
      holder: expect.objectContaining({ pid: process.pid, command: 'daybreak run digest' }),
    });
    releaseDataFolder(dir);
    expect(readHolder(dir)).toBeUndefined();
    expect(claimDataFolder(dir, other)).toEqual({ claimed: true });
    // Not ours to give back.
    releaseDataFolder(dir);
    expect(readHolder(dir)?.pid).toBe(process.ppid);
    // No temporary file is left beside it.
    expect(readdirSync(dir)).toEqual(['stack.json']);
  });

  it('a record left by a killed process is removed, and the folder taken', () => {
    const dir = tempDir('folder-');
    writeFileSync(path.join(dir, 'stack.json'), JSON.stringify({ ...me('daybreak start'), pid: deadPid() }));
    expect(readHolder(dir)).toBeUndefined();
    expect(existsSync(path.join(dir, 'stack.json'))).toBe(false);
    writeFileSync(path.join(dir, 'stack.json'), JSON.stringify({ ...me('daybreak start'), pid: deadPid() }));
    expect(claimDataFolder(dir, me())).toEqual({ claimed: true });
    expect(readHolder(dir)?.pid).toBe(process.pid);
  });

  it('a stack adds its endpoints to its record once they listen', () => {
    const dir = tempDir('folder-');
    claimDataFolder(dir, me('daybreak start'));
    const endpoints = { dynamodb: 'd', ses: 's', sqs: 'q', inbox: 'i', control: 'c' };
    updateHolder(dir, { ...me('daybreak start'), endpoints, token: 't' });
    expect(readHolder(dir)).toMatchObject({ endpoints, token: 't' });
  });
});

describe('a data folder a read-only command is pointed at', () => {
  it('must exist: a typo is named, not turned into an empty folder', () => {
    const missing = path.join(tempDir('folder-'), 'typo');
    expect(() => existingDataFolder(missing)).toThrow(
      new RegExp(`^--data ${missing}: no such folder \\(start the stack with \`daybreak start --data`),
    );
    expect(existsSync(missing)).toBe(false);
  });
});
