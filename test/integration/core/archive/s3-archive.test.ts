import { S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { S3Archive } from '../../../../functions/core/archive/s3-archive';
import { tempDir } from '../../../helpers/stand-ins';

/** The archive against an S3 API on 127.0.0.1 (s3rver): what the digest writes, the form's site reads back. */
describe('S3Archive on a local S3 API', () => {
  let server: S3rver;
  let s3: S3Client;
  let archive: S3Archive;

  beforeAll(async () => {
    server = new S3rver({
      address: '127.0.0.1',
      port: 0,
      silent: true,
      directory: tempDir('s3-'),
      configureBuckets: [{ name: 'daybreak-archive' }],
    });
    const { address, port } = await server.run();
    s3 = new S3Client({
      endpoint: `http://${address}:${port}`,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      // s3rver predates the SDK's default trailing checksums.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    archive = new S3Archive(s3, 'daybreak-archive');
  });
  afterAll(() => server.close());

  it('writes a page and reads it back, accents and all', async () => {
    const page = `<html><body><h1>Daybreak</h1><p>Tête-à-tête in Zürich</p>${'<p>story</p>'.repeat(2000)}</body></html>`;
    await archive.put('2026-11-27', 'global', page);
    expect(await archive.get('2026-11-27', 'global')).toBe(page);
  });

  it('replaces a page on a rerun', async () => {
    await archive.put('2026-11-27', 'global', '<p>Second run</p>');
    expect(await archive.get('2026-11-27', 'global')).toBe('<p>Second run</p>');
  });

  it('lists what it keeps, newest first', async () => {
    await archive.put('2026-11-26', 'global', '<p>Earlier</p>');
    expect(await archive.list(5)).toEqual([
      { date: '2026-11-27', edition: 'global' },
      { date: '2026-11-26', edition: 'global' },
    ]);
  });

  it('answers undefined for an edition never archived', async () => {
    expect(await archive.get('2026-11-20', 'global')).toBeUndefined();
  });

  it('surfaces a missing bucket as an error rather than a missing page', async () => {
    const elsewhere = new S3Archive(s3, 'no-such-bucket');
    await expect(elsewhere.get('2026-11-27', 'global')).rejects.toThrow(/bucket/i);
  });
});
