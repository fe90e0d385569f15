import { S3Client } from '@aws-sdk/client-s3';
import { archiveFromConfig } from '../../../../functions/core/archive/from-config';
import { FolderArchive } from '../../../../functions/core/archive/folder-archive';
import { S3Archive } from '../../../../functions/core/archive/s3-archive';

const noS3 = (): S3Client => {
  throw new Error('no bucket was named: no S3 client is needed');
};

describe('archiveFromConfig', () => {
  it('uses the bucket the stack names, and the folder the local stack names', () => {
    expect(
      archiveFromConfig({ archiveBucket: 'daybreak-archive' }, () => new S3Client({ region: 'us-east-1' })),
    ).toBeInstanceOf(S3Archive);
    expect(archiveFromConfig({ archiveDir: '/tmp/daybreak/archive' }, noS3)).toBeInstanceOf(FolderArchive);
  });

  it('names the settings when neither or both are set', () => {
    expect(() => archiveFromConfig({}, noS3)).toThrow(
      'DAYBREAK_ARCHIVE_BUCKET (in AWS) or DAYBREAK_ARCHIVE_DIR (locally): one is required',
    );
    expect(() => archiveFromConfig({ archiveBucket: 'b', archiveDir: '/tmp/a' }, noS3)).toThrow('set one, not both');
  });
});
