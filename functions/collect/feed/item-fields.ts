/**
 * The fields Daybreak needs, read from one item of feedsmith's output for each format.
 *
 * feedsmith keeps each format's own structure (an RSS `<guid>`, Atom's list of `<link>`s, Dublin
 * Core and Media RSS namespaces), so this is where the formats meet. Values stay raw here (markup,
 * relative URLs, dates as written); the caller turns them into plain text, absolute URLs and ISO dates.
 */

import { type ImageFacts, imageFacts, pixelSize } from '../image-size';

export type Loose = Record<string, unknown>;

export const record = (value: unknown): Loose =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Loose) : {};
export const list = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
/** A string field, whether feedsmith gives it bare or as `{ value }` (Atom text constructs, RSS guids). */
export const text = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  const inner = record(value).value;
  return typeof inner === 'string' ? inner : undefined;
};
const first = (value: unknown): string | undefined =>
  value === undefined
    ? undefined
    : list(value)
        .map(text)
        .find((s) => s !== undefined && s.trim() !== '');
const firstOf = (...values: (string | undefined)[]): string | undefined =>
  values.find((s) => s !== undefined && s.trim() !== '');
const isAbsoluteHttp = (value: string | undefined): value is string =>
  value !== undefined && /^\s*https?:\/\//i.test(value);
/** An image by its medium or type; with neither (Media RSS makes both optional, the Guardian gives neither), by its file name. */
const isImage = (media: Loose): boolean =>
  media.medium === 'image' ||
  String(media.type ?? '').startsWith('image/') ||
  (media.medium === undefined &&
    media.type === undefined &&
    /\.(jpe?g|png|webp|gif)(\?|$)/i.test(String(media.url ?? '')));

/**
 * How a field's text is written: `text` is plain text (Atom `type="text"`), `html` is markup (Atom
 * `html`/`xhtml`, JSON Feed's content_html); `escaped-text` is plain text that writers HTML-escape
 * all the same (JSON Feed's summary and content_text, "Blackletter &amp; thick"): entities are
 * decoded, nothing is markup; `undefined` is unsaid (RSS), and the reader judges by what the tags
 * look like.
 */
export type TextType = 'text' | 'escaped-text' | 'html' | undefined;

/** With the image's size and description, where the feed gives them (media:content). */
export interface RawItemFields extends ImageFacts {
  title?: string;
  titleType?: TextType;
  link?: string;
  summary?: string;
  summaryType?: TextType;
  published?: string;
  updated?: string;
  author?: string;
  image?: string;
  /** The item's own xml:base, if any (Atom). */
  base?: string;
}

export type XmlFormat = 'rss' | 'rdf' | 'atom';
export type FeedFormat = XmlFormat | 'json';

export interface ItemFieldOptions {
  /** The document marks content as base64 (Atom 0.3's `mode="base64"`, which the parser does not report). */
  base64Content?: boolean;
}

export function itemFields(format: FeedFormat, item: Loose, options: ItemFieldOptions = {}): RawItemFields {
  if (format === 'atom') return atomFields(item, options);
  if (format === 'json') return jsonFields(item);
  return rssFields(item);
}

/** RSS 2.0, 0.9x and 1.0 (RDF): feedsmith gives them the same item shape. */
function rssFields(item: Loose): RawItemFields {
  const dc = record(item.dc);
  const dcterms = record(item.dcterms);
  const atom = record(item.atom);
  const media = record(item.media);
  const picture = mediaImage(media);
  const guid = text(item.guid);
  const atomLink = list(atom.links)
    .map(record)
    .find((link) => !link.rel || link.rel === 'alternate');
  return {
    title: firstOf(text(item.title), first(dc.titles), text(dc.title)),
    // A guid is only a link when it is an absolute URL; "12345" resolved against the feed would be a wrong page.
    link: firstOf(
      text(item.link),
      isAbsoluteHttp(guid) ? guid : undefined,
      text(atomLink?.href),
      text(record(item.rdf).about),
    ),
    summary: firstOf(
      text(item.description),
      text(record(item.content).encoded),
      first(dc.descriptions),
      text(dc.description),
    ),
    published: firstOf(
      text(item.pubDate),
      first(dc.dates),
      text(dc.date),
      first(dcterms.issued),
      first(dcterms.created),
      text(atom.published),
    ),
    updated: firstOf(first(dcterms.modified), text(atom.updated)),
    author: firstOf(
      first(dc.creators),
      text(dc.creator),
      text(record(list(item.authors)[0]).name),
      text(record(item.itunes).author),
    ),
    image: firstOf(
      text(picture?.url),
      text(list(media.thumbnails).map(record)[0]?.url),
      text(list(item.enclosures).map(record).find(isImage)?.url),
      text(record(item.itunes).image),
    ),
    ...(picture && text(picture.url) ? mediaImageFacts(picture) : {}),
  };
}

/**
 * An item's media:content image (bare or in a media:group), as RSS and Atom feeds both carry it:
 * the widest where a feed offers several sizes (the Guardian's 140 and 460), else the first.
 */
