import { latestEdition } from './archive';
import { FORM_VERSION, networkOf } from './consent';
import { dayLabel } from '../core/dates';
import { sendTimeInWords } from './send-time';
import type { Subscriber } from '../core/model';
import { confirm, previewConfirmation, type ConfirmFailure } from './confirm';
import { brandOf, type SubscribeDeps } from './deps';
import { editionChoices, parseSignupForm, type FieldError } from './form';
import {
  ClientError,
  html,
  json,
  MAX_BODY_BYTES,
  readForm,
  wantsJson,
  type HttpRequest,
  type HttpResponse,
} from './http';
import { maskEmail, messagePage, renderPage } from './pages';
import { subscribe } from './subscribe';
import { tokenFrom } from './tokens-in-query';
import { sitePaths } from '../mail/public-urls';

async function formPage(
  deps: SubscribeDeps,
  status: number,
  view: { email?: string; editions?: string[]; errors?: FieldError[] },
): Promise<HttpResponse> {
  const errors = view.errors ?? [];
  const offered = deps.settings.editions;
  const chosen = view.editions ?? offered.map((e) => e.id);
  const editionsError = errors.find((e) => e.field === 'editions')?.message;
  const sample = await latestEdition(deps);
  const page = renderPage(
    'form',
    'Subscribe',
    {
      action: sitePaths.subscribe(),
      email: view.email ?? '',
      // One edition is subscribed to implicitly: no box with a single checkbox (unless it needs its error shown).
      chooseEditions: offered.length > 1 || editionsError !== undefined,
      schedule: offered.length === 1 && offered[0] ? sendTimeInWords(offered[0]) : undefined,
      editions: editionChoices(offered, chosen),
      sample: sample && { url: sample.url, label: dayLabel(sample.date, sample.edition.timezone) },
      archiveUrl: sitePaths.archiveIndex(),
      errors,
      emailError: errors.find((e) => e.field === 'email')?.message,
      editionsError,
    },
    { hasErrors: errors.length > 0, brand: brandOf(deps) },
  );
  return html(status, page);
}

export const showForm = (_request: HttpRequest, deps: SubscribeDeps): Promise<HttpResponse> => formPage(deps, 200, {});

const checkInbox = (brand: string) =>
  `If the address can receive ${brand}, a confirmation link is on its way. Open it to start your subscription; it expires in 48 hours.`;

/** POST /subscribe: the same answer for a new, pending or active address, and for a bot caught by the honeypot. */
export async function postSubscribe(request: HttpRequest, deps: SubscribeDeps): Promise<HttpResponse> {
  const asJson = wantsJson(request);
  const form = parseSignupForm(readForm(request, true), deps.settings.editions);
  if (!form.ok) {
    if (asJson)
      return json(400, {
        error: 'Invalid signup',
        message: form.errors.map((e) => e.message).join(' '),
        fields: form.errors,
      });
    return formPage(deps, 400, { email: form.email, editions: form.editions, errors: form.errors });
  }
  if (form.honeypot) {
    deps.log.info('signup dropped: honeypot filled', {});
  } else {
    // Counted before any lookup, so the answer still says nothing about who subscribes.
    const network = deps.tokens.keyedHash('network', networkOf(request.sourceIp));
    if (!(await deps.signups.allowSignupFrom(network, deps.clock(), deps.settings.maxSignupsPerNetworkPerHour))) {
      deps.log.warn('signup refused: too many from one network', { network });
      throw new ClientError(
        429,
        'Too many signups',
        'Too many signups have come from your network in the last hour. Please try again in an hour.',
        { 'retry-after': '3600' },
      );
    }
    await subscribe(
      {
        email: form.email,
        editions: form.editions,
        consent: {
          source: 'form',
          at: deps.clock().toISOString(),
          formVersion: FORM_VERSION,
          ipHash: deps.tokens.keyedHash('ip', request.sourceIp),
        },
      },
      deps,
    );
  }
  const message = checkInbox(brandOf(deps).name);
  if (asJson) return json(202, { status: 'check-your-inbox', message });
  return html(
    200,
    messagePage(
      {
        heading: 'Check your inbox',
        paragraphs: [message, 'Nothing there? Look in your spam folder, or sign up again in a few minutes.'],
      },
      brandOf(deps),
    ),
  );
}

