import { decodeHTML as decode } from 'entities';

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

/** Elements whose content is never text for a reader (an inline SVG logo is shapes, not words). */
const HIDDEN_CONTENT = ['script', 'style', 'iframe', 'noscript', 'template', 'object', 'svg'];
const TAG_START = /<(\/?)([A-Za-z][\w:.-]*)(?=[\s/>])/g;

interface Tag {
  index: number;
  /** The tag as written, up to the first `>` after its name. */
  text: string;
  closing: boolean;
  name: string;
}

/**
 * The tags of a fragment, in order. Each ends at the first `>` after its name, and one `>` found
 * serves every tag start before it, so a hostile fragment of a hundred thousand unclosed `<a`
 * costs one pass, not one pass per `<a` (a regular expression would scan to the end for each).
 */
function tagsIn(html: string): Tag[] {
  const tags: Tag[] = [];
  if (!html.includes('<')) return tags;
  // One expression for every call (nothing here calls back out before the loop ends).
  const start = TAG_START;
  start.lastIndex = 0;
  let close = -1;
  for (let match = start.exec(html); match; match = start.exec(html)) {
    if (close < start.lastIndex) close = html.indexOf('>', start.lastIndex);
    if (close === -1) break;
    tags.push({
      index: match.index,
      text: html.slice(match.index, close + 1),
      closing: match[1] === '/',
      name: match[2] ?? '',
    });
    start.lastIndex = close + 1;
  }
  return tags;
}

/** Each tag replaced by what `replace` makes of it. */
function replaceTags(html: string, replace: (tag: Tag) => string): string {
  let out = '';
  let at = 0;
  for (const tag of tagsIn(html)) {
    out += html.slice(at, tag.index) + replace(tag);
    at = tag.index + tag.text.length;
  }
  return out + html.slice(at);
}

/** Each `open`...`close` section replaced by what `replace` makes of its inside; an unclosed one runs to the end. */
function sections(html: string, open: string, close: string, replace: (inner: string) => string): string {
  let out = '';
  let at = 0;
  for (let start = html.indexOf(open, at); start !== -1; start = html.indexOf(open, at)) {
    const end = html.indexOf(close, start + open.length);
    const stop = end === -1 ? html.length : end;
    out += html.slice(at, start) + replace(html.slice(start + open.length, stop));
    at = end === -1 ? html.length : end + close.length;
  }
  return out + html.slice(at);
}

/** The fragment without the content of scripts, styles and the like (linear: one search per element found). */
function withoutHiddenContent(html: string): string {
  if (!html.includes('<')) return html;
  let out = html;
  let lower = out.toLowerCase();
  for (const name of HIDDEN_CONTENT) {
    if (!lower.includes(`<${name}`)) continue;
    let kept = '';
    let at = 0;
    for (let open = lower.indexOf(`<${name}`, at); open !== -1; open = lower.indexOf(`<${name}`, at)) {
      const close = lower.indexOf(`</${name}`, open);
      if (close === -1) break;
      const end = lower.indexOf('>', close);
      kept += `${out.slice(at, open)}${BREAK}`;
      at = end === -1 ? out.length : end + 1;
    }
    out = kept + out.slice(at);
    lower = out.toLowerCase();
  }
  return out;
}
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
  const lines = readParagraphs(html);
  // Markup escaped twice (`&amp;lt;p&amp;gt;` in the XML, as some CMS plugins write it) is still
  // markup after one decoding; a reader must not see `<div class="md">`, so it is read once more.
  return lines.some(isEscapedMarkup) ? readParagraphs(lines.join('\n\n')) : lines;
}

/**
 * Text that is plainly markup, not words about markup: a comment, a tag with a quoted attribute,
 * or an element closed around its text (`<p>Hey</p>`). A lone `<details>` is a word.
 */
const ESCAPED_MARKUP =
  /<!--|<[a-z][a-z0-9]*\s+[a-z-]+\s*=\s*["']|<(p|div|span|a|b|i|em|strong|li|ul|ol|h[1-6]|blockquote|table|tr|td)>[^<>]*<\/\1>/i;
const isEscapedMarkup = (line: string): boolean => line.includes('<') && ESCAPED_MARKUP.test(line);

function readParagraphs(html: string | undefined): string[] {
  if (!html) return [];
  // No tag, entity, line break or marker: one line, only its whitespace to clean (most titles).
  if (!NEEDS_READING.test(html)) return cleanLines([html]);
  const visible = withoutHiddenContent(
    sections(
      sections(html.replace(/[\uE000-\uE002]/g, ''), '<!--', '-->', () => ''),
      '<![CDATA[',
      ']]>',
      (inner) => inner,
    ),
  );
  const marked = replaceTags(visible, ({ text: tag, closing, name }) => {
    if (!isMarkup(name)) return tag;
    const lower = name.toLowerCase();
    if (lower === 'br') return LINE;
    if (closing && PARAGRAPH_END.has(lower)) return PARAGRAPH;
    if (!closing && (lower === 'p' || lower === 'li' || /^h[1-6]$/.test(lower))) return PARAGRAPH;
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

const NEEDS_READING = /[<&\n\uE000-\uE002]/;

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
 * A bare void element standing alone is a word too (`Why <br> tags break layouts`).
 */
export function titleText(title: string | undefined): string {
  if (!title) return '';
  const quoted = tagsIn(title).some((tag) => {
    const name = tag.name.toLowerCase();
    // A void element quoted bare is a word ("Why <br> tags break layouts"); with attributes or a slash it is markup.
    if (!isMarkup(name) || (VOID.has(name) && tag.text.toLowerCase() !== `<${name}>`)) return false;
    const before = title[tag.index - 1];
    const after = title[tag.index + tag.text.length];
    return (before === undefined || /\s/.test(before)) && (after === undefined || /[\s,.;:!?]/.test(after));
  });
  return quoted ? literalText(decode(title)) : htmlText(title);
}

const VOID = new Set(['br', 'img', 'hr', 'wbr', 'meta', 'link', 'input', 'source', 'track', 'area', 'embed', 'param']);

/** A line that cleaning would leave as it is: no control character, marker, or whitespace but single inner spaces. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what cleaning strips
const NEEDS_CLEANING = /[\u0000-\u001f\u007f\uE000]|[^\S ]|\s\s|^\s|\s$/;

function cleanLines(lines: string[]): string[] {
  return lines
    .map((line) =>
      !NEEDS_CLEANING.test(line)
        ? line
        : line
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
