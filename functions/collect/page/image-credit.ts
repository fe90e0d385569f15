import { elementsAroundText, innermost, textOf } from './dom';

/**
 * The credit printed with the lead image: "North Korean leader Kim Jong Un Image Credit: ANI" gives
 * "ANI". Captions carry it after a label; the label, not the element, is what sites agree on.
 */
const CREDIT =
  /(?:\b(?:image|photo|picture|pic|video)\s*(?:credits?|courtesy|source)|^(?:credits?|courtesy))\s*:\s*(.+)$/i;
const MAX_CAPTION = 400;
const MAX_CREDIT = 80;

/** The image credit and the element that shows it (so the body can leave it out). */
export function findImageCredit(document: Document): { credit?: string; element?: Element } {
  const matching = elementsAroundText(document, /credit|courtesy|source/i, MAX_CAPTION).filter((element) =>
    CREDIT.test(textOf(element)),
  );
  // The deepest element that has the label, so the credit is not followed by the rest of a block.
  const element = innermost(matching)[0];
  if (!element) return {};
  const credit = cleanCredit(CREDIT.exec(textOf(element))?.[1] ?? '');
  return credit ? { credit, element: element.closest('figure') ?? element } : {};
}

/** "ANI | Updated ..." or "Reuters." reads "ANI", "Reuters". */
export function cleanCredit(raw: string): string | undefined {
  const credit = raw
    .split(/\s+\|\s+|\s{2,}/)[0]
    ?.replace(/[.;,\s]+$/, '')
    .trim();
  return credit && credit.length <= MAX_CREDIT ? credit : undefined;
}
