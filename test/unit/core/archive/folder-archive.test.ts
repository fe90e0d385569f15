import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FolderArchive } from '../../../../functions/core/archive/folder-archive';
import { tempDir } from '../../../helpers/stand-ins';

describe('FolderArchive', () => {
  const root = tempDir('archive-');
  const archive = new FolderArchive(root);

  it('keeps a page where the bucket would: archive/DATE/EDITION.html under its folder', async () => {
    await archive.put('2026-11-27', 'global', '<p>Tête-à-tête</p>');
    expect(readFileSync(path.join(root, 'archive', '2026-11-27', 'global.html'), 'utf8')).toBe('<p>Tête-à-tête</p>');
    expect(await archive.get('2026-11-27', 'global')).toBe('<p>Tête-à-tête</p>');
  });

  it('replaces a page whole, leaving no partial file behind', async () => {
    await archive.put('2026-11-27', 'global', '<p>Second</p>');
    expect(await archive.get('2026-11-27', 'global')).toBe('<p>Second</p>');
    expect(readdirSync(path.join(root, 'archive', '2026-11-27'))).toEqual(['global.html']);
  });

  it('answers undefined for an edition never archived', async () => {
    expect(await archive.get('2026-11-20', 'global')).toBeUndefined();
  });

  it('refuses a path that would leave its folder', async () => {
    await expect(archive.put('2026-11-27', '../../escape', 'x')).rejects.toThrow('is not an edition id');
    expect(existsSync(path.join(root, '..', 'escape.html'))).toBe(false);
  });

  it('lists the editions kept, newest first, ignoring anything else in the folder', async () => {
    const other = new FolderArchive(tempDir('archive-list-'));
    expect(await other.list(10)).toEqual([]);
    await other.put('2026-11-25', 'global', 'a');
    await other.put('2026-11-27', 'asia', 'b');
    await other.put('2026-11-27', 'global', 'c');
    writeFileSync(path.join(other.root, 'archive', '2026-11-27', 'notes.txt'), 'not a page');
    expect(await other.list(10)).toEqual([
      { date: '2026-11-27', edition: 'asia' },
      { date: '2026-11-27', edition: 'global' },
      { date: '2026-11-25', edition: 'global' },
    ]);
    expect(await other.list(1)).toEqual([{ date: '2026-11-27', edition: 'asia' }]);
  });
});
