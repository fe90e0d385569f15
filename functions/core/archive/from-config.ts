import { S3Client } from '@aws-sdk/client-s3';
import { ConfigError } from '../config';
import type { EditionArchive } from './edition-archive';
import { FolderArchive } from './folder-archive';
import { S3Archive } from './s3-archive';

/** The archive the settings name: the stack sets the bucket, the local stack the folder. */
export function archiveFromConfig(
  config: { DAYBREAK_ARCHIVE_BUCKET?: string; DAYBREAK_ARCHIVE_DIR?: string },
  s3: () => S3Client = () => new S3Client({}),
): EditionArchive {
  if (config.DAYBREAK_ARCHIVE_BUCKET && config.DAYBREAK_ARCHIVE_DIR)
    throw new ConfigError('DAYBREAK_ARCHIVE_BUCKET and DAYBREAK_ARCHIVE_DIR: set one, not both');
  if (config.DAYBREAK_ARCHIVE_BUCKET) return new S3Archive(s3(), config.DAYBREAK_ARCHIVE_BUCKET);
  if (config.DAYBREAK_ARCHIVE_DIR) return new FolderArchive(config.DAYBREAK_ARCHIVE_DIR);
  throw new ConfigError(
    'DAYBREAK_ARCHIVE_BUCKET (in AWS) or DAYBREAK_ARCHIVE_DIR (locally): one is required, to keep the editions’ pages',
  );
}
