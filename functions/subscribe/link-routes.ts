import type { Subscriber } from '../core/model';
import type { TokenPurpose } from '../core/tokens';
import { brandOf, type SubscribeDeps } from './deps';
import { editionChoices, parseEditionsForm } from './form';
import {
  ClientError,
  html,
  json,
  MAX_BODY_BYTES,
  readForm,
  securityHeaders,
  wantsJson,
  type HttpRequest,
  type HttpResponse,
} from './http';
import { maskEmail, messagePage, renderPage } from './pages';
import { deleteMe, exportData, saveEditions } from './preferences';
import { tokenFrom } from './tokens-in-query';
import { unsubscribe } from './unsubscribe';
import { sitePaths } from '../mail/public-urls';

/** The address a link's token names, or a clear 4xx: a link is never a reason for a 500. */
function addressOf(request: HttpRequest, purpose: TokenPurpose, deps: SubscribeDeps): { email: string; token: string } {
  const token = tokenFrom(request, deps);
  const check = deps.tokens.verify(token, purpose, deps.clock());
  if (check.ok) return { email: check.email, token };
  const brand = brandOf(deps).name;
  if (check.reason === 'expired')
    throw new ClientError(410, 'This link has expired', `Use the link in a more recent ${brand} email.`);
  throw new ClientError(
    400,
    'This link is not valid',
    `The link is incomplete or has been changed. Copy the whole link from a ${brand} email.`,
  );
}

/** GET /unsubscribe?token=: one button, no change (mail scanners follow links). */
export function getUnsubscribe(request: HttpRequest, deps: SubscribeDeps): HttpResponse {
  const { email, token } = addressOf(request, 'unsubscribe', deps);
  if (wantsJson(request)) return json(200, { action: 'POST this URL to unsubscribe' });
  return html(
    200,
    renderPage(
      'unsubscribe',
      'Unsubscribe',
      { maskedEmail: maskEmail(email), action: sitePaths.unsubscribe(token) },
      { brand: brandOf(deps) },
    ),
  );
}

/** POST /unsubscribe?token=: the button and RFC 8058 one-click; whatever the body, it unsubscribes. */
export async function postUnsubscribe(request: HttpRequest, deps: SubscribeDeps): Promise<HttpResponse> {
  if (request.body.length > MAX_BODY_BYTES)
    throw new ClientError(413, 'Too much data', `The request body is over ${MAX_BODY_BYTES} bytes.`);
  const { email } = addressOf(request, 'unsubscribe', deps);
  await unsubscribe(email, deps);
  return unsubscribed(request, deps);
}

/** What the one-click unsubscribe and the preferences page's button both answer. */
function unsubscribed(request: HttpRequest, deps: SubscribeDeps): HttpResponse {
  if (wantsJson(request)) return json(200, { status: 'unsubscribed' });
  return html(
    200,
    messagePage(
      {
        heading: 'You are unsubscribed',
        paragraphs: [
          `You will receive no more ${brandOf(deps).name} emails at this address. Changed your mind? Sign up again any time.`,
        ],
        link: { href: sitePaths.form(), text: 'Back to the signup form' },
      },
      brandOf(deps),
    ),
  );
}

const STATUS_LABELS: Record<Subscriber['status'], string> = {
  pending: 'waiting for its confirmation link to be opened',
  active: 'subscribed',
  unsubscribed: 'unsubscribed (saving editions does not resubscribe it)',
  suppressed: 'paused because mail to it bounced or was marked as spam',
  deleted: 'deleted',
};

async function subscriberOf(
  request: HttpRequest,
  deps: SubscribeDeps,
): Promise<{ subscriber: Subscriber; token: string }> {
  const { email, token } = addressOf(request, 'preferences', deps);
  const subscriber = await deps.subscribers.get(email);
  if (!subscriber || subscriber.status === 'deleted')
    throw new ClientError(
      410,
      'No subscription here',
      `The address of this link has been deleted. Sign up again to receive ${brandOf(deps).name}.`,
    );
  return { subscriber, token };
}

