import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type CliRun, daybreakProcess } from '../helpers/cli';
import { fixture } from '../helpers/fixtures';

const PAGES = path.join('test', 'fixtures', 'pages');

type Outcome = CliRun;

/** Runs the CLI as a user would (without DAYBREAK_DEBUG, whose stack traces these tests rule out); resolves with its exit code whatever it is. */
function daybreak(...args: string[]): Promise<Outcome> {
  const env = { ...process.env };
  delete env.DAYBREAK_DEBUG;
  return daybreakProcess(args, { env });
}

function expectOneLineError(outcome: Outcome, message: RegExp): void {
  expect(outcome.code).toBe(1);
  expect(outcome.stdout).toBe('');
  expect(outcome.stderr).toMatch(message);
  expect(outcome.stderr.trim().split('\n')).toHaveLength(1);
  expect(outcome.stderr).not.toMatch(/\n\s+at /);
}

describe('daybreak extract', () => {
  it('prints the page as JSON, every field in order, dates in the given zone', async () => {
    const outcome = await daybreak(
      'extract',
      path.join(PAGES, 'ist-article.html'),
      '--url',
      'https://coastline.example/india/monsoon-forecast?utm_source=x',
      '--timezone',
      'Asia/Kolkata',
    );
    expect(outcome.code).toBe(0);
    expect(outcome.stderr).toBe('');
    const page = JSON.parse(outcome.stdout) as Record<string, unknown>;
    expect(Object.keys(page)).toEqual([
      'headline',
      'summary',
      'url',
      'source',
      'byline',
      'location',
      'publishedAt',
      'updatedAt',
      'image',
      'imageCredit',
      'countries',
      'body',
      'trending',
    ]);
    expect(page).toMatchObject({
      headline: 'Monsoon forecast: weather office expects a normal season for the southern states',
      url: 'https://coastline.example/india/monsoon-forecast',
      source: 'AgencyY',
      location: 'Chennai',
      publishedAt: '2026-05-14T17:05:00+05:30',
      updatedAt: '2026-05-14T18:45:00+05:30',
      imageCredit: 'AgencyY',
      countries: ['India', 'Sri Lanka'],
    });
    expect(page.trending).toEqual([
      {
        rank: 1,
        headline:
          'Business roundup: port tariffs cut for small exporters; two airlines add direct routes to the Gulf and more',
        url: 'https://coastline.example/business/port-tariffs',
        region: 'India',
      },
      {
        rank: 2,
        headline: 'Divers complete the first census of a remote reef',
        url: 'https://coastline.example/world/reef-census',
        region: 'Global',
      },
      {
        rank: 3,
        headline: 'Teenager reaches the final of the rapid chess championship',
        url: 'https://coastline.example/sport/chess-final',
        region: 'Global',
      },
    ]);
  });

  it('without --url resolves links against the page’s canonical link, and prints null for what is missing', async () => {
    const outcome = await daybreak('extract', path.join(PAGES, 'section-trending.html'));
    expect(outcome.code).toBe(0);
    const page = JSON.parse(outcome.stdout) as Record<string, unknown>;
    expect(page.url).toBe('https://meridian-wire.example/trending');
    expect(page).toMatchObject({ source: null, publishedAt: null, imageCredit: null, body: '' });
    expect((page.trending as { url: string }[])[0]?.url).toBe('https://meridian-wire.example/asia/typhoon-shelters');
  });

  it('fetches a URL', async () => {
    const server = await serve({ '/world/wire.html': fixture('pages/wire-article.html') });
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const outcome = await daybreak('extract', `${base}/world/wire.html`, '--timezone', 'Europe/Lisbon');
      expect(outcome.code).toBe(0);
      expect(JSON.parse(outcome.stdout)).toMatchObject({
        headline: 'Lisbon tram network adds night service on three lines',
        publishedAt: '2026-11-26T11:12:00Z',
      });
      expectOneLineError(await daybreak('extract', `${base}/missing.html`), /^daybreak: .*missing\.html.*404/);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('says a missing file cannot be read, in one line and without a stack trace', async () => {
    expectOneLineError(
      await daybreak('extract', 'no/such/page.html'),
      /^daybreak: cannot read no\/such\/page\.html: no such file or folder \(and not an http\(s\) URL\)$/m,
    );
  });

  it('says when a page has nothing to extract', async () => {
    const empty = path.join(mkdtempSync(path.join(tmpdir(), 'extract-')), 'empty.html');
    writeFileSync(empty, '<!doctype html><html><body><div></div></body></html>');
    expectOneLineError(
      await daybreak('extract', empty),
      /^daybreak: nothing to extract from .*empty\.html: no headline and no trending list$/m,
    );
  });

  it('says a plain-text file is not HTML, and points a feed to `daybreak feed`', async () => {
    expectOneLineError(
      await daybreak('extract', path.join(PAGES, 'plain-text.txt')),
      /^daybreak: .*plain-text\.txt: not HTML \(plain text\); extract reads article pages, and `daybreak feed` reads feeds$/m,
    );
    expectOneLineError(
      await daybreak('extract', path.join('test', 'fixtures', 'feeds', 'rss2.xml')),
      /^daybreak: .*rss2\.xml: a feed, not an HTML page; read it with `daybreak feed .*rss2\.xml`$/m,
    );
  });

  it('reads a windows-1252 file as the fetcher would', async () => {
    const outcome = await daybreak('extract', path.join(PAGES, 'windows-1252.html'));
    expect(outcome.code).toBe(0);
    expect(JSON.parse(outcome.stdout).headline).toBe('“Best croissant” prize goes to a €2 pastry');
  });

  it('rejects an unknown time zone and a --url that is not http(s)', async () => {
    expectOneLineError(
      await daybreak('extract', path.join(PAGES, 'og-only.html'), '--timezone', 'Mars/Olympus'),
      /--timezone: "Mars\/Olympus" is not an IANA time zone/,
    );
    const badUrl = await daybreak('extract', path.join(PAGES, 'og-only.html'), '--url', 'ftp://x.example/');
    expect(badUrl.code).toBe(1);
    expect(badUrl.stderr).toMatch(/^daybreak: --url: expected an http\(s\) URL/);
  });

  it('asks for exactly one page', async () => {
    const outcome = await daybreak('extract');
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toMatch(/^daybreak: expected one FILE or URL, got 0 \(usage: daybreak extract FILE\|URL/);
  });
});

function serve(routes: Record<string, string>): Promise<Server> {
  const server = createServer((request, response) => {
    const body = routes[request.url ?? ''];
    if (body === undefined) response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    else response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}
