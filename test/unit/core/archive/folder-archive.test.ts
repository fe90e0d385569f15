import { existsSync, readdirSync, readFileSync } from 'node:fs';
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
});
