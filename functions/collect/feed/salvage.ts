import type { XmlFormat } from './item-fields';

/**
 * Recovers the readable part of a broken RSS, RDF or Atom document.
 *
 * XML parsers give up on a document that is cut off (a fetch that stopped at a size cap, a feed
 * written by a crashed job) or has one bad tag (an `<itunes:category>` never closed, which puts
 * every later item inside it). Items are independent, though: each `<item>...</item>` or
 * `<entry>...</entry>` block stands on its own. So this finds the complete blocks with one linear
 * scan (skipping comments and CDATA, where tag-like text is not markup) and rebuilds a small,
 * well-formed document around them: the root's start tag as written (namespaces, xml:base), the
 * channel's title, the blocks. Whatever stood between the blocks is dropped.
 */
export interface SalvagedFeed {
  format: XmlFormat;
  /** The rebuilt document: root start tag, feed title, the complete items. */
  document: string;
  /** For each complete item in `document`, its position among all the item starts in the original. */
  positions: number[];
  /** Positions of items that start but never close, not counting the one a truncation cut. */
  unclosed: number[];
  /** The document ends before its root element closes. */
  truncated: boolean;
  /** When truncated inside an item: that item's position. */
  cutItem?: number;
}

// Only the tag's start is matched by a regular expression; the end is found with indexOf, so a
// hostile document of a million unterminated "<item" costs one pass, not one pass per "<item".
const ROOT_START = /<((?:[\w.-]+:)?(rss|rdf|feed))(?=[\s>/])/i;
const ROOT_FORMAT: Record<string, XmlFormat> = { rss: 'rss', rdf: 'rdf', feed: 'atom' };
const MARKUP = /<!--|<!\[CDATA\[|<(\/?)((?:[\w.-]+:)?(\w+))(?=[\s>/])/g;
const TITLE_START = /<title(?=[\s>/])/i;
const TITLE_END = /<\/title\s*>/i;

export function salvageFeed(document: string): SalvagedFeed | undefined {
  const root = ROOT_START.exec(document);
  if (!root) return undefined;
  const rootName = root[1] ?? '';
  const format = ROOT_FORMAT[(root[2] ?? '').toLowerCase()] ?? 'rss';
  const rootTagEnd = document.indexOf('>', root.index);
  if (rootTagEnd === -1) return undefined;
  const rootTag = document.slice(root.index, rootTagEnd + 1);
  if (rootTag.endsWith('/>')) return undefined;

  const blocks = scanItems(document, rootTagEnd + 1, format === 'atom' ? 'entry' : 'item', rootName);
  const head = document.slice(rootTagEnd + 1, blocks.firstItemStart ?? document.length);
  const title = firstTitle(head);
  const items = blocks.complete.map((block) => block.text).join('\n');
  const rebuilt =
    format === 'atom'
      ? `${rootTag}${title}${items}</${rootName}>`
      : format === 'rdf'
        ? `${rootTag}<channel>${title}</channel>${items}</${rootName}>`
        : `${rootTag}<channel>${title}${items}</channel></${rootName}>`;
  const truncated = !blocks.rootClosed;
  const cutItem = truncated && blocks.openAtEnd !== undefined ? blocks.openAtEnd : undefined;
  const unclosed =
    blocks.openAtEnd !== undefined && cutItem === undefined ? [...blocks.unclosed, blocks.openAtEnd] : blocks.unclosed;
  return {
    format,
    document: rebuilt,
    positions: blocks.complete.map((block) => block.position),
    unclosed,
    truncated,
    cutItem,
  };
}

interface ItemScan {
  complete: { position: number; text: string }[];
  unclosed: number[];
  /** The position of an item still open when the document ended. */
  openAtEnd?: number;
  firstItemStart?: number;
  rootClosed: boolean;
}

function scanItems(document: string, from: number, itemName: string, rootName: string): ItemScan {
  const scan: ItemScan = { complete: [], unclosed: [], rootClosed: false };
  let open: { position: number; start: number } | undefined;
  let position = 0;
  let nextTagEnd = -1;
  const tagEnd = (at: number) => {
    // One '>' serves every tag start before it: this keeps the scan linear.
    if (nextTagEnd < at) nextTagEnd = document.indexOf('>', at);
    return nextTagEnd;
  };
  const markup = new RegExp(MARKUP.source, 'g');
  markup.lastIndex = from;
  for (let match = markup.exec(document); match; match = markup.exec(document)) {
    if (match[0] === '<!--' || match[0] === '<![CDATA[') {
      const close = document.indexOf(match[0] === '<!--' ? '-->' : ']]>', markup.lastIndex);
      if (close === -1) break; // the document ends inside a comment or CDATA section: it was cut off there
      markup.lastIndex = close + 3;
      continue;
    }
    const [, slash, name = '', localName = ''] = match;
    const end = tagEnd(match.index);
    if (end === -1) break; // a tag that never ends: the document was cut off inside it
    markup.lastIndex = end + 1;
    if (slash && name === rootName) {
      scan.rootClosed = true;
      break;
    }
    if (localName.toLowerCase() !== itemName) continue;
    if (!slash) {
      if (document[end - 1] === '/') continue; // <item/>: empty, nothing to read
      if (open) scan.unclosed.push(open.position);
      scan.firstItemStart ??= match.index;
      open = { position: position++, start: match.index };
    } else if (open) {
      scan.complete.push({ position: open.position, text: document.slice(open.start, end + 1) });
      open = undefined;
    }
  }
  scan.openAtEnd = open?.position;
  return scan;
}

/** The first complete `<title>...</title>` in `fragment` (the feed's own, which comes before the items), or ''. */
function firstTitle(fragment: string): string {
  const start = TITLE_START.exec(fragment);
  if (!start) return '';
  const rest = fragment.slice(start.index);
  const end = TITLE_END.exec(rest);
  return end ? rest.slice(0, end.index + end[0].length) : '';
}
