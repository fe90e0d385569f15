import { GetObjectCommand, ListObjectsV2Command, NoSuchKey, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { archiveKey, editionOfKey, newestFirst, type ArchivedEdition, type EditionArchive } from './edition-archive';

/** The archive in an S3 bucket (private: pages are served through the HTTP API). */
export class S3Archive implements EditionArchive {
  private listed?: { at: number; editions: ArchivedEdition[] };

  /**
   * @param listingCacheMs how long one instance reuses its listing of the bucket: the index page
   *   is public, and each listing reads every key under archive/.
   */
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
    private readonly listingCacheMs = 5 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  async put(date: string, edition: string, html: string): Promise<void> {
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: archiveKey(date, edition),
        Body: html,
        ContentType: 'text/html; charset=utf-8',
      }),
    );
  }

  async get(date: string, edition: string): Promise<string | undefined> {
    try {
      const object = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: archiveKey(date, edition) }));
      return await object.Body?.transformToString('utf-8');
    } catch (error) {
      if (error instanceof NoSuchKey) return undefined;
      throw error;
    }
  }

  /** S3 lists keys oldest first: every page under archive/ is read (a few requests for years of editions), then kept a while. */
  async list(limit: number): Promise<ArchivedEdition[]> {
    if (!this.listed || this.now() - this.listed.at > this.listingCacheMs)
      this.listed = { at: this.now(), editions: await this.listAll() };
    return this.listed.editions.slice(0, limit);
  }

  private async listAll(): Promise<ArchivedEdition[]> {
    const found: ArchivedEdition[] = [];
    let ContinuationToken: string | undefined;
    do {
      const page = await this.s3.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: 'archive/', ContinuationToken }),
      );
      for (const object of page.Contents ?? []) {
        const edition = object.Key ? editionOfKey(object.Key) : undefined;
        if (edition) found.push(edition);
      }
      ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (ContinuationToken);
    return found.sort(newestFirst);
  }
}
