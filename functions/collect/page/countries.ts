import { plainText } from '../normalize';
import { elementsAroundText, innermost, textOf } from './dom';

/**
 * The country tags a page lists after a "Country:" label, as a list ("• Country: • South Korea")
 * or inline ("Countries: Japan, South Korea").
 */
const LABEL = /^countr(?:y|ies)\s*(?::\s*(.*))?$/i;
const ANOTHER_LABEL = /:\s*$/;
const MAX_NAME = 60;
const MAX_LABEL_BLOCK = 400;
/** Elements a bare tag can be; a paragraph or a block after the tags is the story going on. */
const TAG_ELEMENTS = new Set(['SPAN', 'A', 'LI', 'DD', 'STRONG', 'B', 'EM', 'SMALL']);

/** The country names and the elements that show them (so the body can leave them out). */
export function findCountries(document: Document): { countries: string[]; elements: Element[] } {
  const labels = elementsAroundText(document, /countr/i, MAX_LABEL_BLOCK).filter((element) =>
    LABEL.test(textOf(element)),
  );
  const label = innermost(labels)[0];
  if (!label) return { countries: [], elements: [] };

  const inline = LABEL.exec(textOf(label))?.[1] ?? '';
  if (inline && !label.children.length) return { countries: names(inline.split(/\s*[,;|•]\s*/)), elements: [label] };

  // The names follow the label: in the label's own list items, or in the elements after it.
  // Climb while the label stands alone ("<li><span>Country:</span></li>"), at most a few levels.
  let node: Element = label;
  for (let level = 0; level < 3 && !node.nextElementSibling && node.parentElement; level++) node = node.parentElement;
  const found: string[] = [];
  const shown: Element[] = [node];
  for (let sibling = node.nextElementSibling; sibling; sibling = sibling.nextElementSibling) {
    const text = textOf(sibling);
    const items = [...sibling.querySelectorAll('li, a')];
    // The tag list ends at the next label or where prose starts.
    const looksLikeATag = items.length > 0 || (TAG_ELEMENTS.has(sibling.tagName) && text.length <= MAX_NAME);
    if (ANOTHER_LABEL.test(text) || text.length > MAX_LABEL_BLOCK || !looksLikeATag) break;
    found.push(...(items.length ? items.map(textOf) : [text]));
    shown.push(sibling);
  }
  const countries = names(found.length ? found : inline.split(/\s*[,;|•]\s*/));
  if (!countries.length) return { countries: [], elements: [] };
  // A tag box that holds nothing else ("<ul><li>Country:</li><li>South Korea</li></ul>") goes whole.
  const parent = node.parentElement;
  const onlyTags = parent && parent.tagName !== 'BODY' && [...parent.children].every((child) => shown.includes(child));
  return { countries, elements: onlyTags ? [parent] : shown };
}

function names(raw: string[]): string[] {
  const seen = new Set<string>();
  for (const name of raw.map((item) => plainText(item).replace(/^[•·,\s-]+|[•·,\s]+$/g, ''))) {
    if (name && name.length <= MAX_NAME && !/^\d+$/.test(name) && !LABEL.test(name)) seen.add(name);
  }
  return [...seen];
}
