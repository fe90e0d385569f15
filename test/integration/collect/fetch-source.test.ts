import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import {
  decodeBody,
  FetchError,
  type FetchOptions,
  httpFetcher,
  type FetchResult,
} from '../../../functions/collect/fetch-source';
import { closeServer, serveLocal } from '../../../infra/local/http';

const RSS = '<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Gazette</title></channel></rss>';
const MB = 1024 * 1024;

/** A fetcher for the test servers on 127.0.0.1, which only the allowPrivateAddresses option lets it reach. */
const localFetcher = (options: Partial<FetchOptions>) => httpFetcher({ allowPrivateAddresses: true, ...options });
// Generous for loopback, yet every failure below is bounded by these, never by jest's own timeout.
const fetchSource = localFetcher({ timeoutMs: 3000, connectTimeoutMs: 1000 });

const servers: Server[] = [];
async function serve(listener: RequestListener): Promise<string> {
  const { url, server } = await serveLocal(listener);
  servers.push(server);
  return url;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map(closeServer));
});

async function fetchError(pending: Promise<FetchResult>): Promise<FetchError> {
  const error = await pending.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof FetchError)) throw new Error(`expected a FetchError, got ${String(error)}`);
  return error;
}

/** Writes `size` bytes with backpressure and reports how far it got when the connection closed. */
function streamBytes(response: ServerResponse, size: number): Promise<{ written: number; finished: boolean }> {
  const chunk = Buffer.alloc(64 * 1024, 'a');
  let written = 0;
  const pump = (): void => {
    while (written < size) {
      written += chunk.length;
      if (!response.write(chunk)) {
        response.once('drain', pump);
        return;
      }
    }
    response.end();
  };
  const closed = new Promise<{ written: number; finished: boolean }>((resolve) =>
    response.once('close', () => resolve({ written, finished: response.writableFinished })),
  );
  pump();
  return closed;
}

function latch<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

