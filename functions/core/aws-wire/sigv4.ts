import { createHash, createHmac } from 'node:crypto';
import type { AwsCredentialIdentity } from '@aws-sdk/types';

const ALGORITHM = 'AWS4-HMAC-SHA256';

/**
 * AWS Signature Version 4 for POST requests to an endpoint's root with no query string (the JSON
 * and query protocols DynamoDB and SES speak). Every header handed in is signed; the signing key
 * is derived once a day, not once a request.
 *
 * @example
 *   const headers = { host: 'email.eu-west-1.amazonaws.com', 'content-type': FORM };
 *   headers.authorization = signer.sign(headers, body, await credentials(), new Date());
 */
export class SigV4Signer {
  private key: { scope: string; secret: string; bytes: Buffer } | undefined;

  constructor(
    private readonly region: string,
    private readonly service: string,
  ) {}

  /**
   * Adds `x-amz-date` (and `x-amz-security-token` for temporary credentials) to `headers`, whose
   * names are lower case, and returns the `authorization` header's value.
   */
  sign(headers: Record<string, string>, body: string | Buffer, credentials: AwsCredentialIdentity, now: Date): string {
    const iso = now.toISOString();
    const day = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}`;
    const time = `${day}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
    headers['x-amz-date'] = time;
    if (credentials.sessionToken) headers['x-amz-security-token'] = credentials.sessionToken;
    const names = Object.keys(headers).sort();
    const signedHeaders = names.join(';');
    let canonicalHeaders = '';
    for (const name of names) canonicalHeaders += `${name}:${String(headers[name]).trim().replace(/\s+/g, ' ')}\n`;
    const canonicalRequest = `POST\n/\n\n${canonicalHeaders}\n${signedHeaders}\n${sha256Hex(body)}`;
    const scope = `${day}/${this.region}/${this.service}/aws4_request`;
    const stringToSign = `${ALGORITHM}\n${time}\n${scope}\n${sha256Hex(canonicalRequest)}`;
    const signature = createHmac('sha256', this.signingKey(scope, day, credentials.secretAccessKey))
      .update(stringToSign)
      .digest('hex');
    return `${ALGORITHM} Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  }

  private signingKey(scope: string, day: string, secret: string): Buffer {
    if (this.key?.scope !== scope || this.key.secret !== secret) {
      let bytes = hmac(`AWS4${secret}`, day);
      for (const part of [this.region, this.service, 'aws4_request']) bytes = hmac(bytes, part);
      this.key = { scope, secret, bytes };
    }
    return this.key.bytes;
  }
}

const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();
const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
