import type { Subscriber } from '../core/model';
import type { SubscribeDeps } from './deps';

export type ConfirmFailure = 'invalid' | 'expired' | 'used' | 'gone' | 'suppressed';

/** What a confirmation link would do, found without changing anything (GET and HEAD). */
export type ConfirmPreview =
  | { ok: true; state: 'ready'; email: string; editions: string[] }
  | { ok: true; state: 'subscribed'; subscriber: Subscriber }
  | { ok: false; reason: ConfirmFailure };

export type ConfirmOutcome = { ok: true; subscriber: Subscriber } | { ok: false; reason: ConfirmFailure };

type LinkCheck =
  | { ok: true; email: string; nonce: string; recipient: string; existing: Subscriber }
  | { ok: false; reason: ConfirmFailure };

/** The link's signature, expiry and address, checked the same way for looking and for confirming. */
async function checkLink(token: string, deps: SubscribeDeps): Promise<LinkCheck> {
  const check = deps.tokens.verify(token, 'confirm', deps.clock());
  if (!check.ok) return { ok: false, reason: check.reason === 'expired' ? 'expired' : 'invalid' };
  if (!check.nonce) return { ok: false, reason: 'invalid' };
  const existing = await deps.subscribers.get(check.email);
  // Erased since the link was sent: the link must not bring the address back.
  if (!existing) return { ok: false, reason: 'gone' };
  // Mail to it bounced or was marked as spam after the link was sent: only the operator lifts that.
  if (existing.status === 'suppressed') return { ok: false, reason: 'suppressed' };
  return {
    ok: true,
    email: check.email,
    nonce: check.nonce,
    recipient: deps.tokens.fingerprint(check.email),
    existing,
  };
}

/** A link already used: its owner, still active, sees "subscribed" again; anyone else, a clear "used". */
const usedLink = (subscriber: Subscriber | undefined): ConfirmOutcome =>
  subscriber?.status === 'active' ? { ok: true, subscriber } : { ok: false, reason: 'used' };

/**
 * Says what a confirmation link would do, and changes nothing: mail scanners and link previews
 * open links (GET, HEAD), so only the button's POST confirms. A link already used by a subscriber
 * who is still active is simply "subscribed", not an error.
 */
export async function previewConfirmation(token: string, deps: SubscribeDeps): Promise<ConfirmPreview> {
  const link = await checkLink(token, deps);
  if (!link.ok) return link;
  const peek = await deps.signups.peekNonce(link.nonce, link.recipient);
  if (peek.state === 'unknown') return { ok: false, reason: 'invalid' };
  if (peek.state === 'used') {
    const used = usedLink(link.existing);
    return used.ok ? { ok: true, state: 'subscribed', subscriber: used.subscriber } : used;
  }
  return { ok: true, state: 'ready', email: link.email, editions: peek.pending.editions };
}

/**
 * Activates the address a confirmation link names, with the editions of the request that sent the
 * link. The link is used up last, by a conditional write, after the consent, the profile and the
 * erasure are written: each of those writes the same again when repeated, so a crash between any
 * two leaves the link unused, and opening it again finishes the work (no new link, no new mail).
 * Used again by a subscriber who is still active, it answers as the first time and writes nothing.
 */
export async function confirm(token: string, deps: SubscribeDeps): Promise<ConfirmOutcome> {
  const now = deps.clock();
  const link = await checkLink(token, deps);
  if (!link.ok) return link;
  const { email, nonce, recipient, existing } = link;
  const peek = await deps.signups.peekNonce(nonce, recipient);
  if (peek.state === 'unknown') return { ok: false, reason: 'invalid' };
  if (peek.state === 'used') return usedLink(existing);

  const at = now.toISOString();
  // Written whole: confirming clears any earlier bounce count along with the status.
  const subscriber: Subscriber = {
    email,
    status: 'active',
    editions: peek.pending.editions,
    createdAt: existing.createdAt,
    updatedAt: at,
  };
  // The consent first: a crash between the two writes leaves a consent record, never an active
  // subscriber without one.
  await deps.signups.putConsent(email, { ...peek.pending.consent, confirmedAt: at });
  await deps.subscribers.put(subscriber);
  await deps.signups.clearErased(email);
  const use = await deps.signups.consumeNonce(nonce, recipient, now);
  // Two clicks raced (a scanner and its owner): both wrote the same, the other used the link up.
  if (!use.ok)
    return use.reason === 'used' ? usedLink(await deps.subscribers.get(email)) : { ok: false, reason: 'invalid' };
  deps.log.info('subscriber confirmed', { recipient, prior: existing.status });
  return { ok: true, subscriber };
}
