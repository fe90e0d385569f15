import type { LookupAddress } from 'node:dns';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { type FetchOptions, httpFetcher } from '../../../functions/collect/fetch-source';
import type { Resolve } from '../../../functions/collect/guarded-lookup';
import { closeServer, serveLocal } from '../../../infra/local/http';

const RSS = '<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Gazette</title></channel></rss>';
const quick: Partial<FetchOptions> = { timeoutMs: 3000, connectTimeoutMs: 1000 };

/** A resolver that answers from a table, as a DNS server under an attacker's control would, and counts its calls. */
function resolver(table: Record<string, string[]>): Resolve & { calls: string[] } {
  const calls: string[] = [];
  const resolve = async (hostname: string): Promise<LookupAddress[]> => {
    calls.push(hostname);
    return (table[hostname] ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return Object.assign(resolve, { calls });
}

describe('the collector’s guard against loopback, private and link-local addresses', () => {
  let server: Server;
  let base: string;
  let port: number;
  const hits: IncomingMessage[] = [];

  beforeAll(async () => {
    ({ server, url: base } = await serveLocal((request, response) => {
      hits.push(request);
      const redirects: Record<string, string> = {
        '/to-metadata': 'http://169.254.169.254/latest/meta-data/',
        '/to-internal': `http://internal.example:${port}/feed`,
        '/to-mapped': 'http://[::ffff:a00:5]/feed',
        '/to-decimal': `http://2130706433:${port}/feed`,
      };
      const location = redirects[request.url ?? ''];
      if (location) response.writeHead(302, { location }).end();
      else response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(RSS);
    }));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => closeServer(server));
  beforeEach(() => {
    hits.length = 0;
  });

  it('refuses a server on 127.0.0.1 by default, without connecting to it', async () => {
    await expect(httpFetcher(quick)(`${base}/feed`)).rejects.toMatchObject({
      name: 'FetchError',
      message: `${base}/feed: refused: 127.0.0.1 is a loopback address`,
    });
    expect(hits).toHaveLength(0);
  });

  it('fetches it when the configuration allows private addresses', async () => {
    await expect(httpFetcher({ ...quick, allowPrivateAddresses: true })(`${base}/feed`)).resolves.toMatchObject({
      status: 'ok',
      body: RSS,
    });
  });

  it.each([
    ['decimal', (p: number) => `http://2130706433:${p}/feed`, 'refused: 127.0.0.1 is a loopback address'],
    ['hex', (p: number) => `http://0x7f.1:${p}/feed`, 'refused: 127.0.0.1 is a loopback address'],
    ['octal', (p: number) => `http://0177.0.0.1:${p}/feed`, 'refused: 127.0.0.1 is a loopback address'],
    ['bracketed IPv6', (p: number) => `http://[::1]:${p}/feed`, 'refused: ::1 is a loopback address'],
    [
      'IPv4-mapped IPv6',
      (p: number) => `http://[::ffff:127.0.0.1]:${p}/feed`,
      'refused: ::ffff:7f00:1 is an IPv4-mapped address of 127.0.0.1, a loopback address',
    ],
    [
      'cloud metadata',
      () => 'http://169.254.169.254/latest/meta-data/iam/',
      'refused: 169.254.169.254 is the cloud instance metadata service (link-local)',
    ],
    [
      'EC2 metadata over IPv6',
      () => 'http://[fd00:ec2::254]/latest/meta-data/',
      'refused: fd00:ec2::254 is the EC2 instance metadata service (IPv6)',
    ],
  ])('refuses a loopback or metadata address written in %s form', async (_form, url, reason) => {
    await expect(httpFetcher(quick)(url(port))).rejects.toMatchObject({ message: `${url(port)}: ${reason}` });
    expect(hits).toHaveLength(0);
  });

  it('refuses a public-looking host name that resolves to 127.0.0.1', async () => {
    const resolve = resolver({ 'news.example': ['127.0.0.1'] });
    await expect(httpFetcher({ ...quick, resolve })(`http://news.example:${port}/feed`)).rejects.toMatchObject({
      message: `http://news.example:${port}/feed: refused: news.example resolves to 127.0.0.1, a loopback address`,
    });
    expect(hits).toHaveLength(0);
  });

  it('refuses a host when any one of its addresses is private, whichever the socket would try first', async () => {
    const resolve = resolver({ 'news.example': ['93.184.215.14', '10.0.0.5'] });
    await expect(httpFetcher({ ...quick, resolve })('http://news.example/feed')).rejects.toMatchObject({
      message: 'http://news.example/feed: refused: news.example resolves to 10.0.0.5, a private address (RFC 1918)',
    });
  });

  it('refuses localhost through the system resolver', async () => {
    await expect(httpFetcher(quick)(`http://localhost:${port}/feed`)).rejects.toThrow(
      /: refused: localhost resolves to (127\.0\.0\.1|::1), a loopback address$/,
    );
    expect(hits).toHaveLength(0);
  });

  it('connects to the address it checked: one lookup per hop, so a rebinding DNS server gets no second say', async () => {
    const answers = [['127.0.0.1'], ['10.0.0.5']];
    const calls: string[] = [];
    const rebinding: Resolve = async (hostname) => {
      calls.push(hostname);
      return (answers.shift() ?? ['10.0.0.5']).map((address) => ({ address, family: 4 }));
    };
    const fetch = httpFetcher({ ...quick, resolve: rebinding, exemptAddresses: ['127.0.0.1'] });
    await expect(fetch(`http://news.example:${port}/feed`)).resolves.toMatchObject({ status: 'ok', body: RSS });
    expect(calls).toEqual(['news.example']);
    expect(hits.map((hit) => hit.headers.host)).toEqual([`news.example:${port}`]);
  });

  describe('on every redirect hop, from a server the fetcher may reach', () => {
    const resolve = resolver({ 'internal.example': ['10.0.0.5'] });
    const fetch = httpFetcher({ ...quick, resolve, exemptAddresses: ['127.0.0.1'] });

    it.each([
      [
        '/to-metadata',
        'redirect to http://169.254.169.254/latest/meta-data/ refused: 169.254.169.254 is the cloud instance metadata service (link-local)',
      ],
      [
        '/to-internal',
        (p: number) =>
          `redirect to http://internal.example:${p}/feed refused: internal.example resolves to 10.0.0.5, a private address (RFC 1918)`,
      ],
      [
        '/to-mapped',
        'redirect to http://[::ffff:a00:5]/feed refused: ::ffff:a00:5 is an IPv4-mapped address of 10.0.0.5, a private address (RFC 1918)',
      ],
    ])('refuses the hop %s', async (path, reason) => {
      await expect(fetch(`${base}${path}`)).rejects.toMatchObject({
        message: `${base}${path}: ${typeof reason === 'string' ? reason : reason(port)}`,
      });
      expect(hits.map((hit) => hit.url)).toEqual([path]);
    });

    it('refuses a redirect to 127.0.0.1 in decimal form unless that very address is exempt', async () => {
      const strict = httpFetcher({ ...quick, resolve: resolver({ 'news.example': ['127.0.0.1'] }) });
      await expect(strict(`http://news.example:${port}/to-decimal`)).rejects.toThrow(/refused/);
      await expect(fetch(`${base}/to-decimal`)).resolves.toMatchObject({ url: `${base}/feed` });
    });
  });

  it('keeps TLS SNI on the host name while it connects to the resolved address', async () => {
    const names: string[] = [];
    // No certificate: the handshake stops once the client has said which host it wants.
    const tls = createTlsServer({
      SNICallback: (servername, done) => {
        names.push(servername);
        done(new Error('no certificate here'));
      },
    });
    tls.on('tlsClientError', () => undefined);
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    const tlsPort = (tls.address() as AddressInfo).port;
    try {
      const fetch = httpFetcher({
        ...quick,
        resolve: resolver({ 'news.example': ['127.0.0.1'] }),
        exemptAddresses: ['127.0.0.1'],
      });
      await expect(fetch(`https://news.example:${tlsPort}/feed`)).rejects.toMatchObject({ name: 'FetchError' });
      expect(names).toEqual(['news.example']);
    } finally {
      await new Promise((resolve) => tls.close(resolve));
    }
  });
});
