/** Fetches one source politely: a total timeout, a size cap enforced while streaming, charset decoding. */

export interface FetchOptions {
  timeoutMs: number;
  maxBytes: number;
  userAgent: string;
}

export const defaultFetchOptions: FetchOptions = {
  timeoutMs: 15000,
  maxBytes: 5 * 1024 * 1024,
  userAgent: 'Daybreak/0.1 (+https://github.com/daybreak-news/daybreak)',
};

/** Validators from the last successful fetch, sent back for a conditional GET. */
export interface Validators {
  etag?: string;
  lastModified?: string;
}

export type FetchResult =
  | { status: 'ok'; url: string; contentType: string; body: string; validators: Validators }
  | { status: 'not-modified'; url: string };

export class FetchError extends Error {
  constructor(url: string, reason: string) {
    super(`${url}: ${reason}`);
    this.name = 'FetchError';
  }
}

export type Fetcher = (url: string, validators?: Validators) => Promise<FetchResult>;

export function httpFetcher(options: FetchOptions = defaultFetchOptions): Fetcher {
  return async (url, validators = {}) => {
    let response: Response;
    const conditional: Record<string, string> = {};
    if (validators.etag) conditional['if-none-match'] = validators.etag;
    if (validators.lastModified) conditional['if-modified-since'] = validators.lastModified;
    try {
      response = await fetch(url, {
        headers: { 'user-agent': options.userAgent, accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/xml, text/html;q=0.9, */*;q=0.5', ...conditional },
        signal: AbortSignal.timeout(options.timeoutMs),
        redirect: 'follow',
      });
    } catch (error) {
      throw new FetchError(url, error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${options.timeoutMs} ms` : describe(error));
    }
    if (response.status === 304) return { status: 'not-modified', url };
    if (!response.ok) throw new FetchError(url, `HTTP ${response.status}`);
    const bytes = await readCapped(response, options.maxBytes, url);
    const contentType = response.headers.get('content-type') ?? '';
    return {
      status: 'ok',
      url: response.url || url,
      contentType,
      body: decodeBody(bytes, contentType),
      validators: { etag: response.headers.get('etag') ?? undefined, lastModified: response.headers.get('last-modified') ?? undefined },
    };
  };
}

async function readCapped(response: Response, maxBytes: number, url: string): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes) throw new FetchError(url, `body of ${declared} bytes is over the ${maxBytes}-byte cap`);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new FetchError(url, `body passed the ${maxBytes}-byte cap`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** Decodes with the charset of the header, else of the XML prolog or HTML meta, else UTF-8. */
export function decodeBody(bytes: Uint8Array, contentType: string): string {
  const head = Buffer.from(bytes.subarray(0, 2048)).toString('latin1');
  const charset =
    /charset=["']?([\w-]+)/i.exec(contentType)?.[1] ??
    /<\?xml[^>]*encoding=["']([\w-]+)["']/i.exec(head)?.[1] ??
    /<meta[^>]+charset=["']?([\w-]+)/i.exec(head)?.[1] ??
    'utf-8';
  try {
    return new TextDecoder(charset.toLowerCase()).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

const describe = (error: unknown): string => (error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error));
