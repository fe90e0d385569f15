import { readFile } from 'node:fs/promises';
import * as z from 'zod';
import { articleId } from '../../functions/collect/normalize';
import { storyOf } from '../../functions/collect/text/summary';
import { ArticleSchema, TrendingEntrySchema, type Article, type TrendingItem } from '../../functions/core/model';
import { describeIssues } from '../../functions/core/validation';

/**
 * What `daybreak preview --from FILE` accepts: the JSON printed by `daybreak feed` or by
 * `daybreak extract`, or a list of them. Each becomes articles (and trending items) as the
 * collector would store them.
 */

const FeedItemSchema = z.object({
  headline: z.string(),
  url: z.string(),
  summary: z.string().default(''),
  publishedAt: z.string().optional(),
  updatedAt: z.string().optional(),
  byline: z.string().optional(),
  image: z.string().optional(),
});
const FeedOutputSchema = z.object({ feed: z.object({ title: z.string() }).loose(), items: z.array(FeedItemSchema) });
const ExtractOutputSchema = FeedItemSchema.partial({ headline: true }).extend({
  source: z.string().optional(),
  // Any text here: its links are checked below, then the entry against the collector's own schema.
  trending: z.array(z.object({ ...TrendingEntrySchema.shape, url: z.string() })).default([]),
});
const PreviewInputSchema = z.union([FeedOutputSchema, ExtractOutputSchema]);

export interface PreviewInput {
  articles: Article[];
  trending: TrendingItem[];
  skipped: string[];
}

export async function readPreviewInput(file: string, edition: string, now: Date): Promise<PreviewInput> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(
      `--from ${file}: ${error instanceof SyntaxError ? `not JSON (${error.message})` : error instanceof Error ? error.message : String(error)}`,
    );
  }
  const input: PreviewInput = { articles: [], trending: [], skipped: [] };
  for (const [i, entry] of (Array.isArray(value) ? value : [value]).entries()) {
    const parsed = PreviewInputSchema.safeParse(entry);
    if (!parsed.success)
      throw new Error(
        `--from ${file}: entry ${i} is neither \`daybreak feed\` nor \`daybreak extract\` output:\n${describeIssues(parsed.error.issues)}`,
      );
    const data = parsed.data;
    // What the digest would show (not, say, the items `daybreak feed` reports it skipped).
    const unsafe = unsafeLink(data);
    if (unsafe)
      throw new Error(
        `--from ${file}: entry ${i}, ${unsafe.field}: a ${unsafe.scheme}: link is refused (only http and https links are shown)`,
      );
    const source = 'feed' in data ? data.feed.title || 'Preview' : (data.source ?? new URL(data.url).hostname);
    const items = 'feed' in data ? data.items : data.headline ? [{ ...data, headline: data.headline }] : [];
    for (const item of items) {
      // The collector's rules for what a reader sees: a summary of one or two sentences, a headline always.
      const story = storyOf(item.headline.trim(), item.summary);
      const article = ArticleSchema.safeParse({
        ...item,
        ...story,
        id: articleId(item.url),
        source,
        edition,
        publishedAt: item.publishedAt ?? now.toISOString(),
      });
      if (article.success) input.articles.push(article.data);
      else input.skipped.push(`${item.url}: ${describeIssues(article.error.issues)}`);
    }
    if ('feed' in data) continue;
    for (const listed of data.trending) {
      const trending = TrendingEntrySchema.safeParse(listed);
      if (trending.success) input.trending.push({ ...trending.data, source });
      else input.skipped.push(`trending ${listed.url}: ${describeIssues(trending.error.issues)}`);
    }
  }
  return input;
}

/** Schemes that run or embed content instead of linking to a page: never rendered into a digest. */
const UNSAFE_SCHEME = /^(javascript|data|vbscript|file):/i;
/** Fields that hold a link whatever they look like; elsewhere a link is a scheme followed at once by more. */
const LINK_FIELD = /(url|link|href|image|src)$/i;

/**
 * The first link with an unsafe scheme anywhere in `value` (stories, the source, trending entries,
 * any field), and where it is (`items[2].url`). Browsers ignore control characters and whitespace
 * inside a scheme, so they are ignored here too; prose such as "Data: the figures" is not a link.
 */
export function unsafeLink(value: unknown, field = ''): { field: string; scheme: string } | undefined {
  if (typeof value === 'string') {
    const squeezed = value.replace(/[\p{Cc}\s]/gu, '');
    const scheme = UNSAFE_SCHEME.exec(squeezed)?.[1];
    const isLink = LINK_FIELD.test(field) || /^\s*\S+:\S/u.test(value.replace(/\p{Cc}/gu, ''));
    return scheme && isLink ? { field: field || '(the entry)', scheme: scheme.toLowerCase() } : undefined;
  }
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = unsafeLink(item, `${field}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = unsafeLink(item, field ? `${field}.${key}` : key);
      if (found) return found;
    }
  }
  return undefined;
}
