import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The link-signing key of a data folder (what Secrets Manager holds in AWS), generated on first use
 * and kept, so links in sent mail stay valid and erased addresses stay recognisable.
 */
export function localTokenSecret(dataDir: string): string {
  const file = path.join(dataDir, 'token.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
