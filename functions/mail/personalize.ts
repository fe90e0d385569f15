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

/** Which part of a message a personal link goes into: in HTML it sits in an attribute, escaped. */
export type PartKind = 'html' | 'text';

/** One recipient's copy of an edition: string splices only, no render. */
export function personalize(edition: PersonalizableEdition, links: PersonalLinks): { html: string; text: string } {
  return { html: splice(edition.html, edition, links, 'html'), text: splice(edition.text, edition, links, 'text') };
}

/** A part cut at its personal links: the edition's own text, and which recipient's link goes between. */
export type PersonalSegment = string | { link: keyof PersonalLinks; kind: PartKind };

/**
 * Where a part's personal links go, found once per edition: the precomposed message encodes the
 * text between them once and splices only the links per recipient, at these same places.
 */
export function personalSegments(
  part: string,
  edition: Pick<PersonalizableEdition, 'personalMarkers'>,
  kind: PartKind,
): PersonalSegment[] {
  const markers = edition.personalMarkers;
  const cuts: { at: number; end: number; link: keyof PersonalLinks }[] = [];
  for (const link of LINKS) {
    if (markers) {
      // An edition rendered before click links has no click marker: nothing to splice.
      const marker = markers[link];
      if (!marker) continue;
      for (let at = part.indexOf(marker); at >= 0; at = part.indexOf(marker, at + marker.length))
        cuts.push({ at, end: at + marker.length, link });
    } else if (link !== 'clickSuffix') {
      // The footer comes last in both parts of a legacy edition: earlier occurrences came from content and stay inert text.
      const placeholder = LEGACY_PLACEHOLDERS[link];
      const at = part.lastIndexOf(placeholder);
      if (at >= 0) cuts.push({ at, end: at + placeholder.length, link });
    }
  }
  cuts.sort((a, b) => a.at - b.at);
  const segments: PersonalSegment[] = [];
  let from = 0;
  for (const cut of cuts) {
    if (cut.at < from) continue; // overlapping legacy placeholders: the first one wins
    segments.push(part.slice(from, cut.at), { link: cut.link, kind });
    from = cut.end;
  }
  segments.push(part.slice(from));
  return segments;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** A recipient's link as written into a part: in HTML escaped for the attribute it sits in (`&` as `&amp;`). */
export function personalValue(links: PersonalLinks, segment: { link: keyof PersonalLinks; kind: PartKind }): string {
  const value = links[segment.link] ?? '';
  return segment.kind === 'html' ? value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c) : value;
}

function splice(part: string, edition: PersonalizableEdition, links: PersonalLinks, kind: PartKind): string {
  return personalSegments(part, edition, kind)
    .map((segment) => (typeof segment === 'string' ? segment : personalValue(links, segment)))
    .join('');
}
