import http from 'node:http';
import https from 'node:https';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import { SigV4Signer } from './sigv4';

/** What a wire client takes from an SDK client's resolved configuration: where, as whom, in which region. */
export interface SdkResolvedConfig {
  region: () => Promise<string>;
  credentials: () => Promise<AwsCredentialIdentity>;
  useFipsEndpoint: () => Promise<boolean>;
  useDualstackEndpoint: () => Promise<boolean>;
  isCustomEndpoint?: boolean;
  endpoint?: () => Promise<{ protocol: string; hostname: string; port?: number; path: string }>;
  /** `AWS_ENDPOINT_URL_<SERVICE>` or the shared config file's, unless `ignoreConfiguredEndpointUrls`. */
  serviceConfiguredEndpoint?: () => Promise<string | undefined>;
  ignoreConfiguredEndpointUrls?: boolean;
  endpointProvider: (params: { Region: string; UseFIPS: boolean; UseDualStack: boolean; Endpoint?: string }) => {
    url: URL;
  };
}

export interface WireResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** The SDK's `$metadata` of an answer, for callers that read it as they read the SDK's. */
export function responseMetadata(response: WireResponse, attempts = 1) {
  const requestId = response.headers['x-amzn-requestid'];
  return {
    httpStatusCode: response.status,
    requestId: typeof requestId === 'string' ? requestId : undefined,
    attempts,
  };
}

/**
 * Signed POSTs to one AWS endpoint over one pool of kept-alive connections, with the endpoint,
 * region and credentials the SDK client resolves (so a stand-in endpoint, FIPS and the credential
 * chain mean what they mean to the SDK), but none of its per-call middleware: for the few calls a
 * process makes thousands of times, where that middleware costs four times the request itself.
 */
export class SignedPost {
  private target: Promise<{ url: URL; signer: SigV4Signer }> | undefined;
  private readonly agents = {
    // As many connections as the SDK's own handler keeps; the sender has at most 16 calls in flight, a collect run 32.
    'http:': new http.Agent({ keepAlive: true, maxSockets: 50 }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: 50 }),
  };

  constructor(
    private readonly config: SdkResolvedConfig,
    private readonly signingName: string,
  ) {}

  /** POSTs `body` with `headers` (lower-case names) and the signature; resolves with any answer, rejects only when none came. */
  async post(headers: Record<string, string>, body: string): Promise<WireResponse> {
    // A failed resolution is not kept: the next call tries again.
    this.target ??= this.resolve().catch((error: unknown) => {
      this.target = undefined;
      throw error;
    });
    const { url, signer } = await this.target;
    // Encoded once: hashed for the signature and written as it is.
    const bytes = Buffer.from(body);
    const signed: Record<string, string> = { ...headers, host: url.host };
    signed.authorization = signer.sign(signed, bytes, await this.config.credentials(), new Date());
    signed['content-length'] = String(bytes.length);
    const isHttps = url.protocol === 'https:';
    return new Promise((resolve, reject) => {
      const request = (isHttps ? https : http).request(
        {
          agent: isHttps ? this.agents['https:'] : this.agents['http:'],
          hostname: url.hostname,
          port: url.port,
          method: 'POST',
          path: '/',
          headers: signed,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
        },
      );
      request.on('error', reject);
      request.end(bytes);
    });
  }

  private async resolve(): Promise<{ url: URL; signer: SigV4Signer }> {
    const { url, region } = await wireEndpoint(this.config);
    return { url, signer: new SigV4Signer(region, this.signingName) };
  }
}

/**
 * The endpoint and region an SDK client's calls go to, as its endpoint rules resolve them: a
 * stand-in's when the client was given one, otherwise the region's (FIPS or dual-stack if set).
 *
 * @example await wireEndpoint(new SESClient({ region: 'eu-west-1' }).config) // https://email.eu-west-1.amazonaws.com/
 */
export async function wireEndpoint(config: SdkResolvedConfig): Promise<{ url: URL; region: string }> {
  const region = await config.region();
  const endpoint = await configuredEndpoint(config);
  const { url } = config.endpointProvider({
    Region: region,
    UseFIPS: await config.useFipsEndpoint(),
    UseDualStack: await config.useDualstackEndpoint(),
    ...(endpoint ? { Endpoint: endpoint } : {}),
  });
  // Requests go to `/` and are signed for `/`: an endpoint under a path would need both to change.
  if (url.pathname !== '/') throw new Error(`SignedPost: endpoint ${url.href} has a path; only a root is supported`);
  return { url, region };
}

/** The endpoint the client was given, or else the one the environment names for its service, as the SDK looks them up. */
async function configuredEndpoint(config: SdkResolvedConfig): Promise<string | undefined> {
  if (config.isCustomEndpoint && config.endpoint) {
    const { protocol, hostname, port, path } = await config.endpoint();
    return `${protocol}//${hostname}${port ? `:${port}` : ''}${path}`;
  }
  if (config.ignoreConfiguredEndpointUrls) return undefined;
  return config.serviceConfiguredEndpoint?.();
}
