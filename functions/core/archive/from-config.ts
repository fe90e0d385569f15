import type { S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod/mini';
import { ConfigError, text } from '../settings-contract';
import type { EditionArchive } from './edition-archive';
import { FolderArchive } from './folder-archive';
import { S3Archive } from './s3-archive';

/** Where the editions' pages are kept: a bucket (AWS) or a folder (the local stack), one of them. */
export const archiveSettings = {
  archiveBucket: text('DAYBREAK_ARCHIVE_BUCKET', z.optional(z.string().check(z.minLength(3)))),
  archiveDir: text('DAYBREAK_ARCHIVE_DIR', z.optional(z.string().check(z.minLength(1)))),
};

/** The archive the settings name: the stack sets the bucket, the local stack the folder. */
export function archiveFromConfig(
  settings: { archiveBucket?: string; archiveDir?: string },
  s3: () => S3Client,
): EditionArchive {
  if (settings.archiveBucket && settings.archiveDir)
    throw new ConfigError('DAYBREAK_ARCHIVE_BUCKET and DAYBREAK_ARCHIVE_DIR: set one, not both');
  if (settings.archiveBucket) return new S3Archive(s3(), settings.archiveBucket);
  if (settings.archiveDir) return new FolderArchive(settings.archiveDir);
  throw new ConfigError(
    'DAYBREAK_ARCHIVE_BUCKET (in AWS) or DAYBREAK_ARCHIVE_DIR (locally): one is required, to keep the editions’ pages',
  );
}
