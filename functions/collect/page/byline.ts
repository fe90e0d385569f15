import { plainText } from '../normalize';
import { allElements, classWords, elementsAroundText, innermost, isWithin, textOf } from './dom';
import { visibleDate } from './zoned-date';

/**
 * The visible byline line that wire-fed sites print under the headline:
 *
 *   PTI | Seoul | Updated: 27-07-2023 12:00 IST | Created: 27-07-2023 11:12 IST
 *
 * The unlabelled parts are, in order, the source agency and the dateline location; "By ..." names
 * an author; labelled parts carry the dates.
 */
export interface Byline {
  source?: string;
  location?: string;
  author?: string;
  /** ISO 8601 with the source zone's offset. */
  createdAt?: string;
  updatedAt?: string;
}

const DATE_LABEL = /\b(?:updated|modified|created|published|posted)\b\s*(?:on|at)?\s*:/i;
const UPDATED = /^(?:last\s+)?(?:updated|modified|edited)\b\s*(?:on|at)?\s*:?\s*(.+)$/i;
const CREATED = /^(?:first\s+)?(?:created|published|posted)\b\s*(?:on|at)?\s*:?\s*(.+)$/i;
const AUTHOR = /^by\s+(.+)$/i;
const MAX_LINE = 300;
/** Elements that make a byline's ancestor a block of its own (the headline, a teaser, the story). */
const OTHER_BLOCKS = 'h1, h2, h3, h4, h5, h6, p, figure, img, ul, ol, article, section, main';

/** The element holding the byline line, or undefined. */
export function findBylineElement(document: Document): Element | undefined {
  const labelled = elementsAroundText(document, /updated|modified|created|published|posted/i, MAX_LINE).filter(
    (element) => DATE_LABEL.test(element.textContent ?? ''),
  );
  // The deepest element with a labelled date, then as far up as the line goes (source and place
  // may sit in sibling spans), stopping before the headline, a teaser or the story join in.
  const deepest = innermost(labelled);
  const marked = allElements(document, '[class*="byline" i], [class*="dateline" i], [id*="byline" i]').find((element) =>
    classWords(element).some((word) => word === 'byline' || word === 'dateline'),
  );
  // A date inside the element the page calls its byline beats the first date anywhere (a comment, a list).
  let line = (marked && deepest.find((element) => isWithin(element, marked))) ?? deepest[0] ?? marked;
  if (!line) return undefined;
  for (
    let parent = line.parentElement;
    parent && parent.tagName !== 'BODY' && (parent.textContent ?? '').length <= MAX_LINE;
    parent = parent.parentElement
  ) {
    const current = line;
    const joinsOtherBlocks = [...parent.querySelectorAll(OTHER_BLOCKS)].some(
      (block) => !isWithin(block, current) && !isWithin(current, block),
    );
    if (joinsOtherBlocks || ['ARTICLE', 'SECTION', 'MAIN'].includes(parent.tagName)) break;
    line = parent;
  }
  return line;
}

/** Reads the parts of a byline line; `timeZone` resolves its zone abbreviations. */
export function parseByline(line: string, timeZone?: string): Byline {
  const byline: Byline = {};
  const unlabelled: string[] = [];
  // A label starts a part even without a pipe before it: "By Jane Doe Updated: 27-07-2023 12:00".
  const parts = line
    .replace(/\s+(?=(?:last\s+|first\s+)?(?:updated|modified|created|published|posted)\b\s*(?:on|at)?\s*:)/gi, ' | ')
    .split(/\s+[•·]\s+|\s*\|\s*/);
  for (const part of parts) {
    const segment = plainText(part);
    if (!segment) continue;
    const updated = UPDATED.exec(segment);
    const created = CREATED.exec(segment);
    const author = AUTHOR.exec(segment);
    if (updated?.[1]) byline.updatedAt ??= visibleDate(updated[1], timeZone);
    else if (created?.[1]) byline.createdAt ??= visibleDate(created[1], timeZone);
    else if (author?.[1]) byline.author ??= author[1];
    else if (visibleDate(segment, timeZone)) byline.createdAt ??= visibleDate(segment, timeZone);
    else if (segment.length <= 60 && !/^\d+$/.test(segment)) unlabelled.push(segment);
  }
  [byline.source, byline.location] = unlabelled;
  return byline;
}

/** The byline of a page: its element (so the body can leave it out) and its parts. */
export function readByline(document: Document, timeZone?: string): { element?: Element; byline: Byline } {
  const element = findBylineElement(document);
  if (!element) return { byline: {} };
  return { element, byline: parseByline(blockText(element), timeZone) };
}

/**
 * The line's text. When its parts are separate elements with nothing but spaces or separators
 * between them ("<span>PTI</span><span>Seoul</span>"), a pipe goes between them so they stay apart;
 * prose around elements ("By <a>Jane Doe</a>") is read as it stands.
 */
function blockText(element: Element): string {
  const nodes = [...element.childNodes];
  const onlySeparatorsBetween = nodes.every((node) => node.nodeType !== 3 || /^[\s|•·]*$/.test(node.textContent ?? ''));
  if (element.children.length < 2 || !onlySeparatorsBetween) return textOf(element);
  return [...element.children].map(textOf).filter(Boolean).join(' | ');
}
