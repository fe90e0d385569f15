import { createHash } from 'node:crypto';

/**
 * A stable, unkeyed hash of an email address: the active index's shard, and tombstones written
 * before erasure was keyed. Never for logs or anything kept about a person: anyone can hash a list
 * of addresses and match it; name a person by `TokenSigner.fingerprint` instead.
 */
export function hashEmail(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 32);
}

export function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 22);
}
