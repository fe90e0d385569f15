import { S3Client } from '@aws-sdk/client-s3';
import { archiveFromConfig } from '../../../../functions/core/archive/from-config';
import { FolderArchive } from '../../../../functions/core/archive/folder-archive';
import { S3Archive } from '../../../../functions/core/archive/s3-archive';

describe('archiveFromConfig', () => {
  it('uses the bucket the stack names, and the folder the local stack names', () => {
    expect(
      archiveFromConfig({ DAYBREAK_ARCHIVE_BUCKET: 'daybreak-archive' }, () => new S3Client({ region: 'us-east-1' })),
    ).toBeInstanceOf(S3Archive);
    expect(archiveFromConfig({ DAYBREAK_ARCHIVE_DIR: '/tmp/daybreak/archive' })).toBeInstanceOf(FolderArchive);
  });

  it('names the settings when neither or both are set', () => {
    expect(() => archiveFromConfig({})).toThrow(
      'DAYBREAK_ARCHIVE_BUCKET (in AWS) or DAYBREAK_ARCHIVE_DIR (locally): one is required',
    );
    expect(() => archiveFromConfig({ DAYBREAK_ARCHIVE_BUCKET: 'b', DAYBREAK_ARCHIVE_DIR: '/tmp/a' })).toThrow(
      'set one, not both',
    );
  });
});
