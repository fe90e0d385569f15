/**
 * Where each edition's page is kept for "View in browser" and the archive: an S3 bucket in AWS,
 * a folder locally. The page is the edition rendered for a visitor (functions/mail/digest-view.ts):
 * the stories as mailed, with no one's personal links.
 */
export interface EditionArchive {
  put(date: string, edition: string, html: string): Promise<void>;
  /** The page, or undefined when the edition was never archived. */
  get(date: string, edition: string): Promise<string | undefined>;
  /** The editions kept, newest first, at most `limit`. */
  list(limit: number): Promise<ArchivedEdition[]>;
}

export interface ArchivedEdition {
  date: string;
  edition: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const EDITION = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** The object key (or relative path) of an edition's page; refuses anything that is not a date and an edition id. */
export function archiveKey(date: string, edition: string): string {
  if (!DATE.test(date)) throw new Error(`archive: "${date}" is not a date (YYYY-MM-DD)`);
  if (!EDITION.test(edition)) throw new Error(`archive: "${edition}" is not an edition id`);
  return `archive/${date}/${edition}.html`;
}

/** The edition an object key (or relative path) names, or undefined for anything else kept there. */
export function editionOfKey(key: string): ArchivedEdition | undefined {
  const [prefix, date = '', file = '', ...rest] = key.split('/');
  const edition = file.endsWith('.html') ? file.slice(0, -'.html'.length) : '';
  return prefix === 'archive' && rest.length === 0 && DATE.test(date) && EDITION.test(edition)
    ? { date, edition }
    : undefined;
}

/** Newest first; within a day, by edition id. */
export function newestFirst(a: ArchivedEdition, b: ArchivedEdition): number {
  return b.date.localeCompare(a.date) || a.edition.localeCompare(b.edition);
}
