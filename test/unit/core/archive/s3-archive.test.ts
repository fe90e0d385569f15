import { mockClient } from 'aws-sdk-client-mock';
import {
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { sdkStreamMixin } from '@smithy/core/serde';
import { Readable } from 'node:stream';
import { S3Archive } from '../../../../functions/core/archive/s3-archive';

const s3 = mockClient(S3Client);
const archive = new S3Archive(new S3Client({ region: 'us-east-1' }), 'daybreak-archive');

beforeEach(() => s3.reset());

describe('S3Archive', () => {
  it('writes a page as archive/DATE/EDITION.html, typed as UTF-8 HTML', async () => {
    s3.on(PutObjectCommand).resolves({});
    await archive.put('2026-11-27', 'global', '<p>Tête-à-tête</p>');
    expect(s3.commandCalls(PutObjectCommand)[0]?.args[0].input).toEqual({
      Bucket: 'daybreak-archive',
      Key: 'archive/2026-11-27/global.html',
      Body: '<p>Tête-à-tête</p>',
      ContentType: 'text/html; charset=utf-8',
    });
  });

  it('reads a page back as text', async () => {
    s3.on(GetObjectCommand, { Key: 'archive/2026-11-27/global.html' }).resolves({
      Body: sdkStreamMixin(Readable.from([Buffer.from('<p>Tête-à-tête</p>')])),
    });
    expect(await archive.get('2026-11-27', 'global')).toBe('<p>Tête-à-tête</p>');
  });

  it('answers undefined for an edition never archived', async () => {
    s3.on(GetObjectCommand).rejects(
      new NoSuchKey({ message: 'The specified key does not exist.', $metadata: { httpStatusCode: 404 } }),
    );
    expect(await archive.get('2026-11-20', 'global')).toBeUndefined();
  });

  it('lets any other failure through (no permission, throttling): a page must not look missing when S3 is unwell', async () => {
    s3.on(GetObjectCommand).rejects(
      new S3ServiceException({
        name: 'AccessDenied',
        $fault: 'client',
        message: 'Access Denied',
        $metadata: { httpStatusCode: 403 },
      }),
    );
    await expect(archive.get('2026-11-27', 'global')).rejects.toThrow('Access Denied');
  });

  it('refuses a key that is not a date and an edition id, before calling S3', async () => {
    await expect(archive.get('../../secrets', 'global')).rejects.toThrow(
      'archive: "../../secrets" is not a date (YYYY-MM-DD)',
    );
    await expect(archive.put('2026-11-27', 'Global/../x', '')).rejects.toThrow(
      'archive: "Global/../x" is not an edition id',
    );
    expect(s3.calls()).toHaveLength(0);
  });

  it('lists the editions kept, newest first, over every page of the listing, ignoring other keys', async () => {
    s3.on(ListObjectsV2Command, { ContinuationToken: undefined }).resolves({
      Contents: [{ Key: 'archive/2026-11-25/global.html' }, { Key: 'archive/readme.txt' }],
      IsTruncated: true,
      NextContinuationToken: 'page-2',
    });
    s3.on(ListObjectsV2Command, { ContinuationToken: 'page-2' }).resolves({
      Contents: [{ Key: 'archive/2026-11-27/global.html' }, { Key: 'archive/2026-11-26/asia.html' }],
      IsTruncated: false,
    });
    expect(await archive.list(2)).toEqual([
      { date: '2026-11-27', edition: 'global' },
      { date: '2026-11-26', edition: 'asia' },
    ]);
    expect(s3.commandCalls(ListObjectsV2Command).map((c) => c.args[0].input)).toEqual([
      { Bucket: 'daybreak-archive', Prefix: 'archive/', ContinuationToken: undefined },
      { Bucket: 'daybreak-archive', Prefix: 'archive/', ContinuationToken: 'page-2' },
    ]);
  });

  it('lists the bucket once per few minutes, whatever the traffic on the index page', async () => {
    let now = 0;
    const cached = new S3Archive(new S3Client({ region: 'us-east-1' }), 'daybreak-archive', 300_000, () => now);
    s3.on(ListObjectsV2Command).resolves({ Contents: [{ Key: 'archive/2026-11-27/global.html' }], IsTruncated: false });
    await cached.list(10);
    now = 299_000;
    await cached.list(10);
    expect(s3.commandCalls(ListObjectsV2Command)).toHaveLength(1);
    now = 301_000;
    expect(await cached.list(10)).toEqual([{ date: '2026-11-27', edition: 'global' }]);
    expect(s3.commandCalls(ListObjectsV2Command)).toHaveLength(2);
  });
});
