import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { archiveKey, editionOfKey, newestFirst, type ArchivedEdition, type EditionArchive } from './edition-archive';

/** The archive in a folder (the local stack's `<data>/archive`), laid out as the bucket is. */
export class FolderArchive implements EditionArchive {
  constructor(readonly root: string) {}

  async put(date: string, edition: string, html: string): Promise<void> {
    const file = path.join(this.root, archiveKey(date, edition));
    await mkdir(path.dirname(file), { recursive: true });
    // Written beside, then renamed: a reader never sees half a page.
    const partial = `${file}.${process.pid}.partial`;
    await writeFile(partial, html, 'utf8');
    await rename(partial, file);
  }

  async get(date: string, edition: string): Promise<string | undefined> {
    try {
      return await readFile(path.join(this.root, archiveKey(date, edition)), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async list(limit: number): Promise<ArchivedEdition[]> {
    const found: ArchivedEdition[] = [];
    const days = (await readdir(path.join(this.root, 'archive')).catch(() => [] as string[])).sort().reverse();
    for (const day of days) {
      if (found.length >= limit) break;
      const files = await readdir(path.join(this.root, 'archive', day)).catch(() => [] as string[]);
      for (const file of files) {
        const edition = editionOfKey(`archive/${day}/${file}`);
        if (edition) found.push(edition);
      }
    }
    return found.sort(newestFirst).slice(0, limit);
  }
}
