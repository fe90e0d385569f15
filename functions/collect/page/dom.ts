import { parseHTML } from 'linkedom';
import { plainText } from '../normalize';

/** Small DOM helpers shared by the page extractors; all of them tolerate any markup. */

/** A page that opens as a document: only comments, a doctype or an XML declaration before <html>. */
const OPENS_AS_DOCUMENT = /^\uFEFF?\s*(?:(?:<!--[\s\S]*?-->|<!doctype[^>]*>|<\?xml[^>]*>)\s*)*<html[\s>]/i;

/**
 * A DOM for any string. linkedom leaves `documentElement` null for a fragment (and then throws on
 * `document.body`), and makes the first element the root when text comes before <html>, so
 * anything that does not open as a document is wrapped in one first.
 */
export function parseDocument(html: string): Document {
  const markup = OPENS_AS_DOCUMENT.test(html) ? html : `<!doctype html><html><head></head><body>${html}</body></html>`;
  const { document } = parseHTML(markup);
  if (document.documentElement) return document;
  return parseHTML('<!doctype html><html><head></head><body></body></html>').document;
}

/** The content of the first meta tag with one of these property or name values, in the order given. */
export function metaContent(document: Document, ...names: string[]): string | undefined {
  for (const name of names) {
    for (const meta of document.querySelectorAll('meta')) {
      if (
        meta.getAttribute('property') !== name &&
        meta.getAttribute('name') !== name &&
        meta.getAttribute('itemprop') !== name
      )
        continue;
      const content = meta.getAttribute('content');
      if (content?.trim()) return content;
    }
  }
  return undefined;
}

/** An element's text as one clean line (markup that arrived escaped is dropped too). */
export const textOf = (node: Node | null | undefined): string => plainText(node?.textContent ?? '');

/** The words of an element's class and id ("article-ad_slot" gives article, ad, slot). */
export function classWords(element: Element): string[] {
  return `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Whether `ancestor` is `node` or contains it. */
export const isWithin = (node: Node, ancestor: Node): boolean => ancestor === node || ancestor.contains(node);

/** Every element of the document, in document order (a fragment may sit outside <body>). */
export const allElements = (document: Document, selector = '*'): Element[] => [...document.querySelectorAll(selector)];

const SKIPPED = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT']);
/** A byline, caption or label sits a few levels above its text; climbing further only costs time on deep pages. */
const MAX_CLIMB = 12;

/** The text nodes under `root` in document order, outside scripts and styles (no recursion: pages nest deep). */
export function textNodes(root: Node): Node[] {
  const found: Node[] = [];
  const stack: Node[] = [root];
  while (stack.length) {
    const node = stack.pop() as Node;
    if (node.nodeType === 3) found.push(node);
    else if (node.nodeType !== 1 || !SKIPPED.has((node as Element).tagName))
      stack.push(...[...node.childNodes].reverse());
  }
  return found;
}

/**
 * The length of every element's textContent, in one pass: asking each element of a deeply nested
 * list for its textContent would cost time growing with the square of the page.
 */
function textLengths(root: Element): Map<Node, number> {
  const lengths = new Map<Node, number>();
  const order: Node[] = [];
  const stack: Node[] = [root];
  while (stack.length) {
    const node = stack.pop() as Node;
    order.push(node);
    if (node.nodeType === 1) stack.push(...node.childNodes);
  }
  // Children come after their parent in `order`, so walking it backwards sums them first.
  for (let index = order.length - 1; index >= 0; index--) {
    const node = order[index] as Node;
    if (node.nodeType === 3) lengths.set(node, node.textContent?.length ?? 0);
    else if (node.nodeType === 1)
      lengths.set(
        node,
        [...node.childNodes].reduce((sum, child) => sum + (lengths.get(child) ?? 0), 0),
      );
  }
  return lengths;
}

const textIndexes = new WeakMap<Document, { nodes: Node[]; lengths: Map<Node, number> }>();

/**
 * The text nodes and text lengths of a document, built once for the several finders that read a
 * page before its body is extracted (which changes the document, and comes last).
 */
function textIndex(document: Document): { nodes: Node[]; lengths: Map<Node, number> } {
  let index = textIndexes.get(document);
  if (!index) {
    index = { nodes: textNodes(document.documentElement), lengths: textLengths(document.documentElement) };
    textIndexes.set(document, index);
  }
  return index;
}

/**
 * The elements, in document order, around text that matches `clue`, up to `maxChars` of text each.
 * Looking from the text up is much cheaper than reading the text of every element of a big page.
 */
export function elementsAroundText(document: Document, clue: RegExp, maxChars: number): Element[] {
  const seen = new Set<Element>();
  const { nodes, lengths } = textIndex(document);
  for (const node of nodes) {
    if (!clue.test(node.textContent ?? '')) continue;
    let element = node.parentElement;
    for (
      let level = 0;
      element && level < MAX_CLIMB && element.tagName !== 'BODY' && element.tagName !== 'HTML';
      level++, element = element.parentElement
    ) {
      if (seen.has(element) || (lengths.get(element) ?? 0) > maxChars) break;
      seen.add(element);
    }
  }
  return allElements(document).filter((element) => seen.has(element));
}

/**
 * Of elements in document order, those with none of the others inside them. An element's first
 * inner one comes right after it in document order, so one look ahead is enough (linear, not n²).
 */
export const innermost = (ordered: Element[]): Element[] =>
  ordered.filter((element, index) => !(ordered[index + 1] && element.contains(ordered[index + 1] as Element)));

/** Of elements in document order, those inside none of the others. */
export function outermost(ordered: Element[]): Element[] {
  const kept: Element[] = [];
  for (const element of ordered) {
    const last = kept[kept.length - 1];
    if (!last?.contains(element)) kept.push(element);
  }
  return kept;
}

/** How deeply the elements under `root` nest (no recursion). */
export function nestingDepth(root: Element): number {
  let deepest = 0;
  const stack: [Element, number][] = [[root, 0]];
  while (stack.length) {
    const [element, depth] = stack.pop() as [Element, number];
    deepest = Math.max(deepest, depth);
    for (const child of element.children) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** Runs `read`; on any exception returns `fallback`, so one odd part of a page cannot sink the rest. */
export function attempt<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}
