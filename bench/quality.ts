import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { readDocumentFile } from '../bin/commands/document-file';
import { parseFeed } from '../functions/collect/parse-feed';
import { sentences } from '../functions/collect/text/summary';
import { report } from './report';

/**
 * What a reader would see from real feeds: the share of items kept, the summary length and
 * sentence distribution, and text damage (a space before punctuation, markup or entities left in
 * the text, mojibake). The corpora are other projects'
 * test feeds under ../shared/corpora (QUALITY_CORPORA overrides); they are read in place, never
 * copied into the project.
 */
const CORPORA = process.env.QUALITY_CORPORA ?? path.resolve(__dirname, '../../shared/corpora');
const FEED_FILE = /\.(?:xml|rss|atom|json|rdf)$/i;
const SPACE_BEFORE_PUNCTUATION = / [,.;:!?](?:\s|$)/;
/** An HTML tag or comment, or an entity, that reached the text: markup a reader would see. */
const MARKUP_LEFT =
  /<!--|<\/?(?:a|p|div|span|img|br|b|i|em|strong|li|ul|ol|h[1-6]|table|td|tr|script|style|font|figure|path|svg)\b[^>]*>|&(?:[a-z]{2,8}|#\d{2,6}|#x[0-9a-f]{2,5});/i;
/** Text decoded in the wrong charset: U+FFFD, or UTF-8 read as windows-1252 ("â€™", "Ã©"). */
const MOJIBAKE = /\ufffd|â€|Ã[\u0080-\u00bf]/;

function corpusFiles(root: string): string[] {
  return readdirSync(root)
    .flatMap((name) => {
      const full = path.join(root, name);
      return statSync(full).isDirectory() ? corpusFiles(full) : [full];
    })
    .filter((file) => FEED_FILE.test(file))
    .sort();
}

const percentile = (sorted: number[], p: number): number =>
  sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] ?? 0);

export async function benchQuality(): Promise<void> {
  const files = corpusFiles(CORPORA);
  let readable = 0;
  let kept = 0;
  let skipped = 0;
  let damaged = 0;
  let markup = 0;
  let mojibake = 0;
  const lengths: number[] = [];
  const sentenceCounts: number[] = [];
  for (const file of files) {
    let feed: ReturnType<typeof parseFeed>;
    try {
      // As `daybreak feed FILE` reads it: gunzipped when gzip (some corpora keep compressed responses), one decoder.
      feed = parseFeed(await readDocumentFile(file), 'https://corpus.invalid/', file);
    } catch {
      continue;
    }
    readable++;
    kept += feed.items.length;
    skipped += feed.skipped.length;
    for (const item of feed.items) {
      lengths.push(item.summary.length);
      if (item.summary) sentenceCounts.push(sentences(item.summary).length);
      const text = `${item.headline}\n${item.summary}`;
      if (SPACE_BEFORE_PUNCTUATION.test(item.summary) || SPACE_BEFORE_PUNCTUATION.test(item.headline)) damaged++;
      if (MARKUP_LEFT.test(text)) markup++;
      if (MOJIBAKE.test(text)) mojibake++;
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
  const byCount = [...sentenceCounts].sort((a, b) => a - b);
  report('quality', 'summary sentences p50', percentile(byCount, 0.5), 'sentences');
  report('quality', 'summary sentences p90', percentile(byCount, 0.9), 'sentences');
  report(
    'quality',
    'summary of one or two sentences',
    share(byCount.filter((count) => count <= 2).length, byCount.length),
    'ratio',
  );
  report('quality', 'text with a space before punctuation', share(damaged, kept), 'ratio');
  report('quality', 'text with markup or entities left', share(markup, kept), 'ratio');
  report('quality', 'text with mojibake', share(mojibake, kept), 'ratio');
}