describe('httpFetcher', () => {
  it('returns the body, its content type, the final URL and the ETag and Last-Modified as validators', async () => {
    let seen: IncomingMessage | undefined;
    const base = await serve((request, response) => {
      seen = request;
      response.writeHead(200, {
        'content-type': 'application/rss+xml; charset=utf-8',
        etag: '"v1"',
        'last-modified': 'Thu, 26 Nov 2026 05:00:00 GMT',
      });
      response.end(RSS);
    });
    const result = await fetchSource(`${base}/feed.rss`);
    expect(result).toEqual({
      status: 'ok',
      url: `${base}/feed.rss`,
      contentType: 'application/rss+xml; charset=utf-8',
      body: RSS,
      validators: { etag: '"v1"', lastModified: 'Thu, 26 Nov 2026 05:00:00 GMT' },
    });
    expect(seen?.headers['user-agent']).toMatch(/^Daybreak\//);
    expect(seen?.headers.accept).toMatch(/^application\/rss\+xml, application\/atom\+xml/);
    expect(seen?.headers['accept-encoding']).toBe('gzip, deflate, br');
    expect(seen?.headers['if-none-match']).toBeUndefined();
  });

  it('sends If-None-Match and If-Modified-Since, and a 304 is not-modified with no body read', async () => {
    let seen: IncomingMessage | undefined;
    const base = await serve((request, response) => {
      seen = request;
      response.writeHead(304, { etag: '"v1"' }).end();
    });
    const result = await fetchSource(`${base}/feed.rss`, {
      etag: '"v1"',
      lastModified: 'Thu, 26 Nov 2026 05:00:00 GMT',
    });
    expect(result).toEqual({ status: 'not-modified', url: `${base}/feed.rss` });
    expect(seen?.headers['if-none-match']).toBe('"v1"');
    expect(seen?.headers['if-modified-since']).toBe('Thu, 26 Nov 2026 05:00:00 GMT');
  });

  it('treats a 304 to a request that was not conditional as an error, not as "nothing new"', async () => {
    const base = await serve((_request, response) => response.writeHead(304).end());
    expect((await fetchError(fetchSource(`${base}/feed.rss`))).message).toBe(`${base}/feed.rss: HTTP 304 Not Modified`);
  });

  it('returns the body and its content type as served, even an RSS feed served as text/plain', async () => {
    const base = await serve((_request, response) =>
      response.writeHead(200, { 'content-type': 'text/plain' }).end(RSS),
    );
    expect(await fetchSource(`${base}/feed`)).toMatchObject({
      status: 'ok',
      contentType: 'text/plain',
      body: RSS,
      validators: {},
    });
  });

  it('gives HTTP <status> for a server error', async () => {
    const base = await serve((_request, response) => response.writeHead(500).end('boom'));
    expect((await fetchError(fetchSource(`${base}/feed`))).message).toBe(
      `${base}/feed: HTTP 500 Internal Server Error`,
    );
  });

  it('says "connection refused" when nothing listens on the port', async () => {
    const { url, server } = await serveLocal(() => undefined);
    await closeServer(server);
    expect((await fetchError(fetchSource(`${url}/feed`))).message).toMatch(
      new RegExp(`^${url}/feed: connection refused`),
    );
  });

  it('refuses URLs that are not http(s) without opening anything', async () => {
    expect((await fetchError(fetchSource('file:///etc/passwd'))).message).toBe(
      'file:///etc/passwd: refused: only http and https URLs are fetched, not file:',
    );
    expect((await fetchError(fetchSource('ftp://example.org/feed'))).message).toMatch(
      /^ftp:\/\/example.org\/feed: refused: only http and https/,
    );
    expect((await fetchError(fetchSource('not a url'))).message).toBe('not a url: not a valid URL: "not a url"');
  });

  describe('timeouts', () => {
    const impatient = localFetcher({ timeoutMs: 300, connectTimeoutMs: 300 });

    it('gives up on a server that drips the body past the total timeout', async () => {
      const base = await serve((_request, response) => {
        response.writeHead(200, { 'content-type': 'application/rss+xml' });
        const drip = setInterval(() => response.write(' '), 50);
        response.once('close', () => clearInterval(drip));
      });
      const started = Date.now();
      expect((await fetchError(impatient(`${base}/slow`))).message).toBe(
        `${base}/slow: timed out: no complete response within 300 ms`,
      );
      expect(Date.now() - started).toBeLessThan(1500);
    });

    it('gives up on a server that accepts the connection but never answers', async () => {
      const base = await serve(() => undefined);
      expect((await fetchError(impatient(`${base}/silent`))).message).toBe(
        `${base}/silent: timed out: no complete response within 300 ms`,
      );
    });

    it('gives up on a host that takes the connection but never completes the TLS handshake, after the connect timeout', async () => {
      const silent = createNetServer(() => undefined);
      const port = await new Promise<number>((resolve) =>
        silent.listen(0, '127.0.0.1', () => resolve((silent.address() as AddressInfo).port)),
      );
      const sockets: Socket[] = [];
      silent.on('connection', (socket) => sockets.push(socket));
      try {
        const started = Date.now();
        const error = await fetchError(
          localFetcher({ timeoutMs: 3000, connectTimeoutMs: 300 })(`https://127.0.0.1:${port}/feed`),
        );
        expect(error.message).toBe(`https://127.0.0.1:${port}/feed: timed out: could not connect within 300 ms`);
        expect(Date.now() - started).toBeLessThan(1500);
      } finally {
        sockets.forEach((socket) => socket.destroy());
        await new Promise((resolve) => silent.close(resolve));
      }
    });

    it('counts the total timeout across redirects rather than restarting it per hop', async () => {
      const base = await serve((request, response) => {
        setTimeout(() => response.writeHead(302, { location: `/hop${Number(request.url?.slice(4)) + 1}` }).end(), 100);
      });
      expect((await fetchError(impatient(`${base}/hop0`))).message).toMatch(
        /timed out: no complete response within 300 ms$/,
      );
    });
  });

  describe('redirects', () => {
    /** /r/N redirects to /r/N-1; /r/0 is the feed. */
    const chain: RequestListener = (request, response) => {
      const n = Number(/^\/r\/(\d+)$/.exec(request.url ?? '')?.[1] ?? -1);
      if (n > 0) response.writeHead(n % 2 ? 301 : 307, { location: `/r/${n - 1}` }).end();
      else if (n === 0) response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(RSS);
      else response.writeHead(404).end();
    };

    it('follows five redirects and returns the final URL', async () => {
      const base = await serve(chain);
      expect(await fetchSource(`${base}/r/5`)).toMatchObject({ status: 'ok', url: `${base}/r/0`, body: RSS });
    });

    it('refuses a sixth redirect', async () => {
      const base = await serve(chain);
      expect((await fetchError(fetchSource(`${base}/r/6`))).message).toBe(
        `${base}/r/6: too many redirects (more than 5), last to ${base}/r/0`,
      );
    });

    it('refuses a redirect loop as soon as it comes back to a URL it has visited', async () => {
      const base = await serve((request, response) =>
        response.writeHead(302, { location: request.url === '/a' ? '/b' : '/a' }).end(),
      );
      expect((await fetchError(fetchSource(`${base}/a`))).message).toBe(
        `${base}/a: redirect loop: ${base}/b redirects back to ${base}/a`,
      );
    });

    it('resolves a relative Location against the URL that sent it', async () => {
      const base = await serve((request, response) => {
        if (request.url === '/news/old/feed') response.writeHead(308, { location: '../world/feed.xml?x=1' }).end();
        else response.writeHead(200).end(request.url);
      });
      expect(await fetchSource(`${base}/news/old/feed`)).toMatchObject({
        url: `${base}/news/world/feed.xml?x=1`,
        body: '/news/world/feed.xml?x=1',
      });
    });

    it('refuses a redirect to a scheme other than http(s)', async () => {
      const base = await serve((_request, response) =>
        response.writeHead(302, { location: 'file:///etc/passwd' }).end(),
      );
      expect((await fetchError(fetchSource(`${base}/feed`))).message).toBe(
        `${base}/feed: redirect to file:///etc/passwd refused: only http and https URLs are fetched, not file:`,
      );
    });

    it('refuses a redirect without a Location', async () => {
      const base = await serve((_request, response) => response.writeHead(302).end());
      expect((await fetchError(fetchSource(`${base}/feed`))).message).toBe(
        `${base}/feed: HTTP 302 redirect without a Location header (at ${base}/feed)`,
      );
    });
  });

  describe('size cap (5 MB by default)', () => {
    it('refuses a declared Content-Length over the cap before reading the body', async () => {
      const closed = latch<{ written: number; finished: boolean }>();
      const base = await serve((_request, response) => {
        response.writeHead(200, { 'content-length': String(20 * MB) });
        void streamBytes(response, 20 * MB).then(closed.resolve);
      });
      expect((await fetchError(fetchSource(`${base}/big`))).message).toBe(
        `${base}/big: body too large: ${20 * MB} bytes declared, over the ${5 * MB}-byte cap`,
      );
      const server = await closed.promise;
      expect(server.finished).toBe(false);
      expect(server.written).toBeLessThan(10 * MB);
    });

    it('stops a chunked body with no Content-Length as soon as it passes the cap', async () => {
      const closed = latch<{ written: number; finished: boolean }>();
      const base = await serve((_request, response) => {
        response.writeHead(200, { 'content-type': 'text/html' });
        void streamBytes(response, 20 * MB).then(closed.resolve);
      });
      expect((await fetchError(fetchSource(`${base}/big`))).message).toBe(
        `${base}/big: body too large: passed the ${5 * MB}-byte cap while reading`,
      );
      const server = await closed.promise;
      expect(server.finished).toBe(false);
      expect(server.written).toBeLessThan(15 * MB);
    });

    it('applies the cap to decompressed bytes, so a gzip bomb is stopped', async () => {
      const bomb = gzipSync(Buffer.alloc(50 * MB));
      const base = await serve((_request, response) =>
        response.writeHead(200, { 'content-encoding': 'gzip', 'content-length': bomb.length }).end(bomb),
      );
      expect(bomb.length).toBeLessThan(MB / 10);
      expect((await fetchError(fetchSource(`${base}/bomb`))).message).toBe(
        `${base}/bomb: body too large: passed the ${5 * MB}-byte cap while reading`,
      );
    });

    it('takes a smaller cap from the options', async () => {
      const base = await serve((_request, response) => {
        response.write('x'.repeat(999));
        response.end('x'.repeat(999));
      });
      expect((await fetchError(localFetcher({ maxBytes: 1000 })(`${base}/page`))).message).toMatch(
        /passed the 1000-byte cap/,
      );
    });
  });

  describe('compression', () => {
    const body = `${RSS} <!-- café ${'padding '.repeat(200)} -->`;
    it.each([
      ['gzip', 'gzip', gzipSync],
      ['zlib-wrapped deflate', 'deflate', deflateSync],
      ['raw deflate (as some servers send "deflate")', 'deflate', deflateRawSync],
      ['brotli', 'br', brotliCompressSync],
    ])('decodes a %s body', async (_name, coding, compress) => {
      const base = await serve((_request, response) =>
        response
          .writeHead(200, { 'content-encoding': coding, 'content-type': 'application/rss+xml' })
          .end(compress(Buffer.from(body))),
      );
      expect(await fetchSource(`${base}/feed`)).toMatchObject({ status: 'ok', body });
    });

    it('reads an empty body labelled gzip as empty', async () => {
      const base = await serve((_request, response) => response.writeHead(200, { 'content-encoding': 'gzip' }).end());
      expect(await fetchSource(`${base}/feed`)).toMatchObject({ status: 'ok', body: '' });
    });

    it('names the coding when a compressed body is corrupt', async () => {
      const base = await serve((_request, response) =>
        response.writeHead(200, { 'content-encoding': 'gzip' }).end('not gzip at all'),
      );
      expect((await fetchError(fetchSource(`${base}/feed`))).message).toMatch(
        new RegExp(`^${base}/feed: could not decompress the gzip body: `),
      );
    });

    it('refuses a content coding it cannot undo', async () => {
      const base = await serve((_request, response) =>
        response.writeHead(200, { 'content-encoding': 'compress' }).end('x'),
      );
      expect((await fetchError(fetchSource(`${base}/feed`))).message).toBe(
        `${base}/feed: unsupported content encoding "compress"`,
      );
    });
  });

  describe('character sets', () => {
    it('decodes windows-1252 named in the Content-Type header (0x93 0x94 are curly quotes)', async () => {
      const bytes = Buffer.concat([
        Buffer.from('<p>'),
        Buffer.from([0x93]),
        Buffer.from('Hello'),
        Buffer.from([0x94]),
        Buffer.from('</p>'),
      ]);
      const base = await serve((_request, response) =>
        response.writeHead(200, { 'content-type': 'text/html; charset=windows-1252' }).end(bytes),
      );
      expect(await fetchSource(`${base}/page`)).toMatchObject({ body: '<p>\u201cHello\u201d</p>' });
    });

    it('decodes ISO-8859-1 named in the XML prolog', async () => {
      const bytes = Buffer.from(
        '<?xml version="1.0" encoding="ISO-8859-1"?><rss><title>Caf\u00e9 na\u00efve</title></rss>',
        'latin1',
      );
      const base = await serve((_request, response) =>
        response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(bytes),
      );
      expect(await fetchSource(`${base}/feed`)).toMatchObject({
        body: '<?xml version="1.0" encoding="ISO-8859-1"?><rss><title>Caf\u00e9 na\u00efve</title></rss>',
      });
    });

    it('decodes the charset of an HTML meta tag', async () => {
      const bytes = Buffer.concat([
        Buffer.from('<html><head><meta charset="windows-1252"></head><body>'),
        Buffer.from([0x93, 0x41, 0x94]),
        Buffer.from('</body></html>'),
      ]);
      const base = await serve((_request, response) =>
        response.writeHead(200, { 'content-type': 'text/html' }).end(bytes),
      );
      expect(await fetchSource(`${base}/page`)).toMatchObject({
        body: '<html><head><meta charset="windows-1252"></head><body>\u201cA\u201d</body></html>',
      });
    });
  });
});

describe('decodeBody', () => {
  const latin2 = (text: string, bytes: number[]) => Buffer.concat([Buffer.from(text), Buffer.from(bytes)]);

  it('reads the charset of <meta http-equiv="Content-Type" content="...; charset=...">', () => {
    const bytes = latin2(
      '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-2"><p>',
      [0xb1, 0xe6, 0xea],
    ); // ąćę
    expect(decodeBody(bytes, 'text/html')).toBe(
      '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-2"><p>\u0105\u0107\u0119',
    );
  });

  it('prefers the header to the document', () => {
    const bytes = latin2('<?xml version="1.0" encoding="iso-8859-2"?><t>', [0xe9]);
    expect(decodeBody(bytes, 'application/xml; charset="windows-1252"')).toBe(
      '<?xml version="1.0" encoding="iso-8859-2"?><t>\u00e9',
    );
  });

  it('lets a byte order mark win, and strips it', () => {
    expect(decodeBody(Buffer.from('\ufeffcaf\u00e9', 'utf8'), 'text/html; charset=iso-8859-1')).toBe('caf\u00e9');
    expect(decodeBody(Buffer.from('\ufeffcaf\u00e9', 'utf16le'), '')).toBe('caf\u00e9');
  });

  it('maps all of windows-1252, including the 0x80-0x9F range Node 20.18.3+ gets wrong, for every label that means it', () => {
    for (const label of ['windows-1252', 'iso-8859-1', 'latin1', 'us-ascii']) {
      expect(decodeBody(Buffer.from([0x80, 0x85, 0x92, 0x9f, 0xe9, 0x81]), `text/plain; charset=${label}`)).toBe(
        '\u20ac\u2026\u2019\u0178\u00e9\u0081',
      );
    }
  });

  it('decodes other ISO-8859 and windows code pages through the WHATWG decoder', () => {
    expect(decodeBody(Buffer.from([0xa4, 0xbd]), 'text/plain; charset=iso-8859-15')).toBe('\u20ac\u0153');
    expect(decodeBody(Buffer.from([0xc0, 0xe1]), 'text/plain; charset=windows-1251')).toBe('\u0410\u0431');
  });

  it('reads UTF-8 when nothing says otherwise, and when a label is unknown', () => {
    expect(decodeBody(Buffer.from('caf\u00e9'), '')).toBe('caf\u00e9');
    expect(decodeBody(Buffer.from('caf\u00e9'), 'text/html; charset=no-such-charset')).toBe('caf\u00e9');
  });

  it('ignores a document that claims UTF-16 in ASCII bytes, which it cannot be', () => {
    expect(decodeBody(Buffer.from('<?xml version="1.0" encoding="UTF-16"?><t>caf\u00e9</t>'), '')).toBe(
      '<?xml version="1.0" encoding="UTF-16"?><t>caf\u00e9</t>',
    );
  });
});
