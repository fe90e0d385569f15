import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { extractPage, type ExtractedPage } from '../../functions/collect/extract-page';
import { sniffDocument } from '../../functions/collect/feed/sniff';
import { canonicalUrl } from '../../functions/collect/normalize';
import { readDocumentFile } from './document-file';
import { operatorFetcher, parseSourceArgs } from './usage';
import { usageLine } from '../help';

const USAGE = `${usageLine('extract')}
  FILE is read from disk; --url gives the address it was saved from, for resolving its relative links
  (without it they resolve against the page's canonical link, and links with no http base are dropped).
  URL is fetched. --timezone is the source's IANA zone for dates printed with an abbreviation (default UTC).`;

/** `daybreak extract FILE|URL [--url URL] [--timezone ZONE]`: prints what Daybreak reads from one page, as JSON. */
export async function run(argv: string[]): Promise<number> {
  const { target, url: savedFrom, timezone } = parseSourceArgs(argv, USAGE);
  const pageUrl = savedFrom === undefined ? undefined : canonicalUrl(savedFrom);

  const { html, url } = /^https?:\/\//i.test(target) ? await fetchPage(target) : await readPage(target);
  refuseNonHtml(html, target);
  const page = extractPage(html, pageUrl ?? url, { timezone });
  if (!page.headline && page.trending.length === 0)
    throw new Error(`nothing to extract from ${target}: no headline and no trending list`);
  process.stdout.write(`${JSON.stringify(report(page), null, 2)}\n`);
  return 0;
}

async function fetchPage(url: string): Promise<{ html: string; url: string }> {
  const result = await operatorFetcher()(url);
  if (result.status !== 'ok') throw new Error(`${url}: no page came back (status ${result.status})`);
  return { html: result.body, url: result.url };
}

async function readPage(file: string): Promise<{ html: string; url: string }> {
  // Read as a response is: a windows-1252, UTF-16 or gzipped file reads as it would over HTTP.
  return { html: await readDocumentFile(file), url: pathToFileURL(path.resolve(file)).href };
}

/** A feed or a plain-text file is no page: say what it is, and what reads it. */
function refuseNonHtml(document: string, target: string): void {
  const kind = sniffDocument(document);
  if (kind === 'feed' || kind === 'json')
    throw new Error(`${target}: a feed, not an HTML page; read it with \`daybreak feed ${target}\``);
  if (kind === 'text' || kind === 'empty')
    throw new Error(
      `${target}: not HTML (${kind === 'empty' ? 'the file is empty' : 'plain text'}); extract reads article pages, and \`daybreak feed\` reads feeds`,
    );
}

/** Every field in a fixed order, null where the page has none, so scripts can rely on the shape. */
function report(page: ExtractedPage) {
  return {
    headline: page.headline ?? null,
    summary: page.summary,
    url: page.url,
    source: page.source ?? null,
    byline: page.byline ?? null,
    location: page.location ?? null,
    publishedAt: page.publishedAt ?? null,
    updatedAt: page.updatedAt ?? null,
    image: page.image ?? null,
    imageCredit: page.imageCredit ?? null,
    countries: page.countries,
    body: page.body,
    trending: page.trending,
  };
}
