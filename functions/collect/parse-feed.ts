import { decodeHTML } from 'entities';
import { parseFeed as parseAnyFeed } from 'feedsmith';
import { DECLARED_ENTITIES_REASON, declaresEntities } from './feed/entity-guard';
import { feedDate } from './feed/feed-dates';
import { isTimeZone } from '../core/validation';
import {
  type FeedFormat,
  type ItemFieldOptions,
  itemFields,
  list,
  type Loose,
  record,
  text,
  type TextType,
} from './feed/item-fields';
import { type SalvagedFeed, salvageFeed } from './feed/salvage';
import { salvageJsonFeed } from './feed/salvage-json';
import { rootElementName, sniffDocument } from './feed/sniff';
import type { ImageFacts } from './image-size';
import { canonicalUrl, clip, plainText } from './normalize';
import { htmlParagraphs, literalText, titleText } from './text/html-text';
import { storyOf } from './text/summary';

/** One item of a feed, in the collector's terms, before it becomes an Article; with its image's size and description where the source gives them. */
export interface FeedItem extends ImageFacts {
  headline: string;
  url: string;
  summary: string;
  publishedAt?: string;
  updatedAt?: string;
  byline?: string;
  image?: string;
}

export interface ParsedFeed {
  format: FeedFormat;
  title: string;
  items: FeedItem[];
  /** Items that could not be used, each with its reason (including those lost to a truncated or broken document). */
  skipped: SkippedItem[];
}

/** An item that could not be used: why, and what was read of it, so an operator can see what the source sent. */
export interface SkippedItem {
  index: number;
  reason: string;
  title?: string;
  link?: string;
  summary?: string;
  publishedAt?: string;
}

export interface ParseFeedOptions {
  /** The IANA zone in which dates that name no zone are read (the source's zone). @default 'UTC' */
  timezone?: string;
}

export class FeedParseError extends Error {
  constructor(what: string, reason: string) {
    super(`${what}: not a readable feed (${reason})`);
    this.name = 'FeedParseError';
  }
}

/**
 * Reads RSS 2.0 and 0.9x, RSS 1.0 (RDF), Atom 1.0 and 0.3, and JSON Feed 1.0 and 1.1 into FeedItems:
 * headlines and summaries as plain text, links as absolute http(s) URLs (resolved against xml:base
 * and the feed's URL), dates as ISO 8601. Items without a headline or an http(s) link are skipped
 * with a reason. feedsmith parses (see docs/feed-parser-choice.md); around it, documents that
 * declare entities are refused, and cut-off or malformed documents give the items they hold.
 *
 * Throws only FeedParseError, whatever the input: one bad source must never stop a collection run.
 * @param what names the source in error messages.
 * @example parseFeed(body, 'https://example.org/rss', 'Example News', { timezone: 'Europe/Paris' })
 */
export function parseFeed(body: string, baseUrl: string, what = baseUrl, options: ParseFeedOptions = {}): ParsedFeed {
  try {
    return readFeed(body, baseUrl, what, options.timezone ?? 'UTC');
  } catch (error) {
    if (error instanceof FeedParseError) throw error;
    // A parser failure nobody foresaw (a stack overflow on absurd nesting, say) is still this feed's problem only.
    // Its kind only: a message could quote the document, and reasons never carry what a server sent.
    throw new FeedParseError(what, `the parser failed (${error instanceof Error ? error.name : typeof error})`);
  }
}

