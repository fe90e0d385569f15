/**
 * Fetches one source politely and defensively: a connect timeout and a total timeout, manual
 * redirects (at most five), gzip/deflate/br, a size cap enforced on the decompressed bytes while
 * they stream, conditional GET, and charset decoding. Concurrency and storing validators are the
 * caller's (collect.ts): this module fetches one URL.
 *
 * It uses node:http(s) rather than the global fetch because fetch cannot tell a slow connect from a
 * slow body, hides each redirect hop, and decompresses before we can count the bytes.
 */
import http, { type IncomingMessage, type ClientRequest } from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { Transform, Writable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import {
  AddressRefused,
  type AddressPolicy,
  addressPolicy,
  guardedLookup,
  refusedLiteral,
  type Resolve,
  systemResolve,
} from './guarded-lookup';
import { decodeBody } from './decode-text';

export interface FetchOptions {
  /** The whole fetch, every redirect hop and the full body included. */
  timeoutMs: number;
  /** From opening a request to a connected socket (TLS handshake included), per hop. */
  connectTimeoutMs: number;
  /** Cap on the body after decompression; a declared Content-Length over it is refused unread. */
  maxBytes: number;
  maxRedirects: number;
  userAgent: string;
  /**
   * Connect to loopback, private, link-local and other non-public addresses. Only for a stack whose
   * own sources live there (the local stack's samples on 127.0.0.1): otherwise a source, a redirect or
   * a feed link could make the collector read internal services and mail what it found.
   * @default false
   */
  allowPrivateAddresses: boolean;
  /** Single addresses allowed although not public (a test's own server on 127.0.0.1); the rest stay refused. */
  exemptAddresses?: readonly string[];
  /** How host names are resolved (the system resolver unless a test injects one). */
  resolve?: Resolve;
}

export const defaultFetchOptions: FetchOptions = {
  timeoutMs: 15000,
  connectTimeoutMs: 5000,
  maxBytes: 5 * 1024 * 1024,
  maxRedirects: 5,
  userAgent: 'Daybreak/0.1 (+https://github.com/daybreak-news/daybreak)',
  allowPrivateAddresses: false,
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

/** Feeds first, then pages: a source URL may be either, and a server with both should pick the feed. */
const ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, */*;q=0.5';
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export function httpFetcher(options: Partial<FetchOptions> = {}): Fetcher {
  const settings: FetchOptions = { ...defaultFetchOptions, ...options };
  return (url, validators = {}) => fetchSource(url, validators, settings);
}

async function fetchSource(url: string, validators: Validators, options: FetchOptions): Promise<FetchResult> {
  // One clock for the whole fetch: a redirect chain must not reset it.
  const total = new AbortController();
  const timer = setTimeout(() => total.abort(), options.timeoutMs);
  const hops: URL[] = [];
  const policy = addressPolicy(options.allowPrivateAddresses, options.exemptAddresses);
  try {
    let target = httpUrl(url, url);
    for (;;) {
      hops.push(target);
      const literal = refusedLiteral(target, policy);
      if (literal) throw literal;
      const response = await request(url, target, headers(options, validators), options, policy, total.signal);
      const next = redirectTarget(url, target, response, hops, options.maxRedirects);
      if (next) {
        response.destroy(); // a redirect's body is never wanted
        target = next;
        continue;
      }
      return await readResponse(url, target, response, validators, options, total.signal);
    }
  } catch (error) {
    throw asFetchError(
      url,
      error,
      total.signal.aborted ? `timed out: no complete response within ${options.timeoutMs} ms` : undefined,
      hops,
    );
  } finally {
    clearTimeout(timer);
  }
}

function headers(options: FetchOptions, validators: Validators): Record<string, string> {
  const result: Record<string, string> = {
    'user-agent': options.userAgent,
    accept: ACCEPT,
    'accept-encoding': 'gzip, deflate, br',
  };
  if (validators.etag) result['if-none-match'] = validators.etag;
  if (validators.lastModified) result['if-modified-since'] = validators.lastModified;
  return result;
}

/** Only http(s): a feed must never make the collector read a local file or speak another protocol. */
function httpUrl(source: string, raw: string, base?: URL): URL {
  let parsed: URL;
  try {
    parsed = new URL(raw, base);
  } catch {
    throw new FetchError(source, `not a valid URL: ${JSON.stringify(raw)}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    const what = base ? `redirect to ${parsed.href} refused` : 'refused';
    throw new FetchError(source, `${what}: only http and https URLs are fetched, not ${parsed.protocol}`);
  }
  return parsed;
}

/** The next hop when the response is a redirect, else undefined; refuses loops and long chains. */
function redirectTarget(
  source: string,
  current: URL,
  response: IncomingMessage,
  hops: URL[],
  maxRedirects: number,
): URL | undefined {
  if (!REDIRECTS.has(response.statusCode ?? 0)) return undefined;
  const location = response.headers.location;
  if (!location)
    throw new FetchError(source, `HTTP ${response.statusCode} redirect without a Location header (at ${current.href})`);
  const next = httpUrl(source, location, current);
  if (hops.some((hop) => hop.href === next.href)) {
    throw new FetchError(source, `redirect loop: ${current.href} redirects back to ${next.href}`);
  }
  if (hops.length > maxRedirects)
    throw new FetchError(source, `too many redirects (more than ${maxRedirects}), last to ${next.href}`);
  return next;
}

/** Sends one GET and resolves with its response head; the body is left unread. */
function request(
  source: string,
  target: URL,
  head: Record<string, string>,
  options: FetchOptions,
  policy: AddressPolicy,
  signal: AbortSignal,
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const client = target.protocol === 'https:' ? https : http;
    // agent: false gives each hop its own connection, so no pooled socket outlives the fetch.
    // The lookup checks the addresses it resolves and the socket connects to those, never resolving twice.
    const lookup = guardedLookup(options.resolve ?? systemResolve, policy);
    const req = client.request(target, { method: 'GET', headers: head, agent: false, signal, lookup });
    req.once('socket', (socket) =>
      guardConnect(source, req, socket, target.protocol === 'https:', options.connectTimeoutMs),
    );
    req.once('response', resolve);
    req.once('error', reject);
    req.end();
  });
}

/** A host that never completes the handshake fails fast, not after the whole total timeout. */
function guardConnect(
  source: string,
  req: ClientRequest,
  socket: Socket,
  tls: boolean,
  connectTimeoutMs: number,
): void {
  if (!socket.connecting) return;
  const timer = setTimeout(
    () => req.destroy(new FetchError(source, `timed out: could not connect within ${connectTimeoutMs} ms`)),
    connectTimeoutMs,
  );
  socket.once(tls ? 'secureConnect' : 'connect', () => clearTimeout(timer));
  socket.once('close', () => clearTimeout(timer));
}

async function readResponse(
  source: string,
  target: URL,
  response: IncomingMessage,
  validators: Validators,
  options: FetchOptions,
  signal: AbortSignal,
): Promise<FetchResult> {
  const status = response.statusCode ?? 0;
  if (status === 304 && (validators.etag || validators.lastModified)) {
    response.destroy(); // a 304 has no body: nothing to read, parse or write
    return { status: 'not-modified', url: target.href };
  }
  if (status < 200 || status > 299) {
    response.destroy();
    // The standard phrase, never the server's: an error message carries nothing the response wrote.
    const phrase = http.STATUS_CODES[status];
    throw new FetchError(source, `HTTP ${status}${phrase ? ` ${phrase}` : ''}`);
  }
  const contentType = header(response, 'content-type') ?? '';
  const bytes = await readCapped(source, response, options.maxBytes, signal);
  return {
    status: 'ok',
    url: target.href,
    contentType,
    body: decodeBody(bytes, contentType),
    validators: validatorsOf(response),
  };
}

function validatorsOf(response: IncomingMessage): Validators {
  const validators: Validators = {};
  const etag = header(response, 'etag');
  const lastModified = header(response, 'last-modified');
  if (etag) validators.etag = etag;
  if (lastModified) validators.lastModified = lastModified;
  return validators;
}

function header(response: IncomingMessage, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Reads the body through its decompressors, counting decompressed bytes, and stops at the cap. */
async function readCapped(
  source: string,
  response: IncomingMessage,
  maxBytes: number,
  signal: AbortSignal,
): Promise<Buffer> {
  const declared = Number(header(response, 'content-length'));
  if (declared > maxBytes) {
    response.destroy();
    throw new FetchError(source, `body too large: ${declared} bytes declared, over the ${maxBytes}-byte cap`);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  const collector = new Writable({
    write(chunk: Buffer, _encoding, done) {
      total += chunk.length;
      // Failing here makes pipeline destroy the response, so the connection closes at once.
      if (total > maxBytes)
        return done(new FetchError(source, `body too large: passed the ${maxBytes}-byte cap while reading`));
      chunks.push(chunk);
      done();
    },
  });
  await pipeline([response, ...decoders(source, header(response, 'content-encoding')), collector], { signal });
  return Buffer.concat(chunks, total);
}

/** One decompressor per content coding, undone last-applied first. */
function decoders(source: string, contentEncoding: string | undefined): Transform[] {
  const codings = (contentEncoding ?? '')
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
  return codings.reverse().map((coding) => decoderFor(source, coding));
}

function decoderFor(source: string, coding: string): Transform {
  switch (coding) {
    case 'gzip':
    case 'x-gzip':
      return new Decompressor(source, coding, () => zlib.createGunzip());
    case 'deflate':
      // RFC 9110 "deflate" is zlib-wrapped, but some servers send raw deflate; the header tells which.
      return new Decompressor(source, coding, (first) =>
        isZlibHeader(first) ? zlib.createInflate() : zlib.createInflateRaw(),
      );
    case 'br':
      return new Decompressor(source, coding, () => zlib.createBrotliDecompress());
    default:
      throw new FetchError(source, `unsupported content encoding "${coding}"`);
  }
}

function isZlibHeader(bytes: Buffer): boolean {
  const [cmf, flg] = bytes;
  if (cmf === undefined || (cmf & 0x0f) !== 8) return false;
  return flg === undefined || ((cmf << 8) | flg) % 31 === 0;
}

/**
 * Wraps a zlib stream that is created on the first chunk, so that it can look at the first bytes,
 * and so that an empty body (often sent with a gzip header anyway) is an empty result, not an error.
 */
class Decompressor extends Transform {
  private inner?: zlib.Gunzip | zlib.Inflate | zlib.InflateRaw | zlib.BrotliDecompress;

  constructor(
    private readonly source: string,
    private readonly coding: string,
    private readonly create: (first: Buffer) => zlib.Gunzip | zlib.Inflate | zlib.InflateRaw | zlib.BrotliDecompress,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (!this.inner) this.inner = this.start(chunk);
    this.inner.write(chunk, () => done());
  }

  override _flush(done: TransformCallback): void {
    if (!this.inner) {
      done();
      return;
    }
    this.inner.once('end', () => done());
    this.inner.end();
  }

  override _destroy(error: Error | null, done: (error: Error | null) => void): void {
    this.inner?.destroy();
    done(error);
  }

  private start(first: Buffer) {
    const inner = this.create(first);
    inner.on('data', (data: Buffer) => this.push(data));
    inner.on('error', (error) =>
      this.destroy(new FetchError(this.source, `could not decompress the ${this.coding} body: ${error.message}`)),
    );
    return inner;
  }
}

function asFetchError(source: string, error: unknown, timeout: string | undefined, hops: URL[]): FetchError {
  if (timeout) return new FetchError(source, timeout);
  if (error instanceof FetchError) return error;
  if (error instanceof AddressRefused)
    return new FetchError(
      source,
      hops.length > 1 ? `redirect to ${hops.at(-1)?.href} ${error.message}` : error.message,
    );
  const where = hops.length > 1 ? ` (at ${hops[hops.length - 1]?.href} after ${hops.length - 1} redirects)` : '';
  return new FetchError(source, `${networkReason(error)}${where}`);
}

const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset by the server',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed (temporary)',
  ETIMEDOUT: 'timed out connecting',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EPIPE: 'connection closed by the server',
};

function networkReason(error: unknown): string {
  // Duck-typed: errors from node internals can come from another realm (jest's vm contexts), where instanceof Error fails.
  if (typeof error !== 'object' || error === null || !('message' in error)) return String(error);
  const { code, message } = error as { code?: unknown; message: unknown };
  const known = typeof code === 'string' ? NETWORK_REASONS[code] : undefined;
  if (known) return `${known} (${String(message)})`;
  if (code === 'ERR_STREAM_PREMATURE_CLOSE' || message === 'aborted')
    return 'connection closed before the body was complete';
  return String(message);
}

/** The one charset decoder, shared with the CLI's file reader; re-exported for callers that know it from here. */
export { decodeBody };
