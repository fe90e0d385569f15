import { dateIn, dayLabel } from '../core/dates';
import type { SubscribeDeps } from './deps';
import { ClientError, html, securityHeaders, type HttpResponse } from './http';
import { renderPage } from './pages';
import { keptEditionPage } from '../mail/archive-page';
import { sitePaths } from '../mail/public-urls';

/** GET /archive/DATE/EDITION: the edition as mailed, with no one's personal links. */
export async function archivePage(date: string, edition: string, deps: SubscribeDeps): Promise<HttpResponse> {
  const configured = deps.settings.editions.find((e) => e.id === edition);
  if (!configured) throw new ClientError(404, 'No such edition', `There is no edition called "${edition}".`);
  // An edition kept before the archive existed is still in the table.
  const html = (await deps.archive.get(date, edition)) ?? (await keptEdition(date, edition, deps));
  if (html === undefined) {
    // Named by its title and a reader's date; "yet" only where one may still come (today or later).
    const label = new Date(`${date}T12:00:00Z`).toLocaleDateString('en-GB', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    const pending = date >= dateIn(configured.timezone, deps.clock()) ? ' yet' : '';
    throw new ClientError(
      404,
      'No such edition',
      `There is no ${configured.title} edition for ${label}${pending}. Past editions are listed at ${sitePaths.archiveIndex()}.`,
    );
  }
  return {
    status: 200,
    headers: { ...securityHeaders('archive'), 'content-type': 'text/html; charset=utf-8' },
    body: html,
  };
}

async function keptEdition(date: string, edition: string, deps: SubscribeDeps): Promise<string | undefined> {
  const rendered = await deps.editions.getRendered(date, edition);
  return rendered && keptEditionPage(rendered);
}

/** How many past editions the archive's index lists. */
const INDEX_LENGTH = 60;

/** GET /archive: the editions kept, newest first, each linking to its page. */
export async function archiveIndexPage(deps: SubscribeDeps): Promise<HttpResponse> {
  const editions = new Map(deps.settings.editions.map((e) => [e.id, e]));
  const kept = await deps.archive.list(INDEX_LENGTH);
  const listed = kept.flatMap(({ date, edition }) => {
    const configured = editions.get(edition);
    // An edition no longer configured is not served either.
    return configured
      ? [
          {
            url: sitePaths.archivePage(date, edition),
            title: configured.title,
            label: dayLabel(date, configured.timezone),
          },
        ]
      : [];
  });
  return html(200, renderPage('archive-index', 'Past editions', { editions: listed, formUrl: sitePaths.form() }));
}