/** Why a confirmation link did not work, in the words of the brand the link came from. */
const confirmFailures = (brand: string) =>
  ({
    invalid: {
      status: 400,
      title: 'This link is not valid',
      message:
        'The confirmation link is incomplete or has been changed. Copy the whole link from the email, or sign up again.',
    },
    expired: {
      status: 410,
      title: 'This link has expired',
      message: 'Confirmation links work for 48 hours. Sign up again and we will send a fresh one.',
    },
    used: {
      status: 409,
      title: 'This link has already been used',
      message: `Each confirmation link works once, and this address has left the list since. Sign up again to receive ${brand}.`,
    },
    gone: {
      status: 410,
      title: 'This subscription no longer exists',
      message: `The address was deleted after this link was sent. Sign up again to receive ${brand}.`,
    },
    suppressed: {
      status: 409,
      title: `${brand} is paused for this address`,
      message: `Mail to this address bounced or was marked as spam after this link was sent, so we stopped writing to it. To receive ${brand} again, ask its sender to lift the pause.`,
    },
  }) satisfies Record<ConfirmFailure, { status: number; title: string; message: string }>;

/** GET (and HEAD) /confirm?token=: one button, no change (mail scanners follow links). */
export async function getConfirm(request: HttpRequest, deps: SubscribeDeps): Promise<HttpResponse> {
  const token = tokenFrom(request, deps);
  const preview = await previewConfirmation(token, deps);
  if (!preview.ok) throw confirmFailure(preview.reason, deps);
  if (preview.state === 'subscribed') return subscribedPage(request, preview.subscriber, deps);
  if (wantsJson(request)) return json(200, { status: 'unconfirmed', action: 'POST this URL to confirm' });
  return html(
    200,
    renderPage(
      'confirm',
      'Confirm your subscription',
      {
        maskedEmail: maskEmail(preview.email),
        editions: editionTitles(preview.editions, deps).join(', '),
        token,
      },
      { brand: brandOf(deps) },
    ),
  );
}

/** POST /confirm?token=: the button; activates once, and answers "subscribed" again to its owner after that. */
export async function postConfirm(request: HttpRequest, deps: SubscribeDeps): Promise<HttpResponse> {
  if (request.body.length > MAX_BODY_BYTES)
    throw new ClientError(413, 'Too much data', `The request body is over ${MAX_BODY_BYTES} bytes.`);
  const outcome = await confirm(tokenFrom(request, deps), deps);
  if (!outcome.ok) throw confirmFailure(outcome.reason, deps);
  return subscribedPage(request, outcome.subscriber, deps);
}

function confirmFailure(reason: ConfirmFailure, deps: SubscribeDeps): ClientError {
  const failure = confirmFailures(brandOf(deps).name)[reason];
  return new ClientError(failure.status, failure.title, failure.message);
}

const editionTitles = (ids: string[], deps: SubscribeDeps) =>
  deps.settings.editions.filter((e) => ids.includes(e.id)).map((e) => e.title);

function subscribedPage(request: HttpRequest, subscriber: Subscriber, deps: SubscribeDeps): HttpResponse {
  if (wantsJson(request)) return json(200, { status: 'active', editions: subscriber.editions });
  const expires = new Date(deps.clock().getTime() + deps.settings.preferencesTokenDays * 86400_000);
  const preferencesUrl = sitePaths.preferences(deps.tokens.sign('preferences', subscriber.email, expires));
  return html(
    200,
    messagePage(
      {
        heading: 'You are subscribed',
        paragraphs: [
          `Thank you for confirming. ${editionTitles(subscriber.editions, deps).join(', ')} will arrive with the next edition.`,
        ],
        link: { href: preferencesUrl, text: 'Change your editions or manage your data' },
      },
      brandOf(deps),
    ),
  );
}
