import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

export interface StandIns {
  dynamo: string;
  ses: string;
  close: () => void;
}

/**
 * dynalite (with `table`) and an SES endpoint throttling above `rate` messages a second, in a child
 * process, as DynamoDB and SES are elsewhere in AWS: the bench's CPU time is then its own code's.
 */
export async function startStandInsProcess(table: string, rate = 200): Promise<StandIns> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, 'stand-ins-process.ts'), table, String(rate)],
    { stdio: ['pipe', 'pipe', 'ignore'] },
  );
  const close = () => {
    child.stdin.end();
    child.kill();
  };
  try {
    const endpoints = await new Promise<{ dynamo: string; ses: string }>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`the stand-ins process exited (${code})`)));
      createInterface({ input: child.stdout }).once('line', (line) =>
        resolve(JSON.parse(line) as { dynamo: string; ses: string }),
      );
    });
    return { ...endpoints, close };
  } catch (error) {
    close();
    throw error;
  }
}
