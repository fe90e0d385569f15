import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

/**
 * dynalite and the throttling SES endpoint in a child process (bench/stand-ins-process.ts), as
 * DynamoDB and SES are elsewhere in AWS: the bench's own process then measures only its side.
 */
export async function spawnStandIns(
  table: string,
  sesRate: number,
): Promise<{ dynamo: string; ses: string; stop: () => void }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, 'stand-ins-process.ts'), table, String(sesRate)],
    { stdio: ['pipe', 'pipe', 'ignore'] },
  );
  const stop = () => {
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
    return { ...endpoints, stop };
  } catch (error) {
    stop();
    throw error;
  }
}
