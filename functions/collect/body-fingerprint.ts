import { createHash } from 'node:crypto';
import type { Edition, ResolvedSource } from '../core/daybreak-config';

/** Bump when the collector reads the same bytes differently (parser, extractor, normalizer): every source is read again once. */
const READER_VERSION = 1;

/**
 * What a fetched document yields depends on its bytes and on everything the collector read it with:
 * the source's configuration, its edition, the final URL and content type, the retention and the
 * edition's day (undated items and trending lists are filed under it). Equal fingerprints mean a
 * rerun would write nothing, so the source is skipped before parsing.
 */
export function bodyFingerprint(input: {
  source: ResolvedSource;
  edition: Edition;
  day: string;
  retentionDays: number;
  url: string;
  contentType: string;
  body: string;
}): string {
  const { body, ...context } = input;
  return createHash('sha256')
    .update(JSON.stringify([READER_VERSION, context]))
    .update('\n')
    .update(body)
    .digest('base64url');
}
