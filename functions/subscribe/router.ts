import { archiveIndexPage, archivePage } from './archive';
import { CLICK_PATH, getClick } from './click-route';
import { brandOf, type SubscribeDeps } from './deps';
import { ClientError, html, json, wantsJson, type HttpRequest, type HttpResponse } from './http';
import { getPreferences, getUnsubscribe, postPreferences, postUnsubscribe } from './link-routes';
import { messagePage } from './pages';
import { getConfirm, postConfirm, postSubscribe, showForm } from './signup-routes';
import { PUBLIC_PATHS, sitePaths } from '../mail/public-urls';

type Route = (request: HttpRequest, deps: SubscribeDeps) => HttpResponse | Promise<HttpResponse>;

const ROUTES: Record<string, Partial<Record<'GET' | 'POST', Route>>> = {
  [PUBLIC_PATHS.form]: { GET: showForm },
  // A refreshed results page (or a shared link) GETs /subscribe: it gets the form again, not a 405.
  [PUBLIC_PATHS.subscribe]: { GET: showForm, POST: postSubscribe },
  [PUBLIC_PATHS.confirm]: { GET: getConfirm, POST: postConfirm },
  [PUBLIC_PATHS.unsubscribe]: { GET: getUnsubscribe, POST: postUnsubscribe },
  [PUBLIC_PATHS.preferences]: { GET: getPreferences, POST: postPreferences },
  [PUBLIC_PATHS.archiveIndex]: { GET: (_request, deps) => archiveIndexPage(deps) },
  [`${PUBLIC_PATHS.archiveIndex}/`]: { GET: (_request, deps) => archiveIndexPage(deps) },
};

const ARCHIVE = /^\/archive\/(\d{4}-\d{2}-\d{2})\/([a-z0-9-]{1,64})$/;

function find(request: HttpRequest): Route {
  const archive = ARCHIVE.exec(request.path);
  const click = CLICK_PATH.exec(request.path);
  const methods = archive
    ? {
        GET: (request: HttpRequest, deps: SubscribeDeps) =>
          archivePage(request, archive[1] ?? '', archive[2] ?? '', deps),
      }
    : click
      ? { GET: (r: HttpRequest, deps: SubscribeDeps) => getClick(r, deps, click) }
      : ROUTES[request.path];
  if (!methods) throw new ClientError(404, 'Page not found', 'There is no page at this address.');
  // HEAD is answered as GET; the body is dropped by whatever serves it.
  const method = request.method === 'HEAD' ? 'GET' : request.method;
  const route = method === 'GET' || method === 'POST' ? methods[method] : undefined;
  if (!route)
    throw new ClientError(405, 'Method not allowed', `This page answers ${Object.keys(methods).join(' and ')}.`, {
      allow: Object.keys(methods).join(', '),
    });
  return route;
}

/** Every request of the subscribe API: a 4xx for the client's mistakes, a plain 500 (logged) for ours. */
export async function route(request: HttpRequest, deps: SubscribeDeps): Promise<HttpResponse> {
  try {
    return await find(request)(request, deps);
  } catch (error) {
    if (error instanceof ClientError) {
      if (wantsJson(request)) return json(error.status, { error: error.title, message: error.message }, error.headers);
      return html(
        error.status,
        messagePage(
          {
            heading: error.title,
            paragraphs: [error.message],
            link: { href: sitePaths.form(), text: 'Go to the signup form' },
            alert: true,
          },
          brandOf(deps),
        ),
        error.headers,
      );
    }
    deps.log.error('request failed', {
      path: request.path,
      method: request.method,
      reason: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    });
    const message = 'Something went wrong on our side. Please try again in a few minutes.';
    if (wantsJson(request)) return json(500, { error: 'Server error', message });
    return html(
      500,
      messagePage({ heading: 'Sorry, that did not work', paragraphs: [message], alert: true }, brandOf(deps)),
    );
  }
}
