import { endOfDoctype } from './sniff';

/**
 * Refuses documents that declare their own entities.
 *
 * A DTD's `<!ENTITY>` declarations are how "billion laughs" (entities nested ten deep, a few
 * hundred bytes that expand to gigabytes) and quadratic blowup (one large entity referenced
 * thousands of times) work, and how external entities read local files. No real news feed needs
 * them, so Daybreak does not expand them at all: it refuses the document before any parser sees
 * it, in one linear scan of the prolog, and says why. (feedsmith does not expand them either;
 * this makes the refusal explicit instead of leaving `&lol9;` in a headline.)
 */

export const DECLARED_ENTITIES_REASON =
  'refused: the document declares entities (<!ENTITY>), which Daybreak does not expand';

const ENTITY_DECLARATION = /<!ENTITY/i;
const DOCTYPE = /^<!DOCTYPE/i;

/**
 * Whether the document type declaration in the prolog declares an entity. A `<!ENTITY` in an
 * article's text, after the root element has started, is not a declaration and does not count.
 */
export function declaresEntities(document: string): boolean {
  const doctype = doctypeDeclaration(document);
  return doctype !== undefined && ENTITY_DECLARATION.test(doctype);
}

/** The text of the `<!DOCTYPE ...>` declaration, found by skipping the XML declaration, comments and whitespace. */
function doctypeDeclaration(document: string): string | undefined {
  let at = 0;
  for (;;) {
    while (at < document.length && /[\s\uFEFF]/.test(document[at] ?? '')) at++;
    if (document.startsWith('<?', at)) at = endOf(document, '?>', at + 2);
    else if (document.startsWith('<!--', at)) at = endOf(document, '-->', at + 4);
    else if (DOCTYPE.test(document.slice(at, at + 9))) return document.slice(at, endOfDoctype(document, at + 9));
    else return undefined;
  }
}

const endOf = (document: string, terminator: string, from: number): number => {
  const at = document.indexOf(terminator, from);
  return at === -1 ? document.length : at + terminator.length;
};
