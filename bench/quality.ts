import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decodeBody } from '../functions/collect/fetch-source';
import { parseFeed } from '../functions/collect/parse-feed';
import { report } from './report';

/**
 * What a reader would see from real feeds: the share of items kept, the summary length
 * distribution, and text damage (a space before punctuation). The corpora are other projects'
 * test feeds under ../shared/corpora (QUALITY_CORPORA overrides); they are read in place, never
 * copied into the project.
 */
const CORPORA = process.env.QUALITY_CORPORA ?? path.resolve(__dirname, '../../shared/corpora');
const FEED_FILE = /\.(?:xml|rss|atom|json|rdf)$/i;
const SPACE_BEFORE_PUNCTUATION = / [,.;:!?](?:\s|$)/;

function corpusFiles(root: string): string[] {
  return readdirSync(root)
    .flatMap((name) => {
      const full = path.join(root, name);
      return statSync(full).isDirectory() ? corpusFiles(full) : [full];
    })
    .filter((file) => FEED_FILE.test(file))
    .sort();
}

/** The file's text, gunzipped when it is gzip (some corpora keep compressed responses), through the fetcher's decoder. */
function readCorpusFile(file: string): string {
  let bytes: Uint8Array = readFileSync(file);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
  return decodeBody(bytes, '');
}

const percentile = (sorted: number[], p: number): number =>
  sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] ?? 0);

export async function benchQuality(): Promise<void> {
  const files = corpusFiles(CORPORA);
  let readable = 0;
  let kept = 0;
  let skipped = 0;
  let damaged = 0;
  const lengths: number[] = [];
  for (const file of files) {
    let feed: ReturnType<typeof parseFeed>;
    try {
      feed = parseFeed(readCorpusFile(file), 'https://corpus.invalid/', file);
    } catch {
      continue;
    }
    readable++;
    kept += feed.items.length;
    skipped += feed.skipped.length;
    for (const item of feed.items) {
      lengths.push(item.summary.length);
      if (SPACE_BEFORE_PUNCTUATION.test(item.summary) || SPACE_BEFORE_PUNCTUATION.test(item.headline)) damaged++;
    }
  }
  const sorted = [...lengths].sort((a, b) => a - b);
  const withSummary = sorted.filter((length) => length > 0);
  const share = (count: number, of: number) => (of === 0 ? 0 : count / of);
  report('quality', 'documents', files.length, 'files');
  report('quality', 'documents readable', share(readable, files.length), 'ratio');
  report('quality', 'items kept', share(kept, kept + skipped), 'ratio');
  report('quality', 'items', kept, 'items');
  report('quality', 'items skipped', skipped, 'items');
  report('quality', 'summary empty', share(sorted.length - withSummary.length, sorted.length), 'ratio');
  for (const p of [0.1, 0.5, 0.9]) report('quality', `summary length p${p * 100}`, percentile(withSummary, p), 'chars');
  report('quality', 'summary length max', withSummary.at(-1) ?? 0, 'chars');
  report(
    'quality',
    'summary over 280',
    share(withSummary.filter((length) => length > 280).length, withSummary.length),
    'ratio',
  );
  report('quality', 'text with a space before punctuation', share(damaged, kept), 'ratio');
}
