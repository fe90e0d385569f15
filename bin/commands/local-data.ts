import { existsSync, statSync } from 'node:fs';
import { claimDataFolder, type Holder, readHolder, releaseDataFolder } from '../../infra/local/data-folder';
import { UsageError } from './usage';

export type ServingStack = Holder & { endpoints: NonNullable<Holder['endpoints']>; token: string };

/** How a command reaches a data folder: through the stack that serves it, or by opening it itself. */
export type FolderAccess = { kind: 'stack'; stack: ServingStack } | { kind: 'own'; release: () => void };

const POLL_MS = 200;

/**
 * Reaches the data folder for `command`: a running `daybreak start` serves it, so the command uses
 * that stack's endpoints; otherwise the command takes the folder for itself (and must call
 * `release`). While another one-off command holds it (a `run digest` still sending), this waits,
 * saying for whom, as a second `apt` waits for the first.
 */
export async function accessDataFolder(dataDir: string, command: string): Promise<FolderAccess> {
  let told = false;
  for (;;) {
    const claim = claimDataFolder(dataDir, { pid: process.pid, command, startedAt: new Date().toISOString() });
    if (claim.claimed) {
      // A crash or a thrown error still gives the folder back; a kill leaves a record the next command removes.
      const onExit = () => releaseDataFolder(dataDir);
      process.once('exit', onExit);
      const release = () => {
        process.off('exit', onExit);
        releaseDataFolder(dataDir);
      };
      return { kind: 'own', release };
    }
    const { holder } = claim;
    if (holder.endpoints && holder.token) return { kind: 'stack', stack: holder as ServingStack };
    if (!told) {
      process.stderr.write(
        `daybreak: waiting for \`${holder.command}\` (pid ${holder.pid}) to finish with ${dataDir}\n`,
      );
      told = true;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** The stack serving `dataDir`, if one runs. */
export function servingStack(dataDir: string): ServingStack | undefined {
  const holder = readHolder(dataDir);
  return holder?.endpoints && holder.token ? (holder as ServingStack) : undefined;
}

/**
 * A command that only reads must not make up an empty folder (and report an empty edition from
 * it): a `--data` that does not exist is a mistake, most often a typo.
 */
export function existingDataFolder(dataDir: string): string {
  if (!existsSync(dataDir))
    throw new UsageError(
      `--data ${dataDir}: no such folder (start the stack with \`daybreak start --data ${dataDir}\`, or collect with \`daybreak run collect --data ${dataDir}\`)`,
    );
  if (!statSync(dataDir).isDirectory()) throw new UsageError(`--data ${dataDir}: a file, not a folder`);
  return dataDir;
}
