import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as z from 'zod';

/**
 * Who holds a data folder. dynalite keeps its LevelDB open for as long as it runs, so one process
 * at a time opens a folder: `daybreak start` for as long as it serves, or a one-off command (a
 * `run digest` on a folder no stack serves). The holder writes `<data>/stack.json`; a serving
 * stack adds its endpoints there, so other commands reach its data through it instead of opening
 * the folder themselves.
 */
export const HolderSchema = z.object({
  pid: z.number().int().positive(),
  command: z.string(),
  startedAt: z.string(),
  /** A serving stack's stand-ins and its control endpoint (which runs jobs in the stack on request). */
  endpoints: z
    .object({
      dynamodb: z.string(),
      ses: z.string(),
      sqs: z.string(),
      inbox: z.string(),
      control: z.string(),
      web: z.string().optional(),
    })
    .optional(),
  /** Asked of every control request: only who can read the data folder may run jobs in the stack. */
  token: z.string().optional(),
});
export type Holder = z.infer<typeof HolderSchema>;

const recordFile = (dataDir: string) => path.join(dataDir, 'stack.json');

/**
 * Takes the folder for this process, unless a live process holds it: then returns that holder. A
 * record left by a dead process (killed, crashed) is removed and the folder taken: LevelDB's own
 * lock dies with its process, so nothing else keeps the folder.
 */
export function claimDataFolder(
  dataDir: string,
  holder: Holder,
): { claimed: true } | { claimed: false; holder: Holder } {
  mkdirSync(dataDir, { recursive: true });
  for (;;) {
    const temporary = writeTemporary(dataDir, holder);
    try {
      // A hard link fails when the name exists: taking the folder and writing the record are one step.
      linkSync(temporary, recordFile(dataDir));
      return { claimed: true };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      rmSync(temporary, { force: true });
    }
    const current = readHolder(dataDir);
    if (current) return { claimed: false, holder: current };
    // Dead or unreadable: gone now, so the next turn takes the folder (or meets whoever was quicker).
  }
}

/** Replaces this process's record (a stack adds its endpoints once they listen). */
export function updateHolder(dataDir: string, holder: Holder): void {
  renameSync(writeTemporary(dataDir, holder), recordFile(dataDir));
}

/** Gives the folder back, if this process still holds it. */
export function releaseDataFolder(dataDir: string, pid = process.pid): void {
  if (readHolder(dataDir)?.pid === pid) rmSync(recordFile(dataDir), { force: true });
}

/** The live process that holds the folder; a record of a dead one is removed on the way. */
export function readHolder(dataDir: string): Holder | undefined {
  let text: string;
  try {
    text = readFileSync(recordFile(dataDir), 'utf8');
  } catch {
    return undefined;
  }
  const parsed = HolderSchema.safeParse(safeJson(text));
  if (parsed.success && isAlive(parsed.data.pid)) return parsed.data;
  rmSync(recordFile(dataDir), { force: true });
  return undefined;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function writeTemporary(dataDir: string, holder: Holder): string {
  const file = path.join(dataDir, `.stack.${process.pid}.${Date.now()}.tmp`);
  writeFileSync(file, `${JSON.stringify(holder, null, 2)}\n`, { mode: 0o600 });
  return file;
}

/** The JSON in `text`, or undefined when it holds none (a file or a reply cut short). */
export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
