import { personalize } from '../core/personalize';
import type { SubscribeDeps } from './deps';
import { ClientError, securityHeaders, type HttpResponse } from './http';

/** GET /archive/DATE/EDITION: the edition as mailed, with no one's personal links. */
export async function archivePage(date: string, edition: string, deps: SubscribeDeps): Promise<HttpResponse> {
  if (!deps.settings.editions.some((e) => e.id === edition)) throw new ClientError(404, 'No such edition', `There is no edition called "${edition}".`);
  const rendered = await deps.editions.getRendered(date, edition);
  if (!rendered) throw new ClientError(404, 'No such edition', `There is no ${edition} edition for ${date} yet.`);
  const html = personalize(rendered.html, { unsubscribeUrl: '/', preferencesUrl: '/' });
  return { status: 200, headers: { ...securityHeaders('archive'), 'content-type': 'text/html; charset=utf-8' }, body: html };
}
