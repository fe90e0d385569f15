import { archivePage as pageOf } from '../core/archive/edition-archive';
import type { SubscribeDeps } from './deps';
import { ClientError, securityHeaders, type HttpResponse } from './http';

/** GET /archive/DATE/EDITION: the edition as mailed, with no one's personal links. */
export async function archivePage(date: string, edition: string, deps: SubscribeDeps): Promise<HttpResponse> {
  if (!deps.settings.editions.some((e) => e.id === edition)) throw new ClientError(404, 'No such edition', `There is no edition called "${edition}".`);
  // An edition kept before the archive existed is still in the table.
  const html = (await deps.archive.get(date, edition)) ?? (await keptEdition(date, edition, deps));
  if (html === undefined) throw new ClientError(404, 'No such edition', `There is no ${edition} edition for ${date} yet.`);
  return { status: 200, headers: { ...securityHeaders('archive'), 'content-type': 'text/html; charset=utf-8' }, body: html };
}

async function keptEdition(date: string, edition: string, deps: SubscribeDeps): Promise<string | undefined> {
  const rendered = await deps.editions.getRendered(date, edition);
  return rendered && pageOf(rendered);
}