function preferencesPage(
  deps: SubscribeDeps,
  status: number,
  subscriber: Subscriber,
  token: string,
  extra: { notice?: string; editionsError?: string; editions?: string[] } = {},
): HttpResponse {
  const editions = editionChoices(deps.settings.editions, extra.editions ?? subscriber.editions);
  const [only] = editions;
  const view = {
    action: sitePaths.preferences(token),
    maskedEmail: maskEmail(subscriber.email),
    statusLabel: STATUS_LABELS[subscriber.status],
    // One edition is nothing to choose, as on the signup form: no box, unless its error must show or
    // the address is on none of it (its editions all retired) and needs the box to take it up.
    chooseEditions: editions.length > 1 || extra.editionsError !== undefined || only?.checked !== true,
    only,
    editions,
    notice: extra.notice,
    // Only an address still receiving mail has something to leave.
    canUnsubscribe: subscriber.status === 'active' || subscriber.status === 'pending',
    editionsError: extra.editionsError,
  };
  return html(
    status,
    renderPage('preferences', 'Your preferences', view, {
      hasErrors: extra.editionsError !== undefined,
      brand: brandOf(deps),
    }),
  );
}

export async function getPreferences(request: HttpRequest, deps: SubscribeDeps): Promise<HttpResponse> {
  const { subscriber, token } = await subscriberOf(request, deps);
  if (wantsJson(request)) return json(200, { status: subscriber.status, editions: subscriber.editions });
  return preferencesPage(deps, 200, subscriber, token);
}

/**
 * POST /preferences?token=: `action` is save (with `editions`), unsubscribe, export or delete. The
 * token in the URL is what a cross-site form cannot forge.
 */
export async function postPreferences(request: HttpRequest, deps: SubscribeDeps): Promise<HttpResponse> {
  const fields = readForm(request, false);
  const { subscriber, token } = await subscriberOf(request, deps);
  const actions = fields.get('action') ?? [];
  const action = actions.length === 1 ? actions[0] : undefined;
  if (action === 'save') {
    const chosen = parseEditionsForm(fields, deps.settings.editions);
    if (chosen.error) {
      if (wantsJson(request)) return json(400, { error: 'Invalid preferences', message: chosen.error });
      return preferencesPage(deps, 400, subscriber, token, { editionsError: chosen.error, editions: chosen.editions });
    }
    const updated = await saveEditions(subscriber, chosen.editions, deps);
    if (wantsJson(request)) return json(200, { status: updated.status, editions: updated.editions });
    return preferencesPage(deps, 200, updated, token, { notice: 'Your editions are saved.' });
  }
  if (action === 'unsubscribe') {
    await unsubscribe(subscriber.email, deps);
    return unsubscribed(request, deps);
  }
  if (action === 'export') {
    const data = await exportData(subscriber, deps);
    return {
      status: 200,
      headers: {
        ...securityHeaders('data'),
        'content-type': 'application/json; charset=utf-8',
        'content-disposition': 'attachment; filename="daybreak-my-data.json"',
      },
      body: `${JSON.stringify(data, null, 2)}\n`,
    };
  }
  if (action === 'delete') {
    await deleteMe(subscriber.email, deps);
    if (wantsJson(request)) return json(200, { status: 'deleted' });
    return html(
      200,
      messagePage(
        {
          heading: 'Your data is deleted',
          paragraphs: [
            'We erased your address, your editions and your consent record. Only a keyed one-way hash of the address remains (useless without our secret key), so it can never be imported and mailed again.',
          ],
        },
        brandOf(deps),
      ),
    );
  }
  throw new ClientError(
    400,
    'Unknown action',
    'Choose one of: save editions, unsubscribe, download my data, delete my data.',
  );
}
