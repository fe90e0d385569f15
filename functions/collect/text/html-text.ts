import { decode } from 'html-entities';

/**
 * Text as a reader should see it, from the fragments feeds and pages hand over.
 *
 * A tag is not a space: `<a>WhalePanda</a>, <a>Ambroid</a>` reads "WhalePanda, Ambroid", so inline
 * elements go without a trace and only block elements (paragraphs, list items, line breaks) part
 * words. And `<no>` is not markup: only the names of HTML elements (and namespaced or custom
 * elements, `<o:p>`, `<amp-img>`) count as tags, so a title written as text keeps its words.
 */

/** Elements that start a new line in a browser; each one parts the words around it. */
const BLOCK = new Set(
  (
    'address article aside blockquote body br caption center dd details dialog dir div dl dt fieldset figcaption figure ' +
    'footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html iframe img legend li link main menu meta ' +
    'nav noframes ol option p pre section summary table tbody td tfoot th thead title tr ul video audio embed object ' +
    'picture source track canvas svg input select textarea button label param area map'
  ).split(' '),
);

/** Elements that flow within a line; they vanish without a space. */
const INLINE = new Set(
  (
    'a abbr acronym b bdi bdo big blink cite code data del dfn em font i ins kbd mark nobr q rp rt ruby s samp small ' +
    'span strike strong sub sup time tt u var wbr'
  ).split(' '),
);

/** Elements whose content is never text for a reader. */
const HIDDEN_CONTENT = /<(script|style|iframe|noscript|template|object)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const TAG = /<(\/?)([A-Za-z][\w:.-]*)\b(?:[^>"']|"[^"]*"|'[^']*')*>/g;
/** Marks where a block element stood, until it is known whether punctuation follows (private use: never real text). */
const BREAK = '\uE000';
/** Paragraph breaks: the end of a paragraph, heading, list item, or two line breaks in a row. */
const PARAGRAPH_END = new Set(['p', 'div', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'tr', 'dd', 'pre']);
const PARAGRAPH = '\uE001';
/** A line break (<br>): two in a row end a paragraph, one only parts words. */
const LINE = '\uE002';

const isMarkup = (name: string): boolean => {
  const lower = name.toLowerCase();
  return BLOCK.has(lower) || INLINE.has(lower) || lower.includes(':') || lower.includes('-');
};

/**
 * The paragraphs of an HTML fragment as clean lines: known tags dropped (inline ones without a
 * trace), comments and scripts dropped, entities decoded once, whitespace (nbsp and ensp too)
 * collapsed, and no space put before punctuation that the source did not have.
 */
export function htmlParagraphs(html: string | undefined): string[] {
  if (!html) return [];
  const marked = html
    .replace(/[\uE000-\uE002]/g, '')
    .replace(HIDDEN_CONTENT, BREAK)
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
    .replace(TAG, (tag, slash: string, name: string) => {
      if (!isMarkup(name)) return tag;
      const lower = name.toLowerCase();
      if (lower === 'br') return LINE;
      if (slash && PARAGRAPH_END.has(lower)) return PARAGRAPH;
      if (!slash && (lower === 'p' || lower === 'li' || /^h[1-6]$/.test(lower))) return PARAGRAPH;
      return BLOCK.has(lower) ? BREAK : '';
    });
  const text = decode(marked)
    .replace(/\n[\s\uE000]*\n|\uE002[\s\uE000]*\uE002/g, PARAGRAPH)
    .replace(/\uE002/g, BREAK);
  const lines = cleanLines(text.split(PARAGRAPH));
  // Punctuation after a closed block (`<div>Sold out</div>!`) belongs to the line before it.
  return lines.reduce<string[]>((merged, line) => {
    if (merged.length > 0 && /^[,.;:!?)\]}%…]/.test(line)) merged[merged.length - 1] += line;
    else merged.push(line);
    return merged;
  }, []);
}

/** Plain text from a fragment of HTML (or text): one line, as htmlParagraphs reads it. */
export function htmlText(html: string | undefined): string {
  return htmlParagraphs(html).join(' ');
}

/**
 * A field the source declares as text (Atom `type="text"`, JSON Feed `title` and `content_text`):
 * nothing in it is markup and its entities were decoded by the XML or JSON parser already.
 */
export function literalText(text: string | undefined): string {
  return text ? (cleanLines([text.replace(/[\uE000-\uE002]/g, '')])[0] ?? '') : '';
}

/**
 * A title that may be HTML or text (RSS and JSON Feed writers give no reliable way to say which).
 * It is read as HTML unless its angle brackets are plainly the writer's words: an element no one
 * writes (`<no>`), or a tag standing alone as a word (`Using <details> in forms`, `the </b> tag`),
 * where markup hugs the text it formats (`<em>Dune</em> review`, even a broken `rise <b>again`).
 */
export function titleText(title: string | undefined): string {
  if (!title) return '';
  const quoted = [...title.matchAll(TAG)].some((match) => {
    const name = (match[2] ?? '').toLowerCase();
    if (VOID.has(name) || !isMarkup(name)) return false;
    const before = title[match.index - 1];
    const after = title[match.index + match[0].length];
    return (before === undefined || /\s/.test(before)) && (after === undefined || /[\s,.;:!?]/.test(after));
  });
  return quoted ? literalText(decode(title)) : htmlText(title);
}

const VOID = new Set(['br', 'img', 'hr', 'wbr', 'meta', 'link', 'input', 'source', 'track', 'area', 'embed', 'param']);

function cleanLines(lines: string[]): string[] {
  return lines
    .map((line) =>
      line
        // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this strips
        .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ')
        // A run of whitespace that holds a real space stays a space; one made only of tags does not stand before punctuation.
        .replace(/[\s\uE000]+/g, (run) => (/\s/.test(run) ? ' ' : BREAK))
        .replace(/\uE000(?=[,.;:!?)\]}%…])/g, '')
        .replace(/\uE000/g, ' ')
        .trim(),
    )
    .filter(Boolean);
}
