/**
 * What a document is, judged by how it starts, the way a browser sniffs a response: servers
 * label feeds `text/html` and pages `text/xml` often enough that the Content-Type alone misleads.
 */
export type DocumentKind = 'empty' | 'json' | 'feed' | 'html' | 'xml' | 'text';

const FEED_ROOT = /^<(?:[\w.-]+:)?(?:rss|rdf|feed)(?=[\s>/])/i;
const HTML_START = /^<(?:html|head|body|meta|title|link|script|div|p|!doctype\s+html)(?=[\s>/])/i;
const ELEMENT_START = /^<[A-Za-z_]/;

export function sniffDocument(document: string): DocumentKind {
  const start = firstMarkup(document);
  const opening = document.slice(start, start + 64);
  if (opening === '') return 'empty';
  if (opening.startsWith('{') || opening.startsWith('[')) return 'json';
  if (FEED_ROOT.test(opening)) return 'feed';
  if (HTML_START.test(opening)) return 'html';
  if (ELEMENT_START.test(opening)) return 'xml';
  return 'text';
}

/**
 * Whether a fetched body is an HTML page rather than a feed. The body decides when it is clear
 * (servers send feeds as text/html and pages as text/xml); the Content-Type only when it is not.
 */
export function looksLikeHtml(body: string, contentType: string): boolean {
  const kind = sniffDocument(body);
  if (kind === 'html') return true;
  if (kind === 'feed' || kind === 'json') return false;
  return /\bx?html\b/i.test(contentType);
}

/** The name of the root element as written ("r:rss", "CHANNEL"), or undefined when the document does not open with one. */
export function rootElementName(document: string): string | undefined {
  const start = firstMarkup(document);
  return /^<([A-Za-z_][\w.:-]*)/.exec(document.slice(start, start + 64))?.[1];
}

/** Where the content starts: after a BOM, whitespace, the XML declaration, comments and a non-HTML DOCTYPE. */
function firstMarkup(document: string): number {
  let at = 0;
  for (;;) {
    while (at < document.length && /[\s\uFEFF]/.test(document[at] ?? '')) at++;
    const next = document.startsWith('<?', at)
      ? closeAfter(document, '?>', at)
      : document.startsWith('<!--', at)
        ? closeAfter(document, '-->', at)
        : /^<!doctype\s+(?!html[\s>])/i.test(document.slice(at, at + 15))
          ? endOfDoctype(document, at + 9)
          : at;
    if (next === at) return at;
    at = next;
  }
}

const closeAfter = (document: string, terminator: string, from: number): number => {
  const end = document.indexOf(terminator, from + 2);
  return end === -1 ? document.length : end + terminator.length;
};

/**
 * The end of a DOCTYPE that starts before `from`: its `>` outside quotes and outside the `[...]`
 * internal subset. If quotes or brackets never balance, the declaration runs to the end of the
 * document, which errs on the side of reading too much of it as DTD rather than too little.
 */
export function endOfDoctype(document: string, from: number): number {
  let quote = '';
  let depth = 0;
  for (let at = from; at < document.length; at++) {
    const char = document[at];
    if (quote) {
      if (char === quote) quote = '';
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '[') depth++;
    else if (char === ']') depth = Math.max(0, depth - 1);
    else if (char === '>' && depth === 0) return at + 1;
  }
  return document.length;
}