function mediaImage(media: Loose): Loose | undefined {
  // Most items carry no media at all: nothing to gather.
  if (media.contents === undefined && media.groups === undefined) return undefined;
  const images = [...list(media.contents), ...list(media.groups).flatMap((group) => list(record(group).contents))]
    .map(record)
    .filter(isImage);
  return images.reduce<Loose | undefined>(
    (best, image) => (best && (pixelSize(image.width) ?? 0) <= (pixelSize(best.width) ?? 0) ? best : image),
    undefined,
  );
}

/** A media:content image's width, height and description, where the feed gives them. */
function mediaImageFacts(media: Loose): ImageFacts {
  return imageFacts(
    media.width,
    media.height,
    firstOf(
      text(record(media.description).value),
      text(media.description),
      text(record(media.title).value),
      text(media.title),
    ),
  );
}

/** An Atom text construct's type: `text` (or text/plain), `html`/`xhtml` (or text/html), else unsaid. */
function atomTextType(construct: unknown): TextType {
  const type = String(record(construct).type ?? '').toLowerCase();
  if (type === 'text' || type === 'text/plain') return 'text';
  if (type === 'html' || type === 'xhtml' || type === 'text/html' || type.endsWith('xhtml+xml')) return 'html';
  return undefined;
}

const BASE64 = /^[A-Za-z0-9+/=\s]{8,}$/;

/**
 * Atom content as text. Content of a type that is neither text nor XML is base64 by the Atom 1.0
 * spec (§4.1.3.3), and Atom 0.3 said so with `mode="base64"`; decoded, it counts when it is text.
 */
function atomContent(construct: unknown, options: ItemFieldOptions): { value?: string; type: TextType } {
  const value = text(construct);
  const type = String(record(construct).type ?? '').toLowerCase();
  const declaredBinary =
    type !== '' && !['text', 'html', 'xhtml'].includes(type) && !type.startsWith('text/') && !/[+/]xml$/.test(type);
  if (value && (declaredBinary || options.base64Content) && BASE64.test(value.trim())) {
    const decoded = Buffer.from(value.replace(/\s+/g, ''), 'base64').toString('utf8');
    // Binary content (an image) or a word that only looked like base64 is not text to show.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters mark binary
    if (!/[\u0000-\u0008\u000e-\u001f\ufffd]/.test(decoded)) return { value: decoded, type: atomTextType(construct) };
    if (declaredBinary) return { type: undefined };
  }
  return declaredBinary ? { type: undefined } : { value, type: atomTextType(construct) };
}

function atomFields(entry: Loose, options: ItemFieldOptions): RawItemFields {
  const links = list(entry.links).map(record);
  const rel = (link: Loose) => String(link.rel ?? 'alternate');
  const alternate =
    links.find((link) => rel(link) === 'alternate' && /html/i.test(String(link.type ?? 'text/html'))) ??
    links.find((link) => rel(link) === 'alternate') ??
    links.find((link) => !['self', 'edit', 'replies', 'enclosure', 'license', 'hub'].includes(rel(link)));
  const id = text(entry.id);
  const media = record(entry.media);
  const picture = mediaImage(media);
  return {
    title: text(entry.title),
    titleType: atomTextType(entry.title),
    // Many Atom feeds use the permalink as the entry's id; an id like "urn:uuid:..." or "yt:video:..." is no link.
    link: firstOf(text(alternate?.href), isAbsoluteHttp(id) ? id : undefined),
    ...atomSummary(entry, options),
    published: firstOf(text(entry.published), text(entry.updated)),
    updated: text(entry.updated),
    author: text(record(list(entry.authors)[0]).name),
    image: firstOf(
      text(picture?.url),
      text(links.find((link) => rel(link) === 'enclosure' && String(link.type ?? '').startsWith('image/'))?.href),
      text(list(media.thumbnails).map(record)[0]?.url),
    ),
    ...(picture && text(picture.url) ? mediaImageFacts(picture) : {}),
    base: text(record(entry.xml).base),
  };
}

function atomSummary(entry: Loose, options: ItemFieldOptions): Pick<RawItemFields, 'summary' | 'summaryType'> {
  if (text(entry.summary)?.trim()) return { summary: text(entry.summary), summaryType: atomTextType(entry.summary) };
  const content = atomContent(entry.content, options);
  return { summary: content.value, summaryType: content.type };
}

/** JSON Feed 1.1; feedsmith turns 1.0's single `author` into `authors`, and this reads both in case it does not. */
function jsonFields(item: Loose): RawItemFields {
  const id = text(item.id);
  return {
    // JSON Feed's title, summary and content_text are plain text by the spec; only content_html is markup.
    // Real feeds put entities and the odd tag in titles all the same, so the title is judged like RSS's,
    // and entities in the summary are decoded.
    title: text(item.title),
    link: firstOf(text(item.url), text(item.external_url), isAbsoluteHttp(id) ? id : undefined),
    summary: firstOf(text(item.summary), text(item.content_text), text(item.content_html)),
    summaryType: firstOf(text(item.summary), text(item.content_text)) ? 'escaped-text' : 'html',
    published: text(item.date_published),
    updated: text(item.date_modified),
    author: firstOf(text(record(list(item.authors)[0]).name), text(record(item.author).name)),
    image: firstOf(text(item.image), text(item.banner_image)),
  };
}
