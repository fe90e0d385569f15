/**
 * The dateline wire stories open with, when the page prints it in the text rather than in a
 * byline: "SEOUL (Reuters) - ...", "NEW DELHI, July 27 (PTI) — ...", "WASHINGTON: ...".
 */
export interface Dateline {
  /** "Seoul", "New Delhi". */
  location: string;
  /** The agency in brackets, if any ("Reuters"). */
  source?: string;
}

// Capitals only, so an ordinary sentence ("Officials said - ") is never read as a place.
const DATELINE =
  /^([A-Z][A-Z.'’-]*(?: [A-Z][A-Z.'’-]*){0,3})(?:, [A-Z][a-z]{2,8}\.? \d{1,2})?\s*(?:\(([^()]{2,40})\))?\s*[-–—:]\s+\S/;

/** The dateline at the start of `text`, or undefined. */
export function readDateline(text: string): Dateline | undefined {
  const match = DATELINE.exec(text.trimStart().slice(0, 120));
  if (!match?.[1]) return undefined;
  const place = match[1];
  // One capital letter ("A - B") or an acronym-looking word alone ("UPDATE:", "BREAKING:") is not a place.
  if (
    place.replace(/[^A-Z]/g, '').length < 3 ||
    /^(?:UPDATE|BREAKING|EXCLUSIVE|WATCH|LIVE|ANALYSIS|OPINION|EDITORIAL|NOTE|FILE|PHOTO|VIDEO)$/.test(place)
  )
    return undefined;
  const location = place
    .toLowerCase()
    .replace(/(^|[\s-])([a-z])/g, (_, before: string, letter: string) => before + letter.toUpperCase());
  return match[2] ? { location, source: match[2].trim() } : { location };
}
