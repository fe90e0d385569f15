import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { readDocumentFile } from '../../../bin/commands/document-file';

const dir = mkdtempSync(path.join(tmpdir(), 'document-file-'));
const saved = (name: string, bytes: Uint8Array) => {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
};

describe('readDocumentFile (feed FILE, extract FILE)', () => {
  it('reads a gzipped response as its text, through the charset decoder', async () => {
    const latin1 = Buffer.from('<rss><title>Simulações</title></rss>', 'latin1');
    await expect(readDocumentFile(saved('feed.xml', gzipSync(latin1)))).resolves.toBe(
      '<rss><title>Simulações</title></rss>',
    );
  });

  it('says in one line that a cut-off gzip file does not decompress', async () => {
    const cut = gzipSync(Buffer.from('<rss>'.repeat(50))).subarray(0, 12);
    await expect(readDocumentFile(saved('cut.xml', cut))).rejects.toThrow(
      /^cannot read .*cut\.xml: gzip that does not decompress \(.+\)$/,
    );
  });
});
