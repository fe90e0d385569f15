/**
 * Which pictures an email may show. An email shows https images only: Gmail's proxy and most
 * clients refuse or warn about http ones, and an http URL leaks the reader's IP to whoever is on
 * the path. The one exception is the local stack, whose sample sources (and their pictures) are
 * served on 127.0.0.1 over http: there the reader is the developer, on the same machine.
 */
export interface ImagePolicy {
  /**
   * Admit http images on a loopback address. Only the local stack sets it, beside
   * `fetch.allowPrivateAddresses` (which the CDK stack refuses), so a deployment never does.
   */
  allowLoopbackHttp: boolean;
}

/** What a deployment does: https only. */
export const HTTPS_ONLY: ImagePolicy = { allowLoopbackHttp: false };

const LOOPBACK = /^(127(\.\d{1,3}){3}|\[::1\]|localhost)$/i;

export function showsImage(url: string, policy: ImagePolicy = HTTPS_ONLY): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'https:') return true;
  return policy.allowLoopbackHttp && parsed.protocol === 'http:' && LOOPBACK.test(parsed.hostname);
}