function readFeed(body: unknown, baseUrl: string, what: string, timezone: string): ParsedFeed {
  if (typeof body !== 'string') throw new FeedParseError(what, 'the document is not text');
  if (!isTimeZone(timezone)) throw new FeedParseError(what, `unknown time zone "${timezone}"`);
  if (body.trim() === '') throw new FeedParseError(what, 'the document is empty'); // trim() drops a BOM too
  if (declaresEntities(body)) throw new FeedParseError(what, DECLARED_ENTITIES_REASON);
  if (/^channel$/i.test(rootElementName(body) ?? '')) throw new FeedParseError(what, CDF_REASON);

  const document = readDocument(withoutRootPrefix(body), what);
  const fieldOptions: ItemFieldOptions = { base64Content: /\bmode\s*=\s*["']base64["']/.test(body) };
  const feed = document.feed;
  // With an unusable base URL, absolute links must still work: new URL(link, base) would throw for them too.
  const feedBase = resolveBase(text(record(feed.xml).base), URL.canParse(baseUrl) ? baseUrl : undefined);
  const result: ParsedFeed = {
    format: document.format,
    // Some RSS channels name themselves only with Dublin Core's dc:title.
    title: titleText(
      text(feed.title) || list(record(feed.dc).titles).map(text).find(Boolean) || text(record(feed.dc).title),
    ),
    items: [],
    skipped: [...document.notes],
  };
  list(document.format === 'atom' ? feed.entries : feed.items).forEach((raw, order) => {
    const index = document.positions?.[order] ?? order;
    const item = toFeedItem(itemFields(document.format, record(raw), fieldOptions), feedBase, timezone);
    if ('reason' in item) result.skipped.push({ index, ...item });
    else result.items.push(item);
  });
  result.skipped.sort((a, b) => a.index - b.index);
  return result;
}

interface ReadDocument {
  format: FeedFormat;
  feed: Loose;
  /** When the items came from a salvaged document: each item's position in the original. */
  positions?: number[];
  /** What the salvage lost, as skipped entries. */
  notes: ParsedFeed['skipped'];
}

type Parsed = { format: FeedFormat; feed: Loose };

function tryParse(document: string): Parsed | Error {
  try {
    const parsed = parseAnyFeed(document);
    return { format: parsed.format, feed: record(parsed.feed) };
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

const itemCount = (parsed: Parsed): number =>
  list(parsed.format === 'atom' ? parsed.feed.entries : parsed.feed.items).length;

/**
 * The parser's reading of the document, or of its salvaged items when that reads more: when the
 * parser fails, or when broken markup hid items from it (an unclosed tag that swallows every later
 * item). A cut-off document is read from its complete items only, without asking the parser
 * first: it would give the cut item half-read, with a truncated headline or, worse, a truncated link.
 */
function readDocument(body: string, what: string): ReadDocument {
  const kind = sniffDocument(body);
  if (kind === 'json') return readJsonFeed(body, what);
  const salvaged = kind === 'text' ? undefined : salvageFeed(body);
  if (salvaged?.truncated) {
    const repaired = readSalvaged(salvaged);
    if (!repaired) throw new FeedParseError(what, 'the document is cut off (truncated) before its first complete item');
    return repaired;
  }
  const strict = tryParse(body);
  if (salvaged && (strict instanceof Error || salvaged.positions.length > itemCount(strict))) {
    const repaired = readSalvaged(salvaged);
    if (repaired && (strict instanceof Error || itemCount(repaired) > itemCount(strict))) return repaired;
  }
  if (!(strict instanceof Error)) return { ...strict, notes: [] };
  throw new FeedParseError(what, whyUnreadable(kind, strict, salvaged));
}

/** The salvaged document's reading, with what the salvage lost as notes; undefined when it holds no item. */
function readSalvaged(salvaged: SalvagedFeed): ReadDocument | undefined {
  const repaired = tryParse(salvaged.document);
  if (repaired instanceof Error || itemCount(repaired) === 0) return undefined;
  // Positions map items back to the original only if the parser kept every salvaged block as one item.
  const positions = itemCount(repaired) === salvaged.positions.length ? salvaged.positions : undefined;
  return { ...repaired, positions, notes: salvageNotes(salvaged) };
}

const CUT_INSIDE_ITEM = 'the document is cut off (truncated) inside this item: it and any later items are missing';
const CUT_AFTER_ITEM = 'the document is cut off (truncated) after the last complete item: any later items are missing';

function readJsonFeed(body: string, what: string): ReadDocument {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    // A cut-off feed still gives the items before the cut, as XML feeds do.
    const salvaged = salvageJsonFeed(body);
    // Not JSON.parse's message: it quotes the document.
    if (!salvaged) throw new FeedParseError(what, 'invalid JSON');
    return {
      ...readJsonFeed(salvaged.document, what),
      notes: [{ index: salvaged.complete, reason: salvaged.cutInsideItem ? CUT_INSIDE_ITEM : CUT_AFTER_ITEM }],
    };
  }
  const version = record(json).version;
  if (!Array.isArray(record(json).items) && !(typeof version === 'string' && version.includes('jsonfeed.org'))) {
    throw new FeedParseError(
      what,
      'JSON, but not a JSON Feed (no "version": "https://jsonfeed.org/version/1.1" and no "items")',
    );
  }
  const parsed = tryParse(body);
  if (parsed instanceof Error) throw new FeedParseError(what, `JSON Feed the parser could not read: ${parsed.message}`);
  return { ...parsed, notes: [] };
}

function salvageNotes(salvaged: SalvagedFeed): ParsedFeed['skipped'] {
  const notes = salvaged.unclosed.map((index) => ({
    index,
    reason: 'the item never closes (the XML is not well-formed), so it could not be read',
  }));
  if (salvaged.cutItem !== undefined) {
    notes.push({ index: salvaged.cutItem, reason: CUT_INSIDE_ITEM });
  } else if (salvaged.truncated) {
    const next = salvaged.positions.length + salvaged.unclosed.length;
    notes.push({ index: next, reason: CUT_AFTER_ITEM });
  }
  return notes;
}

function whyUnreadable(
  kind: ReturnType<typeof sniffDocument>,
  failure: Error,
  salvaged: SalvagedFeed | undefined,
): string {
  if (kind === 'html') return 'an HTML page, not a feed';
  if (kind === 'empty') return 'the document is empty';
  // Said by shape, never by quoting the document: a reason ends up in logs and summaries.
  if (kind === 'text') return 'neither XML nor JSON';
  if (!salvaged) return 'no RSS, Atom or RDF root element';
  return `${salvaged.format === 'atom' ? 'Atom' : salvaged.format.toUpperCase()} the parser could not read, and no complete item to salvage: ${failure.message}`;
}

const CDF_REASON =
  'a Channel Definition Format (CDF) document, an obsolete format Daybreak does not read; ask the site for its RSS, Atom or JSON Feed';

/**
 * RSS with a prefixed root (`<r:rss xmlns:r="...">`, as some old UserLand-era tools wrote it) is
 * RSS all the same; the parser only knows unprefixed RSS, so the prefix is dropped from the
 * element names that carry it.
 */
function withoutRootPrefix(body: string): string {
  const prefix = /^([\w.-]+):rss$/i.exec(rootElementName(body) ?? '')?.[1];
  if (!prefix) return body;
  const escaped = prefix.replace(/[.]/g, '\\.');
  return body.replace(new RegExp(`<(/?)${escaped}:(?=[A-Za-z_])`, 'g'), '<$1');
}

/** The paragraphs of a field, read as its type says: plain text keeps every character; markup loses its tags. */
function fieldParagraphs(value: string | undefined, type: TextType): string[] {
  if (type === 'text' || type === 'escaped-text')
    return (type === 'text' ? (value ?? '') : decodeHTML(value ?? ''))
      .split(/\n\s*\n/)
      .map(literalText)
      .filter(Boolean);
  return htmlParagraphs(value);
}

const fieldTitle = (value: string | undefined, type: TextType): string =>
  type === 'text' ? literalText(value) : type === 'html' ? plainText(value) : titleText(value);

/**
 * An item in the collector's terms, or why it cannot be one with what was read of it. An item
 * without a title (micro-blog posts, JSON Feed items with only text) gets a headline from the
 * first sentence of its text; its summary is then the rest.
 */
function toFeedItem(
  fields: ReturnType<typeof itemFields>,
  feedBase: string | undefined,
  timezone: string,
): FeedItem | Omit<SkippedItem, 'index'> {
  const base = resolveBase(fields.base, feedBase);
  const text = fieldParagraphs(fields.summary, fields.summaryType).join('\n');
  const title = fieldTitle(fields.title, fields.titleType);
  const { headline, summary } = storyOf(title, text);
  const publishedAt = feedDate(fields.published, timezone);
  const link = fields.link?.trim();
  const read = {
    title: headline || undefined,
    link: link || undefined,
    summary: clip(text.replace(/\n/g, ' '), 200) || undefined,
    publishedAt,
  };
  if (!headline) return { reason: 'no title, and no text to take one from', ...read };
  if (!link) return { reason: `no link for "${headline}"`, ...read };
  const url = canonicalUrl(link, base);
  if (!url) return { reason: `no http(s) link for "${headline}"`, ...read };
  return {
    headline,
    url,
    summary,
    publishedAt,
    updatedAt: feedDate(fields.updated, timezone),
    byline: plainText(fields.author) || undefined,
    image: fields.image ? canonicalUrl(fields.image, base) : undefined,
    imageWidth: fields.imageWidth,
    imageHeight: fields.imageHeight,
    imageAlt: fields.imageAlt ? plainText(fields.imageAlt) || undefined : undefined,
  };
}

/** `xmlBase` (which may itself be relative) resolved against `parent`; `parent` when there is none or it is unusable. */
function resolveBase(xmlBase: string | undefined, parent: string | undefined): string | undefined {
  const base = xmlBase?.trim();
  if (!base) return parent;
  if (URL.canParse(base)) return new URL(base).toString();
  return parent !== undefined && URL.canParse(base, parent) ? new URL(base, parent).toString() : parent;
}
