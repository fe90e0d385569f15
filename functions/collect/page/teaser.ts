import { classWords, textOf } from './dom';

/** The teaser (standfirst) printed between the headline and the story; it is the summary, not the body. */
const TEASER_WORDS = new Set(['teaser', 'standfirst', 'dek', 'summary', 'subtitle', 'subheadline', 'excerpt']);
const MIN_TEASER = 20;
/** How many elements after the headline may pass before the byline for one of them to count as the teaser. */
const LOOKAHEAD = 3;

export function findTeaser(
  document: Document,
  headline: Element | null,
  byline: Element | undefined,
): Element | undefined {
  // Near the headline, so a "summary" in a list of other stories is not taken for this one's.
  const near = headline?.parentElement?.parentElement?.parentElement ?? document.body ?? document.documentElement;
  const classed = [...near.querySelectorAll('*')].find(
    (element) =>
      classWords(element).some((word) => TEASER_WORDS.has(word)) &&
      textOf(element).length >= MIN_TEASER &&
      !element.querySelector('p ~ p'),
  );
  if (classed) return classed;
  // Unmarked: a paragraph right after the headline and before the byline line.
  if (!headline || !byline) return undefined;
  let sibling = headline.nextElementSibling;
  for (let step = 0; sibling && step < LOOKAHEAD; step++, sibling = sibling.nextElementSibling) {
    if (sibling === byline || sibling.contains(byline)) return undefined;
    const next: Element | null = sibling.nextElementSibling;
    const bylineFollows = next !== null && (next === byline || next.contains(byline));
    if (sibling.tagName === 'P' && bylineFollows && textOf(sibling).length >= MIN_TEASER) return sibling;
  }
  return undefined;
}
