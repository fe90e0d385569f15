import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DaybreakConfig } from '../../functions/core/daybreak-config';
import type { EditionStore } from '../../functions/core/store/edition-store';
import { personalize } from '../../functions/core/personalize';
import { escapeHtml } from '../../functions/digest/templates';

/**
 * The local stack's web pages: a home page, and each edition's archive copy at
 * `/archive/YYYY-MM-DD/EDITION` (the rendered email without anyone's personal links).
 */
export function webApp(config: DaybreakConfig, editions: EditionStore, today: () => string) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const archive = /^\/archive\/(\d{4}-\d{2}-\d{2})\/([a-z0-9-]+)$/.exec(url.pathname);
    if (request.method === 'GET' && archive) {
      const rendered = await editions.getRendered(archive[1] ?? '', archive[2] ?? '');
      if (!rendered) return page(response, 404, 'No such edition', `<p>There is no edition ${escapeHtml(`${archive[2]} of ${archive[1]}`)} yet.</p>`);
      const html = personalize(rendered.html, { unsubscribeUrl: '/', preferencesUrl: '/' });
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
      return;
    }
    if (request.method === 'GET' && url.pathname === '/') {
      const links = config.editions.map((e) => `<li><a href="/archive/${today()}/${e.id}">${escapeHtml(e.title)}, today</a></li>`).join('');
      return page(response, 200, 'Daybreak', `<p>Your daily digest of the news, by email.</p><h2>Editions</h2><ul>${links}</ul>`);
    }
    return page(response, 404, 'Not found', '<p>There is no page here.</p>');
  };
}

function page(response: ServerResponse, status: number, title: string, body: string): void {
  response
    .writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:",
      'x-content-type-options': 'nosniff',
    })
    .end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head><body style="font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem"><h1>${escapeHtml(title)}</h1>${body}</body></html>`);
}
