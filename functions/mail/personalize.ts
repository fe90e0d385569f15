import { randomBytes } from 'node:crypto';

/** The links that differ per recipient; everything else in an edition is the same for all. */
export interface PersonalLinks {
  unsubscribeUrl: string;
  preferencesUrl: string;
  /**
   * What follows each tracked link's signature in this copy (`&d=<delivery time>`, and with
   * per-subscriber tracking `&r=<reader id>`); empty or absent: nothing.
   */
  clickSuffix?: string;
}

/**
 * Where an edition's personal links go: one random marker per link, drawn for each render and kept
 * with the rendered edition. Content is collected before the render draws them, so no feed, page or
 * preview input can contain them: every occurrence in the rendered edition is one the template put
 * there, and splicing never hands a recipient's token to a URL that content supplied.
 */
export type PersonalMarkers = PersonalLinks;

/**
 * The fixed placeholders of editions rendered before personal markers existed. Content could write
 * them too, so they are spliced only where the template put them: the footer, the last occurrence.
 */
export const LEGACY_PLACEHOLDERS: Required<Omit<PersonalMarkers, 'clickSuffix'>> = {
  unsubscribeUrl: '%%UNSUBSCRIBE_URL%%',
  preferencesUrl: '%%PREFERENCES_URL%%',
};

const LINKS = ['unsubscribeUrl', 'preferencesUrl', 'clickSuffix'] as const satisfies readonly (keyof PersonalLinks)[];

/** Fresh markers for one render: 128 random bits each, in characters that pass through HTML and URLs as they are. */
export function drawPersonalMarkers(random: (bytes: number) => Buffer = randomBytes): PersonalMarkers {
  const nonce = random(16).toString('hex');
  return {
    unsubscribeUrl: `daybreak-${nonce}-unsubscribe`,
    preferencesUrl: `daybreak-${nonce}-preferences`,
    clickSuffix: `daybreak-${nonce}-click`,
  };
}

/** A rendered edition's parts that carry personal links, and the markers that say where (none: legacy placeholders). */
export interface PersonalizableEdition {
  html: string;
  text: string;
  personalMarkers?: PersonalMarkers;
}

/** One recipient's copy of an edition: string splices only, no render. */
export function personalize(edition: PersonalizableEdition, links: PersonalLinks): { html: string; text: string } {
  return { html: splice(edition.html, edition, links, 'html'), text: splice(edition.text, edition, links, 'text') };
}

function splice(part: string, edition: PersonalizableEdition, links: PersonalLinks, kind: 'html' | 'text'): string {
  const markers = edition.personalMarkers;
  let result = part;
  for (const link of LINKS) {
    // In HTML a URL sits in an attribute, where `&` is written `&amp;`.
    const value = kind === 'html' ? (links[link] ?? '').replaceAll('&', '&amp;') : (links[link] ?? '');
    const marker = markers?.[link];
    if (marker) result = result.split(marker).join(value);
    else if (!markers && link !== 'clickSuffix') result = replaceLast(result, LEGACY_PLACEHOLDERS[link], value);
  }
  return result;
}

/** The footer comes last in both parts of a legacy edition: earlier occurrences came from content and stay inert text. */
function replaceLast(part: string, placeholder: string, value: string): string {
  const at = part.lastIndexOf(placeholder);
  return at < 0 ? part : `${part.slice(0, at)}${value}${part.slice(at + placeholder.length)}`;
}
