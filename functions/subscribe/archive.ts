import { dateIn, dayLabel } from '../core/dates';
import { brandOf, type SubscribeDeps } from './deps';
import { ClientError, html, json, securityHeaders, wantsJson, type HttpRequest, type HttpResponse } from './http';
import { messagePage, renderPage } from './pages';
import { keptEditionPage } from '../mail/archive-page';
import { sitePaths } from '../mail/public-urls';

/** GET /archive/DATE/EDITION: the edition as mailed, with no one's personal links. */
export async function archivePage(
  request: HttpRequest,
  date: string,
  edition: string,
  deps: SubscribeDeps,
): Promise<HttpResponse> {
  const configured = deps.settings.editions.find((e) => e.id === edition);
  if (!configured) throw new ClientError(404, 'No such edition', `There is no edition called "${edition}".`);
  // An edition kept before the archive existed is still in the table.
  const page = (await deps.archive.get(date, edition)) ?? (await keptEdition(date, edition, deps));
  if (page === undefined) {
    // Named by its title and a reader's date; "yet" only where one may still come (today or later).
    const label = new Date(`${date}T12:00:00Z`).toLocaleDateString('en-GB', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    const pending = date >= dateIn(configured.timezone, deps.clock()) ? ' yet' : '';
    const heading = 'No such edition';
    const message = `There is no ${configured.title} edition for ${label}${pending}.`;
    if (wantsJson(request)) return json(404, { error: heading, message });
    const latest = await latestEdition(deps);
    const links = [
      { href: sitePaths.archiveIndex(), text: 'All past editions' },
      ...(latest
        ? [
            {
              href: latest.url,
              text: `The latest edition: ${latest.edition.title}, ${dayLabel(latest.date, latest.edition.timezone)}`,
            },
          ]
        : []),
    ];
    return html(404, messagePage({ heading, paragraphs: [message], links, alert: true }, brandOf(deps)));
  }
  return {
    status: 200,
    headers: { ...securityHeaders('archive'), 'content-type': 'text/html; charset=utf-8' },
    body: page,
  };
}

async function keptEdition(date: string, edition: string, deps: SubscribeDeps): Promise<string | undefined> {
  const rendered = await deps.editions.getRendered(date, edition);
  return rendered && keptEditionPage(rendered);
}

/** How many past editions the archive's index lists. */
const INDEX_LENGTH = 60;

/** The kept editions still configured (one no longer configured is not served either), newest first. */
export async function keptEditions(deps: SubscribeDeps, limit: number) {
  const editions = new Map(deps.settings.editions.map((e) => [e.id, e]));
  const kept = await deps.archive.list(limit);
  return kept.flatMap(({ date, edition }) => {
    const configured = editions.get(edition);
    return configured ? [{ date, edition: configured, url: sitePaths.archivePage(date, edition) }] : [];
  });
}

/** The newest kept edition, for "read a sample issue" and the missing-edition page. */
export async function latestEdition(deps: SubscribeDeps) {
  // A few beyond one, in case the newest were of an edition no longer configured.
  return (await keptEditions(deps, 5))[0];
}

/** GET /archive: the editions kept, newest first, each with its day, title and lead headlines, linking to its page. */
export async function archiveIndexPage(deps: SubscribeDeps): Promise<HttpResponse> {
  const listed = await keptEditions(deps, INDEX_LENGTH);
  const summaries = await deps.editions.summaries(listed.map(({ date, edition }) => ({ date, edition: edition.id })));
  const entries = listed.map(({ date, edition, url }) => {
    const summary = summaries.get(`${date}/${edition.id}`);
    return {
      url,
      title: edition.title,
      label: dayLabel(date, edition.timezone),
      headlines: summary ? leadHeadlines(summary, edition.title) : [],
    };
  });
  return html(
    200,
    renderPage(
      'archive-index',
      'Past editions',
      { editions: entries, formUrl: sitePaths.form() },
      { brand: brandOf(deps) },
    ),
  );
}

/** The headlines kept with the edition; one kept before them gives its subject's lead ("Title: Headline"). */
function leadHeadlines(summary: { headlines?: string[]; subject: string }, title: string): string[] {
  if (summary.headlines?.length) return summary.headlines;
  const prefix = `${title}: `;
  return summary.subject.startsWith(prefix) ? [summary.subject.slice(prefix.length)] : [];
}
